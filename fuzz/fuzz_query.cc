// libFuzzer target: the HTTP API's request parsing (serve/query.h): a query string
// "k=v&k2=v2" as httplib hands it over (split, not decoded), POST bodies and static paths.
#include "fuzz_util.h"
#include "tocsin/serve/query.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tocsin::serve;
  const std::string_view in = tocsin::fuzz::Bytes(data, size);
  Params params;
  size_t start = 0;
  while (start <= in.size()) {
    size_t amp = in.find('&', start);
    if (amp == std::string_view::npos) amp = in.size();
    const std::string_view pair = in.substr(start, amp - start);
    const size_t eq = pair.find('=');
    params.emplace(std::string(pair.substr(0, eq)),
                   eq == std::string_view::npos ? "" : std::string(pair.substr(eq + 1)));
    start = amp + 1;
  }
  // Error bodies quote at most 400 bytes of message and 100 of parameter (doc/api.md), which
  // JSON escaping may widen up to 6 times (\u0000): never more than that.
  constexpr size_t kMaxErrorJson = 6 * 500 + 200;
  EventFilter filter;
  if (auto e = ParseEventFilter(params, filter)) {
    TOCSIN_FUZZ_CHECK(e->status >= 400 && e->status < 600);
    TOCSIN_FUZZ_CHECK(e->Json().size() < kMaxErrorJson);
  }
  std::vector<tocsin::Document> docs;
  for (const char* type : {"application/json", "application/x-ndjson"}) {
    docs.clear();
    if (auto e = ParseDocumentsBody(in, type, docs))
      TOCSIN_FUZZ_CHECK(e->Json().size() < kMaxErrorJson);
  }
  // A web root with two files: whatever path is asked, only they may ever be served.
  static const std::string root = [] {
    const auto web = tocsin::fuzz::ScratchDir() / "web";
    std::filesystem::create_directories(web / "js");
    tocsin::fuzz::WriteFile(web / "index.html", "<html></html>");
    tocsin::fuzz::WriteFile(web / "js" / "app.js", "1");
    tocsin::fuzz::WriteFile(tocsin::fuzz::ScratchDir() / "secret.txt", "s");
    return web.string();
  }();
  std::string file;
  if (!ResolveStaticPath(root, in, file))
    TOCSIN_FUZZ_CHECK(file == root + "/index.html" || file == root + "/js/app.js");
  (void)IsDate(in);
  return 0;
}
