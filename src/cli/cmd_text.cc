// kefu train, kefu reindex.
#include <cstdio>
#include <fstream>

#include "cli/commands.h"
#include "common/time.h"
#include "service/classification.h"

namespace kefu::cli {

int RunTrain(const std::string& db, const std::string& report) {
  auto store = OpenStore(db);
  if (!store.ok()) return ExitCodeFor(store.status());
  auto text = TextService::Create();
  if (!text.ok()) return ExitCodeFor(text.status());
  SystemClock clock;
  ClassificationService svc(**store, clock, **text);
  auto rep = svc.Train(kCli);
  if (!rep.ok()) return ExitCodeFor(rep.status());
  std::string md = text::EvaluationMarkdown(rep->evaluation);
  std::printf("trained on %d corpus examples and %d agent labels; held-out evaluation:\n\n%s",
              rep->corpus_examples, rep->agent_labels, md.c_str());
  if (!report.empty()) {
    std::ofstream out(report, std::ios::binary);
    out << md;
    if (!out) return ExitCodeFor(ValidationError("cannot write " + report));
  }
  return 0;
}

int RunReindex(const std::string& db) {
  auto store = OpenStore(db);
  if (!store.ok()) return ExitCodeFor(store.status());
  auto n = (*store)->RebuildSearchIndex();
  if (!n.ok()) return ExitCodeFor(n.status());
  std::printf("search index rebuilt: %lld documents\n", static_cast<long long>(*n));
  return 0;
}

}  // namespace kefu::cli
