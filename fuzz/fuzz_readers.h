// Checks every document reader promises (doc/input-formats.md): a document or an error, valid
// UTF-8 in every field, bounded error messages.
#pragma once

#include "fuzz_util.h"
#include "tocsin/io/reader.h"
#include "tocsin/text/utf8.h"

namespace tocsin::fuzz {

inline void CheckDocumentOrError(const StatusOr<Document>& d, size_t input_size) {
  if (!d.ok()) {
    TOCSIN_FUZZ_CHECK(!d.status().message().empty());
    // Messages quote at most a few hundred bytes of the input, plus names and advice.
    TOCSIN_FUZZ_CHECK(d.status().message().size() < 2000);
    return;
  }
  for (const std::string* f : {&d->id, &d->title, &d->text, &d->date, &d->lang, &d->url, &d->source})
    TOCSIN_FUZZ_CHECK(text::FindInvalidUtf8(*f) == std::string_view::npos);
  TOCSIN_FUZZ_CHECK(d->date.empty() || d->date.size() == 10);
  (void)input_size;
}

}  // namespace tocsin::fuzz
