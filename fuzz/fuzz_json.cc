// libFuzzer target: the .json document reader (io::ParseJsonDocument).
#include "fuzz_readers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  tocsin::io::ReadOptions options;
  options.default_date = "2022-09-13";
  auto doc = tocsin::io::ParseJsonDocument(tocsin::fuzz::Bytes(data, size), "fuzz.json", options);
  tocsin::fuzz::CheckDocumentOrError(doc, size);
  return 0;
}
