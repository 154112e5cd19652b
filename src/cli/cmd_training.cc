// kefu paper import FILE --preview.
#include <cstdio>
#include <fstream>
#include <sstream>

#include "cli/commands.h"
#include "common/utf8.h"
#include "training/paper_json.h"

namespace kefu::cli {

int RunPaperImport(const std::string& file, bool preview) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return ExitCodeFor(ValidationError("cannot read " + file));
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  if (!IsValidUtf8(text)) return ExitCodeFor(InvalidArgument("invalid_utf8", file + " is not UTF-8 text"));
  if (!preview) {
    return ExitCodeFor(FailedPrecondition(
        "not_available", "saving papers needs the question bank, which is not built yet; use --preview"));
  }
  training::ParsedPaper paper = training::ParsePaper(text);
  std::printf("%s\n", training::PaperToJson(paper).dump(2).c_str());
  size_t questions = 0;
  for (const auto& s : paper.sections) questions += s.questions.size();
  std::fprintf(stderr, "%zu sections, %zu questions, %zu problems\n", paper.sections.size(), questions,
               paper.problems.size());
  for (const auto& p : paper.problems) {
    std::fprintf(stderr, "  line %d: %s: %s\n", p.line, p.code.c_str(), p.message.c_str());
  }
  return paper.problems.empty() ? 0 : 1;
}

}  // namespace kefu::cli
