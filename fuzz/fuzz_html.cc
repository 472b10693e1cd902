// libFuzzer target: the .html document reader (io::ParseHtmlDocument).
#include "fuzz_readers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  tocsin::io::ReadOptions options;
  options.default_date = "2022-09-13";
  auto doc = tocsin::io::ParseHtmlDocument(tocsin::fuzz::Bytes(data, size), "fuzz.html", options);
  tocsin::fuzz::CheckDocumentOrError(doc, size);
  return 0;
}
