#include "text/classifier.h"

#include <fasttext/fasttext.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <istream>
#include <map>
#include <random>
#include <sstream>
#include <streambuf>

#include "text/normalizer.h"
#include "text/tokenizer.h"

namespace kefu::text {

// fastText, with its model-file signature check (protected) made callable.
class Classifier::Model : public fasttext::FastText {
 public:
  using fasttext::FastText::checkModel;
};

namespace {

constexpr std::string_view kLabelPrefix = "__label__";  // fastText's default
constexpr int32_t kFileMagic = 793712314;               // FASTTEXT_FILEFORMAT_MAGIC_INT32
constexpr int32_t kFileVersion = 12;                    // FASTTEXT_VERSION of 0.9.x

// The tokenizer of Features: the built-in user dictionary, created once.
const Tokenizer& FeatureTokenizer() {
  static const Tokenizer* t = [] {
    auto made = Tokenizer::Create(Tokenizer::BuiltInUserWords());
    if (!made.ok()) {
      std::fprintf(stderr, "kefu: %s\n", made.status().ToString().c_str());
      std::abort();
    }
    return made->release();
  }();
  return *t;
}

// An input stream buffer over bytes that outlive it (no copy).
class ViewBuf : public std::streambuf {
 public:
  explicit ViewBuf(std::string_view s) {
    char* p = const_cast<char*>(s.data());  // only read
    setg(p, p, p + s.size());
  }
};

// Reads of model bytes, bounds-checked, in native byte order (as fastText
// writes them).
class ByteReader {
 public:
  explicit ByteReader(std::string_view b) : b_(b) {}
  template <typename T>
  bool Read(T& v) {
    if (b_.size() - pos_ < sizeof(T)) return false;
    std::memcpy(&v, b_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return true;
  }
  // Skips `count` floats; false if there are fewer or one is not finite.
  bool SkipFiniteFloats(uint64_t count) {
    if ((b_.size() - pos_) / sizeof(float) < count) return false;
    for (uint64_t i = 0; i < count; ++i) {
      float f;
      std::memcpy(&f, b_.data() + pos_ + i * sizeof(float), sizeof(float));
      if (!std::isfinite(f)) return false;
    }
    pos_ += count * sizeof(float);
    return true;
  }
  bool SkipCString() {
    size_t z = b_.find('\0', pos_);
    if (z == std::string_view::npos) return false;
    pos_ = z + 1;
    return true;
  }
  bool AtEnd() const { return pos_ == b_.size(); }

 private:
  std::string_view b_;
  size_t pos_ = 0;
};

Status BadModel(const std::string& what) {
  return InvalidArgument("bad_model", "not a classifier model: " + what);
}

// Walks the layout fastText 0.9.2 saves (FastText::saveModel: signature,
// Args, Dictionary, input matrix, output matrix) and checks what fastText's
// loader trusts blindly: a truncated or inconsistent file would make it
// loop forever, allocate without bound or index out of bounds later.
Status CheckModelBytes(std::string_view bytes) {
  ByteReader r(bytes);
  int32_t magic = 0, version = 0;
  if (!r.Read(magic) || magic != kFileMagic) return BadModel("no fastText signature");
  if (!r.Read(version) || version != kFileVersion) return BadModel("unsupported fastText version");
  int32_t dim, ws, epoch, min_count, neg, word_ngrams, loss, model, bucket, minn, maxn, lr_rate;
  double t;
  for (int32_t* v : {&dim, &ws, &epoch, &min_count, &neg, &word_ngrams, &loss, &model, &bucket,
                     &minn, &maxn, &lr_rate}) {
    if (!r.Read(*v)) return BadModel("truncated options");
  }
  if (!r.Read(t)) return BadModel("truncated options");
  if (model != static_cast<int32_t>(fasttext::model_name::sup)) return BadModel("not supervised");
  if (loss != static_cast<int32_t>(fasttext::loss_name::softmax)) return BadModel("not softmax");
  if (dim < 1 || dim > 10000 || word_ngrams < 1 || word_ngrams > 100 || bucket < 0 || minn < 0 ||
      maxn < 0 || maxn > 100 || ((word_ngrams > 1 || maxn > 0) && bucket == 0)) {
    return BadModel("bad options");
  }
  int32_t size, nwords, nlabels;
  int64_t ntokens, pruneidx_size;
  if (!r.Read(size) || !r.Read(nwords) || !r.Read(nlabels) || !r.Read(ntokens) ||
      !r.Read(pruneidx_size)) {
    return BadModel("truncated dictionary");
  }
  // fastText indexes input rows (words, then buckets) with int32.
  if (nwords < 0 || nlabels < 1 || int64_t{size} != int64_t{nwords} + nlabels ||
      int64_t{nwords} + bucket > INT32_MAX) {
    return BadModel("bad dictionary sizes");
  }
  if (pruneidx_size != -1) return BadModel("pruned (quantised) dictionary");
  for (int32_t i = 0; i < size; ++i) {
    int64_t count;
    int8_t type;
    if (!r.SkipCString() || !r.Read(count) || !r.Read(type)) {
      return BadModel("truncated dictionary");
    }
    if (type != (i < nwords ? 0 : 1)) return BadModel("bad dictionary entry");
  }
  // Input rows: words, then hash buckets; output rows: labels.
  for (int64_t rows : {int64_t{nwords} + bucket, int64_t{nlabels}}) {
    uint8_t quantised;
    int64_t m, n;
    if (!r.Read(quantised) || quantised != 0) return BadModel("quantised matrix");
    if (!r.Read(m) || !r.Read(n) || m != rows || n != dim) return BadModel("bad matrix shape");
    static_assert(sizeof(fasttext::real) == sizeof(float));
    if (!r.SkipFiniteFloats(static_cast<uint64_t>(m) * static_cast<uint64_t>(n))) {
      return BadModel("truncated matrix or non-finite weights");
    }
  }
  return r.AtEnd() ? OkStatus() : BadModel("trailing bytes");
}

Status CheckOptions(const TrainOptions& o) {
  if (o.epochs < 1 || o.epochs > 10000 || !(o.learning_rate > 0 && o.learning_rate <= 10) ||
      o.dim < 1 || o.dim > 1000 || o.word_ngrams < 1 || o.word_ngrams > 5 || o.bucket < 0 ||
      o.bucket > 10'000'000 || (o.word_ngrams > 1 && o.bucket == 0) || o.min_count < 1) {
    return InvalidArgument("bad_train_options", "classifier training options out of range");
  }
  return OkStatus();
}

bool ValidModelLabel(std::string_view label) {
  return !label.empty() &&
         label.find_first_of(std::string_view(" \t\n\v\f\r\0", 7)) == std::string_view::npos;
}

// A file in the temporary directory, removed when this goes away.
class TempFile {
 public:
  ~TempFile() {
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  Status Write(const std::string& content) {
    std::error_code ec;
    std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
    if (ec) dir = "/tmp";
    std::string pattern = (dir / "kefu-train-XXXXXX").string();
    int fd = ::mkstemp(pattern.data());
    if (fd < 0) return Internal("cannot create a temporary training file " + pattern);
    path_ = pattern;
    for (size_t done = 0; done < content.size();) {
      ssize_t n = ::write(fd, content.data() + done, content.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        ::close(fd);
        return Internal("cannot write the temporary training file " + path_);
      }
      done += static_cast<size_t>(n);
    }
    return ::close(fd) == 0 ? OkStatus() : Internal("cannot write " + path_);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// fastText's training input: one "__label__<label> <features>" line an
// example, sorted, then shuffled with `seed` (an order that does not depend
// on the order of `examples`; SGD needs the classes interleaved).
StatusOr<std::string> TrainingText(const std::vector<LabelledText>& examples, int seed) {
  std::vector<std::string> lines;
  for (const auto& e : examples) {
    if (!ValidModelLabel(e.label)) {
      return InvalidArgument("bad_label", "label \"" + e.label + "\" is empty or has white space");
    }
    std::string features = Classifier::Features(e.text);
    if (features.empty()) continue;
    lines.push_back(std::string(kLabelPrefix) + e.label + " " + features + "\n");
  }
  if (lines.empty()) return InvalidArgument("no_examples", "no example to train on");
  std::sort(lines.begin(), lines.end());
  std::mt19937_64 rng(static_cast<uint64_t>(seed));
  for (size_t i = lines.size() - 1; i > 0; --i) std::swap(lines[i], lines[rng() % (i + 1)]);
  std::string text;
  for (const auto& l : lines) text += l;
  return text;
}

}  // namespace

Classifier::Classifier(std::unique_ptr<Model> model) : model_(std::move(model)) {}
Classifier::~Classifier() = default;

std::string Classifier::Features(std::string_view raw_text) {
  std::string norm = DefaultNormalizer().Normalize(raw_text);
  std::string out;
  for (const Token& t : FeatureTokenizer().Tokenize(norm)) {
    if (!out.empty()) out += ' ';
    if (t.kind == TokenKind::kWord || t.kind == TokenKind::kBigram) {
      out += t.text;
    } else {
      out += '<';
      out += ToString(t.kind);
      out += '>';
    }
  }
  return out;
}

StatusOr<std::unique_ptr<Classifier>> Classifier::Train(const std::vector<LabelledText>& examples,
                                                        const TrainOptions& options) {
  KEFU_RETURN_IF_ERROR(CheckOptions(options));
  KEFU_ASSIGN_OR_RETURN(std::string text, TrainingText(examples, options.seed));
  TempFile file;
  KEFU_RETURN_IF_ERROR(file.Write(text));
  fasttext::Args args;
  args.input = file.path();
  args.model = fasttext::model_name::sup;
  args.loss = fasttext::loss_name::softmax;
  args.epoch = options.epochs;
  args.lr = options.learning_rate;
  args.dim = options.dim;
  args.wordNgrams = options.word_ngrams;
  args.bucket = options.word_ngrams > 1 ? options.bucket : 0;  // unused for unigrams
  args.minCount = options.min_count;
  args.minCountLabel = 0;
  args.minn = 0;  // no character n-grams: the features have bigrams already
  args.maxn = 0;
  args.thread = 1;  // deterministic
  args.seed = options.seed;
  args.verbose = 0;
  auto model = std::make_unique<Model>();
  try {
    model->train(args);
  } catch (const std::invalid_argument& e) {
    return InvalidArgument("bad_training_data", std::string("fastText: ") + e.what());
  } catch (const std::exception& e) {
    return Internal(std::string("fastText training failed: ") + e.what());
  } catch (...) {
    return Internal("fastText training failed");
  }
  return std::unique_ptr<Classifier>(new Classifier(std::move(model)));
}

StatusOr<std::unique_ptr<Classifier>> Classifier::Load(std::string_view model_bytes) {
  KEFU_RETURN_IF_ERROR(CheckModelBytes(model_bytes));
  auto model = std::make_unique<Model>();
  try {
    ViewBuf buf(model_bytes);
    std::istream in(&buf);
    in.exceptions(std::ios::failbit | std::ios::badbit);
    if (!model->checkModel(in)) return BadModel("signature");
    model->loadModel(in);
  } catch (const std::exception& e) {
    return BadModel(e.what());
  } catch (...) {
    return BadModel("fastText could not load it");
  }
  return std::unique_ptr<Classifier>(new Classifier(std::move(model)));
}

std::string Classifier::Save() const {
  // FastText::saveModel, which writes only to a named file, to memory.
  std::ostringstream out(std::ios::binary);
  out.write(reinterpret_cast<const char*>(&kFileMagic), sizeof(kFileMagic));
  out.write(reinterpret_cast<const char*>(&kFileVersion), sizeof(kFileVersion));
  fasttext::Args args = model_->getArgs();
  args.save(out);
  model_->getDictionary()->save(out);
  bool quantised = false;
  out.write(reinterpret_cast<const char*>(&quantised), sizeof(quantised));
  model_->getInputMatrix()->save(out);
  out.write(reinterpret_cast<const char*>(&quantised), sizeof(quantised));  // args.qout
  model_->getOutputMatrix()->save(out);
  return std::move(out).str();
}

std::vector<std::string> Classifier::Labels() const {
  auto dict = model_->getDictionary();
  std::vector<std::string> labels;
  for (int32_t i = 0; i < dict->nlabels(); ++i) {
    labels.push_back(dict->getLabel(i).substr(kLabelPrefix.size()));
  }
  return labels;
}

std::vector<Prediction> Classifier::Predict(std::string_view raw_text, int k) const {
  return PredictFeatures(Features(raw_text), k);
}

std::vector<Prediction> Classifier::PredictFeatures(std::string_view features, int k) const {
  if (k < 1 || features.find_first_not_of(" \t\r\n") == std::string_view::npos) return {};
  // fastText stops a line at '\n' and adds its end-of-sentence token, as
  // it did for every training line.
  std::string line(features);
  std::replace(line.begin(), line.end(), '\n', ' ');
  line += '\n';
  std::vector<std::pair<fasttext::real, std::string>> raw;
  try {
    // Const; per-call state (Model::State): safe on many threads.
    ViewBuf buf(line);
    std::istream in(&buf);
    model_->predictLine(in, raw, k, 0.0);
  } catch (...) {
    return {};
  }
  std::vector<Prediction> out;
  for (auto& [p, label] : raw) {
    if (label.starts_with(kLabelPrefix)) label.erase(0, kLabelPrefix.size());
    double confidence = std::isnan(p) ? 0.0 : std::clamp(static_cast<double>(p), 0.0, 1.0);
    out.push_back(Prediction{std::move(label), confidence});
  }
  std::stable_sort(out.begin(), out.end(), [](const Prediction& a, const Prediction& b) {
    return a.confidence > b.confidence;
  });
  return out;
}

const Classifier& BuiltInClassifier() {
  static const Classifier* c = [] {
    auto trained = Classifier::Train(SplitCorpus(BuiltInCorpus()).train);
    if (!trained.ok()) {
      std::fprintf(stderr, "kefu: cannot train the built-in classifier: %s\n",
                   trained.status().ToString().c_str());
      std::abort();
    }
    return trained->release();
  }();
  return *c;
}

namespace {

// Taxonomy order, then other labels by name.
bool LabelBefore(const std::string& a, const std::string& b) {
  auto codes = CategoryCodes();
  auto ia = std::find(codes.begin(), codes.end(), a) - codes.begin();
  auto ib = std::find(codes.begin(), codes.end(), b) - codes.begin();
  return ia != ib ? ia < ib : a < b;
}

double Ratio(int num, int den) { return den == 0 ? 0.0 : static_cast<double>(num) / den; }

}  // namespace

Evaluation Evaluate(const Classifier& classifier, const std::vector<LabelledText>& test) {
  struct Counts {
    int tp = 0, fp = 0, fn = 0;
  };
  std::map<std::string, Counts> counts;
  int correct = 0;
  for (const auto& e : test) {
    auto top = classifier.Predict(e.text, 1);
    std::string got = top.empty() ? "" : top[0].label;
    if (got == e.label) {
      ++counts[e.label].tp;
      ++correct;
      continue;
    }
    ++counts[e.label].fn;
    if (!got.empty()) ++counts[got].fp;
  }
  Evaluation ev;
  ev.examples = static_cast<int>(test.size());
  ev.accuracy = Ratio(correct, ev.examples);
  for (const auto& [label, c] : counts) {
    ClassMetrics m;
    m.label = label;
    m.precision = Ratio(c.tp, c.tp + c.fp);
    m.recall = Ratio(c.tp, c.tp + c.fn);
    m.f1 = m.precision + m.recall > 0 ? 2 * m.precision * m.recall / (m.precision + m.recall) : 0;
    m.support = c.tp + c.fn;
    ev.classes.push_back(m);
    ev.macro_f1 += m.f1;
  }
  if (!ev.classes.empty()) ev.macro_f1 /= static_cast<double>(ev.classes.size());
  std::sort(ev.classes.begin(), ev.classes.end(), [](const ClassMetrics& a, const ClassMetrics& b) {
    return LabelBefore(a.label, b.label);
  });
  return ev;
}

std::string EvaluationMarkdown(const Evaluation& e) {
  std::string out =
      "| class | precision | recall | F1 | support |\n"
      "|---|---:|---:|---:|---:|\n";
  char row[256];
  for (const auto& c : e.classes) {
    std::snprintf(row, sizeof(row), "| `%s` | %.3f | %.3f | %.3f | %d |\n", c.label.c_str(),
                  c.precision, c.recall, c.f1, c.support);
    out += row;
  }
  std::snprintf(row, sizeof(row), "\nMacro-F1 %.3f, accuracy %.3f (%d examples).\n", e.macro_f1,
                e.accuracy, e.examples);
  return out + row;
}

}  // namespace kefu::text
