#include "tocsin/feeds/feeds.h"

#include <curl/curl.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <memory>
#include <mutex>

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
std::string Content(const xmlNode* n) {
  xmlChar* c = xmlNodeGetContent(n);
  std::string s = c ? reinterpret_cast<const char*>(c) : "";
  xmlFree(c);
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

// HTML (or plain text) of an item's description -> plain text, one line per block.
std::string PlainText(const std::string& html, const std::string& origin) {
  if (html.find('<') == std::string::npos && html.find('&') == std::string::npos) return html;
  io::ReadOptions ro;
  auto doc = io::ParseHtmlDocument("<html><body>" + html + "</body></html>", origin, ro);
  if (doc.ok()) return doc->text;
  return "";
}

int MonthNumber(std::string_view m) {
  static const char* names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                "jul", "aug", "sep", "oct", "nov", "dec"};
  std::string l = Lower(m.substr(0, 3));
  for (int i = 0; i < 12; ++i)
    if (l == names[i]) return i + 1;
  return 0;
}

bool ValidIsoDate(const std::string& d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!std::isdigit(static_cast<unsigned char>(d[i]))) return false;
  int m = std::stoi(d.substr(5, 2)), day = std::stoi(d.substr(8, 2));
  return m >= 1 && m <= 12 && day >= 1 && day <= 31;
}

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
  while (i < rest.size() && std::isdigit(static_cast<unsigned char>(rest[i])))
    day = day * 10 + (rest[i++] - '0');
  while (i < rest.size() && rest[i] == ' ') ++i;
  int month = i + 3 <= rest.size() ? MonthNumber(rest.substr(i, 3)) : 0;
  while (i < rest.size() && rest[i] != ' ') ++i;
  while (i < rest.size() && rest[i] == ' ') ++i;
  int digits = 0;
  while (i < rest.size() && std::isdigit(static_cast<unsigned char>(rest[i]))) {
    year = year * 10 + (rest[i++] - '0');
    ++digits;
  }
  if (digits == 2) year += year < 70 ? 2000 : 1900;
  if (day < 1 || day > 31 || month == 0 || year < 1000) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
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
                                     " bytes, over the limit; split it");
  xmlDocPtr doc = xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), origin.c_str(),
                                nullptr,
                                XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR |
                                    XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
  if (!doc) return Status::InvalidArgument(origin + ": not an XML feed (cannot parse XML)");
  std::unique_ptr<xmlDoc, void (*)(xmlDocPtr)> guard(doc, xmlFreeDoc);
  const xmlNode* root = xmlDocGetRootElement(doc);
  if (!root || !(Named(root, "rss") || Named(root, "feed") || Named(root, "RDF")))
    return Status::InvalidArgument(origin + ": XML document is neither RSS nor Atom (root <" +
                                   (root ? reinterpret_cast<const char*>(root->name) : "none") +
                                   ">)");
  Feed feed;
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
  int n = 0;
  for (const xmlNode* it : items) {
    ++n;
    Document d;
    std::string item_origin = origin + "#" + std::to_string(n);
    std::string guid, link, body, summary, date;
    for (const xmlNode* c = it->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      std::string name = reinterpret_cast<const char*>(c->name);
      std::string prefix = Prefix(c);
      if (name == "title" && d.title.empty()) {
        d.title = PlainText(Content(c), item_origin);
        std::replace(d.title.begin(), d.title.end(), '\n', ' ');
      } else if ((name == "guid" || name == "id") && prefix.empty()) {
        guid = Content(c);
      } else if (name == "link") {
        if (atom) {
          std::string rel = Prop(c, "rel");
          if (link.empty() || rel == "alternate") link = Prop(c, "href");
        } else if (link.empty()) {
          link = Content(c);
        }
      } else if ((name == "encoded" && prefix == "content") || (atom && name == "content")) {
        body = Content(c);
      } else if (name == "description" || name == "summary") {
        summary = Content(c);
      } else if (name == "pubDate" || name == "published" || (name == "date" && prefix == "dc") ||
                 (name == "updated" && date.empty())) {
        std::string v = FeedDate(Content(c));
        if (!v.empty() && (date.empty() || name != "updated")) date = v;
      }
    }
    d.text = PlainText(body.empty() ? summary : body, item_origin);
    if (d.title.empty() && d.text.empty()) {
      feed.warnings.push_back(item_origin + ": item has neither title nor text; skipped");
      continue;
    }
    d.id = !guid.empty() ? guid : !link.empty() ? link : item_origin;
    d.url = link;
    d.source = feed.title;
    d.date = !date.empty() ? date : options.default_date;
    d.lang = !options.forced_lang.empty() ? options.forced_lang : feed.lang;
    d.origin = item_origin;
    feed.items.push_back(std::move(d));
  }
  return feed;
}

Status ReadFeedFile(const std::string& path, const io::ReadOptions& options,
                    const std::function<void(io::DocumentOrError)>& sink) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot open; check the path and permissions");
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
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
