// UTF-8 validation following the Unicode Standard, table 3-7 (well-formed byte sequences).
#include "tocsin/text/utf8.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace tocsin::text {
namespace {

constexpr uint64_t kHighBits = 0x8080808080808080ull;
constexpr uint64_t kLowBits = 0x0101010101010101ull;

// True when the 8 bytes at `p` are all ASCII and none is NUL. The NUL test is the classic
// "has zero byte" trick, exact when no byte has its high bit set.
inline bool EightAsciiNonNul(const unsigned char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof v);
  if (v & kHighBits) return false;
  return ((v - kLowBits) & ~v & kHighBits) == 0;
}

inline bool IsCont(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

size_t FindInvalidUtf8(std::string_view bytes) {
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  size_t i = 0;
  while (i < n) {
    // ASCII fast path: most news text in French/English is mostly ASCII.
    while (i + 8 <= n && EightAsciiNonNul(s + i)) i += 8;
    if (i >= n) break;
    const unsigned char c = s[i];
    if (c < 0x80) {
      if (c == 0) return i;
      ++i;
      continue;
    }
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0)
        lo = 0xA0;  // overlong
      else if (c == 0xED)
        hi = 0x9F;  // surrogates U+D800..U+DFFF
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0)
        lo = 0x90;  // overlong
      else if (c == 0xF4)
        hi = 0x8F;  // > U+10FFFF
    } else {
      return i;  // 80..C1 (stray continuation or overlong lead) or F5..FF
    }
    if (i + len > n) return i;  // truncated
    if (s[i + 1] < lo || s[i + 1] > hi) return i;
    for (size_t k = 2; k < len; ++k) {
      if (!IsCont(s[i + k])) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

Status InvalidUtf8Error(std::string_view what, size_t offset, size_t line) {
  std::string m(what);
  m += ": invalid UTF-8 at byte " + std::to_string(offset) + " (line " + std::to_string(line) +
       "); re-encode the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)";
  return Status::InvalidArgument(std::move(m));
}

Status ValidateUtf8(std::string_view bytes, std::string_view what) {
  const size_t bad = FindInvalidUtf8(bytes);
  if (bad == std::string_view::npos) return Status::Ok();
  // Only on failure: count lines up to the bad byte.
  const size_t line = 1 + std::count(bytes.begin(), bytes.begin() + bad, '\n');
  return InvalidUtf8Error(what, bad, line);
}

size_t Utf8BomLength(std::string_view bytes) {
  return bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
}

std::string_view TruncateUtf8(std::string_view bytes, size_t max_bytes) {
  if (bytes.size() <= max_bytes) return bytes;
  size_t end = max_bytes;
  // Back off over continuation bytes so that the cut falls before a lead byte.
  while (end > 0 && IsCont(static_cast<unsigned char>(bytes[end]))) --end;
  return bytes.substr(0, end);
}

std::string TruncateForMessage(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  return std::string(TruncateUtf8(s, max_bytes)) + "... (" + std::to_string(s.size()) +
         " bytes)";
}

size_t RepairUtf8(std::string* s) {
  size_t bad = FindInvalidUtf8(*s);
  if (bad == std::string_view::npos) return 0;
  std::string out;
  out.reserve(s->size() + 16);
  size_t from = 0, replaced = 0;
  while (bad != std::string_view::npos) {
    out.append(*s, from, bad - from);
    out += "\xEF\xBF\xBD";
    ++replaced;
    from = bad + 1;
    const size_t next = FindInvalidUtf8(std::string_view(*s).substr(from));
    bad = next == std::string_view::npos ? next : from + next;
  }
  out.append(*s, from, std::string::npos);
  *s = std::move(out);
  return replaced;
}

}  // namespace tocsin::text
