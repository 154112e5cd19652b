// Internal to the training service (training_*.cc): typed access to
// training records and shared checks. Not for other modules.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "service/training_service.h"
#include "training/training_json.h"

namespace kefu::training_records {

// A record read with its version, for a later Update.
template <typename T>
struct Versioned {
  T value;
  int64_t version = 0;
};

// Record keys (see training_service.h).
struct Key {
  std::string owner, ref, status;
};

Status Insert(Store& s, Txn& txn, const char* kind, const std::string& id, const Key& k,
              const training::ojson& body, Timestamp now);
Status Update(Store& s, Txn& txn, const char* kind, const std::string& id, const Key& k,
              const training::ojson& body, int64_t expected_version, Timestamp now);
// Inserts, or updates whatever version is stored (upsert, for scores).
Status Put(Store& s, Txn& txn, const char* kind, const std::string& id, const Key& k,
           const training::ojson& body, Timestamp now);
// Every record matching `f` (all pages), in the filter's order.
StatusOr<std::vector<TrainingRecord>> ListAll(Store& s, Txn& txn, TrainingFilter f);

StatusOr<Versioned<training::Paper>> GetPaper(Store& s, Txn& txn, const std::string& id);
StatusOr<Versioned<training::ExamSpec>> GetExam(Store& s, Txn& txn, const std::string& id);
StatusOr<Versioned<training::Attempt>> GetAttempt(Store& s, Txn& txn, const std::string& id);
StatusOr<Versioned<training::Interview>> GetInterview(Store& s, Txn& txn, const std::string& id);
StatusOr<std::vector<training::Question>> QuestionsOfPaper(Store& s, Txn& txn, const training::Paper& p);
// The bank's questions an exam's sections can draw from: those of the
// sections' types (and papers, where a section names one). The rules
// (training::DrawPaper) match tags; this only avoids reading the rest.
StatusOr<std::vector<training::Question>> BankFor(Store& s, Txn& txn, const training::ExamSpec& e);
StatusOr<std::map<std::string, training::Question>> QuestionsByIds(Store& s, Txn& txn,
                                                                   const std::vector<std::string>& ids);
StatusOr<std::vector<training::Certificate>> CertificatesOf(Store& s, Txn& txn, const std::string& login);
StatusOr<std::vector<Assignment>> AssignmentsOf(Store& s, Txn& txn, const std::string& login);
training::ojson ToJson(const Assignment& a);
StatusOr<Assignment> AssignmentFromJson(const std::string& body);

// A new id "<kind>-000123" from the store's sequence for `kind`.
StatusOr<std::string> NewId(Store& s, Txn& txn, char kind);

Status Audit(Store& s, Txn& txn, const Actor& a, const std::string& action, const std::string& object,
             const training::ojson& detail, Timestamp now);

// Leads, managers and admins train; customers reach nothing here.
Status CheckTrainer(const Actor& a, std::string_view action);
Status CheckStaffOnly(const Actor& a);
// The user exists, is active and is staff: kValidation naming `field`.
Status CheckStaffLogin(Store& s, Txn& txn, const std::string& login, const std::string& field);

// Pointers into `m` by id, as the training rules take them.
std::map<std::string, const training::Question*> Pointers(const std::map<std::string, training::Question>& m);

}  // namespace kefu::training_records
