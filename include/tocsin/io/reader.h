// Document readers: .txt, .json, .jsonl, .html/.htm files (and stdin) -> Documents.
//
// One bad document never stops a batch: each document, or the error that replaced it, is
// handed to the sink in file order. Errors name the file, the line (JSONL) or field, and
// what to do.
#ifndef TOCSIN_IO_READER_H_
#define TOCSIN_IO_READER_H_

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>

#include "tocsin/core/document.h"
#include "tocsin/core/status.h"

namespace tocsin::io {

struct ReadOptions {
  std::string default_date;   // "YYYY-MM-DD" for documents that carry no date; "" = none
  std::string forced_lang;    // "fr", "en", ... overrides the documents' own lang; "" = keep
  // Documents larger than this are refused (an error for that document, not a crash).
  size_t max_document_bytes = 16u << 20;
};

struct DocumentOrError {
  std::string origin;          // "path" or "path:line"
  StatusOr<Document> document;
};

// Reads every document of `path` ("-" = standard input, format sniffed from the content).
// The format follows the extension: .txt (first non-empty line is the title), .json (one
// object), .jsonl (one object per line; blank lines skipped), .html/.htm (libxml2: title from
// <title> or <h1>, text from <article>/<p> blocks, scripts and navigation dropped).
// Returns non-OK only when the file itself cannot be read (nothing was emitted then).
Status ReadDocuments(const std::string& path, const ReadOptions& options,
                     const std::function<void(DocumentOrError)>& sink);

// The parsers behind ReadDocuments, for one document's bytes. `origin` is used in messages
// and as the default id.
StatusOr<Document> ParseTextDocument(std::string_view bytes, const std::string& origin,
                                     const ReadOptions& options);
StatusOr<Document> ParseJsonDocument(std::string_view bytes, const std::string& origin,
                                     const ReadOptions& options);
StatusOr<Document> ParseHtmlDocument(std::string_view bytes, const std::string& origin,
                                     const ReadOptions& options);

// A document given field by field by a program (the Python module), checked as the fields of a
// .json document are: `date` as given ("YYYY-MM-DD" or an ISO 8601 datetime, "" none) named
// `date_field` in messages; a missing text, an empty document, invalid UTF-8 or NUL in a field,
// or more than max_document_bytes of title and text are errors naming `origin` and the field.
struct DocumentFields {
  std::string id, title, text, lang, url, source, date;
  bool has_text = false;  // a text was given (maybe empty)
  std::string date_field = "date";
};
StatusOr<Document> DocumentFromFields(DocumentFields fields, const std::string& origin,
                                      const ReadOptions& options);

// Formats ReadDocuments knows. kUnknown means "sniff the content".
enum class InputFormat { kUnknown, kText, kJson, kJsonl, kHtml };

// The format of a file name's extension (case-insensitive): .txt, .json, .jsonl (also
// .ndjson), .html/.htm; kUnknown otherwise.
InputFormat FormatFromExtension(std::string_view path);

// Guesses the format from the first bytes of a document (what ReadDocuments does for stdin
// and unknown extensions): after an optional BOM and white space, "{" is JSON, or JSONL when
// the next non-blank line starts another object; "[" is JSON; "<" is HTML; anything else is
// plain text. Never returns kUnknown.
InputFormat SniffFormat(std::string_view head);

// Reads every document of an open stream: `name` is the origin used in messages and as the
// default id (e.g. "<stdin>"), `format` kUnknown sniffs the content. JSONL is streamed line
// by line; other formats are read whole, up to options.max_document_bytes. Returns non-OK
// only when the stream fails before anything was emitted.
Status ReadDocumentsFromStream(std::istream& in, const std::string& name, InputFormat format,
                               const ReadOptions& options,
                               const std::function<void(DocumentOrError)>& sink);

}  // namespace tocsin::io

#endif  // TOCSIN_IO_READER_H_
