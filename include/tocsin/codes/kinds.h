// Event kinds and their codes in other schemes: one data table (data/codes/kinds.tsv) maps
// each tocsin kind to CAMEO 2.0, PLOVER (event type and mode) and, where ACLED covers it,
// the ACLED event type and sub-event type.
// Thread-safety: immutable once loaded; Default() is loaded once and safe to share.
#ifndef TOCSIN_CODES_KINDS_H_
#define TOCSIN_CODES_KINDS_H_

#include <string>
#include <string_view>
#include <vector>

#include "tocsin/core/status.h"

namespace tocsin::codes {

struct KindCodes {
  std::string kind;              // "shelling"
  std::string cameo;             // most specific CAMEO code for the kind, e.g. "195"
  std::string cameo_label;       // "Employ aerial weapons"
  std::string plover_type;       // "ATTACK"
  std::string plover_mode;       // "air", "" when PLOVER defines none
  std::string acled_event_type;  // "Explosions/Remote violence", "" when ACLED does not cover it
  std::string acled_sub_event_type;  // "Shelling/artillery/missile attack"
  bool violent = false;          // material violence (for treaty triggers, ceasefire violations)
  std::string description;       // one line for documentation
};

class KindTable {
 public:
  // Parses a TSV table; errors name the file, line and column.
  static StatusOr<KindTable> Load(const std::string& path);
  // CuratedDataDir()/codes/kinds.tsv, loaded once. Aborts only if the installed data is broken.
  static const KindTable& Default();

  const KindCodes* Find(std::string_view kind) const;  // nullptr when unknown
  const std::vector<KindCodes>& all() const { return kinds_; }

 private:
  std::vector<KindCodes> kinds_;
};

}  // namespace tocsin::codes

#endif  // TOCSIN_CODES_KINDS_H_
