// UTF-8 validation and small helpers on byte strings.
#ifndef TOCSIN_TEXT_UTF8_H_
#define TOCSIN_TEXT_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "tocsin/core/status.h"

namespace tocsin::text {

// OK if `bytes` is well-formed UTF-8 (no overlongs, surrogates or code points > U+10FFFF)
// with no NUL byte; otherwise InvalidArgument naming the byte offset (and line) of the first
// bad sequence, prefixed by `what` (e.g. "article.txt"):
//   "<what>: invalid UTF-8 at byte N (line L); re-encode the file as UTF-8 (...)"
// N is the 0-based byte offset of the first byte of the bad sequence, L the 1-based line.
// Runs on every document, so ASCII is checked 8 bytes at a time.
Status ValidateUtf8(std::string_view bytes, std::string_view what);

// The offset of the first byte of the first ill-formed sequence (or NUL byte) in `bytes`,
// or std::string_view::npos when `bytes` is valid. Truncated sequences at the end count as
// ill-formed. For callers that build their own message (e.g. per-line offsets in JSONL).
size_t FindInvalidUtf8(std::string_view bytes);

// The message of ValidateUtf8 for a bad byte at `offset` on 1-based `line`: shared so that
// streaming readers, which know the file offset, word it identically.
Status InvalidUtf8Error(std::string_view what, size_t offset, size_t line);

// Length of a leading UTF-8 byte order mark (EF BB BF): 3 or 0.
size_t Utf8BomLength(std::string_view bytes);

// The longest prefix of `bytes` no longer than `max_bytes` that does not cut a (valid) UTF-8
// sequence in two: for truncating text before handing it to libraries.
std::string_view TruncateUtf8(std::string_view bytes, size_t max_bytes);

// `s` for an error message: at most `max_bytes` (never cutting a UTF-8 sequence), then
// "... (N bytes)" when it was cut, so that a message never echoes a whole hostile input.
std::string TruncateForMessage(std::string_view s, size_t max_bytes);

// Replaces every ill-formed sequence (and NUL byte) of *s, one byte at a time, by U+FFFD;
// returns how many bytes were replaced (0: *s was valid and is unchanged). For inputs whose
// text is kept with a warning rather than refused (feeds).
size_t RepairUtf8(std::string* s);

}  // namespace tocsin::text

#endif  // TOCSIN_TEXT_UTF8_H_
