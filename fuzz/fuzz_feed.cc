// libFuzzer target: RSS/Atom feeds (feeds::ParseFeed): items with valid UTF-8 and bounded size.
#include "fuzz_util.h"
#include "tocsin/feeds/feeds.h"
#include "tocsin/text/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  tocsin::io::ReadOptions options;
  options.max_document_bytes = 64u << 10;
  auto feed = tocsin::feeds::ParseFeed(tocsin::fuzz::Bytes(data, size), "fuzz.xml", options);
  if (!feed.ok()) return 0;
  for (const tocsin::Document& d : feed->items) {
    for (const std::string* f : {&d.id, &d.title, &d.text, &d.url, &d.source, &d.lang})
      TOCSIN_FUZZ_CHECK(tocsin::text::FindInvalidUtf8(*f) == std::string_view::npos);
    TOCSIN_FUZZ_CHECK(d.text.size() <= options.max_document_bytes);
    TOCSIN_FUZZ_CHECK(!d.title.empty() || !d.text.empty());
  }
  (void)tocsin::feeds::LooksLikeFeed(tocsin::fuzz::Bytes(data, size));
  (void)tocsin::feeds::FeedDate(tocsin::fuzz::Bytes(data, size));
  return 0;
}
