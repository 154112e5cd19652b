#include "service/classification.h"

#include <nlohmann/json.hpp>

#include "core/access.h"

namespace kefu {

namespace {
constexpr const char* kModelName = "category";
}  // namespace

StatusOr<TrainingReport> ClassificationService::Train(const Actor& a) {
  if (a.role != Role::kManager && a.role != Role::kAdmin) {
    return PermissionDenied("only managers and admins train the classifier");
  }
  text::CorpusSplit split = text::SplitCorpus(text::BuiltInCorpus());
  std::vector<text::LabelledText> examples = split.train;
  TrainingReport report;
  report.corpus_examples = static_cast<int>(examples.size());
  {
    KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
    KEFU_ASSIGN_OR_RETURN(auto labels, store_.ListCategoryLabels(*txn));
    for (auto& [category, text] : labels) {
      if (!text::ValidateLabel(category).ok()) continue;  // a category no longer in the taxonomy
      examples.push_back({category, text});
      ++report.agent_labels;
    }
  }
  // Training takes about a second: outside any transaction.
  KEFU_ASSIGN_OR_RETURN(auto model, text::Classifier::Train(examples));
  report.evaluation = text::Evaluate(*model, split.test);
  report.trained_at = clock_.Now();
  nlohmann::json meta{{"corpus_examples", report.corpus_examples},
                      {"agent_labels", report.agent_labels},
                      {"macro_f1", report.evaluation.macro_f1},
                      {"accuracy", report.evaluation.accuracy},
                      {"trained_by", a.login}};
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  KEFU_RETURN_IF_ERROR(store_.PutModel(*txn, kModelName, model->Save(), meta.dump(), report.trained_at));
  KEFU_RETURN_IF_ERROR(store_.AppendAudit(*txn, {report.trained_at, a.login, "classifier.train",
                                                 kModelName, meta.dump()}));
  KEFU_ASSIGN_OR_RETURN(int64_t seq, store_.LatestModelSeq(*txn, kModelName));
  KEFU_RETURN_IF_ERROR(txn->Commit());
  std::lock_guard<std::mutex> l(mu_);
  text_.UseClassifier(std::shared_ptr<const text::Classifier>(std::move(model)),
                      "stored-" + std::to_string(seq));
  loaded_seq_ = seq;
  report.model = "stored-" + std::to_string(seq);
  return report;
}

Status ClassificationService::LoadStoredClassifier() {
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(int64_t seq, store_.LatestModelSeq(*txn, kModelName));
  if (seq == 0) return OkStatus();
  KEFU_ASSIGN_OR_RETURN(auto stored, store_.LatestModel(*txn, kModelName));
  KEFU_ASSIGN_OR_RETURN(auto model, text::Classifier::Load(stored.first));
  std::lock_guard<std::mutex> l(mu_);
  if (seq <= loaded_seq_) return OkStatus();  // a newer one was loaded meanwhile
  text_.UseClassifier(std::shared_ptr<const text::Classifier>(std::move(model)),
                      "stored-" + std::to_string(seq));
  loaded_seq_ = seq;
  return OkStatus();
}

StatusOr<int> ClassificationService::PickUpNewerModel() {
  int64_t latest = 0;
  {
    KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
    KEFU_ASSIGN_OR_RETURN(latest, store_.LatestModelSeq(*txn, kModelName));
  }
  {
    std::lock_guard<std::mutex> l(mu_);
    if (latest <= loaded_seq_) return 0;
  }
  KEFU_RETURN_IF_ERROR(LoadStoredClassifier());
  return 1;
}

}  // namespace kefu
