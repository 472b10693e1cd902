#include "tocsin/feeds/feeds.h"

#include <curl/curl.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>

#include <algorithm>
#include <limits>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>

#include "tocsin/core/calendar.h"
#include "tocsin/text/utf8.h"

namespace tocsin::feeds {
namespace {

std::string_view TrimView(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool Named(const xmlNode* n, const char* name) {
  return n && n->type == XML_ELEMENT_NODE && std::strcmp(reinterpret_cast<const char*>(n->name), name) == 0;
}
std::string Prefix(const xmlNode* n) {
  return n->ns && n->ns->prefix ? reinterpret_cast<const char*>(n->ns->prefix) : "";
}
// The text of a node's subtree, at most `max` bytes (*truncated set past it). Entity
// references are never expanded (ParseFeed declares none, see NoEntityDecl): xmlNodeGetContent
// would expand them, which is how one 50 KB entity referenced 50,000 times became 2.5 GB.
void AppendText(const xmlNode* n, size_t max, std::string* out, bool* truncated) {
  for (const xmlNode* c = n->children; c && !*truncated; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      if (!c->content) continue;
      std::string_view t(reinterpret_cast<const char*>(c->content));
      if (out->size() + t.size() > max) {
        out->append(text::TruncateUtf8(t, max - out->size()));
        *truncated = true;
      } else {
        out->append(t);
      }
    } else if (c->type == XML_ELEMENT_NODE) {
      AppendText(c, max, out, truncated);
    }
  }
}
std::string Content(const xmlNode* n, size_t max = 64u << 10, bool* truncated = nullptr) {
  std::string s;
  bool cut = false;
  AppendText(n, max, &s, &cut);
  if (truncated) *truncated = cut;
  return std::string(TrimView(s));
}
std::string Prop(const xmlNode* n, const char* name) {
  xmlChar* c = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  std::string s = c ? reinterpret_cast<const char*>(c) : "";
  xmlFree(c);
  return s;
}
const xmlNode* Child(const xmlNode* n, const char* name, const char* prefix = nullptr) {
  for (const xmlNode* c = n->children; c; c = c->next)
    if (Named(c, name) && (!prefix || Prefix(c) == prefix)) return c;
  return nullptr;
}

std::string NormLang(std::string_view s) {
  std::string l = Lower(TrimView(s));
  size_t cut = l.find_first_of("-_");
  if (cut != std::string::npos) l.resize(cut);
  return l;
}

// HTML (or plain text) of an item's description -> plain text, one line per block. A
// description that is not usable HTML is kept as it is rather than dropped.
std::string PlainText(const std::string& html, const std::string& origin,
                      std::vector<std::string>* warnings) {
  if (html.find('<') == std::string::npos && html.find('&') == std::string::npos) return html;
  io::ReadOptions ro;
  ro.max_document_bytes = html.size() + 64;
  auto doc = io::ParseHtmlDocument("<html><body>" + html + "</body></html>", origin, ro);
  if (doc.ok()) return doc->text;
  // Markup with no text at all (an empty <p/>) is no loss; anything else is worth a warning.
  if (doc.status().message().find("empty document") == std::string::npos &&
      doc.status().message().find("no article text") == std::string::npos)
    warnings->push_back(origin + ": the item's HTML could not be read (" +
                        text::TruncateForMessage(doc.status().message(), 200) +
                        "); its text is dropped");
  return "";
}

// What libxml2 reports while parsing one feed (reached through ctxt->_private): its errors,
// the first few with their line, and the entity declarations ignored.
struct ParseState {
  int errors = 0;
  int last_fatal_line = 0;
  std::vector<std::string> first;
  int entity_decls = 0;
};

ParseState* StateOf(void* ctx) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
  return ctxt ? static_cast<ParseState*>(ctxt->_private) : nullptr;
}

// sax->serror gets ctxt->userData, which SAX2 keeps equal to the context.
void OnXmlError(void* ctx, xmlErrorPtr e) {
  ParseState* state = StateOf(ctx);
  if (!state || !e || e->level == XML_ERR_WARNING) return;
  ++state->errors;
  if (e->level == XML_ERR_FATAL) state->last_fatal_line = e->line;
  if (state->first.size() < 3) {
    std::string m = e->message ? e->message : "error";
    while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
    state->first.push_back("line " + std::to_string(e->line) + ": " +
                           text::TruncateForMessage(m, 200));
  }
}

// Entity declarations of the feed's DOCTYPE are ignored, so no user entity ever exists:
// references to them are undefined (an error, recovered) and nothing is expanded. This bounds
// entity expansion to nothing, whatever libxml2's own amplification checks allow.
void NoEntityDecl(void* ctx, const xmlChar*, int, const xmlChar*, const xmlChar*, xmlChar*) {
  if (ParseState* state = StateOf(ctx)) ++state->entity_decls;
}
xmlEntityPtr PredefinedEntityOnly(void*, const xmlChar* name) {
  return xmlGetPredefinedEntity(name);
}

// Whether the XML declaration (if any) names an encoding other than UTF-8.
bool DeclaresOtherEncoding(std::string_view bytes) {
  if (bytes.size() >= 2 && ((bytes[0] == '\xFE' && bytes[1] == '\xFF') ||
                            (bytes[0] == '\xFF' && bytes[1] == '\xFE')))
    return true;  // UTF-16 byte order mark
  std::string head = Lower(bytes.substr(0, std::min<size_t>(bytes.size(), 256)));
  if (head.rfind("<?xml", text::Utf8BomLength(head)) != text::Utf8BomLength(head)) return false;
  const size_t end = head.find("?>");
  const size_t enc = head.find("encoding", 0);
  if (enc == std::string::npos || (end != std::string::npos && enc > end)) return false;
  size_t q = head.find_first_of("\"'", enc);
  if (q == std::string::npos) return false;
  const size_t q2 = head.find(head[q], q + 1);
  if (q2 == std::string::npos) return false;
  const std::string name = head.substr(q + 1, q2 - q - 1);
  return name != "utf-8" && name != "utf8";
}

int MonthNumber(std::string_view m) {
  static const char* names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                "jul", "aug", "sep", "oct", "nov", "dec"};
  std::string l = Lower(m.substr(0, 3));
  for (int i = 0; i < 12; ++i)
    if (l == names[i]) return i + 1;
  return 0;
}

bool ValidIsoDate(const std::string& d) { return calendar::IsIsoDate(d); }

}  // namespace

std::string FeedDate(std::string_view text) {
  std::string_view t = TrimView(text);
  if (t.size() >= 10 && std::isdigit(static_cast<unsigned char>(t[0]))) {
    std::string d(t.substr(0, 10));
    if (ValidIsoDate(d)) return d;
  }
  // RFC 822: [Day, ] DD Mon YYYY ...
  size_t comma = t.find(',');
  std::string_view rest = TrimView(comma == std::string_view::npos ? t : t.substr(comma + 1));
  int day = 0, year = 0;
  size_t i = 0;
  // At most 2 digits of day and 4 of year are read (more is no date: a long run of digits
  // overflowed int, found by fuzz_feed).
  int day_digits = 0;
  while (i < rest.size() && std::isdigit(static_cast<unsigned char>(rest[i]))) {
    if (++day_digits > 2) return "";
    day = day * 10 + (rest[i++] - '0');
  }
  while (i < rest.size() && rest[i] == ' ') ++i;
  int month = i + 3 <= rest.size() ? MonthNumber(rest.substr(i, 3)) : 0;
  while (i < rest.size() && rest[i] != ' ') ++i;
  while (i < rest.size() && rest[i] == ' ') ++i;
  int digits = 0;
  while (i < rest.size() && std::isdigit(static_cast<unsigned char>(rest[i]))) {
    if (++digits > 4) return "";
    year = year * 10 + (rest[i++] - '0');
  }
  if (digits == 2) year += year < 70 ? 2000 : 1900;
  if (day < 1 || day > 31 || month == 0 || year < 1000) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return ValidIsoDate(buf) ? buf : "";  // "30 Feb 2022" is no day
}

bool LooksLikeFeed(std::string_view head) {
  std::string h = Lower(head.substr(0, 4096));
  size_t p = 0;
  for (;;) {
    while (p < h.size() && (std::isspace(static_cast<unsigned char>(h[p])) ||
                            static_cast<unsigned char>(h[p]) >= 0xef))  // BOM bytes
      ++p;
    if (h.compare(p, 5, "<?xml") == 0 || h.compare(p, 4, "<!--") == 0 ||
        h.compare(p, 2, "<?") == 0 || h.compare(p, 9, "<!doctype") == 0) {
      size_t end = h.find('>', p);
      if (end == std::string::npos) return false;
      p = end + 1;
      continue;
    }
    break;
  }
  return h.compare(p, 4, "<rss") == 0 || h.compare(p, 5, "<feed") == 0 ||
         h.compare(p, 8, "<rdf:rdf") == 0;
}

StatusOr<Feed> ParseFeed(std::string_view bytes, const std::string& origin,
                         const io::ReadOptions& options) {
  if (bytes.size() > options.max_document_bytes * 4)
    return Status::ResourceExhausted(origin + ": feed is " + std::to_string(bytes.size()) +
                                     " bytes, over the limit of " +
                                     std::to_string(options.max_document_bytes * 4) +
                                     " bytes (4 x max_document_bytes); split it");
  if (bytes.size() > static_cast<size_t>(std::numeric_limits<int>::max()))
    return Status::ResourceExhausted(origin + ": feed is too large for libxml2; split it");
  Feed feed;
  // Invalid UTF-8 is repaired (U+FFFD) before libxml2 sees it: libxml2 would otherwise stop,
  // or read the rest of the file as Latin-1.
  std::string repaired;
  if (!DeclaresOtherEncoding(bytes)) {
    const size_t bad = text::FindInvalidUtf8(bytes);
    if (bad != std::string_view::npos) {
      repaired.assign(bytes);
      const size_t n = text::RepairUtf8(&repaired);
      const size_t line = 1 + std::count(bytes.begin(), bytes.begin() + bad, '\n');
      feed.warnings.push_back(origin + ": invalid UTF-8 (first at byte " + std::to_string(bad) +
                              ", line " + std::to_string(line) + "; " + std::to_string(n) +
                              " bytes in all) replaced by U+FFFD; re-encode the feed as UTF-8");
      bytes = repaired;
    }
  }
  // No entity substitution (XML_PARSE_NOENT off), no DTD loading, no network, libxml2's
  // default limits (XML_PARSE_HUGE off: depth 256, text nodes of 10 MB), and no user entity
  // at all (NoEntityDecl). Errors are collected, not printed.
  xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(bytes.data(), static_cast<int>(bytes.size()));
  if (!ctxt) return Status::ResourceExhausted(origin + ": cannot allocate an XML parser");
  std::unique_ptr<xmlParserCtxt, void (*)(xmlParserCtxtPtr)> ctxt_guard(ctxt, xmlFreeParserCtxt);
  xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR |
                              XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
  ParseState state;
  ctxt->_private = &state;
  ctxt->sax->entityDecl = NoEntityDecl;
  ctxt->sax->getEntity = PredefinedEntityOnly;
  ctxt->sax->serror = OnXmlError;
  ctxt->sax->error = nullptr;
  ctxt->sax->warning = nullptr;
  ctxt->sax->fatalError = nullptr;
  xmlParseDocument(ctxt);
  xmlDocPtr doc = ctxt->myDoc;
  ctxt->myDoc = nullptr;
  if (!doc) {
    return Status::InvalidArgument(origin + ": not an XML feed (cannot parse XML" +
                                   (state.first.empty() ? "" : ": " + state.first[0]) + ")");
  }
  std::unique_ptr<xmlDoc, void (*)(xmlDocPtr)> guard(doc, xmlFreeDoc);
  const xmlNode* root = xmlDocGetRootElement(doc);
  if (!root || !(Named(root, "rss") || Named(root, "feed") || Named(root, "RDF")))
    return Status::InvalidArgument(
        origin + ": XML document is neither RSS nor Atom (root <" +
        (root ? text::TruncateForMessage(reinterpret_cast<const char*>(root->name), 100)
              : std::string("none")) +
        ">)");
  if (state.entity_decls > 0)
    feed.warnings.push_back(origin + ": the DOCTYPE declares " +
                            std::to_string(state.entity_decls) +
                            " entities; they are not expanded (references to them are dropped)");
  if (state.errors > 0) {
    std::string first;
    for (const auto& e : state.first) first += (first.empty() ? "" : "; ") + e;
    // In recovery mode libxml2 disables SAX only when it halts (too deep, out of memory, ...).
    const bool halted = ctxt->disableSAX != 0;
    feed.warnings.push_back(
        origin + ": the XML is not well-formed (" + std::to_string(state.errors) + " errors; " +
        first + "); " +
        (halted ? "parsing stopped at line " + std::to_string(state.last_fatal_line) +
                      ": the items after it are lost, and the item there is cut"
                : std::string("what libxml2 recovered is kept")));
  }
  bool atom = Named(root, "feed");
  const xmlNode* channel = atom ? root : Child(root, "channel");
  if (channel) {
    if (const xmlNode* t = Child(channel, "title")) feed.title = Content(t);
    if (const xmlNode* l = Child(channel, "language")) feed.lang = NormLang(Content(l));
    if (const xmlNode* l = Child(channel, "link"))
      feed.link = atom ? Prop(l, "href") : Content(l);
  }
  if (feed.lang.empty()) {
    xmlChar* xl = xmlNodeGetLang(root);
    if (xl) feed.lang = NormLang(reinterpret_cast<const char*>(xl));
    xmlFree(xl);
  }
  // Items: RSS 2.0 channel/item, RSS 1.0 rdf:RDF/item, Atom feed/entry.
  std::vector<const xmlNode*> items;
  for (const xmlNode* parent : {root, channel}) {
    if (!parent) continue;
    for (const xmlNode* c = parent->children; c; c = c->next)
      if (Named(c, atom ? "entry" : "item")) items.push_back(c);
    if (parent == channel && channel == root) break;
  }
  // Per-item budget: every field is cut at max_document_bytes (text) or 64 KB (the others), so
  // no item costs more than a document of the readers (and time, linear in size, follows).
  const size_t max_text = options.max_document_bytes;
  constexpr size_t kMaxField = 64u << 10;
  int n = 0;
  for (const xmlNode* it : items) {
    ++n;
    Document d;
    std::string item_origin = origin + "#" + std::to_string(n);
    std::string guid, link, body, summary, date;
    std::vector<std::string> cut;  // fields truncated
    auto field = [&](const xmlNode* c, const char* name, size_t max) {
      bool truncated = false;
      std::string v = Content(c, max, &truncated);
      if (truncated) cut.push_back(name);
      return v;
    };
    for (const xmlNode* c = it->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      std::string name = reinterpret_cast<const char*>(c->name);
      std::string prefix = Prefix(c);
      if (name == "title" && d.title.empty()) {
        d.title = PlainText(field(c, "title", kMaxField), item_origin, &feed.warnings);
        std::replace(d.title.begin(), d.title.end(), '\n', ' ');
      } else if ((name == "guid" || name == "id") && prefix.empty()) {
        guid = field(c, "guid", kMaxField);
      } else if (name == "link") {
        if (atom) {
          std::string rel = Prop(c, "rel");
          if (link.empty() || rel == "alternate") link = Prop(c, "href");
        } else if (link.empty()) {
          link = field(c, "link", kMaxField);
        }
      } else if ((name == "encoded" && prefix == "content") || (atom && name == "content")) {
        body = field(c, "content", max_text);
      } else if (name == "description" || name == "summary") {
        summary = field(c, "description", max_text);
      } else if (name == "pubDate" || name == "published" || (name == "date" && prefix == "dc") ||
                 (name == "updated" && date.empty())) {
        std::string v = FeedDate(Content(c, 256));
        if (!v.empty() && (date.empty() || name != "updated")) date = v;
      }
    }
    if (link.size() > kMaxField) {
      link.resize(text::TruncateUtf8(link, kMaxField).size());
      cut.push_back("link");
    }
    d.text = PlainText(body.empty() ? summary : body, item_origin, &feed.warnings);
    if (d.title.empty() && d.text.empty()) {
      feed.warnings.push_back(item_origin + ": item has neither title nor text; skipped");
      continue;
    }
    if (!cut.empty()) {
      std::string names;
      for (const auto& c : cut) names += (names.empty() ? "" : ", ") + c;
      feed.warnings.push_back(item_origin + ": " + names + " truncated to the per-item limit (" +
                              std::to_string(max_text) + " bytes of text, " +
                              std::to_string(kMaxField) + " bytes for other fields)");
    }
    d.id = !guid.empty() ? guid : !link.empty() ? link : item_origin;
    d.url = link;
    d.source = feed.title;
    d.date = !date.empty() ? date : options.default_date;
    d.lang = !options.forced_lang.empty() ? options.forced_lang : feed.lang;
    d.origin = item_origin;
    // libxml2 hands out UTF-8, but a feed in another declared encoding can still carry bytes
    // that decode to nothing valid: repair with a warning (the docs promise valid UTF-8).
    size_t repaired_bytes = 0;
    for (std::string* f : {&d.id, &d.title, &d.text, &d.url, &d.source, &d.lang})
      repaired_bytes += text::RepairUtf8(f);
    if (repaired_bytes > 0)
      feed.warnings.push_back(item_origin + ": " + std::to_string(repaired_bytes) +
                              " bytes of invalid UTF-8 replaced by U+FFFD");
    feed.items.push_back(std::move(d));
  }
  return feed;
}

Status ReadFeedFile(const std::string& path, const io::ReadOptions& options,
                    const std::function<void(io::DocumentOrError)>& sink) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!ec && (std::filesystem::is_character_file(status) || std::filesystem::is_block_file(status)))
    return Status::InvalidArgument(path + ": is a device, not a feed file");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot open; check the path and permissions");
  // At most one byte over ParseFeed's limit is read: a pipe may never end.
  const size_t limit = options.max_document_bytes * 4 + 1;
  std::string bytes;
  char chunk[64 << 10];
  while (in && bytes.size() < limit) {
    in.read(chunk, static_cast<std::streamsize>(std::min(sizeof chunk, limit - bytes.size())));
    bytes.append(chunk, static_cast<size_t>(in.gcount()));
  }
  auto feed = ParseFeed(bytes, path, options);
  if (!feed.ok()) return feed.status();
  for (const std::string& w : feed->warnings)
    sink(io::DocumentOrError{path, Status::InvalidArgument(w)});
  for (Document& d : feed->items) {
    std::string origin = d.origin;
    sink(io::DocumentOrError{origin, std::move(d)});
  }
  return Status::Ok();
}

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

namespace {

struct Transfer {
  std::string body;
  std::string etag, last_modified;
  size_t max = 0;
  bool too_large = false;
};

size_t OnBody(char* p, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t len = size * n;
  if (t->body.size() + len > t->max) {
    t->too_large = true;
    return 0;  // aborts the transfer
  }
  t->body.append(p, len);
  return len;
}

size_t OnHeader(char* p, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::string_view line(p, size * n);
  size_t colon = line.find(':');
  if (colon != std::string_view::npos) {
    std::string name = Lower(line.substr(0, colon));
    std::string value(TrimView(line.substr(colon + 1)));
    if (name == "etag") t->etag = value;
    if (name == "last-modified") t->last_modified = value;
  } else if (line.rfind("HTTP/", 0) == 0) {  // a new response (redirect): forget validators
    t->etag.clear();
    t->last_modified.clear();
  }
  return size * n;
}

}  // namespace

FetchResult Fetch(const std::string& url, const std::string& etag,
                  const std::string& last_modified, const FetchOptions& options) {
  GlobalInit();
  FetchResult r;
  std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) {
    r.error = "cannot initialise libcurl";
    return r;
  }
  Transfer t;
  t.max = options.max_bytes;
  char errbuf[CURL_ERROR_SIZE] = {};
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
#if LIBCURL_VERSION_NUM >= 0x075500
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
  curl_easy_setopt(c, CURLOPT_PROTOCOLS, CURLPROTO_HTTP | CURLPROTO_HTTPS);
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS, CURLPROTO_HTTP | CURLPROTO_HTTPS);
#endif
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, options.connect_timeout_s);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, options.timeout_s);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_USERAGENT, options.user_agent.c_str());
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  curl_slist* headers = nullptr;
  if (!etag.empty()) headers = curl_slist_append(headers, ("If-None-Match: " + etag).c_str());
  if (!last_modified.empty())
    headers = curl_slist_append(headers, ("If-Modified-Since: " + last_modified).c_str());
  headers = curl_slist_append(
      headers, "Accept: application/rss+xml, application/atom+xml, application/xml, text/xml");
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  CURLcode rc = curl_easy_perform(c);
  curl_slist_free_all(headers);
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
  if (t.too_large) {
    r.error = "response over " + std::to_string(options.max_bytes) + " bytes";
  } else if (rc != CURLE_OK) {
    r.error = errbuf[0] ? errbuf : curl_easy_strerror(rc);
  } else if (r.status != 200 && r.status != 304) {
    r.error = "HTTP " + std::to_string(r.status);
  }
  if (r.error.empty() && r.status == 200) {
    r.body = std::move(t.body);
    r.etag = t.etag;
    r.last_modified = t.last_modified;
  }
  return r;
}

int64_t BackoffSeconds(int failures, int64_t every) {
  constexpr int64_t kCap = 6 * 3600;
  if (failures <= 0) return every;
  int64_t d = every;
  for (int i = 0; i < failures && d < kCap; ++i) d *= 2;
  return std::max(every, std::min(d, kCap));
}

}  // namespace tocsin::feeds
