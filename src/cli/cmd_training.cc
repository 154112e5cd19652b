// kefu paper import FILE [--preview | --db PATH].
#include <cstdio>
#include <fstream>
#include <sstream>

#include "api/training_codec.h"
#include "cli/commands.h"
#include "common/utf8.h"
#include "service/search_service.h"
#include "service/training_service.h"
#include "training/paper_json.h"

namespace kefu::cli {

namespace {

StatusOr<training::ParsedPaper> ReadPaperFile(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return ValidationError("cannot read " + file);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  if (!IsValidUtf8(text)) return InvalidArgument("invalid_utf8", file + " is not UTF-8 text");
  if (file.size() > 5 && file.compare(file.size() - 5, 5, ".json") == 0) {
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded()) return InvalidArgument("malformed_json", file + " is not JSON");
    return training::PaperFromJson(j);
  }
  KEFU_RETURN_IF_ERROR(training::CheckPaperSize(text));  // the API's limits: exit code 1
  return training::ParsePaper(text);
}

void PrintProblems(const training::ParsedPaper& paper) {
  std::fprintf(stderr, "%zu sections, %zu questions, %zu problems\n", paper.sections.size(),
               training::QuestionCount(paper), paper.problems.size());
  for (const auto& p : paper.problems) {
    std::fprintf(stderr, "  line %d: %s: %s\n", p.line, p.code.c_str(), p.message.c_str());
  }
}

}  // namespace

int RunPaperImport(const PaperImportArgs& a) {
  auto paper = ReadPaperFile(a.file);
  if (!paper.ok()) return ExitCodeFor(paper.status());
  if (a.preview) {
    std::printf("%s\n", training::PaperToJson(*paper).dump(2).c_str());
    PrintProblems(*paper);
    return paper->problems.empty() ? 0 : 1;
  }
  if (a.db.empty()) return ExitCodeFor(ValidationError("--db is required to save (or use --preview)"));
  auto store = OpenStore(a.db);
  if (!store.ok()) return ExitCodeFor(store.status());
  SystemClock clock;
  TrainingService training(**store, clock, DefaultSearchAnalyzer().tokenizer());
  PrintProblems(*paper);
  auto saved = training.SavePaper(kCli, {*paper, a.role, a.tags, a.ignore_problems});
  if (!saved.ok()) return ExitCodeFor(saved.status());
  std::printf("%s\n", api::SavedPaperJson(*saved).dump(2).c_str());
  std::fprintf(stderr, "saved %s (%s) with %zu questions\n", saved->paper.id.c_str(),
               std::string(ToString(saved->paper.kind)).c_str(), saved->questions.size());
  return 0;
}

}  // namespace kefu::cli
