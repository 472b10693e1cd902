// libFuzzer target: the .text document reader (io::ParseTextDocument).
#include "fuzz_readers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  tocsin::io::ReadOptions options;
  options.default_date = "2022-09-13";
  auto doc = tocsin::io::ParseTextDocument(tocsin::fuzz::Bytes(data, size), "fuzz.text", options);
  tocsin::fuzz::CheckDocumentOrError(doc, size);
  return 0;
}
