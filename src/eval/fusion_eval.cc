#include "tocsin/eval/fusion_eval.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>


namespace tocsin::eval {
namespace {

// Lower-cased words (ASCII letters and digits; other bytes, including UTF-8 letters, are kept
// as they are so Cyrillic words still compare).
std::vector<std::string> Words(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (unsigned char c : s) {
    bool word = (c >= 0x80) || std::isalnum(c);
    if (word) {
      cur += static_cast<char>(std::tolower(c));
    } else if (!cur.empty()) {
      out.push_back(cur);
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

std::string Joined(const std::vector<std::string>& w) {
  std::string s;
  for (const auto& x : w) s += x + " ";
  return s;
}

double Match(const std::string& quote, const std::string& sentence) {
  auto q = Words(quote), s = Words(sentence);
  if (q.empty() || s.empty()) return 0;
  std::string jq = " " + Joined(q), js = " " + Joined(s);
  if (js.find(jq) != std::string::npos || jq.find(js) != std::string::npos) return 2.0;
  std::multiset<std::string> sq(q.begin(), q.end());
  size_t common = 0;
  for (const auto& w : s) {
    auto it = sq.find(w);
    if (it != sq.end()) {
      ++common;
      sq.erase(it);
    }
  }
  return static_cast<double>(common) / static_cast<double>(std::min(q.size(), s.size()));
}

std::string Fixed(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

double F1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0; }

}  // namespace

StatusOr<std::vector<FusionGoldItem>> ReadFusionGold(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open gold file " + path);
  std::vector<FusionGoldItem> items;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    auto j = nlohmann::json::parse(line, nullptr, false);
    std::string where = path + ":" + std::to_string(n) + ": ";
    if (!j.is_object())
      return Status::InvalidArgument(where + "not a JSON object; each line is "
                                             "{\"doc_id\", \"cluster\", \"quote\"}");
    FusionGoldItem it;
    it.line = n;
    for (auto [key, field] : {std::pair{"doc_id", &it.doc_id}, std::pair{"cluster", &it.cluster}}) {
      if (!j.contains(key) || !(j[key].is_string() || j[key].is_number()))
        return Status::InvalidArgument(where + "missing \"" + key + "\" (a string)");
      *field = j[key].is_string() ? j[key].get<std::string>() : j[key].dump();
    }
    if (j.contains("quote") && j["quote"].is_string()) it.quote = j["quote"].get<std::string>();
    items.push_back(std::move(it));
  }
  if (items.empty()) return Status::InvalidArgument(path + ": no gold items");
  return items;
}

std::vector<int64_t> AlignItems(const std::vector<FusionGoldItem>& gold,
                                const std::vector<SystemMention>& mentions) {
  std::map<std::string, std::vector<const SystemMention*>> by_doc;
  for (const auto& m : mentions) by_doc[m.doc_id].push_back(&m);
  for (auto& [d, v] : by_doc)
    std::sort(v.begin(), v.end(), [](auto* a, auto* b) { return a->mention < b->mention; });
  std::vector<int64_t> out(gold.size(), 0);
  for (size_t i = 0; i < gold.size(); ++i) {
    auto it = by_doc.find(gold[i].doc_id);
    if (it == by_doc.end()) continue;
    if (gold[i].quote.empty()) {
      for (const auto* m : it->second)
        if (m->event) {
          out[i] = m->event;
          break;
        }
      continue;
    }
    double best = 0.5 - 1e-9;
    for (const auto* m : it->second) {
      double s = Match(gold[i].quote, m->sentence);
      if (s > best && m->event) {
        best = s;
        out[i] = m->event;
      }
    }
  }
  return out;
}

FusionScores ScoreFusion(const std::vector<FusionGoldItem>& gold,
                         const std::vector<int64_t>& system) {
  FusionScores s;
  const size_t n = gold.size();
  s.items = n;
  // System labels: the event, or a singleton of its own.
  std::vector<std::string> sys(n);
  std::set<std::string> gc, sc;
  for (size_t i = 0; i < n; ++i) {
    if (system[i]) ++s.aligned;
    sys[i] = system[i] ? "e" + std::to_string(system[i]) : "alone" + std::to_string(i);
    gc.insert(gold[i].cluster);
    sc.insert(sys[i]);
  }
  s.gold_clusters = gc.size();
  s.system_clusters = sc.size();
  std::map<std::string, std::vector<size_t>> gm, sm;
  for (size_t i = 0; i < n; ++i) {
    gm[gold[i].cluster].push_back(i);
    sm[sys[i]].push_back(i);
  }
  for (size_t i = 0; i < n; ++i)
    for (size_t j = i + 1; j < n; ++j) {
      if (gold[i].doc_id == gold[j].doc_id) continue;  // cross-document pairs only
      bool g = gold[i].cluster == gold[j].cluster, p = sys[i] == sys[j];
      s.gold_pairs += g;
      s.system_pairs += p;
      s.common_pairs += g && p;
    }
  s.pair_precision = s.system_pairs ? double(s.common_pairs) / double(s.system_pairs) : 0;
  s.pair_recall = s.gold_pairs ? double(s.common_pairs) / double(s.gold_pairs) : 0;
  s.pair_f1 = F1(s.pair_precision, s.pair_recall);
  double bp = 0, br = 0;
  for (size_t i = 0; i < n; ++i) {
    const auto& g = gm[gold[i].cluster];
    const auto& p = sm[sys[i]];
    size_t both = 0;
    for (size_t x : p)
      if (gold[x].cluster == gold[i].cluster) ++both;
    bp += double(both) / double(p.size());
    br += double(both) / double(g.size());
  }
  s.b3_precision = n ? bp / double(n) : 0;
  s.b3_recall = n ? br / double(n) : 0;
  s.b3_f1 = F1(s.b3_precision, s.b3_recall);
  return s;
}

std::string FormatFusionText(const FusionScores& s) {
  std::ostringstream o;
  o << "gold items " << s.items << " (" << s.aligned << " matched a fused mention), gold clusters "
    << s.gold_clusters << ", system clusters " << s.system_clusters << "\n";
  o << "pairwise (cross-document): gold pairs " << s.gold_pairs << ", predicted " << s.system_pairs
    << ", correct " << s.common_pairs << "\n";
  o << "pairwise  precision " << Fixed(s.pair_precision) << "  recall " << Fixed(s.pair_recall)
    << "  F1 " << Fixed(s.pair_f1) << "\n";
  o << "B-cubed   precision " << Fixed(s.b3_precision) << "  recall " << Fixed(s.b3_recall)
    << "  F1 " << Fixed(s.b3_f1) << "\n";
  return o.str();
}

std::string FormatFusionJson(const FusionScores& s) {
  nlohmann::json j = {
      {"items", s.items},
      {"aligned", s.aligned},
      {"gold_clusters", s.gold_clusters},
      {"system_clusters", s.system_clusters},
      {"pairwise",
       {{"gold_pairs", s.gold_pairs}, {"system_pairs", s.system_pairs},
        {"correct", s.common_pairs}, {"precision", s.pair_precision},
        {"recall", s.pair_recall}, {"f1", s.pair_f1}}},
      {"bcubed", {{"precision", s.b3_precision}, {"recall", s.b3_recall}, {"f1", s.b3_f1}}}};
  return j.dump();
}

}  // namespace tocsin::eval
