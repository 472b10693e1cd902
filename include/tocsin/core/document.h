// Document: one article as tocsin reads it, whatever file it came from.
#ifndef TOCSIN_CORE_DOCUMENT_H_
#define TOCSIN_CORE_DOCUMENT_H_

#include <string>

namespace tocsin {

struct Document {
  std::string id;      // stable identifier; defaults to the file name (plus ":LINE" for JSONL)
  std::string title;   // may be empty
  std::string text;    // valid UTF-8, original bytes: evidence offsets point into it
  std::string date;    // publication date "YYYY-MM-DD", or empty when unknown
  std::string lang;    // ISO 639-1 ("fr", "en", ...) or empty: detect
  std::string url;     // may be empty
  std::string source;  // publisher, may be empty
  std::string origin;  // where it was read from, for messages: "path" or "path:line"
};

}  // namespace tocsin

#endif  // TOCSIN_CORE_DOCUMENT_H_
