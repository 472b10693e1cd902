// libFuzzer target: the records' reader (output/json_reader.h) as `assess --records` uses it
// (assess::ReadExtractRecords, line by line) and as the store does (one record each), and the
// writer on what it read: a record read, written and read again is a fixed point.
#include <sstream>

#include "fuzz_util.h"
#include "tocsin/assess/records_in.h"
#include "tocsin/output/json.h"
#include "tocsin/output/json_reader.h"

namespace {

// What was read and written once is written the same after another read: the writer and the
// reader agree (after the first round, which may normalise "-0.0" and the like).
template <typename T, typename Read, typename Write>
void CheckFixedPoint(const T& first, Read read, Write write) {
  const std::string w1 = write(first);
  auto second = read(w1);
  TOCSIN_FUZZ_CHECK(second.ok());
  const std::string w2 = write(*second);
  auto third = read(w2);
  TOCSIN_FUZZ_CHECK(third.ok());
  TOCSIN_FUZZ_CHECK(write(*third) == w2);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes = tocsin::fuzz::Bytes(data, size);
  std::istringstream in{std::string(bytes)};
  std::vector<tocsin::assess::DocumentEvents> docs;
  size_t bad_lines = 0;
  tocsin::Status st = tocsin::assess::ReadExtractRecords(in, "fuzz.jsonl", docs, [&](const tocsin::Status& e) {
    ++bad_lines;
    TOCSIN_FUZZ_CHECK(!e.ok() && e.message().size() < 2000);
  });
  TOCSIN_FUZZ_CHECK(st.ok());

  tocsin::Document doc;
  doc.id = "fuzz";
  auto event = tocsin::output::ReadEventRecord(bytes);
  if (event.ok()) {
    CheckFixedPoint(
        *event, [](std::string_view s) { return tocsin::output::ReadEventRecord(s); },
        [&](const tocsin::extract::Event& e) { return tocsin::output::EventRecord(doc, e); });
  } else {
    TOCSIN_FUZZ_CHECK(event.status().message().size() < 2000);
  }
  auto casualty = tocsin::output::ReadCasualtyRecord(bytes);
  if (casualty.ok()) {
    CheckFixedPoint(
        *casualty, [](std::string_view s) { return tocsin::output::ReadCasualtyRecord(s); },
        [&](const tocsin::extract::Casualty& c) { return tocsin::output::CasualtyRecord(doc, c); });
  } else {
    TOCSIN_FUZZ_CHECK(casualty.status().message().size() < 2000);
  }
  auto document = tocsin::output::ReadDocumentRecord(bytes);
  if (!document.ok()) TOCSIN_FUZZ_CHECK(document.status().message().size() < 2000);
  return 0;
}
