#include "cameo.h"

#include <string>
#include <utility>
#include <vector>

namespace tocsin::extract {
namespace {

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// "release:0253,talks:026" -> {{"release","0253"},{"talks","026"}}
std::vector<std::pair<std::string, std::string>> ParseThen(std::string_view list) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t pos = 0;
  while (pos < list.size()) {
    size_t comma = list.find(',', pos);
    if (comma == std::string_view::npos) comma = list.size();
    std::string_view item = list.substr(pos, comma - pos);
    size_t colon = item.find(':');
    if (colon != std::string_view::npos && colon > 0 && colon + 1 < item.size())
      out.emplace_back(std::string(item.substr(0, colon)), std::string(item.substr(colon + 1)));
    pos = comma + 1;
  }
  return out;
}

// A cue of one of `types` ending at most `gap` words before the trigger, in its clause.
bool CueBefore(const SentenceAnalysis& a, const TriggerMention& t,
               std::initializer_list<std::string_view> types, uint32_t gap) {
  const size_t clause = a.ClauseOf(t.first);
  for (const auto& c : a.cues) {
    if (c.end > t.first || t.first - c.end > gap || a.ClauseOf(c.first) != clause) continue;
    for (std::string_view ty : types)
      if (c.type == ty) return true;
  }
  return false;
}

}  // namespace

std::string RejectionOf(std::string_view c) {
  if (c.size() < 3) return "";
  if (StartsWith(c, "045")) return "126";
  if (StartsWith(c, "04")) return "125";
  if (StartsWith(c, "057")) return "127";
  if (StartsWith(c, "05")) return "120";
  if (StartsWith(c, "06")) return c.size() == 3 && c[2] != '0' ? std::string("121") + c[2] : "121";
  if (StartsWith(c, "07")) return c[2] >= '1' && c[2] <= '4' ? std::string("122") + c[2] : "122";
  if (StartsWith(c, "081")) return "1241";
  if (StartsWith(c, "082")) return "1242";
  if (StartsWith(c, "084")) return "1243";
  if (StartsWith(c, "085")) return "1244";
  if (StartsWith(c, "086")) return "1245";
  if (StartsWith(c, "087")) return "1246";
  if (StartsWith(c, "08")) return "124";
  return "";
}

std::string IntentOf(std::string_view c) {
  if (c.size() < 3) return "";
  if (StartsWith(c, "045")) return "039";
  if (StartsWith(c, "04")) return "036";
  if (StartsWith(c, "057")) return "030";
  if (StartsWith(c, "05")) return "032";
  if (StartsWith(c, "06")) return c.size() == 3 && c[2] != '0' ? std::string("031") + c[2] : "031";
  if (StartsWith(c, "07")) return c[2] >= '1' && c[2] <= '4' ? std::string("033") + c[2] : "033";
  if (StartsWith(c, "081")) return "0351";
  if (StartsWith(c, "082")) return "0352";
  if (StartsWith(c, "083")) return "034";
  if (StartsWith(c, "084")) return "0353";
  if (StartsWith(c, "085")) return "0354";
  if (StartsWith(c, "086")) return "0355";
  if (StartsWith(c, "087")) return "0356";
  if (StartsWith(c, "08")) return "035";
  return "";
}

std::string RefineCameo(const SentenceAnalysis& a, const TriggerMention& t, std::string base) {
  if (!t.entry || base.empty()) return base;
  std::string code = base;
  if (t.entry->Has("cameo")) code = std::string(t.entry->Get("cameo"));
  if (t.entry->Has("then")) {
    const auto then = ParseThen(t.entry->Get("then"));
    const size_t clause = a.ClauseOf(t.end - 1);
    bool found = false;
    for (uint32_t i = t.end; i < a.sentence.end_token && i < t.end + 8 && !found; ++i) {
      if (a.ClauseOf(i) != clause) break;
      const std::string& w = a.tok(i).folded;
      for (const auto& [prefix, c] : then)
        if (StartsWith(w, prefix)) {
          code = c;
          found = true;
          break;
        }
    }
  }
  // A withdrawal of forces ("UN troops withdrew from ...") is a military retreat (CAMEO 0874),
  // whether or not someone takes the place.
  if (t.entry->Has("withdrawal")) code = "0874";
  if (StartsWith(code, "15"))
    for (std::string_view w : {"withdr", "pull", "retir", "retrait"})
      if (StartsWith(a.tok(t.first).folded, w)) code = "0874";
  // "vowed to attack", "wants to strike": force announced, not used, is a threat (138).
  if ((StartsWith(code, "18") || StartsWith(code, "19") || StartsWith(code, "20")) &&
      CueBefore(a, t, {"intent"}, 3) && !CueBefore(a, t, {"neg"}, 3))
    return "138";
  if (CueBefore(a, t, {"neg"}, 3)) {
    if (std::string r = RejectionOf(code); !r.empty()) return r;
  } else if (CueBefore(a, t, {"intent", "attempt", "hypo"}, 4)) {
    if (std::string r = IntentOf(code); !r.empty()) return r;
  }
  return code;
}

bool LowSalience(const TriggerMention& t) { return t.entry && t.entry->Get("salience") == "low"; }

}  // namespace tocsin::extract
