#include "tocsin/serve/assessment_alerts.h"

#include <algorithm>
#include <mutex>

#include <nlohmann/json.hpp>

#include "tocsin/assess/report.h"
#include "tocsin/core/data_dir.h"

namespace tocsin::serve {
namespace {

using Json = nlohmann::json;

Json Evidence(const assess::Assessment& a, const std::vector<std::string>& ids) {
  for (const auto& id : ids) {
    auto it = a.evidence.find(id);
    if (it == a.evidence.end()) continue;
    const assess::EvidenceRef& r = it->second;
    return Json{{"doc_id", r.doc_id}, {"field", r.field}, {"start", r.start}, {"end", r.end},
                {"sentence", r.sentence}, {"date", r.date}};
  }
  return nullptr;
}

std::string FirstDate(const assess::Assessment& a, const std::vector<std::string>& ids) {
  std::string best;
  for (const auto& id : ids)
    if (auto it = a.evidence.find(id); it != a.evidence.end() && !it->second.date.empty())
      if (best.empty() || it->second.date < best) best = it->second.date;
  return best;
}

}  // namespace

std::shared_ptr<const assess::KnowledgeBase> SharedKnowledgeBase(std::string* error) {
  static std::once_flag once;
  static std::shared_ptr<const assess::KnowledgeBase> kb;
  static std::string message;
  std::call_once(once, [] {
    auto loaded = assess::KnowledgeBase::Load(CuratedDataDir() + "/kb");
    if (loaded.ok()) {
      kb = std::make_shared<const assess::KnowledgeBase>(std::move(loaded).value());
    } else {
      message = loaded.status().ToString();
    }
  });
  if (!kb && error) *error = message;
  return kb;
}

AssessmentJson RenderAssessment(const assess::KnowledgeBase& kb,
                                const std::vector<assess::DocumentEvents>& input) {
  assess::Assessment a = assess::Assess(kb, input, assess::AssessOptions{});
  Json alerts = Json::array();
  for (const auto& t : a.treaty_triggers) {
    if (!t.conditions_met) continue;
    std::string title = t.treaty + " Article " + t.article + ": " + t.member + " attacked by " +
                        t.aggressor;
    if (!t.article_name.empty()) title += " (" + t.article_name + ")";
    std::string summary = t.reason;
    summary += t.request.made ? "; assistance requested " + t.request.date
                              : "; no request for assistance reported";
    if (t.responses.empty()) summary += "; no collective response reported";
    alerts.push_back({{"id", "assess:trigger:" + t.treaty + ":" + t.article + ":" + t.member},
                      {"type", "treaty_trigger"},
                      {"severity", "high"},
                      {"title", title},
                      {"summary", summary},
                      {"date", t.date},
                      {"actors", {t.member, t.aggressor}},
                      {"event_ids", t.events},
                      {"evidence", Evidence(a, t.events)},
                      {"source", "assess"}});
  }
  for (const auto& c : a.ceasefires) {
    if (!c.violated) continue;
    std::vector<std::string> ids = {c.event_id};
    ids.insert(ids.end(), c.violations.begin(), c.violations.end());
    alerts.push_back({{"id", "assess:ceasefire:" + c.event_id},
                      {"type", "ceasefire_violation"},
                      {"severity", "high"},
                      {"title", "Ceasefire announced by " +
                                    (c.announced_by.empty() ? std::string("?") : c.announced_by) +
                                    " violated"},
                      {"summary", c.reason},
                      {"date", FirstDate(a, c.violations)},
                      {"actors", c.parties},
                      {"event_ids", ids},
                      {"evidence", Evidence(a, c.violations)},
                      {"source", "assess"}});
  }
  for (const auto& al : a.alerts) {
    alerts.push_back({{"id", "assess:" + al.type + ":" + (al.events.empty() ? "" : al.events[0])},
                      {"type", al.type},
                      {"severity", al.severity},
                      {"title", al.message},
                      {"summary", al.message},
                      {"date", FirstDate(a, al.events)},
                      {"actors", Json::array()},
                      {"event_ids", al.events},
                      {"evidence", Evidence(a, al.events)},
                      {"source", "assess"}});
  }
  auto rank = [](const Json& j) {
    const std::string s = j["severity"];
    return s == "high" ? 0 : s == "medium" ? 1 : 2;
  };
  std::stable_sort(alerts.begin(), alerts.end(),
                   [&](const Json& x, const Json& y) { return rank(x) < rank(y); });
  AssessmentJson out;
  out.alerts = Json{{"source", "assess"}, {"alerts", alerts}}.dump(
      -1, ' ', false, Json::error_handler_t::replace);
  out.assessment = "{\"available\":true,\"source\":\"assess\",\"report\":" +
                   assess::ReportJson(a) + "}";
  return out;
}

}  // namespace tocsin::serve
