#include "service/knowledge_service.h"

#include <nlohmann/json.hpp>

#include "core/access.h"
#include "core/validation.h"

namespace kefu {
namespace {

Status CheckArticle(Article& a) {
  KEFU_RETURN_IF_ERROR(CheckText("title", a.title, 1, 200));
  KEFU_RETURN_IF_ERROR(CheckText("body", a.body, 1, 20000));
  KEFU_RETURN_IF_ERROR(ValidateCategory(a.category));
  KEFU_ASSIGN_OR_RETURN(a.tags, NormalizeTags(a.tags));
  return OkStatus();
}

std::string Detail(const Article& a) {
  return nlohmann::json{{"title", a.title}, {"category", a.category}, {"published", a.published},
                        {"version", a.version}}
      .dump();
}

}  // namespace

StatusOr<Article> KnowledgeService::Create(const Actor& a, const ArticleInput& in) {
  KEFU_RETURN_IF_ERROR(CheckSupervisor(a, "writing knowledge-base articles"));
  Article art;
  art.title = in.title;
  art.body = in.body;
  art.category = in.category;
  art.tags = in.tags;
  art.published = in.published;
  art.author = a.login;
  KEFU_RETURN_IF_ERROR(CheckArticle(art));
  art.created_at = art.updated_at = clock_.Now();
  art.version = 1;
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  KEFU_ASSIGN_OR_RETURN(int64_t seq, store_.NextSeq(*txn, 'K'));
  art.id = FormatId('K', seq);
  KEFU_RETURN_IF_ERROR(store_.InsertArticle(*txn, art));
  KEFU_RETURN_IF_ERROR(store_.AppendAudit(*txn, {art.created_at, a.login, "article.create", art.id, Detail(art)}));
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return art;
}

StatusOr<Article> KnowledgeService::Update(const Actor& a, const std::string& id,
                                           const ArticlePatch& p) {
  KEFU_RETURN_IF_ERROR(CheckSupervisor(a, "writing knowledge-base articles"));
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  KEFU_ASSIGN_OR_RETURN(Article art, store_.GetArticle(*txn, id));
  if (p.expected_version && *p.expected_version != art.version) {
    return Aborted("stale_version", "article " + id + " is at version " + std::to_string(art.version));
  }
  int64_t before = art.version;
  if (p.title) art.title = *p.title;
  if (p.body) art.body = *p.body;
  if (p.category) art.category = *p.category;
  if (p.tags) art.tags = *p.tags;
  if (p.published) art.published = *p.published;
  KEFU_RETURN_IF_ERROR(CheckArticle(art));
  art.version = before + 1;
  art.updated_at = clock_.Now();
  KEFU_RETURN_IF_ERROR(store_.UpdateArticle(*txn, art, before));
  KEFU_RETURN_IF_ERROR(store_.AppendAudit(*txn, {art.updated_at, a.login, "article.update", id, Detail(art)}));
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return art;
}

Status KnowledgeService::Delete(const Actor& a, const std::string& id) {
  KEFU_RETURN_IF_ERROR(CheckSupervisor(a, "deleting knowledge-base articles"));
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  KEFU_ASSIGN_OR_RETURN(Article art, store_.GetArticle(*txn, id));
  KEFU_RETURN_IF_ERROR(store_.DeleteArticle(*txn, id));
  KEFU_RETURN_IF_ERROR(store_.AppendAudit(*txn, {clock_.Now(), a.login, "article.delete", id, Detail(art)}));
  return txn->Commit();
}

StatusOr<Article> KnowledgeService::Get(const Actor& a, const std::string& id) {
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(Article art, store_.GetArticle(*txn, id));
  if (!art.published && !IsStaff(a.role)) return NotFound("article " + id + " not found");
  return art;
}

StatusOr<Page<Article>> KnowledgeService::List(const Actor& a, const std::string& category,
                                               const PageRequest& p) {
  KEFU_RETURN_IF_ERROR(CheckLimit(p.limit));
  KEFU_ASSIGN_OR_RETURN(int64_t before, DecodeCursor(p.cursor));
  KEFU_RETURN_IF_ERROR(ValidateCategory(category));
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(auto rows, store_.ListArticles(*txn, !IsStaff(a.role), category, before, p.limit + 1));
  return MakePage(std::move(rows), p.limit, [](const Article& x) { return *ParseId('K', x.id); });
}

}  // namespace kefu
