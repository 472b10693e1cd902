// Geoparsing evaluation: gold XML reader (libxml2) and span/coordinate scoring.
#include <fstream>
#include "tocsin/eval/geoparse_eval.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <set>

#include "tocsin/core/document.h"
#include "tocsin/geo/gazetteer.h"

namespace tocsin::eval {
namespace {

std::string NodeText(xmlNode* n) {
  xmlChar* c = xmlNodeGetContent(n);
  std::string s = c ? reinterpret_cast<const char*>(c) : "";
  xmlFree(c);
  return s;
}

bool Named(xmlNode* n, const char* name) {
  return n->type == XML_ELEMENT_NODE && std::strcmp(reinterpret_cast<const char*>(n->name), name) == 0;
}

xmlNode* Child(xmlNode* parent, const char* name) {
  for (xmlNode* c = parent->children; c; c = c->next)
    if (Named(c, name)) return c;
  return nullptr;
}

// First descendant element named `name` (depth-first).
xmlNode* Descendant(xmlNode* parent, const char* name) {
  for (xmlNode* c = parent->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (Named(c, name)) return c;
    if (xmlNode* d = Descendant(c, name)) return d;
  }
  return nullptr;
}

void CollectToponyms(xmlNode* parent, std::vector<xmlNode*>& out) {
  for (xmlNode* c = parent->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (Named(c, "toponym") || Named(c, "location")) {
      out.push_back(c);
    } else {
      CollectToponyms(c, out);
    }
  }
}

// Byte offset of code point `cp` in UTF-8 `s` (s.size() when past the end).
size_t ByteOffset(const std::string& s, size_t cp) {
  size_t i = 0, n = 0;
  while (i < s.size() && n < cp) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    ++n;
  }
  return std::min(i, s.size());
}

bool ParseNumber(const std::string& s, double* out) {
  if (s.empty()) return false;
  char* end = nullptr;
  *out = std::strtod(s.c_str(), &end);
  while (end && (*end == ' ' || *end == '\n' || *end == '\t')) ++end;
  return end && *end == '\0' && std::isfinite(*out);
}

// Is a gold toponym a demonym ("Turkish", "Canadian", "South Korean") rather than a literal
// toponym? One or two words ending like an adjective of nationality that are not a country,
// region or city name of the gazetteer.
bool GoldDemonym(const geo::Gazetteer& gaz, const std::string& phrase) {
  std::string f = geo::FoldName(phrase);
  if (f.empty() || std::count(f.begin(), f.end(), ' ') > 1) return false;
  static const char* kSuffixes[] = {"ian", "ean", "an", "ese", "ish", "i", "ch", "ic", "ais",
                                    "aise", "ien", "ienne", "ois", "oise", "eek", "que", "ss"};
  bool suffix = false;
  for (const char* x : kSuffixes) {
    std::string_view sx(x);
    if (f.size() > sx.size() + 2 && f.compare(f.size() - sx.size(), sx.size(), sx) == 0)
      suffix = true;
  }
  if (!suffix) return false;
  for (const auto& e : gaz.Lookup(f)) {
    bool populated = e.feature == "city" || e.feature == "town" || e.feature == "village";
    if (!populated || e.curated || e.population >= 50000) return false;
  }
  return true;
}

}  // namespace

double GreatCircleKm(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kRad = M_PI / 180;
  double dlat = (lat2 - lat1) * kRad, dlon = (lon2 - lon1) * kRad;
  double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
             std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 6371.0 * 2 * std::atan2(std::sqrt(a), std::sqrt(1 - a));
}

StatusOr<GoldCorpus> ReadGeoparseGold(const std::string& path) {
  xmlDoc* doc = xmlReadFile(path.c_str(), nullptr, XML_PARSE_NONET | XML_PARSE_NOERROR |
                                                       XML_PARSE_NOWARNING | XML_PARSE_HUGE);
  if (!doc) {
    return Status::InvalidArgument(path + ": cannot parse as XML (expected <articles> with "
                                   "<article><text/>...<toponym>|<location> elements)");
  }
  GoldCorpus corpus;
  std::vector<xmlNode*> articles;
  std::vector<xmlNode*> stack = {xmlDocGetRootElement(doc)};
  while (!stack.empty()) {
    xmlNode* n = stack.back();
    stack.pop_back();
    if (!n) continue;
    if (Named(n, "article")) {
      articles.push_back(n);
      continue;
    }
    std::vector<xmlNode*> kids;
    for (xmlNode* c = n->children; c; c = c->next)
      if (c->type == XML_ELEMENT_NODE) kids.push_back(c);
    for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.push_back(*it);
  }
  for (size_t ai = 0; ai < articles.size(); ++ai) {
    xmlNode* a = articles[ai];
    xmlNode* text = Child(a, "text");
    if (!text) continue;
    GoldArticle art;
    art.text = NodeText(text);
    if (xmlNode* t = Child(a, "title")) art.title = NodeText(t);
    xmlChar* docid = xmlGetProp(a, reinterpret_cast<const xmlChar*>("docid"));
    if (docid) {
      art.id = reinterpret_cast<const char*>(docid);
      xmlFree(docid);
    }
    if (art.id.empty()) art.id = "article-" + std::to_string(ai + 1);
    std::vector<xmlNode*> tops;
    CollectToponyms(a, tops);
    std::set<size_t> taken;  // byte offsets already given to a gold toponym
    for (xmlNode* tp : tops) {
      GoldToponym g;
      xmlNode* name = Child(tp, "phrase");
      if (!name) name = Child(tp, "name");
      xmlNode* start = Child(tp, "start");
      xmlNode* end = Child(tp, "end");
      if (!name || !start || !end) continue;
      g.name = NodeText(name);
      double s = 0, e = 0;
      if (!ParseNumber(NodeText(start), &s) || !ParseNumber(NodeText(end), &e) || s < 0 || e < s)
        continue;
      xmlNode* lat = Descendant(tp, "lat");
      xmlNode* lon = Descendant(tp, "lon");
      if (!lat) lat = Descendant(tp, "latitude");
      if (!lon) lon = Descendant(tp, "longitude");
      if (lat && lon && ParseNumber(NodeText(lat), &g.lat) && ParseNumber(NodeText(lon), &g.lon))
        g.has_coords = true;
      // Character offsets -> bytes; re-align on the name if they are off by a few characters.
      // TR-News offsets drift through long articles (tens of characters by the end): the
      // nearest occurrence of the name within 400 bytes that no earlier gold toponym took.
      size_t cs = static_cast<size_t>(s);
      size_t b = ByteOffset(art.text, cs);
      bool aligned = false;
      if (!g.name.empty()) {
        size_t from = b > 400 ? b - 400 : 0;
        size_t best = std::string::npos, best_d = 0;
        for (size_t p = art.text.find(g.name, from); p != std::string::npos && p <= b + 400;
             p = art.text.find(g.name, p + 1)) {
          if (taken.count(p)) continue;
          size_t d = p > b ? p - b : b - p;
          if (best == std::string::npos || d < best_d) {
            best = p;
            best_d = d;
          }
        }
        if (best != std::string::npos) {
          g.start = best;
          g.end = best + g.name.size();
          taken.insert(best);
          aligned = true;
        }
      }
      if (!aligned) {
        ++corpus.unaligned;
        continue;
      }
      art.toponyms.push_back(std::move(g));
    }
    std::sort(art.toponyms.begin(), art.toponyms.end(),
              [](const GoldToponym& x, const GoldToponym& y) { return x.start < y.start; });
    corpus.articles.push_back(std::move(art));
  }
  xmlFreeDoc(doc);
  if (corpus.articles.empty()) {
    return Status::InvalidArgument(path + ": no <article> with a <text> element");
  }
  return corpus;
}

StatusOr<GoldCorpus> ReadHipeGold(const std::string& path, std::string* lang) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open");
  GoldCorpus corpus;
  GoldArticle* doc = nullptr;
  GoldToponym* open = nullptr;  // the loc entity being read
  bool space_pending = false;
  std::string line;
  size_t line_no = 0;
  auto close = [&] {
    if (open && doc) {
      open->name = doc->text.substr(open->start, open->end - open->start);
      open = nullptr;
    }
  };
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (line[0] == '#') {
      const std::string id_key = "# hipe2022:document_id = ", lang_key = "# hipe2022:language = ";
      if (line.rfind(id_key, 0) == 0) {
        close();
        corpus.articles.emplace_back();
        doc = &corpus.articles.back();
        doc->id = line.substr(id_key.size());
        space_pending = false;
      } else if (lang && line.rfind(lang_key, 0) == 0) {
        *lang = line.substr(lang_key.size());
      }
      continue;
    }
    std::vector<std::string> cols;
    for (size_t from = 0;;) {
      size_t tab = line.find('\t', from);
      cols.push_back(line.substr(from, tab == std::string::npos ? std::string::npos : tab - from));
      if (tab == std::string::npos) break;
      from = tab + 1;
    }
    if (cols.size() < 2 || cols[0] == "TOKEN") continue;
    if (!doc)
      return Status::InvalidArgument(path + ":" + std::to_string(line_no) +
                                     ": token before any \"# hipe2022:document_id\" line");
    const std::string& tag = cols[1];
    const bool begins = tag.rfind("B-loc", 0) == 0, inside = tag.rfind("I-loc", 0) == 0;
    if (!inside) close();
    if (space_pending && !doc->text.empty()) doc->text += ' ';
    const size_t start = doc->text.size();
    doc->text += cols[0];
    if (begins) {
      doc->toponyms.push_back({"", start, doc->text.size(), 0, 0, false});
      open = &doc->toponyms.back();
    } else if (inside && open) {
      open->end = doc->text.size();
    }
    const std::string misc = cols.back();
    space_pending = misc.find("NoSpaceAfter") == std::string::npos;
  }
  close();
  return corpus;
}

GeoparseEvalResult EvaluateGeoparse(const geoparse::Geoparser& parser, const GoldCorpus& gold,
                                    const GeoparseEvalOptions& options) {
  GeoparseEvalResult result;
  GeoparseScores& s = result.scores;
  double error_sum = 0;
  size_t error_n = 0;
  for (const GoldArticle& art : gold.articles) {
    ++s.articles;
    Document doc;
    doc.id = art.id;
    doc.text = art.text;
    doc.lang = options.lang;
    geoparse::GeoparseResult r = parser.Parse(doc);
    std::vector<const geoparse::Toponym*> pred;
    for (const auto& t : r.toponyms)
      if (t.field == "text" && (options.demonyms || !t.demonym)) pred.push_back(&t);
    s.predicted += pred.size();
    std::vector<bool> used(pred.size(), false);
    for (const GoldToponym& g : art.toponyms) {
      if (!options.demonyms && GoldDemonym(parser.gazetteer(), g.name)) {
        ++s.gold_demonyms;
        // A plain prediction on it is neither right nor wrong.
        for (size_t i = 0; i < pred.size(); ++i)
          if (!used[i] && pred[i]->start < g.end && pred[i]->end > g.start) {
            used[i] = true;
            --s.predicted;
          }
        continue;
      }
      ++s.gold;
      // The first unused prediction overlapping the gold span; an exact one if there is one.
      long best = -1;
      for (size_t i = 0; i < pred.size(); ++i) {
        if (used[i] || pred[i]->end <= g.start || pred[i]->start >= g.end) continue;
        if (best < 0 || (pred[i]->start == g.start && pred[i]->end == g.end)) best = static_cast<long>(i);
        if (pred[i]->start == g.start && pred[i]->end == g.end) break;
      }
      if (best < 0) {
        if (options.collect_errors)
          result.errors.push_back("FN\t" + art.id + "\t" + g.name + "\t@" +
                                  std::to_string(g.start));
        continue;
      }
      used[best] = true;
      const geoparse::Toponym& p = *pred[best];
      ++s.matched;
      if (p.start == g.start && p.end == g.end) ++s.exact;
      if (!g.has_coords) continue;
      ++s.with_coords;
      if (!p.entry) {
        if (options.collect_errors)
          result.errors.push_back("UNRESOLVED\t" + art.id + "\t" + g.name);
        continue;
      }
      ++s.resolved;
      double km = GreatCircleKm(p.entry->lat, p.entry->lon, g.lat, g.lon);
      error_sum += km;
      ++error_n;
      if (km <= 161) {
        ++s.within_161km;
      } else if (options.collect_errors) {
        result.errors.push_back("FAR\t" + art.id + "\t" + g.name + "\t" +
                                std::to_string(static_cast<long>(km)) + " km\t" + p.entry->name +
                                " " + p.entry->country + " " + p.entry->feature);
      }
    }
    if (options.collect_errors) {
      for (size_t i = 0; i < pred.size(); ++i)
        if (!used[i])
          result.errors.push_back("FP\t" + art.id + "\t" + pred[i]->text +
                                  (pred[i]->entry ? "\t" + pred[i]->entry->name + " " +
                                                        pred[i]->entry->country + " " +
                                                        pred[i]->entry->feature
                                                  : "\tunresolved"));
    }
  }
  s.mean_error_km = error_n ? error_sum / static_cast<double>(error_n) : 0;
  return result;
}

}  // namespace tocsin::eval
