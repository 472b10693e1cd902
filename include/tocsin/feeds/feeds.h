// RSS and Atom feeds: parsing (libxml2, no network, no external entities) into Documents, and
// fetching over HTTP(S) with libcurl (conditional GET, timeouts, size limit), for
// `tocsin ingest FEED.xml` and `tocsin watch FEEDS.txt`.
//
// Item -> Document: id = guid (Atom: id), else link, else "<origin>#<N>"; title; text = the
// item's content:encoded / content, else description / summary, with HTML markup removed (one
// line per block, as the HTML reader does); date = pubDate (RFC 822), dc:date, published or
// updated (ISO 8601), else the default date; lang = the channel's <language> (or xml:lang);
// url = link; source = the channel's title.
// Thread-safety: every function may be called from several threads; Fetch needs
// curl_global_init to have run (GlobalInit does it once).
#ifndef TOCSIN_FEEDS_FEEDS_H_
#define TOCSIN_FEEDS_FEEDS_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "tocsin/core/document.h"
#include "tocsin/core/status.h"
#include "tocsin/io/reader.h"

namespace tocsin::feeds {

// Whether the bytes start like an RSS 1.0/2.0 or Atom document (<rss, <rdf:RDF or <feed
// after an optional XML declaration, comments and white space).
bool LooksLikeFeed(std::string_view head);

struct Feed {
  std::string title, link, lang;
  std::vector<Document> items;
  std::vector<std::string> warnings;  // items skipped and why
};

// Parses a feed; `origin` names it in messages and default ids. Fails on bytes that are not
// XML or an XML document that is neither RSS nor Atom.
StatusOr<Feed> ParseFeed(std::string_view bytes, const std::string& origin,
                         const io::ReadOptions& options);

// Reads a feed file and hands each item to the sink, like io::ReadDocuments. Returns non-OK
// only when the file cannot be read or parsed at all.
Status ReadFeedFile(const std::string& path, const io::ReadOptions& options,
                    const std::function<void(io::DocumentOrError)>& sink);

// "Tue, 13 Sep 2022 08:00:00 GMT" / "2022-09-13T08:00:00Z" -> "2022-09-13"; "" if unreadable.
std::string FeedDate(std::string_view text);

struct FetchOptions {
  long connect_timeout_s = 10;
  long timeout_s = 30;
  size_t max_bytes = 16u << 20;
  std::string user_agent = "tocsin-watch/1";
};

struct FetchResult {
  long status = 0;        // HTTP status; 0 when the transfer failed
  std::string body;       // 200 only
  std::string etag, last_modified;  // validators of the response (200)
  std::string error;      // transfer error (timeout, DNS, too large, ...), "" when none
  bool ok() const { return error.empty() && (status == 200 || status == 304); }
};

void GlobalInit();
// GET with If-None-Match / If-Modified-Since when validators are given; follows up to 5
// redirects; only http and https.
FetchResult Fetch(const std::string& url, const std::string& etag,
                  const std::string& last_modified, const FetchOptions& options);

// Seconds until the next poll of a feed after `failures` consecutive failures: `every` when
// none, then every * 2^failures, capped at 6 hours (and never below `every`).
int64_t BackoffSeconds(int failures, int64_t every);

}  // namespace tocsin::feeds

#endif  // TOCSIN_FEEDS_FEEDS_H_
