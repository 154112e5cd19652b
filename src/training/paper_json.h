// A parsed paper as JSON (the API's preview and the JSON import/export
// format, docs/api.md §12):
//   {"title": "...",
//    "sections": [{"type": "single_choice", "title": "...", "points_each": 2,
//                  "count": 10,
//                  "questions": [{"number": 1, "stem": "...",
//                                 "options": {"A": "...", "B": "..."},
//                                 "key": "C" | ["A","B"] | true | "text" | null,
//                                 "explanation": "...", "points": 2,
//                                 "competencies": ["领导力"]}]}],
//    "problems": [{"line": 12, "code": "missing_key", "message": "..."}]}
// `options` is {} and `competencies` [] when there are none.
#pragma once

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "training/paper_parser.h"

namespace kefu::training {

nlohmann::ordered_json PaperToJson(const ParsedPaper& p);

// The JSON form back into a paper (for JSON import): kValidation naming the
// first member that is missing, of the wrong type or unknown (a key that
// does not fit the type, an unknown type code, a letter not among the
// options). `problems` in the input is ignored.
StatusOr<ParsedPaper> PaperFromJson(const nlohmann::json& j);

}  // namespace kefu::training
