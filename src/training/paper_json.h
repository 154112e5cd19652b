// A parsed paper as JSON (the API's preview and the JSON import/export
// format, docs/api.md §12):
//   {"title": "...",
//    "sections": [{"type": "single_choice", "title": "...", "points_each": 2,
//                  "count": 10,
//                  "questions": [{"number": 1, "stem": "...",
//                                 "options": {"A": "...", "B": "..."},
//                                 "key": "C" | ["A","B"] | true | "text" | null,
//                                 "explanation": "...", "points": 2,
//                                 "competencies": ["领导力"],
//                                 "rubric": {"1": "...", "3": "...", "5": "..."},
//                                 "tags": ["topic:退货政策", "difficulty:easy"]}]}],
//    "problems": [{"line": 12, "code": "missing_key", "message": "..."}]}
// `options` and `rubric` are {} and `competencies` and `tags` [] when there
// are none. `rubric` is keyed by level as a string, "1".."5", in ascending
// order; every question has all of these members on output.
#pragma once

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "training/paper_parser.h"

namespace kefu::training {

nlohmann::ordered_json PaperToJson(const ParsedPaper& p);

// The JSON form back into a paper (for JSON import): kValidation naming the
// first member that is missing, of the wrong type or unknown (a key that
// does not fit the type, an unknown type code, a letter not among the
// options, a rubric level other than "1".."5" or a rubric text that is not
// a string, tags that are not an array of strings). `number`, `options`, `key`,
// `explanation`, `points`, `competencies`, `rubric` and `tags` are optional.
// `problems` in the input is ignored.
StatusOr<ParsedPaper> PaperFromJson(const nlohmann::json& j);

}  // namespace kefu::training
