// Country code tables, loaded once from Debian iso-codes.
#include "tocsin/geo/countries.h"

#include <fstream>
#include <unordered_map>

#include <nlohmann/json.hpp>

namespace tocsin::geo {
namespace {

constexpr const char* kIsoCodesPath = "/usr/share/iso-codes/json/iso_3166-1.json";

struct Tables {
  std::vector<CountryInfo> all;
  std::unordered_map<std::string, size_t> by_alpha2, by_alpha3, by_numeric;
};

Tables LoadTables() {
  Tables t;
  std::ifstream in(kIsoCodesPath);
  if (in) {
    nlohmann::json j = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
    if (j.is_object() && j.contains("3166-1") && j["3166-1"].is_array()) {
      for (const auto& c : j["3166-1"]) {
        if (!c.is_object()) continue;
        CountryInfo info;
        info.alpha2 = c.value("alpha_2", "");
        info.alpha3 = c.value("alpha_3", "");
        info.numeric = c.value("numeric", "");
        info.name = c.value("name", "");
        info.official_name = c.value("official_name", "");
        info.common_name = c.value("common_name", "");
        if (info.alpha2.size() == 2 && info.alpha3.size() == 3) t.all.push_back(std::move(info));
      }
    }
  }
  // Kosovo has a user-assigned code (XK / XKX) used by GeoNames and most news agencies.
  t.all.push_back({"XK", "XKX", "", "Kosovo", "Republic of Kosovo", ""});
  for (size_t i = 0; i < t.all.size(); ++i) {
    t.by_alpha2.emplace(t.all[i].alpha2, i);
    t.by_alpha3.emplace(t.all[i].alpha3, i);
    if (!t.all[i].numeric.empty()) t.by_numeric.emplace(t.all[i].numeric, i);
  }
  return t;
}

const Tables& GetTables() {
  static const Tables tables = LoadTables();  // thread-safe static initialisation
  return tables;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

}  // namespace

const std::vector<CountryInfo>& AllCountries() { return GetTables().all; }

std::string Alpha3FromAlpha2(std::string_view alpha2) {
  const Tables& t = GetTables();
  auto it = t.by_alpha2.find(Upper(alpha2));
  return it == t.by_alpha2.end() ? "" : t.all[it->second].alpha3;
}

std::string Alpha2FromAlpha3(std::string_view alpha3) {
  const Tables& t = GetTables();
  auto it = t.by_alpha3.find(Upper(alpha3));
  return it == t.by_alpha3.end() ? "" : t.all[it->second].alpha2;
}

std::string Alpha3FromNumeric(std::string_view numeric) {
  const Tables& t = GetTables();
  std::string key(numeric);
  while (!key.empty() && key.size() < 3) key.insert(key.begin(), '0');  // "51" -> "051"
  auto it = t.by_numeric.find(key);
  return it == t.by_numeric.end() ? "" : t.all[it->second].alpha3;
}

std::string CountryName(std::string_view alpha3) {
  const Tables& t = GetTables();
  auto it = t.by_alpha3.find(Upper(alpha3));
  return it == t.by_alpha3.end() ? "" : t.all[it->second].name;
}

}  // namespace tocsin::geo
