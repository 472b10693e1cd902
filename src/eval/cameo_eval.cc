#include "tocsin/eval/cameo_eval.h"

#include <cstdio>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace tocsin::eval {
namespace {

// The value of attribute `name` inside a start tag ("" if absent).
std::string Attr(const std::string& tag, const std::string& name) {
  size_t pos = 0;
  while ((pos = tag.find(name, pos)) != std::string::npos) {
    const bool word_start = pos > 0 && (tag[pos - 1] == ' ' || tag[pos - 1] == '\t' ||
                                        tag[pos - 1] == '\n' || tag[pos - 1] == '\r');
    size_t eq = pos + name.size();
    while (eq < tag.size() && tag[eq] == ' ') ++eq;
    if (!word_start || eq >= tag.size() || tag[eq] != '=') {
      pos += name.size();
      continue;
    }
    size_t q = eq + 1;
    while (q < tag.size() && tag[q] == ' ') ++q;
    if (q >= tag.size() || (tag[q] != '"' && tag[q] != '\'')) return "";
    const char quote = tag[q];
    size_t end = tag.find(quote, q + 1);
    if (end == std::string::npos) return "";
    return tag.substr(q + 1, end - q - 1);
  }
  return "";
}

std::string DecodeEntities(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '&') {
      static const std::pair<const char*, char> kEnt[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
      bool done = false;
      for (const auto& [ent, c] : kEnt)
        if (s.compare(i, std::char_traits<char>::length(ent), ent) == 0) {
          out += c;
          i += std::char_traits<char>::length(ent) - 1;
          done = true;
          break;
        }
      if (done) continue;
    }
    out += s[i];
  }
  return out;
}

std::string Collapse(const std::string& s) {  // newlines and runs of spaces -> one space
  std::string out;
  for (char c : s) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string Root(const std::string& code) { return code.size() >= 2 ? code.substr(0, 2) : code; }

bool ActorAgrees(const std::optional<extract::Actor>& a, const std::string& gold) {
  if (!a || gold.size() < 3) return false;
  const std::string ours = CameoActorCode(*a);
  if (ours.size() < 3) return false;
  // "---REB": no country; the agent decides (unnamed insurgents, civilians, a legislature).
  if (gold.compare(0, 3, "---") == 0)
    return ours.compare(0, 3, "---") == 0 && (gold.size() < 6 || gold.compare(3, 3, ours, 3, 3) == 0);
  // "IGOUNO...", "IMGMUSISI": the organisation (six letters) when both name one.
  if (gold.compare(0, 3, "IGO") == 0 || gold.compare(0, 3, "IMG") == 0) {
    if (ours.compare(0, 3, gold, 0, 3) != 0) return false;
    return ours.size() < 6 || gold.size() < 6 || ours.compare(0, 6, gold, 0, 6) == 0;
  }
  return ours.compare(0, 3, gold, 0, 3) == 0;  // a state (ISO3 = CAMEO country code)
}

}  // namespace

std::string CameoActorCode(const extract::Actor& a) {
  // Organisations and armed groups tocsin codes by name (data/lang/common/actors.tsv), with
  // their CAMEO / Phoenix actor codes (read from the Phoenix actor dictionaries): IGOs keep
  // their six-letter code, armed groups their country (+REB), transnational ones IMG.
  static const std::pair<const char*, const char*> kCodes[] = {
      {"UN", "IGOUNO"},       {"EU", "IGOEUREEC"},     {"NATO", "IGOWSTNAT"},
      {"INTERPOL", "IGOCOPITP"}, {"CIS", "IGOCASCIS"},  {"SCO", "IGOCAS"},
      {"ECOWAS", "IGOWAFBUS"}, {"AU", "IGOAFR"},       {"CSTO", "IGO"},
      {"OSCE", "IGO"},        {"ICRC", "NGOHLHIRC"},   {"HAMAS", "PSEREBHMS"},
      {"HEZBOLLAH", "LBNREB"}, {"RSF", "SDNREB"},      {"M23", "CODREB"},
      {"WAGNER", "RUSMIL"},   {"TALIBAN", "AFGREB"},   {"SHABAAB", "SOMREB"},
      {"BOKOHARAM", "NGAREB"}, {"HOUTHI", "YEMREB"},   {"PKK", "TURREB"},
      {"SDF", "SYRREB"},      {"HTS", "SYRREB"},       {"NPA", "PHLREB"},
      {"ADF", "CODREB"},      {"ELN", "COLREB"},       {"FARC", "COLREB"},
      {"IS", "IMGMUSISI"},    {"AQ", "IMGMUSAQI"},     {"JNIM", "IMGMUS"}};
  if (a.code.empty()) return a.agent.empty() ? "" : "---" + a.agent;
  for (const auto& [code, cameo] : kCodes)
    if (a.code == code) return cameo;
  if (a.code.size() == 3) return a.code + a.agent;  // ISO 3166 alpha-3 = CAMEO country code
  return a.code;
}

StatusOr<std::vector<CameoRecord>> ParsePetrarchXml(const std::string& xml,
                                                    const std::string& name) {
  std::vector<CameoRecord> records;
  CameoRecord* current = nullptr;
  size_t pos = 0;
  while ((pos = xml.find('<', pos)) != std::string::npos) {
    if (xml.compare(pos, 4, "<!--") == 0) {
      size_t end = xml.find("-->", pos + 4);
      if (end == std::string::npos) return Status::Corruption(name + ": unterminated comment");
      pos = end + 3;
      continue;
    }
    size_t close = xml.find('>', pos);
    if (close == std::string::npos) break;
    const std::string tag = xml.substr(pos, close + 1 - pos);
    auto is = [&](const char* t) {
      const size_t n = std::char_traits<char>::length(t);
      return tag.compare(0, n, t) == 0 && tag.size() > n &&
             (tag[n] == ' ' || tag[n] == '>' || tag[n] == '/' || tag[n] == '\n');
    };
    if (is("<Sentence")) {
      records.emplace_back();
      current = &records.back();
      current->id = Attr(tag, "id");
      current->category = Attr(tag, "category");
      const std::string d = Attr(tag, "date");
      if (d.size() == 8) current->date = d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2);
    } else if (is("<EventCoding") && current) {
      if (Attr(tag, "noevents") == "True" || Attr(tag, "noevents") == "true") {
        current->no_events = true;
      } else {
        CameoCoding c{Attr(tag, "eventcode"), Attr(tag, "sourcecode"), Attr(tag, "targetcode")};
        // "190_use_conventional_military_force": the code is the leading digits.
        size_t digits = 0;
        while (digits < c.event.size() && c.event[digits] >= '0' && c.event[digits] <= '9') ++digits;
        c.event.resize(digits);
        if (!c.event.empty()) current->codings.push_back(c);
      }
    } else if (is("<Text") && current) {
      size_t end = xml.find("</Text>", close);
      if (end == std::string::npos) return Status::Corruption(name + ": <Text> without </Text>");
      current->text = Collapse(DecodeEntities(xml.substr(close + 1, end - close - 1)));
      pos = end + 7;
      continue;
    } else if (is("<Parse")) {
      size_t end = xml.find("</Parse>", close);
      pos = end == std::string::npos ? close + 1 : end + 8;
      continue;
    }
    pos = close + 1;
  }
  std::vector<CameoRecord> kept;
  for (auto& r : records)
    if (!r.text.empty()) kept.push_back(std::move(r));
  if (kept.empty()) return Status::Corruption(name + ": no <Sentence> record with a <Text>");
  return kept;
}

StatusOr<std::vector<CameoRecord>> ReadPetrarchXml(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open gold file " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ParsePetrarchXml(ss.str(), path);
}

CameoScores ScoreCameo(const std::vector<CameoRecord>& records,
                       const std::vector<extract::Extraction>& extractions) {
  CameoScores s;
  for (size_t i = 0; i < records.size() && i < extractions.size(); ++i) {
    const CameoRecord& r = records[i];
    std::vector<const extract::Event*> events;
    for (const auto& e : extractions[i].events)
      if (!e.cameo.empty()) events.push_back(&e);
    ++s.records;
    if (r.codings.empty()) {
      if (r.no_events) {
        ++s.noevent_records;
        if (events.empty()) ++s.noevent_correct;
      }
      continue;
    }
    s.predicted += static_cast<int>(events.size());
    std::vector<bool> used(events.size(), false);
    for (const CameoCoding& g : r.codings) {
      ++s.gold_codings;
      // The best unused event of the same root: actors agreeing first.
      int best = -1, best_score = -1;
      for (size_t k = 0; k < events.size(); ++k) {
        if (used[k] || Root(events[k]->cameo) != Root(g.event)) continue;
        int score = (ActorAgrees(events[k]->actor1, g.source) ? 2 : 0) +
                    (ActorAgrees(events[k]->actor2, g.target) ? 1 : 0) +
                    (events[k]->cameo == g.event ? 1 : 0);
        if (score > best_score) {
          best = static_cast<int>(k);
          best_score = score;
        }
      }
      if (best < 0) continue;
      used[best] = true;
      ++s.root_tp;
      ++s.predicted_matched;
      const extract::Event& e = *events[best];
      if (e.cameo == g.event) ++s.code_tp;
      const bool src = ActorAgrees(e.actor1, g.source), tgt = ActorAgrees(e.actor2, g.target);
      if (!g.source.empty()) ++s.with_source;
      if (!g.target.empty()) ++s.with_target;
      if (src) ++s.source_tp;
      if (tgt) ++s.target_tp;
      if (src && (tgt || g.target.empty())) ++s.both_tp;
    }
  }
  return s;
}

namespace {
double Ratio(int a, int b) { return b ? static_cast<double>(a) / b : 0; }
}  // namespace

std::string FormatCameoText(const CameoScores& s) {
  char buf[1024];
  std::snprintf(
      buf, sizeof buf,
      "records %d, gold event codings %d, no-event records %d\n"
      "root code true positives  %d/%d = %.1f%%\n"
      "full code                 %d/%d = %.1f%%\n"
      "root + source actor       %d/%d = %.1f%%\n"
      "root + target actor       %d/%d = %.1f%%\n"
      "root + source + target    %d/%d = %.1f%%\n"
      "source agreement among root matches with a gold source  %d/%d = %.1f%%\n"
      "target agreement among root matches with a gold target  %d/%d = %.1f%%\n"
      "precision of coded events (records with codings)        %d/%d = %.1f%%\n"
      "no-event records left without a coded event              %d/%d = %.1f%%\n",
      s.records, s.gold_codings, s.noevent_records, s.root_tp, s.gold_codings,
      100 * Ratio(s.root_tp, s.gold_codings), s.code_tp, s.gold_codings,
      100 * Ratio(s.code_tp, s.gold_codings), s.source_tp, s.gold_codings,
      100 * Ratio(s.source_tp, s.gold_codings), s.target_tp, s.gold_codings,
      100 * Ratio(s.target_tp, s.gold_codings), s.both_tp, s.gold_codings,
      100 * Ratio(s.both_tp, s.gold_codings), s.source_tp, s.with_source,
      100 * Ratio(s.source_tp, s.with_source), s.target_tp, s.with_target,
      100 * Ratio(s.target_tp, s.with_target), s.predicted_matched, s.predicted,
      100 * Ratio(s.predicted_matched, s.predicted), s.noevent_correct, s.noevent_records,
      100 * Ratio(s.noevent_correct, s.noevent_records));
  return buf;
}

std::string FormatCameoJson(const CameoScores& s) {
  nlohmann::json j = {{"records", s.records},
                      {"gold_codings", s.gold_codings},
                      {"root_tp", s.root_tp},
                      {"root_tp_rate", Ratio(s.root_tp, s.gold_codings)},
                      {"code_tp", s.code_tp},
                      {"source_tp", s.source_tp},
                      {"target_tp", s.target_tp},
                      {"both_tp", s.both_tp},
                      {"with_source", s.with_source},
                      {"with_target", s.with_target},
                      {"predicted", s.predicted},
                      {"predicted_matched", s.predicted_matched},
                      {"noevent_records", s.noevent_records},
                      {"noevent_correct", s.noevent_correct}};
  return j.dump();
}

}  // namespace tocsin::eval
