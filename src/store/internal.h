// Internals of the store module (not a public header).
#ifndef TOCSIN_SRC_STORE_INTERNAL_H_
#define TOCSIN_SRC_STORE_INTERNAL_H_

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

#include "tocsin/core/status.h"
#include "tocsin/extract/records.h"

namespace tocsin::store::internal {

class Sha256 {
 public:
  void Update(std::string_view data);
  std::string HexDigest();  // once

 private:
  void Block(const unsigned char* p);
  uint32_t h_[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                    0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  unsigned char buf_[64];
  size_t used_ = 0;
  uint64_t total_ = 0;
};

// The inverse of output::AppendEventRecord / AppendCasualtyRecord (doc/records.md):
// output::ReadEventRecord / ReadCasualtyRecord, a record that does not read a Corruption error.
StatusOr<extract::Event> ParseEventRecord(std::string_view json);
StatusOr<extract::Casualty> ParseCasualtyRecord(std::string_view json);

}  // namespace tocsin::store::internal

#endif  // TOCSIN_SRC_STORE_INTERNAL_H_
