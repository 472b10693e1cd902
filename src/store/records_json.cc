// Reads back the JSON records the store keeps for each mention and claim: the records' one
// reader (output/json_reader.h). A stored record that does not read is a damaged store.
#include "internal.h"
#include "tocsin/output/json_reader.h"

namespace tocsin::store::internal {

StatusOr<extract::Event> ParseEventRecord(std::string_view text) {
  StatusOr<extract::Event> e = output::ReadEventRecord(text);
  if (!e.ok()) return Status::Corruption("a stored record is damaged: " + e.status().message());
  return e;
}

StatusOr<extract::Casualty> ParseCasualtyRecord(std::string_view text) {
  StatusOr<extract::Casualty> c = output::ReadCasualtyRecord(text);
  if (!c.ok()) return Status::Corruption("a stored record is damaged: " + c.status().message());
  return c;
}

}  // namespace tocsin::store::internal
