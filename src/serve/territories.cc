#include "tocsin/serve/territories.h"

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace tocsin::serve {
namespace {

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> cols;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    cols.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return cols;
}

std::vector<std::string> SplitCommas(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, ','))
    if (!item.empty()) out.push_back(item);
  return out;
}

// A tiny recursive reader of WKT coordinate lists: "(( x y, x y ), ( ... ))".
class WktReader {
 public:
  explicit WktReader(std::string_view s) : s_(s) {}
  void Skip() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }
  bool Eat(char c) {
    Skip();
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  bool Keyword(std::string_view k) {
    Skip();
    if (s_.size() - i_ < k.size()) return false;
    for (size_t j = 0; j < k.size(); ++j)
      if (std::toupper(static_cast<unsigned char>(s_[i_ + j])) != k[j]) return false;
    i_ += k.size();
    return true;
  }
  bool Number(double& v) {
    Skip();
    std::string tmp(s_.substr(i_, std::min<size_t>(32, s_.size() - i_)));
    char* end = nullptr;
    v = std::strtod(tmp.c_str(), &end);
    if (end == tmp.c_str()) return false;
    i_ += static_cast<size_t>(end - tmp.c_str());
    return true;
  }
  // "( x y, x y, ... )" -> [[x,y],...]
  bool Ring(nlohmann::json& ring) {
    if (!Eat('(')) return false;
    ring = nlohmann::json::array();
    do {
      double x, y;
      if (!Number(x) || !Number(y)) return false;
      ring.push_back({x, y});
    } while (Eat(','));
    return Eat(')') && ring.size() >= 4;
  }
  bool Polygon(nlohmann::json& poly) {
    if (!Eat('(')) return false;
    poly = nlohmann::json::array();
    do {
      nlohmann::json ring;
      if (!Ring(ring)) return false;
      poly.push_back(std::move(ring));
    } while (Eat(','));
    return Eat(')');
  }
  bool AtEnd() {
    Skip();
    return i_ == s_.size();
  }

 private:
  std::string_view s_;
  size_t i_ = 0;
};

}  // namespace

StatusOr<std::string> WktToGeoJson(std::string_view wkt) {
  WktReader r(wkt);
  nlohmann::json geom;
  if (r.Keyword("MULTIPOLYGON")) {
    nlohmann::json polys = nlohmann::json::array();
    if (!r.Eat('(')) return Status::InvalidArgument("bad MULTIPOLYGON");
    do {
      nlohmann::json p;
      if (!r.Polygon(p)) return Status::InvalidArgument("bad MULTIPOLYGON polygon");
      polys.push_back(std::move(p));
    } while (r.Eat(','));
    if (!r.Eat(')')) return Status::InvalidArgument("bad MULTIPOLYGON end");
    geom = {{"type", "MultiPolygon"}, {"coordinates", std::move(polys)}};
  } else if (r.Keyword("POLYGON")) {
    nlohmann::json p;
    if (!r.Polygon(p)) return Status::InvalidArgument("bad POLYGON");
    geom = {{"type", "Polygon"}, {"coordinates", std::move(p)}};
  } else {
    return Status::Unsupported("only POLYGON and MULTIPOLYGON are supported");
  }
  if (!r.AtEnd()) return Status::InvalidArgument("trailing text after the geometry");
  return geom.dump();
}

StatusOr<Territories> Territories::Load(const std::string& tsv_path) {
  std::ifstream in(tsv_path);
  if (!in) return Status::NotFound("cannot open " + tsv_path);
  Territories t;
  std::string line;
  int n = 0;
  bool header = true;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    if (header) {  // the column names
      header = false;
      continue;
    }
    auto c = SplitTabs(line);
    if (c.size() < 9)
      return Status::Corruption(tsv_path + ":" + std::to_string(n) + ": expected 9+ columns");
    AreaRow row{c[0], c[1], c[2], SplitCommas(c[3]), c[4], c[5], c[6], c[7], c[8],
                c.size() > 9 ? c[9] : ""};
    auto g = WktToGeoJson(row.wkt);
    if (!g.ok())
      return Status::Corruption(tsv_path + ":" + std::to_string(n) + ": " + g.status().message());
    t.rows_.push_back(std::move(row));
    t.geometries_.push_back(std::move(*g));
  }
  return t;
}

std::string Territories::GeoJson(std::string_view date) const {
  std::string out = R"({"type":"FeatureCollection","features":[)";
  bool first = true;
  for (size_t i = 0; i < rows_.size(); ++i) {
    const AreaRow& r = rows_[i];
    if (!date.empty()) {
      if (!r.valid_from.empty() && date < r.valid_from) continue;
      if (!r.valid_to.empty() && date >= r.valid_to) continue;
    }
    nlohmann::json props = {{"id", r.id},
                            {"name", r.name},
                            {"status", r.status},
                            {"claimed_by", r.claimed_by},
                            {"controlled_by", r.controlled_by},
                            {"valid_from", r.valid_from},
                            {"valid_to", r.valid_to},
                            {"source", r.source},
                            {"recognised", r.recognised}};
    if (!first) out += ',';
    first = false;
    out += R"({"type":"Feature","id":)";
    out += nlohmann::json(r.id).dump();
    out += R"(,"properties":)";
    out += props.dump();
    out += R"(,"geometry":)";
    out += geometries_[i];
    out += '}';
  }
  out += "]}";
  return out;
}

}  // namespace tocsin::serve
