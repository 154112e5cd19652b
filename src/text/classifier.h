// Ticket classification: which category (corpus.h, CategoryCodes) a
// customer's message is about, with fastText (a linear model over bags of
// features, softmax output).
//
// A message's features are its normalised text (normalizer.h) segmented by
// the tokenizer (tokenizer.h, with the built-in user dictionary): words and
// Chinese character bigrams, with identifiers replaced by their kind, so
// that numbers do not bloat the vocabulary:
//
//   "訂單O-000123三天了還沒發貨"  ->  "订单 <order> 三天 了 还 没 发货 天了 了还 还没 没发"
//
// Training is deterministic: one thread, a fixed seed, and examples put in
// an order that depends only on the seed and the set of examples.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "text/corpus.h"

namespace kefu::text {

struct Prediction {
  std::string label;
  double confidence = 0;  // the model's probability of `label`, in [0, 1]
};

// fastText's supervised training options. The defaults were chosen by
// 5-fold cross-validation within the training split of the built-in corpus
// (three fold assignments; never the held-out split): unigram features
// beat word bigrams by ~0.03 macro-F1, and dim 16-32, lr 0.5-1, 25-200
// epochs form a plateau (~0.87) from which the smallest and quickest
// configuration was taken.
struct TrainOptions {
  int epochs = 50;
  double learning_rate = 1.0;
  int dim = 16;         // size of the feature and label vectors
  int word_ngrams = 1;  // 1: bag of features; 2: adjacent pairs too (hashed)
  int bucket = 10000;   // hash buckets for word n-grams (ignored if word_ngrams is 1)
  int min_count = 1;    // features seen fewer times are dropped
  int seed = 1;
};

class Classifier {
 public:
  // Trains on `examples` (raw texts; featurised here). Examples with no
  // features are skipped. kInvalidArgument for options out of range, an
  // empty label or one with white space, or no usable example; kInternal
  // if fastText fails (e.g. diverges to NaN with a learning rate too high)
  // or its input file (fastText trains only from a file; a temporary one,
  // removed afterwards) cannot be written. Takes about a second for the
  // built-in corpus.
  static StatusOr<std::unique_ptr<Classifier>> Train(const std::vector<LabelledText>& examples,
                                                     const TrainOptions& options = {});
  // A model Save() wrote: a fastText 0.9 .bin of a supervised, softmax,
  // non-quantised model. The bytes are checked before fastText reads them
  // (its loader trusts them): kInvalidArgument for anything else, malformed,
  // truncated or inconsistent.
  static StatusOr<std::unique_ptr<Classifier>> Load(std::string_view model_bytes);
  ~Classifier();

  // The model in fastText's .bin format, byte for byte what fastText's own
  // saveModel writes (it writes only to files). Thread-safe.
  std::string Save() const;

  // The labels the model knows, most frequent in training first.
  std::vector<std::string> Labels() const;

  // The k (>= 1) most likely labels of a raw message, best first. Empty if
  // k < 1 or the message has no features (e.g. only punctuation).
  // Thread-safe: may run on many threads at once.
  std::vector<Prediction> Predict(std::string_view raw_text, int k = 3) const;
  // The same for text that is already featurised (Features()); new lines
  // count as spaces.
  std::vector<Prediction> PredictFeatures(std::string_view features, int k) const;

  // The features of a raw message, separated by single spaces: tokens of
  // the normalised text, identifiers as "<order>", "<ticket>", "<phone>",
  // "<tracking>", "<amount>" and "<number>". Thread-safe.
  static std::string Features(std::string_view raw_text);

 private:
  class Model;  // fastText's model (classifier.cc)
  explicit Classifier(std::unique_ptr<Model> model);
  std::unique_ptr<Model> model_;  // constant after construction
};

// The classifier trained on the training part of the built-in corpus
// (SplitCorpus(BuiltInCorpus()).train) with default options, trained on
// first use (once per process; about a second). Aborts the process with a
// message if training fails (a build or installation error).
const Classifier& BuiltInClassifier();

struct ClassMetrics {
  std::string label;
  double precision = 0;
  double recall = 0;
  double f1 = 0;
  int support = 0;  // examples of this label in the test set
};

struct Evaluation {
  // Every label of the test set or of a prediction: taxonomy order, then
  // others by name.
  std::vector<ClassMetrics> classes;
  double macro_f1 = 0;  // mean f1 of `classes`
  double accuracy = 0;  // top-1
  int examples = 0;
};

// Top-1 predictions of `classifier` on `test`, scored against its labels
// (a text without features, hence without a prediction, counts as a miss).
Evaluation Evaluate(const Classifier& classifier, const std::vector<LabelledText>& test);

// A markdown table, one row a class, then macro-F1 and accuracy.
std::string EvaluationMarkdown(const Evaluation& e);

}  // namespace kefu::text
