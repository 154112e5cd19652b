// The kefu binary as operators use it: exit codes, output, and what ends up
// in the database.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>

#include <nlohmann/json.hpp>

#include "auth/hmac.h"
#include "service/search_service.h"
#include "store/store.h"
#include "testing/temp_dir.h"

namespace kefu {
namespace {

struct CliRun {
  int code = -1;
  std::string out;  // stdout and stderr together
};

CliRun Kefu(const std::string& args) {
  std::string cmd = std::string(KEFU_BINARY) + " " + args + " 2>&1";
  CliRun r;
  FILE* p = popen(cmd.c_str(), "r");
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

int64_t CountTickets(const std::string& db) {
  auto store = OpenSqliteStore({db, 1, &DefaultSearchAnalyzer()});
  EXPECT_TRUE(store.ok());
  auto txn = std::move((*store)->Begin(TxnMode::kRead)).value();
  auto counts = (*store)->CountTicketsByStatus(*txn);
  int64_t n = 0;
  for (auto& [s, c] : *counts) n += c;
  return n;
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream(path) << text;
}

TEST(CliTest, MigrateDemoDataAndUserCommands) {
  testing::TempDir dir;
  std::string db = dir.File("k.db");
  CliRun m = Kefu("migrate --db " + db);
  EXPECT_EQ(m.code, 0) << m.out;
  EXPECT_NE(m.out.find("default calendar and SLA policy"), std::string::npos) << m.out;
  CliRun m2 = Kefu("migrate --db " + db);
  EXPECT_EQ(m2.code, 0) << m2.out;
  EXPECT_EQ(m2.out.find("default calendar"), std::string::npos) << "seeded once: " << m2.out;
  CliRun d = Kefu("demo-data --db " + db);
  ASSERT_EQ(d.code, 0) << d.out;
  EXPECT_NE(d.out.find("31 tickets"), std::string::npos) << d.out;
  EXPECT_EQ(CountTickets(db), 31);
  CliRun again = Kefu("demo-data --db " + db);  // a second run changes nothing
  EXPECT_EQ(again.code, 0);
  EXPECT_NE(again.out.find("already present"), std::string::npos);
  EXPECT_EQ(CountTickets(db), 31);

  EXPECT_EQ(Kefu("user add --db " + db + " --login qa.zhou --password secret-pass --role lead").code, 0);
  CliRun dup = Kefu("user add --db " + db + " --login qa.zhou --password secret-pass --role lead");
  EXPECT_EQ(dup.code, 1);
  EXPECT_NE(dup.out.find("login_taken"), std::string::npos) << dup.out;
  EXPECT_EQ(Kefu("user add --db " + db + " --login x --password short --role agent").code, 1);
  EXPECT_NE(Kefu("user add --db " + db + " --login y --password secret-pass --role boss").code, 0);
  // The server's own logins cannot be taken: events by "system" are the server's.
  CliRun reserved = Kefu("user add --db " + db + " --login system --password secret-pass --role admin");
  EXPECT_EQ(reserved.code, 1);
  EXPECT_NE(reserved.out.find("reserved"), std::string::npos) << reserved.out;

  CliRun tok = Kefu("token create --db " + db + " --login qa.zhou");
  ASSERT_EQ(tok.code, 0) << tok.out;
  // The token is printed alone on stdout (the expiry goes to stderr).
  auto at = tok.out.find("kefu_");
  ASSERT_NE(at, std::string::npos) << tok.out;
  EXPECT_TRUE(at == 0 || tok.out[at - 1] == '\n');
  EXPECT_EQ(tok.out.find('\n', at) - at, 69u) << tok.out;
  EXPECT_EQ(Kefu("token create --db " + db + " --login nobody").code, 1);

  // Disabled: no new tokens; enabled again: tokens are issued.
  CliRun off = Kefu("user disable --db " + db + " --login qa.zhou");
  ASSERT_EQ(off.code, 0) << off.out;
  EXPECT_NE(off.out.find("disabled"), std::string::npos) << off.out;
  CliRun refused = Kefu("token create --db " + db + " --login qa.zhou");
  EXPECT_EQ(refused.code, 1);
  EXPECT_NE(refused.out.find("user_disabled"), std::string::npos) << refused.out;
  EXPECT_EQ(Kefu("user enable --db " + db + " --login qa.zhou").code, 0);
  EXPECT_EQ(Kefu("token create --db " + db + " --login qa.zhou").code, 0);
  EXPECT_EQ(Kefu("user disable --db " + db + " --login nobody").code, 1);
  // A display name with a bidi override is refused like a subject.
  // Regression: CheckLabel -> CheckText in AuthService::AddUser lets it through.
  CliRun bidi = Kefu("user add --db " + db +
                     " --login qa.bidi --password secret-pass --role agent --name '\u202e张三'");
  EXPECT_EQ(bidi.code, 1);
  EXPECT_NE(bidi.out.find("bidi_control"), std::string::npos) << bidi.out;
}

TEST(CliTest, ImportIsAllOrNothingAndChecksReferences) {
  testing::TempDir dir;
  std::string db = dir.File("k.db");
  ASSERT_EQ(Kefu("demo-data --db " + db).code, 0);
  std::string good;
  for (int i = 0; i < 2500; ++i) {
    good += R"({"subject":"历史工单 )" + std::to_string(i) +
            R"(","customer":"C-000001","tags":["迁移"],"created_at":"2025-01-02T03:04:05Z"})" "\n";
  }
  WriteFile(dir.File("bad.jsonl"), good + "{\"subject\":\"\",\"customer\":\"C-000001\"}\n" + good);
  CliRun bad = Kefu("import tickets --db " + db + " --no-progress " + dir.File("bad.jsonl"));
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.out.find(":2501:"), std::string::npos) << bad.out;  // names the line
  EXPECT_EQ(CountTickets(db), 31);

  WriteFile(dir.File("ref.jsonl"), good + "{\"subject\":\"x\",\"customer\":\"C-000999\"}\n");
  CliRun ref = Kefu("import tickets --db " + db + " --no-progress " + dir.File("ref.jsonl"));
  EXPECT_EQ(ref.code, 1);
  EXPECT_NE(ref.out.find("C-000999"), std::string::npos) << ref.out;
  EXPECT_EQ(CountTickets(db), 31);

  WriteFile(dir.File("good.jsonl"), good);
  CliRun ok = Kefu("import tickets --db " + db + " --batch 1000 --no-progress " + dir.File("good.jsonl"));
  ASSERT_EQ(ok.code, 0) << ok.out;
  EXPECT_EQ(CountTickets(db), 2531);
  auto store = OpenSqliteStore({db, 1, &DefaultSearchAnalyzer()});
  auto txn = std::move((*store)->Begin(TxnMode::kRead)).value();
  auto t = (*store)->GetTicket(*txn, "T-002531");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->subject, "历史工单 2499");
  EXPECT_EQ(FormatIso8601(t->created_at), "2025-01-02T03:04:05.000Z");
  EXPECT_EQ(t->tags, std::vector<std::string>{"迁移"});
  auto events = (*store)->ListEvents(*txn, "T-002531", false, 0, 10);
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].actor, "import");
}

TEST(CliTest, BackupWritesAUsableCopy) {
  testing::TempDir dir;
  std::string db = dir.File("k.db");
  ASSERT_EQ(Kefu("demo-data --db " + db).code, 0);
  CliRun b = Kefu("backup --db " + db + " " + dir.File("copy.db"));
  ASSERT_EQ(b.code, 0) << b.out;
  EXPECT_EQ(CountTickets(dir.File("copy.db")), 31);
}

TEST(CliTest, ServeRefusesABadListenAddress) {
  testing::TempDir dir;
  CliRun r = Kefu("serve --db " + dir.File("k.db") + " --listen nonsense");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("HOST:PORT"), std::string::npos) << r.out;
}

// The after-sales commands on the demo data: lists, budgets, a shipment
// registered and updated by hand (idempotent by event id, and it reaches
// the order's open tickets), and the webhook signature.
TEST(CliTest, AfterSalesCommandsOnTheDemo) {
  testing::TempDir dir;
  std::string db = dir.File("k.db");
  ASSERT_EQ(Kefu("demo-data --db " + db).code, 0);

  CliRun list = Kefu("after-sales list --db " + db + " --status requested");
  ASSERT_EQ(list.code, 0) << list.out;
  auto requested = nlohmann::json::parse(list.out);
  EXPECT_EQ(requested["items"].size(), 3u) << list.out;  // the tee, the dress and the scarf
  for (const auto& r : requested["items"]) EXPECT_EQ(r["status"], "requested");
  EXPECT_EQ(Kefu("after-sales list --db " + db + " --status nonsense").code, 1);
  // The dryer's late fault return: refused by the policy, kept, an exception asked.
  auto refused = nlohmann::json::parse(Kefu("after-sales list --db " + db + " --status refused").out);
  ASSERT_EQ(refused["items"].size(), 1u) << refused.dump();
  EXPECT_EQ(refused["items"][0]["exception_by"], "sun.li");
  EXPECT_FALSE(refused["items"][0]["decision"]["eligible"].get<bool>());

  CliRun pending = Kefu("compensation list --db " + db + " --status pending_approval");
  ASSERT_EQ(pending.code, 0) << pending.out;
  EXPECT_EQ(nlohmann::json::parse(pending.out)["items"].size(), 1u) << pending.out;

  CliRun budget = Kefu("budget show --db " + db + " --team after-sales");
  ASSERT_EQ(budget.code, 0) << budget.out;
  auto b = nlohmann::json::parse(budget.out);
  EXPECT_EQ(b["budget_fen"], 2000000);
  EXPECT_EQ(b["spent_fen"].get<int64_t>() + b["remaining_fen"].get<int64_t>(), 2000000);
  EXPECT_EQ(Kefu("budget show --db " + db + " --team nobody").code, 1);

  // O-000006 (books, paid, not shipped) has an open ticket about it.
  CliRun add = Kefu("shipment add --db " + db + " --order O-000006 --carrier EMS --tracking E1");
  ASSERT_EQ(add.code, 0) << add.out;
  EXPECT_EQ(nlohmann::json::parse(add.out)["status"], "created");
  EXPECT_EQ(Kefu("shipment add --db " + db + " --order O-000006 --carrier EMS --tracking E1").code, 1);
  std::string ev = "shipment event --db " + db +
                   " --carrier EMS --tracking E1 --event-id e-1 --status exception"
                   " --exception customs_hold --at 2026-11-20T08:00:00Z";
  CliRun first = Kefu(ev);
  ASSERT_EQ(first.code, 0) << first.out;
  auto f = nlohmann::json::parse(first.out);
  EXPECT_FALSE(f["duplicate"].get<bool>());
  EXPECT_EQ(f["shipment"]["exception"], "customs_hold");
  EXPECT_EQ(f["tickets"].size(), 1u) << first.out;
  CliRun again = Kefu(ev);
  ASSERT_EQ(again.code, 0) << again.out;
  EXPECT_TRUE(nlohmann::json::parse(again.out)["duplicate"].get<bool>());
  EXPECT_EQ(Kefu("shipment event --db " + db +
                 " --carrier EMS --tracking NOPE --event-id e-2 --status in_transit").code, 1);

  std::string body = dir.File("body.json");
  WriteFile(body, "{\"event_id\":\"x\"}");
  CliRun sig = Kefu("webhook sign --secret s3cret " + body);
  ASSERT_EQ(sig.code, 0) << sig.out;
  EXPECT_EQ(sig.out, "sha256=" + HmacSha256Hex("s3cret", "{\"event_id\":\"x\"}") + "\n");
}

TEST(CliTest, PaperImportPreviewsAndSaves) {
  testing::TempDir dir;
  std::string good = dir.File("good.txt"), faulty = dir.File("faulty.txt");
  WriteFile(good, "一、单选题(每题2分,共1题)\n1.质量问题退货运费谁出？\nA.买家 B.卖家\n答案：B\n");
  WriteFile(faulty, "一、单选题(每题2分,共2题)\n1.质量问题退货运费谁出？\nA.买家 B.卖家\n");
  CliRun ok = Kefu("paper import " + good + " --preview");
  EXPECT_EQ(ok.code, 0) << ok.out;
  EXPECT_NE(ok.out.find("\"single_choice\""), std::string::npos) << ok.out;
  EXPECT_NE(ok.out.find("1 sections, 1 questions, 0 problems"), std::string::npos) << ok.out;
  CliRun bad = Kefu("paper import " + faulty + " --preview");
  EXPECT_EQ(bad.code, 1) << bad.out;
  EXPECT_NE(bad.out.find("missing_key"), std::string::npos) << bad.out;
  EXPECT_NE(bad.out.find("count_mismatch"), std::string::npos) << bad.out;
  CliRun nodb = Kefu("paper import " + good);
  EXPECT_EQ(nodb.code, 1) << nodb.out;
  EXPECT_NE(nodb.out.find("--db"), std::string::npos) << nodb.out;
  // Saving: refused while the paper has problems, then saved into the bank.
  std::string db = dir.File("kefu.db");
  ASSERT_EQ(Kefu("migrate --db " + db).code, 0);
  CliRun refused = Kefu("paper import " + faulty + " --db " + db);
  EXPECT_EQ(refused.code, 1) << refused.out;
  EXPECT_NE(refused.out.find("ungradable_question"), std::string::npos) << refused.out;
  CliRun saved = Kefu("paper import " + good + " --db " + db + " --tag topic:运费");
  EXPECT_EQ(saved.code, 0) << saved.out;
  EXPECT_NE(saved.out.find("saved X-000001 (exam) with 1 questions"), std::string::npos) << saved.out;
  EXPECT_NE(saved.out.find("\"Q-000001\""), std::string::npos) << saved.out;
  EXPECT_NE(saved.out.find("topic:运费"), std::string::npos) << saved.out;
  EXPECT_NE(Kefu("paper import " + dir.File("missing.txt") + " --preview").code, 0);
}

}  // namespace
}  // namespace kefu
