// libFuzzer target: JSON Lines streamed from a stream, with a small per-line limit so that the
// over-long-line path is reached too (io::ReadDocumentsFromStream).
#include <sstream>

#include "fuzz_readers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  tocsin::io::ReadOptions options;
  options.max_document_bytes = 4096;
  std::istringstream in(std::string(tocsin::fuzz::Bytes(data, size)));
  size_t emitted = 0;
  tocsin::Status st = tocsin::io::ReadDocumentsFromStream(
      in, "fuzz.jsonl", tocsin::io::InputFormat::kJsonl, options,
      [&](tocsin::io::DocumentOrError d) {
        ++emitted;
        tocsin::fuzz::CheckDocumentOrError(d.document, size);
      });
  TOCSIN_FUZZ_CHECK(st.ok() && emitted > 0);  // a stream in memory never fails to read
  // Sniffing reaches every format from the same bytes.
  std::istringstream again(std::string(tocsin::fuzz::Bytes(data, size)));
  (void)tocsin::io::ReadDocumentsFromStream(again, "<stdin>", tocsin::io::InputFormat::kUnknown,
                                            options, [&](tocsin::io::DocumentOrError d) {
                                              tocsin::fuzz::CheckDocumentOrError(d.document, size);
                                            });
  return 0;
}
