#include "training/interview.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <string_view>
#include <unordered_map>

#include "common/utf8.h"

namespace kefu::training {

namespace {

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

std::string Fixed1(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", x);
  return buf;
}

}  // namespace

std::string_view ToString(InterviewStatus s) {
  return s == InterviewStatus::kScheduled ? "scheduled" : "decided";
}

Status ValidateInterview(const Interview& i) {
  const auto& c = i.candidate;
  if (c.name.empty() || c.name.size() > 100) return ValidationError("candidate.name must be 1..100 bytes");
  if (c.phone.size() > 40) return ValidationError("candidate.phone is over 40 bytes");
  if (c.email.size() > 200) return ValidationError("candidate.email is over 200 bytes");
  if (c.notes.size() > 4000) return ValidationError("candidate.notes is over 4000 bytes");
  if (i.interviewers.empty() || i.interviewers.size() > 10) {
    return ValidationError("interviewers must list 1..10 logins");
  }
  if (std::set<std::string>(i.interviewers.begin(), i.interviewers.end()).size() != i.interviewers.size()) {
    return ValidationError("interviewers lists a login twice");
  }
  if (i.hiring_team.size() > 20) return ValidationError("hiring_team lists over 20 logins");
  if (i.role.size() > 100) return ValidationError("role is over 100 bytes");
  if (i.hire_threshold < 1 || i.hire_threshold > 5) return ValidationError("hire_threshold must be 1..5");
  if (i.competency_floor < 1 || i.competency_floor > 5) return ValidationError("competency_floor must be 1..5");
  return OkStatus();
}

bool OnHiringTeam(const Interview& i, const std::string& login) {
  return login == i.created_by || Contains(i.hiring_team, login) || Contains(i.interviewers, login);
}

bool IsInterviewer(const Interview& i, const std::string& login) { return Contains(i.interviewers, login); }

bool Decides(const Interview& i, const std::string& login) {
  return login == i.created_by || Contains(i.hiring_team, login);
}

Candidate Masked(const Candidate& c) {
  Candidate m;
  // The surname's first character only: 王芳 -> 王*.
  if (!c.name.empty()) {
    unsigned char b = c.name[0];
    size_t len = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
    m.name = c.name.substr(0, std::min(len, c.name.size())) + "*";
  }
  if (!c.phone.empty()) m.phone = "***";
  if (!c.email.empty()) m.email = "***";
  return m;
}

namespace {

Status CheckOpen(const Interview& i, const std::string& login) {
  if (!IsInterviewer(i, login)) {
    return Status(StatusCode::kPermissionDenied, "not_interviewer",
                  "只有本场面试的面试官可以评分 / only this interview's interviewers may score");
  }
  if (i.status == InterviewStatus::kDecided) {
    return FailedPrecondition("interview_decided", "面试已有录用决定 / the interview is decided");
  }
  return OkStatus();
}

}  // namespace

Status CheckScore(const Interview& i, const Paper& kit, const InterviewScore& s) {
  KEFU_RETURN_IF_ERROR(CheckOpen(i, s.interviewer));
  if (s.score < 1 || s.score > 5) return ValidationError("score must be 1..5");
  if (s.notes.size() > 4000) return ValidationError("notes is over 4000 bytes");
  for (const auto& sec : kit.sections) {
    if (Contains(sec.question_ids, s.question_id)) return OkStatus();
  }
  return ValidationError("question " + s.question_id + " is not in kit " + kit.id);
}

Status CheckVerdict(const Interview& i, const InterviewVerdict& v) {
  KEFU_RETURN_IF_ERROR(CheckOpen(i, v.interviewer));
  if (v.notes.size() > 4000) return ValidationError("notes is over 4000 bytes");
  return OkStatus();
}

InterviewReport BuildReport(const Interview& i, const Paper& kit,
                            const std::vector<Question>& questions,
                            const std::vector<InterviewScore>& scores,
                            const std::vector<InterviewVerdict>& verdicts) {
  InterviewReport r;
  r.verdicts = verdicts;
  std::map<std::string, std::vector<int>> comp_all;
  std::map<std::string, std::map<std::string, std::vector<int>>> comp_by;  // comp -> interviewer -> scores
  std::vector<std::string> comp_order;
  double sum = 0;
  int n = 0;
  for (const auto& iv : i.interviewers) r.scored_by[iv] = 0;
  // Indexes, so that the report is linear in questions and scores: each
  // question by id (the first of a repeated id, as a search would find), the
  // interviewers' scores by question (in their order), competencies seen.
  std::unordered_map<std::string_view, const Question*> question_of;
  for (const auto& q : questions) question_of.emplace(q.id, &q);
  std::unordered_map<std::string_view, std::vector<const InterviewScore*>> scores_of;
  for (const auto& s : scores) {
    if (IsInterviewer(i, s.interviewer)) scores_of[s.question_id].push_back(&s);
  }
  std::set<std::string> comp_seen;
  static const std::vector<const InterviewScore*> kNone;
  for (const auto& sec : kit.sections) {
    for (const auto& qid : sec.question_ids) {
      QuestionResult qr;
      qr.question_id = qid;
      if (auto q = question_of.find(qid); q != question_of.end()) qr.competencies = q->second->competencies;
      for (const auto& c : qr.competencies) {
        if (comp_seen.insert(c).second) comp_order.push_back(c);
      }
      int lo = 5, hi = 1;
      double qsum = 0;
      auto found = scores_of.find(qid);
      for (const InterviewScore* sp : found == scores_of.end() ? kNone : found->second) {
        const InterviewScore& s = *sp;
        qr.scores[s.interviewer] = s.score;
        ++r.scored_by[s.interviewer];
        lo = std::min(lo, s.score);
        hi = std::max(hi, s.score);
        qsum += s.score;
        sum += s.score;
        ++n;
        for (const auto& c : qr.competencies) {
          comp_all[c].push_back(s.score);
          comp_by[c][s.interviewer].push_back(s.score);
        }
      }
      if (!qr.scores.empty()) {
        qr.mean = qsum / qr.scores.size();
        qr.spread = hi - lo;
        if (qr.spread >= 2) r.disagreements.push_back(qid);
      }
      r.questions.push_back(std::move(qr));
    }
  }
  for (const auto& c : comp_order) {
    CompetencyResult cr;
    cr.competency = c;
    const auto& all = comp_all[c];
    if (!all.empty()) {
      double s = 0;
      for (int x : all) s += x;
      cr.mean = s / all.size();
      double lo = 5, hi = 1;
      for (const auto& [iv, xs] : comp_by[c]) {
        double m = 0;
        for (int x : xs) m += x;
        m /= xs.size();
        cr.by_interviewer[iv] = m;
        lo = std::min(lo, m);
        hi = std::max(hi, m);
      }
      cr.spread = hi - lo;
      if (cr.spread >= 2) r.disagreements.push_back(c);
    }
    r.competencies.push_back(std::move(cr));
  }
  size_t total_q = r.questions.size();
  r.complete = total_q > 0 && std::all_of(r.scored_by.begin(), r.scored_by.end(), [&](const auto& kv) {
    return static_cast<size_t>(kv.second) == total_q;
  });
  std::set<std::string> voted;
  int hire = 0, no_hire = 0;
  for (const auto& v : verdicts) {
    voted.insert(v.interviewer);
    (v.hire ? hire : no_hire)++;
  }
  r.complete = r.complete && voted.size() == i.interviewers.size();
  if (n == 0) return r;
  r.overall = sum / n;
  bool ok = true;
  if (*r.overall < i.hire_threshold) {
    ok = false;
    r.reasons.push_back("总体均分 " + Fixed1(*r.overall) + " 低于 " + Fixed1(i.hire_threshold) +
                        " / overall mean below the hire threshold");
  }
  for (const auto& cr : r.competencies) {
    if (cr.mean && *cr.mean < i.competency_floor) {
      ok = false;
      r.reasons.push_back(cr.competency + " " + Fixed1(*cr.mean) + " 低于 " + Fixed1(i.competency_floor) +
                          " / below the competency floor");
    }
  }
  if (no_hire > hire) {
    ok = false;
    r.reasons.push_back("多数面试官建议不录用 / most interviewers say no hire");
  }
  r.suggestion = ok ? "hire" : "no_hire";
  if (ok) r.reasons.push_back("各项达标 / every threshold met");
  return r;
}

}  // namespace kefu::training
