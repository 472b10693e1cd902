// libFuzzer target: `tocsin extract` records read back by `assess` (assess::ReadExtractRecords).
#include <sstream>

#include "fuzz_util.h"
#include "tocsin/assess/records_in.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::istringstream in(std::string(tocsin::fuzz::Bytes(data, size)));
  std::vector<tocsin::assess::DocumentEvents> docs;
  tocsin::Status st = tocsin::assess::ReadExtractRecords(in, "fuzz.jsonl", docs);
  if (!st.ok()) TOCSIN_FUZZ_CHECK(st.message().size() < 2000);
  return 0;
}
