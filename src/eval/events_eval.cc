#include "tocsin/eval/events_eval.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

namespace tocsin::eval {
namespace {

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    if (tab == std::string::npos) {
      out.push_back(line.substr(start));
      return out;
    }
    out.push_back(line.substr(start, tab - start));
    start = tab + 1;
  }
}

struct AcledLabel {
  const char* sub_event_type;
  const char* label;
};
constexpr AcledLabel kAcled[] = {
    {"Armed clash", "ARMED_CLASH"},
    {"Government regains territory", "GOV_REGAINS_TERIT"},
    {"Non-state actor overtakes territory", "NON_STATE_ACTOR_OVERTAKES_TER"},
    {"Chemical weapon", "CHEM_WEAP"},
    {"Air/drone strike", "AIR_STRIKE"},
    {"Suicide bomb", "SUIC_BOMB"},
    {"Shelling/artillery/missile attack", "ART_MISS_ATTACK"},
    {"Remote explosive/landmine/IED", "REM_EXPLOS"},
    {"Grenade", "GRENADE"},
    {"Sexual violence", "SEX_VIOL"},
    {"Attack", "ATTACK"},
    {"Abduction/forced disappearance", "ABDUCT_DISSAP"},
    {"Peaceful protest", "PEACE_PROTEST"},
    {"Protest with intervention", "PROTEST_WITH_INTER"},
    {"Excessive force against protesters", "FORCE_AGAINST_PROTEST"},
    {"Violent demonstration", "VIOL_DEMONSTR"},
    {"Mob violence", "MOB_VIOL"},
    {"Agreement", "AGREEMENT"},
    {"Arrests", "ARREST"},
    {"Change to group/activity", "CHANGE_TO_GROUP_ACT"},
    {"Disrupted weapons use", "DISR_WEAP"},
    {"Headquarters or base established", "HQ_ESTABLISHED"},
    {"Looting/property destruction", "PROPERTY_DISTRUCT"},
    {"Non-violent transfer of territory", "NON_VIOL_TERRIT_TRANSFER"},
    {"Other", "OTHER"},
};

double Round4(double x) { return static_cast<double>(static_cast<long long>(x * 10000 + 0.5)) / 10000; }

}  // namespace

StatusOr<std::vector<CaseItem>> ReadCaseTsv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open gold file " + path);
  std::string line;
  int line_no = 0;
  int id_col = -1, text_col = -1, label_col = -1;
  std::vector<CaseItem> items;
  while (std::getline(in, line)) {
    ++line_no;
    if (line_no == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::vector<std::string> f = SplitTabs(line);
    if (id_col < 0 && text_col < 0) {
      for (int i = 0; i < static_cast<int>(f.size()); ++i) {
        if (f[i] == "id") id_col = i;
        if (f[i] == "EventSnippet") text_col = i;
        if (f[i] == "SubType") label_col = i;
      }
      if (text_col < 0 || label_col < 0)
        return Status::Corruption(path + ":" + std::to_string(line_no) +
                                  ": expected a header with columns EventSnippet and SubType");
      continue;
    }
    const int need = std::max({id_col, text_col, label_col});
    if (static_cast<int>(f.size()) <= need)
      return Status::Corruption(path + ":" + std::to_string(line_no) + ": expected " +
                                std::to_string(need + 1) + " columns, got " +
                                std::to_string(f.size()));
    CaseItem item;
    item.id = id_col >= 0 ? f[id_col] : std::to_string(line_no);
    item.text = f[text_col];
    item.label = f[label_col];
    if (item.label.empty())
      return Status::Corruption(path + ":" + std::to_string(line_no) + ": empty SubType");
    items.push_back(std::move(item));
  }
  if (id_col < 0 && text_col < 0) return Status::Corruption(path + ": empty gold file");
  return items;
}

std::string CaseLabelForAcled(std::string_view sub_event_type) {
  for (const auto& a : kAcled)
    if (sub_event_type == a.sub_event_type) return a.label;
  return "";
}

const std::vector<std::string>& AcledCaseLabels() {
  static const std::vector<std::string> labels = [] {
    std::vector<std::string> v;
    for (const auto& a : kAcled) v.push_back(a.label);
    return v;
  }();
  return labels;
}

std::string CaseLabelForEvent(const extract::Event& e) {
  if (!e.acled_sub_event_type.empty()) return CaseLabelForAcled(e.acled_sub_event_type);
  const std::string& k = e.kind;
  if (k == "claim_responsibility" || k == "accusation") return "ATTRIB";
  if (k == "natural_disaster") return "NATURAL_DISASTER";
  if (k == "man_made_disaster") return "MAN_MADE_DISASTER";
  if (k == "organized_crime") return "ORG_CRIME";
  if (k == "meeting" || k == "mediation" || k == "sanction" || k == "support_statement" ||
      k == "call_deescalation" || k == "request_assistance" || k == "territorial_claim" ||
      k == "threat" || k == "aid" || k == "reduce_relations")
    return "DIPLO";
  return "";
}

std::string PredictLabel(const extract::Extraction& x, const std::string& fallback) {
  const extract::Event* best = nullptr;
  std::string label;
  for (const auto& e : x.events) {
    std::string l = CaseLabelForEvent(e);
    if (l.empty()) continue;
    if (!best || e.confidence > best->confidence) {
      best = &e;
      label = l;
    }
  }
  return best ? label : fallback;
}

ClassificationReport Score(const std::vector<std::string>& gold,
                           const std::vector<std::string>& predicted) {
  ClassificationReport r;
  std::map<std::string, ClassScore> by;
  for (size_t i = 0; i < gold.size() && i < predicted.size(); ++i) {
    by[gold[i]].support++;
    by[predicted[i]].predicted++;
    if (gold[i] == predicted[i]) {
      by[gold[i]].correct++;
      r.correct++;
    }
    r.confusion[{gold[i], predicted[i]}]++;
    r.total++;
  }
  double macro = 0, weighted = 0;
  for (auto& [label, c] : by) {
    c.label = label;
    c.precision = c.predicted ? static_cast<double>(c.correct) / c.predicted : 0;
    c.recall = c.support ? static_cast<double>(c.correct) / c.support : 0;
    c.f1 = c.precision + c.recall > 0 ? 2 * c.precision * c.recall / (c.precision + c.recall) : 0;
    macro += c.f1;
    weighted += c.f1 * c.support;
    r.classes.push_back(c);
  }
  r.accuracy = r.total ? static_cast<double>(r.correct) / r.total : 0;
  r.macro_f1 = r.classes.empty() ? 0 : macro / r.classes.size();
  r.weighted_f1 = r.total ? weighted / r.total : 0;
  return r;
}

std::string FormatReportText(const ClassificationReport& all, const ClassificationReport& acled,
                             int no_event, int top_confusions) {
  std::ostringstream out;
  char buf[256];
  std::snprintf(buf, sizeof buf, "%-30s %9s %9s %9s %8s %9s\n", "class", "precision", "recall",
                "f1", "support", "predicted");
  out << buf;
  for (const auto& c : all.classes) {
    std::snprintf(buf, sizeof buf, "%-30s %9.3f %9.3f %9.3f %8d %9d\n", c.label.c_str(),
                  c.precision, c.recall, c.f1, c.support, c.predicted);
    out << buf;
  }
  std::snprintf(buf, sizeof buf,
                "\nsnippets %d  no event %d\naccuracy %.4f  weighted F1 %.4f  macro F1 %.4f\n",
                all.total, no_event, all.accuracy, all.weighted_f1, all.macro_f1);
  out << buf;
  std::snprintf(buf, sizeof buf,
                "ACLED classes only (%d snippets with one of the 25 ACLED sub-event types as "
                "gold): accuracy %.4f  weighted F1 %.4f  macro F1 %.4f\n",
                acled.total, acled.accuracy, acled.weighted_f1, acled.macro_f1);
  out << buf;
  std::vector<std::pair<int, std::pair<std::string, std::string>>> conf;
  for (const auto& [k, n] : all.confusion)
    if (k.first != k.second) conf.push_back({n, k});
  std::sort(conf.begin(), conf.end(), [](const auto& x, const auto& y) {
    return x.first != y.first ? x.first > y.first : x.second < y.second;
  });
  out << "\nmost frequent confusions (gold -> predicted):\n";
  for (int i = 0; i < top_confusions && i < static_cast<int>(conf.size()); ++i) {
    std::snprintf(buf, sizeof buf, "  %3d  %s -> %s\n", conf[i].first,
                  conf[i].second.first.c_str(), conf[i].second.second.c_str());
    out << buf;
  }
  return out.str();
}

std::string FormatReportJson(const ClassificationReport& all, const ClassificationReport& acled,
                             int no_event, const std::string& fallback) {
  using nlohmann::json;
  auto summary = [](const ClassificationReport& r) {
    return json{{"snippets", r.total},
                {"correct", r.correct},
                {"accuracy", Round4(r.accuracy)},
                {"weighted_f1", Round4(r.weighted_f1)},
                {"macro_f1", Round4(r.macro_f1)}};
  };
  json j = summary(all);
  j["no_event"] = no_event;
  j["fallback"] = fallback;
  json classes = json::array();
  for (const auto& c : all.classes)
    classes.push_back({{"label", c.label},
                       {"precision", Round4(c.precision)},
                       {"recall", Round4(c.recall)},
                       {"f1", Round4(c.f1)},
                       {"support", c.support},
                       {"predicted", c.predicted}});
  j["classes"] = classes;
  j["acled_only"] = summary(acled);
  json confusion = json::array();
  for (const auto& [k, n] : all.confusion)
    if (k.first != k.second) confusion.push_back({{"gold", k.first}, {"predicted", k.second}, {"count", n}});
  j["confusions"] = confusion;
  return j.dump();
}

}  // namespace tocsin::eval
