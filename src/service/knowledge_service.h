// Knowledge-base articles for the help centre and the FAQ bot
// (/api/v1/articles). Leads, managers and admins write them; staff read
// every article; customers read published ones only (others are
// kNotFound). Every change is audited (article.create / .update / .delete).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/time.h"
#include "core/model.h"
#include "service/paging.h"
#include "store/store.h"

namespace kefu {

struct ArticleInput {
  std::string title;     // 1..200 characters
  std::string body;      // 1..20,000 characters
  std::string category;  // a ticket category code or ""
  std::vector<std::string> tags;
  bool published = false;
};

struct ArticlePatch {
  std::optional<std::string> title, body, category;
  std::optional<std::vector<std::string>> tags;
  std::optional<bool> published;
  std::optional<int64_t> expected_version;  // kAborted "stale_version" on mismatch
};

class KnowledgeService {
 public:
  KnowledgeService(Store& store, Clock& clock) : store_(store), clock_(clock) {}

  StatusOr<Article> Create(const Actor& a, const ArticleInput& in);
  StatusOr<Article> Update(const Actor& a, const std::string& id, const ArticlePatch& p);
  Status Delete(const Actor& a, const std::string& id);
  StatusOr<Article> Get(const Actor& a, const std::string& id);
  // Newest first; customers see published articles only.
  StatusOr<Page<Article>> List(const Actor& a, const std::string& category, const PageRequest& p);

 private:
  Store& store_;
  Clock& clock_;
};

}  // namespace kefu
