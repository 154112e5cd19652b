// JSON forms of the training records, as the store keeps them (bodies of
// Store training records) and as the API shows them to staff who may see
// everything. Readers take what the writers wrote: kInternal for a body
// that does not parse (a damaged record), never an exception.
//
// Request bodies are read strictly (unknown fields refused) by the API's
// training codec (api/training_codec.h), not here.
#pragma once

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "training/bank.h"
#include "training/exam.h"
#include "training/grading.h"
#include "training/interview.h"

namespace kefu::training {

using ojson = nlohmann::ordered_json;

ojson ToJson(const Question& q);
ojson ToJson(const Paper& p);
ojson ToJson(const ExamSpec& e);
ojson ToJson(const Attempt& a);
ojson ToJson(const Certificate& c);
ojson ToJson(const Interview& i);
ojson ToJson(const InterviewScore& s);
ojson ToJson(const InterviewVerdict& v);
ojson ToJson(const InterviewReport& r);
ojson ToJson(const KeyPoint& k);
ojson ToJson(const ItemStat& s);

StatusOr<Question> QuestionFromJson(const std::string& body);
StatusOr<Paper> PaperRecordFromJson(const std::string& body);
StatusOr<ExamSpec> ExamSpecFromJson(const std::string& body);
StatusOr<Attempt> AttemptFromJson(const std::string& body);
StatusOr<Certificate> CertificateFromJson(const std::string& body);
StatusOr<Interview> InterviewFromJson(const std::string& body);
StatusOr<InterviewScore> InterviewScoreFromJson(const std::string& body);
StatusOr<InterviewVerdict> InterviewVerdictFromJson(const std::string& body);

// Answers in the API's form: {"letters": ["A"]} | {"value": true} |
// {"text": "..."}; an item never answered is null.
ojson ToJson(const Answer& a);

// A question's key in the API's form (as paper_json.h): a letter for a
// single choice, a list of letters for a multiple choice, a boolean for
// true/false, text otherwise, null if none.
ojson KeyJson(const Question& q);

}  // namespace kefu::training
