// Training the ticket classifier (text/classifier.h) from the built-in
// corpus and the labels agents give tickets by choosing their category
// (Store::PutCategoryLabel), then storing and using the new model.
//
// The training set is the training part of the built-in corpus plus every
// agent label; the model is evaluated on the corpus' held-out part, which
// is fixed (text/corpus.h SplitCorpus), so reports are comparable. The
// model is stored as "category" (Store::PutModel); a node uses the latest
// stored model from its start (LoadStoredClassifier), and the node that
// trained it at once.
#pragma once

#include <mutex>

#include "common/time.h"
#include "core/model.h"
#include "service/text_service.h"
#include "store/store.h"

namespace kefu {

struct TrainingReport {
  int corpus_examples = 0;  // from the built-in corpus' training part
  int agent_labels = 0;     // from agents' category choices
  text::Evaluation evaluation;  // on the held-out part
  Timestamp trained_at;
  std::string model;  // the name it is used by ("stored-<seq>")
};

class ClassificationService {
 public:
  ClassificationService(Store& store, Clock& clock, TextService& text)
      : store_(store), clock_(clock), text_(text) {}

  // Managers and admins (kPermissionDenied otherwise). Audited as
  // "classifier.train".
  StatusOr<TrainingReport> Train(const Actor& a);

  // Makes `text` use the latest stored model; OK and no change when none is
  // stored; an error for a stored model that cannot be read.
  Status LoadStoredClassifier();
  // LoadStoredClassifier when a model newer than the one in use was stored
  // (by another node); returns 1 if it loaded one. A scheduler job.
  StatusOr<int> PickUpNewerModel();

 private:
  Store& store_;
  Clock& clock_;
  TextService& text_;
  std::mutex mu_;
  int64_t loaded_seq_ = 0;  // guarded by mu_: the stored model in use (0: built-in)
};

}  // namespace kefu
