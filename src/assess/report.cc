#include "tocsin/assess/report.h"

#include <nlohmann/json.hpp>
#include <sstream>

namespace tocsin::assess {
namespace {

using ojson = nlohmann::ordered_json;

ojson Nullable(const std::string& s) { return s.empty() ? ojson(nullptr) : ojson(s); }

ojson Responses(const std::vector<Response>& v) {
  ojson a = ojson::array();
  for (const Response& r : v)
    a.push_back({{"actor", r.actor}, {"kind", r.kind}, {"type", r.type}, {"event_id", r.event_id}});
  return a;
}

}  // namespace

std::string ReportJson(const Assessment& a) {
  ojson j;
  j["as_of"] = Nullable(a.as_of);
  j["input"] = {{"documents", a.documents},
                {"events", a.events},
                {"events_after_as_of", a.events_after_as_of},
                {"events_undated", a.events_undated}};
  if (!a.treaties_asked.empty()) j["treaties_asked"] = a.treaties_asked;
  ojson triggers = ojson::array();
  for (const TreatyTrigger& t : a.treaty_triggers) {
    ojson not_counted = ojson::array();
    for (const NotCounted& n : t.not_counted)
      not_counted.push_back({{"event_id", n.event_id}, {"reason", n.reason}});
    triggers.push_back({{"treaty", t.treaty},
                        {"treaty_name", t.treaty_name},
                        {"article", t.article},
                        {"article_name", t.article_name},
                        {"mechanism", t.mechanism},
                        {"member", t.member},
                        {"aggressor", t.aggressor},
                        {"date", Nullable(t.date)},
                        {"conditions_met", t.conditions_met},
                        {"verdict", t.verdict},
                        {"covered_by", Nullable(t.covered_by)},
                        {"reason", t.reason},
                        {"contested", Nullable(t.contested)},
                        {"events", t.events},
                        {"not_counted", not_counted},
                        {"request",
                         {{"made", t.request.made},
                          {"date", Nullable(t.request.date)},
                          {"event_id", Nullable(t.request.event_id)},
                          {"events", t.request.events},
                          {"addressees", t.request.addressees}}},
                        {"responses", Responses(t.responses)},
                        {"reactions", Responses(t.reactions)},
                        {"notes", t.notes}});
  }
  j["treaty_triggers"] = triggers;
  ojson ceasefires = ojson::array();
  for (const Ceasefire& c : a.ceasefires)
    ceasefires.push_back({{"announced_by", Nullable(c.announced_by)},
                          {"parties", c.parties},
                          {"date", c.date},
                          {"event_id", c.event_id},
                          {"modality", c.modality},
                          {"events", c.events},
                          {"violated", c.violated},
                          {"violations", c.violations},
                          {"violation_count", c.violation_count},
                          {"alleged_violations", c.alleged_violations},
                          {"alleged_violation_count", c.alleged_violation_count},
                          {"reason", c.reason}});
  j["ceasefires"] = ceasefires;
  ojson alerts = ojson::array();
  for (const Alert& al : a.alerts) {
    ojson o = {{"type", al.type}, {"severity", al.severity}, {"message", al.message}, {"events", al.events}};
    if (!al.casualties.empty()) o["casualties"] = al.casualties;
    alerts.push_back(o);
  }
  j["alerts"] = alerts;
  ojson evidence = ojson::object();
  for (const auto& [id, r] : a.evidence)
    evidence[id] = {{"doc_id", r.doc_id}, {"kind", r.kind},         {"date", Nullable(r.date)},
                    {"actor1", Nullable(r.actor1)}, {"actor2", Nullable(r.actor2)},
                    {"modality", r.modality},     {"places", r.places},    {"field", r.field},
                    {"start", r.start},           {"end", r.end},          {"sentence", r.sentence}};
  j["evidence"] = evidence;
  j["warnings"] = a.warnings;
  return j.dump(2) + "\n";
}

std::string ReportText(const Assessment& a, const KnowledgeBase& kb) {
  std::ostringstream out;
  auto quote = [&](const std::string& id, const char* indent) {
    auto it = a.evidence.find(id);
    if (it == a.evidence.end()) return;
    const EvidenceRef& r = it->second;
    out << indent << id << " " << r.kind << " " << (r.actor1.empty() ? "?" : r.actor1) << " -> "
        << (r.actor2.empty() ? "?" : r.actor2) << " | " << r.date << " | " << r.modality;
    for (size_t i = 0; i < r.places.size(); ++i) out << (i ? ", " : " | ") << r.places[i];
    out << "\n" << indent << "  \u00ab " << r.sentence << " \u00bb\n";
  };
  out << "tocsin assessment as of " << (a.as_of.empty() ? "(no dated event)" : a.as_of) << ": "
      << a.documents << " document(s), " << a.events << " event(s)\n";
  for (const std::string& w : a.warnings) out << "warning: " << w << "\n";

  out << "\nTREATY TRIGGERS\n";
  if (a.treaty_triggers.empty()) out << "  none\n";
  for (const TreatyTrigger& t : a.treaty_triggers) {
    out << "\n  [" << (t.conditions_met ? "CONDITIONS MET" : t.verdict == "contested" ? "CONTESTED" : "NOT ENGAGED") << "] " << t.treaty << " art. "
        << t.article << " (" << t.article_name << ", " << t.mechanism << "): "
        << kb.DisplayName(t.member) << " (" << t.member << ") attacked by " << kb.DisplayName(t.aggressor)
        << " (" << t.aggressor << "), " << t.date << "\n";
    out << "    why: " << t.reason << "\n";
    if (!t.contested.empty()) out << "    contested: " << t.contested << "\n";
    for (const std::string& n : t.notes) out << "    note: " << n << "\n";
    if (t.request.made)
      out << "    request: made " << t.request.date << " (" << t.request.event_id << ")\n";
    else
      out << "    request: none recorded\n";
    if (t.responses.empty()) out << "    responses: none reported\n";
    for (const Response& r : t.responses)
      out << "    response: " << r.actor << " " << r.kind << " (" << r.type << ") " << r.event_id << "\n";
    for (const Response& r : t.reactions)
      out << "    reaction: " << r.actor << " " << r.kind << " (" << r.type << ") " << r.event_id << "\n";
    out << "    events:\n";
    for (const std::string& id : t.events) quote(id, "      ");
    for (const std::string& id : t.request.events) quote(id, "      ");
    for (const NotCounted& n : t.not_counted) out << "    not counted: " << n.event_id << ": " << n.reason << "\n";
  }

  out << "\nCEASEFIRES\n";
  if (a.ceasefires.empty()) out << "  none\n";
  for (const Ceasefire& c : a.ceasefires) {
    std::string parties;
    for (const auto& p : c.parties) parties += (parties.empty() ? "" : ", ") + p;
    out << "\n  [" << (c.violated ? "VIOLATED" : "NOT VIOLATED") << "] ceasefire of " << c.date
        << " announced by " << (c.announced_by.empty() ? "?" : c.announced_by) << " (" << c.modality
        << "), parties " << (parties.empty() ? "unknown" : parties) << "\n    why: " << c.reason << "\n";
    quote(c.event_id, "      ");
    for (const std::string& id : c.violations) quote(id, "      ");
    for (const std::string& id : c.alleged_violations) quote(id, "      ");
  }

  out << "\nALERTS\n";
  if (a.alerts.empty()) out << "  none\n";
  for (const Alert& al : a.alerts) {
    out << "\n  [" << al.severity << "] " << al.type << ": " << al.message << "\n";
    for (const std::string& id : al.events) quote(id, "      ");
    for (const std::string& id : al.casualties) quote(id, "      ");
  }
  return out.str();
}

}  // namespace tocsin::assess
