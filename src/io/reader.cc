// Document readers. Design notes:
//  - Every document, or the error that replaced it, goes to the sink; only a file that cannot
//    be opened at all makes ReadDocuments fail.
//  - Text is never normalised (evidence offsets index Document::text as read); only the HTML
//    reader builds its text, since markup has no meaningful offsets.
//  - JSONL is streamed line by line so that archives larger than memory work; the other
//    formats hold one document and are read whole, up to max_document_bytes.
//  - nlohmann::json and libxml2 never let an exception or a crash escape: malformed input is
//    an InvalidArgument naming the file, line or field and what to do.
#include "tocsin/io/reader.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iostream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tocsin/text/utf8.h"

namespace tocsin::io {
namespace {

using Sink = std::function<void(DocumentOrError)>;

constexpr size_t kSniffBytes = 64u << 10;  // enough to see the first JSONL lines
constexpr size_t kChunkBytes = 64u << 10;  // read granularity for streams
// How much of an over-long document (or JSONL line) is read past the limit, only to tell its
// size, before the rest of the stream is given up: bounds the time spent on an endless input.
constexpr size_t kMaxDrainBytes = 64u << 20;

// ---------------------------------------------------------------------------------------
// Small string helpers (ASCII only: the inputs are UTF-8 and these never split a sequence).

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool IsBlank(std::string_view s) { return std::all_of(s.begin(), s.end(), IsAsciiSpace); }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsAsciiSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsAsciiSpace(s.back())) s.remove_suffix(1);
  return s;
}

std::string ToLowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view StripBom(std::string_view s) { return s.substr(text::Utf8BomLength(s)); }

std::string Basename(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// "2022-09-13" from "2022-09-13", "2022-09-13T08:00:00Z" or "2022-09-13 08:00"; "" if `s` is
// not such a date (or names an impossible day).
std::string DatePart(std::string_view s) {
  s = Trim(s);
  if (s.size() < 10) return "";
  auto digits = [&](size_t from, size_t n) {
    int v = 0;
    for (size_t i = from; i < from + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  const int year = digits(0, 4), month = digits(5, 2), day = digits(8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || s[4] != '-' || s[7] != '-') return "";
  if (s.size() > 10 && s[10] != 'T' && s[10] != 't' && s[10] != ' ') return "";
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (day > kDays[month - 1] || (month == 2 && day == 29 && !leap)) return "";
  return std::string(s.substr(0, 10));
}

// "FR", "fr-FR", "fr_CA " -> "fr": the rest of tocsin expects bare ISO 639-1 codes.
std::string NormalizeLang(std::string_view s) {
  std::string out = ToLowerAscii(Trim(s));
  if (size_t cut = out.find_first_of("-_"); cut != std::string::npos) out.resize(cut);
  return out;
}

// ---------------------------------------------------------------------------------------
// Errors shared by the formats (documented in doc/input-formats.md).

Status EmptyDocument(const std::string& origin) {
  return Status::InvalidArgument(
      origin +
      ": empty document; the file holds no text (check that the download or export "
      "that produced it did not fail)");
}

Status TooLarge(const std::string& origin, std::string_view what, size_t size, bool exact,
                size_t limit) {
  return Status::ResourceExhausted(
      origin + ": " + std::string(what) + " is " + (exact ? "" : "more than ") +
      std::to_string(size) + " bytes, over the limit of " + std::to_string(limit) +
      " bytes (max_document_bytes); split it into smaller documents or raise the limit");
}

Status CheckSize(std::string_view bytes, const std::string& origin, const ReadOptions& options) {
  if (bytes.size() > options.max_document_bytes) {
    return TooLarge(origin, "document", bytes.size(), true, options.max_document_bytes);
  }
  return Status::Ok();
}

// Fills the defaults every reader shares and checks that every field is valid UTF-8 without
// NUL (JSON escapes such as \u0000 get past the raw-byte check).
StatusOr<Document> Finish(Document doc, const std::string& origin, const std::string& default_id,
                          const ReadOptions& options) {
  if (doc.id.empty()) doc.id = default_id;
  doc.origin = origin;
  if (doc.date.empty()) doc.date = options.default_date;
  doc.lang = options.forced_lang.empty() ? NormalizeLang(doc.lang) : options.forced_lang;
  const std::pair<const char*, const std::string*> fields[] = {
      {"id", &doc.id},     {"title", &doc.title}, {"text", &doc.text},     {"date", &doc.date},
      {"lang", &doc.lang}, {"url", &doc.url},     {"source", &doc.source},
  };
  for (const auto& [name, value] : fields) {
    const size_t bad = text::FindInvalidUtf8(*value);
    if (bad == std::string_view::npos) continue;
    if ((*value)[bad] == '\0') {
      return Status::InvalidArgument(origin + ": field \"" + name +
                                     "\" contains a NUL character (\\u0000) at byte " +
                                     std::to_string(bad) + "; remove it from the document");
    }
    const size_t line = 1 + std::count(value->begin(), value->begin() + bad, '\n');
    return text::InvalidUtf8Error(origin + ": field \"" + name + "\"", bad, line);
  }
  return doc;
}

// ---------------------------------------------------------------------------------------
// Plain text.

// The longest first line taken as a title (headlines are under 300 characters).
constexpr size_t kMaxTextTitleBytes = 1000;

StatusOr<Document> ParseText(std::string_view bytes, const std::string& origin,
                             const std::string& default_id, const ReadOptions& options) {
  TOCSIN_RETURN_IF_ERROR(CheckSize(bytes, origin, options));
  TOCSIN_RETURN_IF_ERROR(text::ValidateUtf8(bytes, origin));
  std::string_view rest = StripBom(bytes);
  if (IsBlank(rest)) return EmptyDocument(origin);
  Document doc;
  while (!rest.empty()) {
    const size_t nl = rest.find('\n');
    const std::string_view line = rest.substr(0, nl);
    if (!IsBlank(line) && Trim(line).size() > kMaxTextTitleBytes) {
      // No headline is this long: a file of one long line (or a text without its title) is
      // all text. As a title it would be analysed as one field that is never cut into parts
      // (doc/input-formats.md, "Extraction cost"): 50 s instead of 4 for 16 MiB on one line.
      break;
    }
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    if (!IsBlank(line)) {
      doc.title = std::string(Trim(line));  // also drops the \r of CRLF files
      break;
    }
  }
  // The text keeps its bytes as they are, from just after the title's newline.
  if (!IsBlank(rest)) doc.text = std::string(rest);
  return Finish(std::move(doc), origin, default_id, options);
}

// ---------------------------------------------------------------------------------------
// JSON.

using Json = nlohmann::json;

// Reads the first present, non-null field among `names` into *out. A value of another type
// is an error naming the field. *used is the name found ("" when none was).
Status GetStringField(const Json& object, std::initializer_list<const char*> names,
                      const std::string& origin, std::string* out, std::string* used) {
  used->clear();
  for (const char* name : names) {
    auto it = object.find(name);
    if (it == object.end() || it->is_null()) continue;
    if (!it->is_string()) {
      return Status::InvalidArgument(origin + ": field \"" + name + "\" must be a string, found " +
                                     it->type_name() + "; write its value in double quotes");
    }
    *out = it->get<std::string>();
    *used = name;
    return Status::Ok();
  }
  return Status::Ok();
}

// 1-based line and byte column of nlohmann's error position (`byte` is 1-based, the last
// character read).
std::pair<size_t, size_t> LineColumn(std::string_view bytes, size_t byte) {
  const size_t index = std::min(byte == 0 ? 0 : byte - 1, bytes.size());
  const std::string_view before = bytes.substr(0, index);
  const size_t line = 1 + std::count(before.begin(), before.end(), '\n');
  const size_t last_nl = before.rfind('\n');
  const size_t column = last_nl == std::string_view::npos ? index + 1 : index - last_nl;
  return {line, column};
}

// nlohmann's message without its "[json.exception...] parse error at line L, column C: "
// prefix, which would repeat (in the library's own words) what our message says.
std::string ParseErrorDetail(const char* what) {
  std::string message(what);
  const size_t at = message.find("parse error");
  if (at != std::string::npos) {
    const size_t colon = message.find(": ", at);
    if (colon != std::string::npos) message = message.substr(colon + 2);
  }
  // nlohmann quotes everything it read of a string ("last read: '...'"): a whole article.
  // Keep the end of it, which is where the error is.
  const size_t last = message.find("last read: '");
  constexpr size_t kKeep = 60;
  if (last != std::string::npos && message.size() > last + 12 + kKeep + 1) {
    size_t cut = message.size() - 1 - kKeep;
    while (cut < message.size() && (static_cast<unsigned char>(message[cut]) & 0xC0) == 0x80) ++cut;
    message = message.substr(0, last + 12) + "..." + message.substr(cut);
  }
  return message;
}

Status MissingText(const std::string& origin) {
  return Status::InvalidArgument(origin +
                                 ": field \"text\" is missing; each document needs a \"text\" "
                                 "string");
}

// The publication date of a `field` ("date", "published", ...) holding `raw`: *date is
// "YYYY-MM-DD" (or left empty when `raw` is blank), or an error saying what is accepted.
Status DateField(std::string_view raw, std::string_view field, const std::string& origin,
                 std::string* date) {
  if (Trim(raw).empty()) return Status::Ok();
  *date = DatePart(raw);
  if (!date->empty()) return Status::Ok();
  return Status::InvalidArgument(origin + ": field \"" + std::string(field) +
                                 "\" is not a date: \"" + text::TruncateForMessage(raw, 200) +
                                 "\"; use \"YYYY-MM-DD\" or an ISO 8601 datetime such as "
                                 "\"2022-09-13T08:00:00Z\"");
}

// `line_mode`: the bytes are one JSONL line (messages then give the column only, since the
// origin already names the line).
StatusOr<Document> ParseJson(std::string_view bytes, const std::string& origin,
                             const std::string& default_id, const ReadOptions& options,
                             bool line_mode) {
  TOCSIN_RETURN_IF_ERROR(CheckSize(bytes, origin, options));
  TOCSIN_RETURN_IF_ERROR(text::ValidateUtf8(bytes, origin));
  const std::string_view body = StripBom(bytes);
  if (IsBlank(body)) return EmptyDocument(origin);

  Json object;
  try {
    object = Json::parse(body.begin(), body.end());
  } catch (const Json::parse_error& e) {
    const auto [line, column] = LineColumn(body, e.byte);
    const std::string where =
        line_mode ? "column " + std::to_string(column)
                  : "line " + std::to_string(line) + ", column " + std::to_string(column);
    return Status::InvalidArgument(
        origin + ": malformed JSON at " + where + ": " + ParseErrorDetail(e.what()) +
        (line_mode ? "; each line must hold one complete JSON object"
                   : "; fix the JSON syntax there (jq . FILE points at the same spot)"));
  } catch (const std::exception& e) {  // e.g. depth or allocation failures
    return Status::InvalidArgument(origin + ": cannot parse JSON: " + e.what());
  }

  if (!object.is_object()) {
    return Status::InvalidArgument(
        origin + ": expected one JSON object, found " + object.type_name() +
        (object.is_array() ? "; for several documents use JSON Lines (.jsonl), one object per line"
                           : "; write the document as an object with a \"text\" field"));
  }

  Document doc;
  std::string used;
  TOCSIN_RETURN_IF_ERROR(
      GetStringField(object, {"text", "body", "content"}, origin, &doc.text, &used));
  if (used.empty()) return MissingText(origin);
  TOCSIN_RETURN_IF_ERROR(GetStringField(object, {"id"}, origin, &doc.id, &used));
  TOCSIN_RETURN_IF_ERROR(GetStringField(object, {"title"}, origin, &doc.title, &used));
  TOCSIN_RETURN_IF_ERROR(GetStringField(object, {"lang"}, origin, &doc.lang, &used));
  TOCSIN_RETURN_IF_ERROR(GetStringField(object, {"url"}, origin, &doc.url, &used));
  TOCSIN_RETURN_IF_ERROR(GetStringField(object, {"source"}, origin, &doc.source, &used));
  std::string raw_date;
  TOCSIN_RETURN_IF_ERROR(
      GetStringField(object, {"date", "published", "publication_date"}, origin, &raw_date, &used));
  TOCSIN_RETURN_IF_ERROR(DateField(raw_date, used, origin, &doc.date));
  if (IsBlank(doc.text) && IsBlank(doc.title)) return EmptyDocument(origin);
  return Finish(std::move(doc), origin, default_id, options);
}

// ---------------------------------------------------------------------------------------
// HTML.

void InitLibxml() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

bool NameIs(const xmlNode* node, const char* name) {
  return node->type == XML_ELEMENT_NODE && node->name != nullptr &&
         xmlStrcasecmp(node->name, reinterpret_cast<const xmlChar*>(name)) == 0;
}

bool NameIn(const xmlNode* node, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    if (NameIs(node, name)) return true;
  }
  return false;
}

// Elements whose content is not article text: code, chrome and interactive widgets.
bool IsDropped(const xmlNode* node) {
  return NameIn(node, {"script", "style", "nav", "header", "footer", "aside", "form", "noscript",
                       "template", "iframe", "svg", "math", "button", "select", "textarea",
                       "object", "embed", "canvas", "head"});
}

// Elements that start a new block (line) of text.
bool IsBlock(const xmlNode* node) {
  return NameIn(node,
                {"p",          "div",     "h1",    "h2",     "h3",         "h4",      "h5",
                 "h6",         "li",      "ul",    "ol",     "dl",         "dt",      "dd",
                 "blockquote", "pre",     "table", "tr",     "td",         "th",      "caption",
                 "section",    "article", "main",  "figure", "figcaption", "address", "details",
                 "summary",    "br",      "hr",    "body",   "center"});
}

std::string Attr(const xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (value == nullptr) return "";
  std::string out(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return out;
}

// Accumulates text into blocks, collapsing ASCII white space runs to one space.
class BlockBuilder {
 public:
  void Add(const xmlChar* content) {
    if (content == nullptr) return;
    for (const char* p = reinterpret_cast<const char*>(content); *p != '\0'; ++p) {
      if (IsAsciiSpace(*p)) {
        pending_space_ = true;
        continue;
      }
      if (pending_space_ && !current_.empty()) current_.push_back(' ');
      pending_space_ = false;
      current_.push_back(*p);
    }
  }
  void Break() {
    if (!current_.empty()) blocks_.push_back(std::move(current_));
    current_.clear();
    pending_space_ = false;
  }
  std::string Join() {
    Break();
    std::string out;
    for (const std::string& block : blocks_) {
      if (!out.empty()) out.push_back('\n');
      out += block;
    }
    return out;
  }

 private:
  std::vector<std::string> blocks_;
  std::string current_;
  bool pending_space_ = false;
};

void CollectText(const xmlNode* node, BlockBuilder* out) {
  for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
    if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) {
      out->Add(child->content);
    } else if (child->type == XML_ELEMENT_NODE && !IsDropped(child)) {
      const bool block = IsBlock(child);
      if (block) out->Break();
      CollectText(child, out);
      if (block) out->Break();
    }
  }
}

std::string NormalizedText(const xmlNode* node) {
  BlockBuilder builder;
  CollectText(node, &builder);
  std::string text = builder.Join();
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

// What one walk over the tree finds.
struct HtmlScan {
  const xmlNode* title = nullptr;
  const xmlNode* first_h1 = nullptr;
  const xmlNode* body = nullptr;
  std::vector<const xmlNode*> articles;  // outermost <article> elements, in document order
  std::string published;                 // <meta property="article:published_time">
  std::string time_datetime;             // first <time datetime>
  std::string canonical_url, og_url, site_name, lang;
};

void Scan(const xmlNode* node, bool in_article, bool dropped, HtmlScan* scan) {
  for (const xmlNode* n = node; n != nullptr; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    bool child_in_article = in_article;
    bool child_dropped = dropped || (IsDropped(n) && !NameIs(n, "head"));
    if (NameIs(n, "html")) {
      scan->lang = Attr(n, "lang");
    } else if (NameIs(n, "title")) {
      if (scan->title == nullptr && !child_dropped) scan->title = n;
    } else if (NameIs(n, "h1")) {
      if (scan->first_h1 == nullptr && !child_dropped) scan->first_h1 = n;
    } else if (NameIs(n, "body")) {
      if (scan->body == nullptr) scan->body = n;
    } else if (NameIs(n, "article")) {
      if (!in_article && !child_dropped) scan->articles.push_back(n);
      child_in_article = true;
    } else if (NameIs(n, "meta")) {
      std::string key = Attr(n, "property");
      if (key.empty()) key = Attr(n, "name");
      key = ToLowerAscii(key);
      const std::string content = Attr(n, "content");
      if (key == "article:published_time" && scan->published.empty()) scan->published = content;
      if (key == "og:url" && scan->og_url.empty()) scan->og_url = content;
      if (key == "og:site_name" && scan->site_name.empty()) scan->site_name = content;
    } else if (NameIs(n, "link")) {
      if (ToLowerAscii(Attr(n, "rel")) == "canonical" && scan->canonical_url.empty()) {
        scan->canonical_url = Attr(n, "href");
      }
    } else if (NameIs(n, "time")) {
      if (scan->time_datetime.empty()) scan->time_datetime = Attr(n, "datetime");
    }
    Scan(n->children, child_in_article, child_dropped, scan);
  }
}

StatusOr<Document> ParseHtml(std::string_view bytes, const std::string& origin,
                             const std::string& default_id, const ReadOptions& options) {
  TOCSIN_RETURN_IF_ERROR(CheckSize(bytes, origin, options));
  TOCSIN_RETURN_IF_ERROR(text::ValidateUtf8(bytes, origin));
  const std::string_view body = StripBom(bytes);
  if (IsBlank(body)) return EmptyDocument(origin);

  InitLibxml();
  // UTF-8 is forced: the bytes were validated above, and a stale <meta charset> must not make
  // libxml2 re-decode them.
  htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
  if (ctxt == nullptr) return Status::ResourceExhausted(origin + ": cannot allocate an HTML parser");
  std::unique_ptr<htmlParserCtxt, void (*)(htmlParserCtxtPtr)> ctxt_guard(ctxt, htmlFreeParserCtxt);
  htmlDocPtr html = htmlCtxtReadMemory(
      ctxt, body.data(), static_cast<int>(body.size()), nullptr, "UTF-8",
      HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
  // libxml2 halts (and disables its callbacks) only past its limits, mostly nesting deeper than
  // 256 elements: what follows is lost, so the page is refused with libxml2's reason rather
  // than read as a page without text.
  if (ctxt->disableSAX != 0) {
    if (html != nullptr) xmlFreeDoc(html);
    const xmlError* e = xmlCtxtGetLastError(ctxt);
    std::string why = e && e->message ? e->message : "parser limit reached";
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    return Status::InvalidArgument(
        origin + ": the HTML parser stopped at line " + std::to_string(e ? e->line : 0) + " (" +
        text::TruncateForMessage(why, 200) +
        "): elements nested more than 256 deep are beyond its limit, and the text after that "
        "point would be lost; flatten the markup, or save the page's text as .txt");
  }
  if (html == nullptr) {
    return Status::InvalidArgument(origin +
                                   ": cannot parse HTML even in recovery mode; check that the "
                                   "file is an HTML page");
  }
  std::unique_ptr<xmlDoc, void (*)(xmlDocPtr)> guard(html, xmlFreeDoc);
  const xmlNode* root = xmlDocGetRootElement(html);
  if (root == nullptr) return EmptyDocument(origin);

  HtmlScan scan;
  Scan(root, false, false, &scan);

  Document doc;
  if (scan.title != nullptr) doc.title = NormalizedText(scan.title);
  if (doc.title.empty() && scan.first_h1 != nullptr) doc.title = NormalizedText(scan.first_h1);

  BlockBuilder builder;
  if (!scan.articles.empty()) {
    for (const xmlNode* article : scan.articles) {
      CollectText(article, &builder);
      builder.Break();
    }
  } else {
    CollectText(scan.body != nullptr ? scan.body : root, &builder);
  }
  doc.text = builder.Join();
  if (doc.text.empty()) {
    if (doc.title.empty()) return EmptyDocument(origin);
    return Status::InvalidArgument(
        origin +
        ": no article text in the HTML page (only scripts, navigation or forms); if the "
        "page is built by JavaScript, save the rendered page or export its text");
  }

  // Metadata is best effort: a malformed date in a page template is ignored, not an error.
  doc.date = DatePart(scan.published);
  if (doc.date.empty()) doc.date = DatePart(scan.time_datetime);
  doc.lang = scan.lang;
  doc.url = std::string(Trim(!scan.canonical_url.empty() ? scan.canonical_url : scan.og_url));
  doc.source = std::string(Trim(scan.site_name));
  return Finish(std::move(doc), origin, default_id, options);
}

// ---------------------------------------------------------------------------------------
// Streams.

// Appends up to `max` bytes of `in` to *out; returns the number appended.
size_t ReadUpTo(std::istream& in, size_t max, std::string* out) {
  size_t total = 0;
  char chunk[kChunkBytes];
  while (total < max && in) {
    in.read(chunk, static_cast<std::streamsize>(std::min(max - total, sizeof chunk)));
    const size_t got = static_cast<size_t>(in.gcount());
    out->append(chunk, got);
    total += got;
  }
  return total;
}

// Counts (and discards) the rest of `in`, up to `max` bytes: a pipe or a device may never end
// (/dev/zero). *complete tells whether the end was reached.
size_t DrainCount(std::istream& in, size_t max, bool* complete) {
  size_t total = 0;
  char chunk[kChunkBytes];
  while (in && total < max) {
    in.read(chunk, sizeof chunk);
    total += static_cast<size_t>(in.gcount());
  }
  *complete = !in;
  return total;
}

// Splits a stream into lines without ever holding more than one line (plus a chunk) in
// memory; a line longer than `max_line` is skipped and reported by its length only.
class LineReader {
 public:
  struct Line {
    size_t number = 0;  // 1-based
    size_t offset = 0;  // byte offset of the line's first byte in the stream
    size_t length = 0;  // bytes, without the newline
    bool too_long = false;
    std::string text;  // empty when too_long
  };

  LineReader(std::istream& in, std::string prefix, size_t max_line)
      : in_(in), buffer_(std::move(prefix)), max_line_(max_line) {}

  bool Next(Line* line) {
    if (gave_up_) return false;
    line->number = ++number_;
    line->offset = offset_;
    line->too_long = false;
    line->text.clear();
    size_t searched = 0;  // bytes of buffer_ (from pos_) known to hold no newline
    size_t dropped = 0;   // bytes of an over-long line already discarded
    for (;;) {
      const size_t nl = buffer_.find('\n', pos_ + searched);
      if (nl != std::string::npos) {
        const size_t length = dropped + (nl - pos_);
        Emit(line, length, dropped > 0 || length > max_line_, nl);
        pos_ = nl + 1;
        offset_ += length + 1;
        return true;
      }
      searched = buffer_.size() - pos_;
      if (dropped + searched > max_line_) {  // over-long: forget what we have
        dropped += searched;
        buffer_.clear();
        pos_ = 0;
        searched = 0;
        if (dropped > max_line_ + kMaxDrainBytes) {  // endless (/dev/zero): give the rest up
          Emit(line, dropped, true, 0);
          gave_up_ = true;
          return true;
        }
      }
      if (!Fill()) {  // end of input: the last line may lack its newline
        const size_t length = dropped + (buffer_.size() - pos_);
        if (length == 0) {
          --number_;
          return false;
        }
        Emit(line, length, dropped > 0 || length > max_line_, buffer_.size());
        pos_ = buffer_.size();
        offset_ += length;
        return true;
      }
    }
  }

  bool failed() const { return in_.bad(); }
  // Whether the reader stopped inside a line longer than max_line + kMaxDrainBytes.
  bool gave_up() const { return gave_up_; }

 private:
  void Emit(Line* line, size_t length, bool too_long, size_t end) {
    line->length = length;
    line->too_long = too_long;
    if (!too_long) line->text.assign(buffer_, pos_, end - pos_);
  }

  bool Fill() {
    if (pos_ > 0) {  // compact before growing
      buffer_.erase(0, pos_);
      pos_ = 0;
    }
    return ReadUpTo(in_, kChunkBytes, &buffer_) > 0;
  }

  std::istream& in_;
  std::string buffer_;
  size_t pos_ = 0;
  size_t number_ = 0;
  size_t offset_ = 0;
  size_t max_line_;
  bool gave_up_ = false;
};

Status StreamJsonl(std::istream& in, std::string prefix, const std::string& origin,
                   const std::string& id_base, const ReadOptions& options, const Sink& sink) {
  LineReader reader(in, std::move(prefix), options.max_document_bytes);
  LineReader::Line line;
  bool emitted = false;
  while (reader.Next(&line)) {
    const std::string line_origin = origin + ":" + std::to_string(line.number);
    if (line.too_long) {
      if (reader.gave_up()) {
        sink({line_origin, Status::ResourceExhausted(
                               line_origin + ": line is more than " +
                               std::to_string(line.length) + " bytes without a newline, over "
                               "the limit of " + std::to_string(options.max_document_bytes) +
                               " bytes (max_document_bytes); the rest of the input is not read")});
        emitted = true;
        break;
      }
      sink({line_origin,
            TooLarge(line_origin, "line", line.length, true, options.max_document_bytes)});
      emitted = true;
      continue;
    }
    std::string_view bytes = line.text;
    size_t offset = line.offset;
    if (line.number == 1) {
      const size_t bom = text::Utf8BomLength(bytes);
      bytes.remove_prefix(bom);
      offset += bom;
    }
    if (!bytes.empty() && bytes.back() == '\r') bytes.remove_suffix(1);
    if (IsBlank(bytes)) continue;
    emitted = true;
    // Validated here so that the message gives the offset in the file, not in the line.
    if (const size_t bad = text::FindInvalidUtf8(bytes); bad != std::string_view::npos) {
      sink({line_origin, text::InvalidUtf8Error(origin, offset + bad, line.number)});
      continue;
    }
    sink({line_origin, ParseJson(bytes, line_origin, id_base + ":" + std::to_string(line.number),
                                 options, /*line_mode=*/true)});
  }
  if (reader.failed()) {
    Status error = Status::IoError(origin + ": read failed: " + std::strerror(errno));
    if (!emitted) return error;
    sink({origin, std::move(error)});
    return Status::Ok();
  }
  if (!emitted) sink({origin, EmptyDocument(origin)});
  return Status::Ok();
}

StatusOr<Document> ParseAs(InputFormat format, std::string_view bytes, const std::string& origin,
                           const std::string& default_id, const ReadOptions& options) {
  switch (format) {
    case InputFormat::kJson:
    case InputFormat::kJsonl:  // a single document sniffed as JSONL never reaches here
      return ParseJson(bytes, origin, default_id, options, false);
    case InputFormat::kHtml:
      return ParseHtml(bytes, origin, default_id, options);
    case InputFormat::kText:
    case InputFormat::kUnknown:
      break;
  }
  return ParseText(bytes, origin, default_id, options);
}

// `known_size`: the file size when the stream is a regular file (lets a huge file be refused
// without reading it), else nullopt.
Status ReadStream(std::istream& in, const std::string& origin, const std::string& id_base,
                  InputFormat format, std::optional<size_t> known_size, const ReadOptions& options,
                  const Sink& sink) {
  const size_t limit = options.max_document_bytes;
  std::string content;
  if (format == InputFormat::kUnknown) {
    ReadUpTo(in, std::min(kSniffBytes, limit + 1), &content);
    if (in.bad()) return Status::IoError(origin + ": read failed: " + std::strerror(errno));
    format = SniffFormat(content);
  }
  if (format == InputFormat::kJsonl) {
    return StreamJsonl(in, std::move(content), origin, id_base, options, sink);
  }
  if (known_size && *known_size > limit) {
    sink({origin, TooLarge(origin, "document", *known_size, true, limit)});
    return Status::Ok();
  }
  if (content.size() <= limit) ReadUpTo(in, limit + 1 - content.size(), &content);
  if (in.bad()) return Status::IoError(origin + ": read failed: " + std::strerror(errno));
  if (content.size() > limit) {
    bool complete = false;
    const size_t size = content.size() + DrainCount(in, kMaxDrainBytes, &complete);
    sink({origin, TooLarge(origin, "document", size, complete && !in.bad(), limit)});
    return Status::Ok();
  }
  sink({origin, ParseAs(format, content, origin, id_base, options)});
  return Status::Ok();
}

}  // namespace

// ---------------------------------------------------------------------------------------
// Public API.

InputFormat FormatFromExtension(std::string_view path) {
  const size_t slash = path.find_last_of('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const size_t dot = name.find_last_of('.');
  if (dot == std::string_view::npos) return InputFormat::kUnknown;
  const std::string ext = ToLowerAscii(name.substr(dot + 1));
  if (ext == "txt" || ext == "text") return InputFormat::kText;
  if (ext == "json") return InputFormat::kJson;
  if (ext == "jsonl" || ext == "ndjson") return InputFormat::kJsonl;
  if (ext == "html" || ext == "htm" || ext == "xhtml") return InputFormat::kHtml;
  return InputFormat::kUnknown;
}

InputFormat SniffFormat(std::string_view head) {
  head = StripBom(head);
  while (!head.empty() && IsAsciiSpace(head.front())) head.remove_prefix(1);
  if (head.empty()) return InputFormat::kText;
  if (head.front() == '<') return InputFormat::kHtml;
  if (head.front() == '[') return InputFormat::kJson;
  if (head.front() != '{') return InputFormat::kText;
  // JSON or JSONL: JSONL when another non-blank line follows a complete first line, and either
  // that line starts an object or the first line is a whole JSON value by itself (a
  // pretty-printed object's second line starts with a key, and its first line is just "{").
  const size_t nl = head.find('\n');
  if (nl == std::string_view::npos) return InputFormat::kJson;
  std::string_view first = head.substr(0, nl);
  std::string_view rest = head.substr(nl + 1);
  while (!rest.empty()) {
    const size_t end = rest.find('\n');
    const std::string_view line = Trim(rest.substr(0, end));
    if (!line.empty()) {
      if (line.front() == '{') return InputFormat::kJsonl;
      return Json::accept(first.begin(), first.end()) ? InputFormat::kJsonl : InputFormat::kJson;
    }
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
  }
  return InputFormat::kJson;
}

StatusOr<Document> ParseTextDocument(std::string_view bytes, const std::string& origin,
                                     const ReadOptions& options) {
  return ParseText(bytes, origin, origin, options);
}

StatusOr<Document> ParseJsonDocument(std::string_view bytes, const std::string& origin,
                                     const ReadOptions& options) {
  return ParseJson(bytes, origin, origin, options, false);
}

StatusOr<Document> DocumentFromFields(DocumentFields fields, const std::string& origin,
                                      const ReadOptions& options) {
  if (!fields.has_text) return MissingText(origin);
  const size_t bytes = fields.text.size() + fields.title.size();
  if (bytes > options.max_document_bytes)
    return TooLarge(origin, "document", bytes, true, options.max_document_bytes);
  Document doc;
  doc.id = std::move(fields.id);
  doc.title = std::move(fields.title);
  doc.text = std::move(fields.text);
  doc.lang = std::move(fields.lang);
  doc.url = std::move(fields.url);
  doc.source = std::move(fields.source);
  TOCSIN_RETURN_IF_ERROR(DateField(fields.date, fields.date_field, origin, &doc.date));
  if (IsBlank(doc.text) && IsBlank(doc.title)) return EmptyDocument(origin);
  return Finish(std::move(doc), origin, origin, options);
}

StatusOr<Document> ParseHtmlDocument(std::string_view bytes, const std::string& origin,
                                     const ReadOptions& options) {
  return ParseHtml(bytes, origin, origin, options);
}

Status ReadDocumentsFromStream(std::istream& in, const std::string& name, InputFormat format,
                               const ReadOptions& options, const Sink& sink) {
  return ReadStream(in, name, name, format, std::nullopt, options, sink);
}

Status ReadDocuments(const std::string& path, const ReadOptions& options, const Sink& sink) {
  if (path == "-") {
    return ReadStream(std::cin, "<stdin>", "<stdin>", InputFormat::kUnknown, std::nullopt, options,
                      sink);
  }
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec == std::errc::too_many_symbolic_link_levels) {
    return Status::InvalidArgument(path +
                                   ": too many levels of symbolic links (a symlink loop); "
                                   "remove or fix the link");
  }
  if (ec && ec != std::errc::no_such_file_or_directory) {
    return Status::IoError(path + ": cannot read: " + ec.message() +
                           "; check the path and its permissions");
  }
  if (ec || !fs::exists(status)) {
    return Status::NotFound(path + ": no such file; check the path");
  }
  if (fs::is_directory(status)) {
    return Status::InvalidArgument(path + ": is a directory; pass the files it contains");
  }
  // A device has no end (/dev/zero, /dev/urandom) or no document; pipes and sockets are read,
  // within the same bounds as standard input.
  if (fs::is_character_file(status) || fs::is_block_file(status)) {
    return Status::InvalidArgument(path +
                                   ": is a device, not a file; save the documents to a file "
                                   "or pipe them to standard input (-)");
  }
  std::optional<size_t> size;
  if (fs::is_regular_file(status)) {
    const auto n = fs::file_size(path, ec);
    if (!ec) size = static_cast<size_t>(n);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::IoError(path + ": cannot open: " + std::strerror(errno) +
                           "; check the file permissions");
  }
  return ReadStream(in, path, Basename(path), FormatFromExtension(path), size, options, sink);
}

}  // namespace tocsin::io
