// Country codes and names from Debian iso-codes (/usr/share/iso-codes/json/iso_3166-1.json).
#ifndef TOCSIN_GEO_COUNTRIES_H_
#define TOCSIN_GEO_COUNTRIES_H_

#include <string>
#include <string_view>
#include <vector>

namespace tocsin::geo {

// "AM" -> "ARM", "051" -> "ARM"; "" when unknown. Loaded once, thread-safe.
std::string Alpha3FromAlpha2(std::string_view alpha2);
std::string Alpha3FromNumeric(std::string_view numeric);
// English short name: "ARM" -> "Armenia"; "" when unknown.
std::string CountryName(std::string_view alpha3);

// One ISO 3166-1 entry (plus Kosovo, XK/XKX, which iso-codes lacks).
struct CountryInfo {
  std::string alpha2, alpha3, numeric;
  std::string name;           // short English name, "Bolivia, Plurinational State of"
  std::string official_name;  // may be empty
  std::string common_name;    // may be empty ("Bolivia")
};
// Every known country, in iso-codes order. Empty if iso-codes is not installed
// (the file path is /usr/share/iso-codes/json/iso_3166-1.json).
const std::vector<CountryInfo>& AllCountries();
// "ARM" -> "AM"; "" when unknown.
std::string Alpha2FromAlpha3(std::string_view alpha3);

}  // namespace tocsin::geo

#endif  // TOCSIN_GEO_COUNTRIES_H_
