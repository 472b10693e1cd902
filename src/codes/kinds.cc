#include "tocsin/codes/kinds.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "tocsin/core/data_dir.h"
#include "tocsin/text/utf8.h"

namespace tocsin::codes {
namespace {

constexpr int kColumns = 9;
constexpr const char* kColumnNames[kColumns] = {"kind",
                                                "cameo",
                                                "cameo_label",
                                                "plover_type",
                                                "plover_mode",
                                                "acled_event_type",
                                                "acled_sub_event_type",
                                                "violent",
                                                "description"};

// Strips ASCII spaces at both ends (tabs are separators and never reach here).
std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && s[b] == ' ') ++b;
  while (e > b && s[e - 1] == ' ') --e;
  return std::string(s.substr(b, e - b));
}

std::vector<std::string> SplitTabs(std::string_view line) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    if (tab == std::string_view::npos) {
      out.push_back(Trim(line.substr(start)));
      return out;
    }
    out.push_back(Trim(line.substr(start, tab - start)));
    start = tab + 1;
  }
}

bool IsKindName(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return s[0] >= 'a' && s[0] <= 'z';
}

bool IsCameoCode(const std::string& s) {
  if (s.size() < 2 || s.size() > 4) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool IsUpperName(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!((c >= 'A' && c <= 'Z') || c == '_')) return false;
  }
  return true;
}

Status ColumnError(const std::string& where, int column, const std::string& what,
                   const std::string& got) {
  return Status::Corruption(where + ": column " + std::to_string(column) + " (" +
                            kColumnNames[column - 1] + "): " + what + ", got '" +
                            text::TruncateForMessage(got, 200) + "'");
}

}  // namespace

StatusOr<KindTable> KindTable::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open kinds table " + path);

  KindTable table;
  std::set<std::string, std::less<>> seen;
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line_no == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // UTF-8 BOM
    if (!line.empty() && line.back() == '\r') line.pop_back();                 // CRLF files
    if (line.find_first_not_of(" \t") == std::string::npos) continue;          // blank
    if (line[line.find_first_not_of(' ')] == '#') continue;                    // comment

    const std::string where = path + ":" + std::to_string(line_no);
    std::vector<std::string> f = SplitTabs(line);
    if (static_cast<int>(f.size()) != kColumns) {
      return Status::Corruption(where + ": expected " + std::to_string(kColumns) +
                                " columns, got " + std::to_string(f.size()));
    }
    KindCodes k;
    k.kind = f[0];
    k.cameo = f[1];
    k.cameo_label = f[2];
    k.plover_type = f[3];
    k.plover_mode = f[4];
    k.acled_event_type = f[5];
    k.acled_sub_event_type = f[6];
    k.description = f[8];

    if (!IsKindName(k.kind)) return ColumnError(where, 1, "expected a name in [a-z0-9_]", f[0]);
    if (!seen.insert(k.kind).second) {
      return Status::Corruption(where + ": duplicate kind '" + k.kind + "'");
    }
    // CAMEO and PLOVER may be empty for kinds they do not code (natural disasters, a change
    // to an armed group); then their label and mode must be empty too.
    if (!k.cameo.empty() && !IsCameoCode(k.cameo))
      return ColumnError(where, 2, "expected 2 to 4 digits", f[1]);
    if (k.cameo_label.empty() != k.cameo.empty())
      return ColumnError(where, 3, "expected a label exactly when column 2 is set", f[2]);
    if (!k.plover_type.empty() && !IsUpperName(k.plover_type)) {
      return ColumnError(where, 4, "expected an upper-case PLOVER event type", f[3]);
    }
    if (k.plover_type.empty() && !k.plover_mode.empty())
      return ColumnError(where, 5, "expected no mode without a PLOVER event type", f[4]);
    if (k.acled_event_type.empty() != k.acled_sub_event_type.empty()) {
      return ColumnError(where, 7, "expected a sub-event type exactly when column 6 is set", f[6]);
    }
    if (f[7] == "1") {
      k.violent = true;
    } else if (f[7] == "0") {
      k.violent = false;
    } else {
      return ColumnError(where, 8, "expected 0 or 1", f[7]);
    }
    table.kinds_.push_back(std::move(k));
  }
  if (in.bad()) return Status::IoError("error reading kinds table " + path);
  if (table.kinds_.empty()) return Status::Corruption(path + ": no kinds in the table");
  return table;
}

const KindTable& KindTable::Default() {
  static const KindTable* table = [] {
    const std::string path = CuratedDataDir() + "/codes/kinds.tsv";
    StatusOr<KindTable> loaded = Load(path);
    if (!loaded.ok()) {
      std::fprintf(stderr, "tocsin: installed data is broken: %s\n",
                   loaded.status().ToString().c_str());
      std::abort();
    }
    return new KindTable(std::move(loaded).value());
  }();
  return *table;
}

const KindCodes* KindTable::Find(std::string_view kind) const {
  for (const KindCodes& k : kinds_) {
    if (k.kind == kind) return &k;
  }
  return nullptr;
}

}  // namespace tocsin::codes
