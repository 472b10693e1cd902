#include "tocsin/serve/server.h"

#include <netinet/in.h>
#include <netinet/tcp.h>

#include <httplib.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "tocsin/codes/kinds.h"
#include "tocsin/core/data_dir.h"
#include "tocsin/serve/query.h"
#include "tocsin/serve/territories.h"
#include "export_view.h"

namespace tocsin::serve {
namespace {

constexpr const char* kJson = "application/json; charset=utf-8";

void SendError(httplib::Response& res, const ApiError& e) {
  res.status = e.status;
  res.set_content(e.Json(), kJson);
}

void SendStatus(httplib::Response& res, const Status& st) {
  int code = 500;
  switch (st.code()) {
    case StatusCode::kNotFound: code = 404; break;
    case StatusCode::kInvalidArgument: code = 400; break;
    case StatusCode::kUnsupported: code = 501; break;
    case StatusCode::kResourceExhausted: code = 413; break;
    default: code = 500;
  }
  SendError(res, ApiError{code, "", st.message()});
}

Params ToParams(const httplib::Request& req) {
  Params p;
  for (const auto& [k, v] : req.params) p.emplace(k, v);
  return p;
}

bool ConstantTimeEquals(const std::string& a, const std::string& b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  size_t n = std::max(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    diff |= static_cast<unsigned char>(x ^ y);
  }
  return diff == 0;
}

const char* ReasonOf(int status) {
  switch (status) {
    case 400: return "bad request";
    case 401: return "unauthorized";
    case 403: return "forbidden";
    case 404: return "not found";
    case 405: return "method not allowed";
    case 413: return "request body too large";
    case 414: return "request URI too long";
    case 415: return "unsupported media type";
    case 416: return "range not satisfiable";
    default: return status >= 500 ? "internal error" : "error";
  }
}

// A stream over a connected socket for httplib's request parser, with deadlines: reading a
// request (line, headers, body) must end by `read_deadline`, writing the response by
// `write_deadline`; each wait also stops when the server stops. A client sending a byte every
// few seconds (slowloris) or reading its response as slowly is cut off there.
class DeadlineStream final : public httplib::Stream {
 public:
  using Clock = std::chrono::steady_clock;
  DeadlineStream(socket_t sock, const std::atomic<bool>& stopping)
      : sock_(sock), stopping_(stopping) {}

  void SetDeadlines(Clock::time_point read, Clock::time_point write) {
    read_deadline_ = read;
    write_deadline_ = write;
  }
  bool is_readable() const override { return pos_ < end_ || Wait(POLLIN, read_deadline_); }
  bool is_writable() const override { return Wait(POLLOUT, write_deadline_); }
  ssize_t read(char* ptr, size_t size) override {
    if (pos_ == end_) {  // httplib reads request lines one byte at a time: buffer them
      if (!Wait(POLLIN, read_deadline_)) return -1;
      const ssize_t n = ::recv(sock_, buffer_, sizeof buffer_, 0);
      if (n <= 0) return n;
      pos_ = 0;
      end_ = static_cast<size_t>(n);
    }
    const size_t n = std::min(size, end_ - pos_);
    std::memcpy(ptr, buffer_ + pos_, n);
    pos_ += n;
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char* ptr, size_t size) override {
    if (!Wait(POLLOUT, write_deadline_)) return -1;
    return ::send(sock_, ptr, size, MSG_NOSIGNAL);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    Address(::getpeername, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    Address(::getsockname, ip, port);
  }
  socket_t socket() const override { return sock_; }
  // Whether bytes of a next request are already buffered (pipelining).
  bool buffered() const { return pos_ < end_; }
  // Whether a wait ran past its deadline: the connection is then closed, whatever httplib
  // answered (it may write a 400 and would go on reading the same slow client).
  bool timed_out() const { return timed_out_; }

 private:
  // Waits for `events` until `deadline`, in slices, so that Stop() is not held up.
  bool Wait(short events, Clock::time_point deadline) const {
    for (;;) {
      if (stopping_.load()) return false;
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left <= 0) {
        timed_out_ = true;
        return false;
      }
      pollfd p{sock_, events, 0};
      const int rc = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 200)));
      if (rc > 0) return (p.revents & (events | POLLHUP | POLLERR)) != 0;
      if (rc < 0 && errno != EINTR) return false;
    }
  }
  template <class F>
  void Address(F f, std::string& ip, int& port) const {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    ip.clear();
    port = 0;
    if (f(sock_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return;
    char host[NI_MAXHOST], serv[NI_MAXSERV];
    if (getnameinfo(reinterpret_cast<sockaddr*>(&addr), len, host, sizeof host, serv, sizeof serv,
                    NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
      ip = host;
      port = std::atoi(serv);
    }
  }

  socket_t sock_;
  const std::atomic<bool>& stopping_;
  Clock::time_point read_deadline_{}, write_deadline_{};
  mutable bool timed_out_ = false;
  char buffer_[4096];
  size_t pos_ = 0, end_ = 0;
};

// httplib::Server with the limits Debian's cpp-httplib 0.11 lacks: a cap on open connections
// (503 past it, without waiting for a worker) and deadlines per request and response. It
// replaces the library's per-connection loop (process_and_close_socket, a virtual the library
// declares for this) with the same loop over a DeadlineStream.
class LimitedServer final : public httplib::Server {
 public:
  size_t max_connections = 240;
  std::chrono::seconds idle_timeout{5}, request_timeout{10}, response_timeout{60};
  std::atomic<bool> stopping{false};
  std::atomic<size_t> open_connections{0};
  std::atomic<uint64_t> refused{0};

 private:
  bool process_and_close_socket(socket_t sock) override {
    if (open_connections.fetch_add(1) >= max_connections) {
      open_connections.fetch_sub(1);
      ++refused;
      RefuseAndClose(sock);
      return true;
    }
    DeadlineStream strm(sock, stopping);
    size_t count = keep_alive_max_count_;
    bool ret = false;
    while (count > 0 && !stopping.load()) {
      const auto now = DeadlineStream::Clock::now();
      // Idle: until the first byte of the next request (or the one buffered already).
      strm.SetDeadlines(now + idle_timeout, now + response_timeout);
      if (!strm.buffered() && !strm.is_readable()) break;
      const auto start = DeadlineStream::Clock::now();
      strm.SetDeadlines(start + request_timeout, start + request_timeout + response_timeout);
      bool closed = false;
      ret = process_request(strm, count == 1, closed, nullptr);
      if (!ret || closed || strm.timed_out()) break;
      --count;
    }
    ::shutdown(sock, SHUT_RDWR);
    ::close(sock);
    open_connections.fetch_sub(1);
    return ret;
  }

  static void RefuseAndClose(socket_t sock) {
    const std::string body =
        ApiError{503, "", "too many open connections; retry in a moment"}.Json();
    const std::string head = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: " +
                             std::string(kJson) + "\r\nContent-Length: " +
                             std::to_string(body.size()) +
                             "\r\nRetry-After: 1\r\nConnection: close\r\n\r\n";
    const std::string all = head + body;
    pollfd p{sock, POLLOUT, 0};
    if (::poll(&p, 1, 1000) > 0) (void)::send(sock, all.data(), all.size(), MSG_NOSIGNAL);
    // Read what the client sent (briefly) so that closing does not reset the connection
    // before the client reads the 503.
    ::shutdown(sock, SHUT_WR);
    char sink[4096];
    for (int i = 0; i < 5; ++i) {
      pollfd r{sock, POLLIN, 0};
      if (::poll(&r, 1, 20) <= 0 || ::recv(sock, sink, sizeof sink, MSG_DONTWAIT) <= 0) break;
    }
    ::close(sock);
  }
};

}  // namespace

struct Server::Impl {
  Backend* backend;
  ServerOptions options;
  LimitedServer http;
  std::atomic<int> listen_fd{-1};  // the listening socket, to widen its backlog
  std::thread thread;
  std::mutex mu;
  std::condition_variable stopped_cv;
  bool stopped = false;
  int port = 0;
  std::optional<Territories> territories;
  std::string territories_error;

  void Routes();
  bool CheckParamsOnly(const httplib::Request& req, httplib::Response& res,
                       std::initializer_list<const char*> known);
};

bool Server::Impl::CheckParamsOnly(const httplib::Request& req, httplib::Response& res,
                                   std::initializer_list<const char*> known) {
  for (const auto& [k, v] : req.params) {
    if (std::find_if(known.begin(), known.end(), [&](const char* n) { return k == n; }) ==
        known.end()) {
      SendError(res, ApiError{400, k, "unknown parameter '" + k + "'"});
      return false;
    }
  }
  return true;
}

void Server::Impl::Routes() {
  http.Get("/api/events", [this](const httplib::Request& req, httplib::Response& res) {
    EventFilter f;
    if (auto e = ParseEventFilter(ToParams(req), f)) return SendError(res, *e);
    auto page = backend->ListEvents(f);
    if (!page.ok()) return SendStatus(res, page.status());
    std::string out;
    size_t bytes = 128;
    for (const auto& e : page->events) bytes += e.size() + 1;
    out.reserve(bytes);
    out += "{\"total\":" + std::to_string(page->total) + ",\"offset\":" +
           std::to_string(f.offset) + ",\"limit\":" + std::to_string(f.limit) +
           ",\"count\":" + std::to_string(page->events.size()) + ",\"next_offset\":";
    size_t next = f.offset + page->events.size();
    out += next < page->total ? std::to_string(next) : "null";
    out += ",\"events\":[";
    for (size_t i = 0; i < page->events.size(); ++i) {
      if (i) out += ',';
      out += page->events[i];
    }
    out += "]}";
    res.set_content(std::move(out), kJson);
  });
  http.Get(R"(/api/events/(.+))", [this](const httplib::Request& req, httplib::Response& res) {
    if (!CheckParamsOnly(req, res, {})) return;
    auto ev = backend->GetEvent(req.matches[1]);
    if (!ev.ok()) return SendStatus(res, ev.status());
    res.set_content(*ev, kJson);
  });
  http.Get(R"(/api/documents/(.+))", [this](const httplib::Request& req, httplib::Response& res) {
    if (!CheckParamsOnly(req, res, {})) return;
    auto doc = backend->GetDocument(req.matches[1]);
    if (!doc.ok()) return SendStatus(res, doc.status());
    res.set_content(*doc, kJson);
  });
  http.Get("/api/alerts", [this](const httplib::Request& req, httplib::Response& res) {
    if (!CheckParamsOnly(req, res, {})) return;
    auto a = backend->Alerts();
    if (!a.ok()) return SendStatus(res, a.status());
    res.set_content(*a, kJson);
  });
  http.Get("/api/assessment", [this](const httplib::Request& req, httplib::Response& res) {
    if (!CheckParamsOnly(req, res, {})) return;
    auto a = backend->Assessment();
    if (!a.ok()) return SendStatus(res, a.status());
    res.set_content(*a, kJson);
  });
  http.Get("/api/stats", [this](const httplib::Request& req, httplib::Response& res) {
    EventFilter f;
    if (auto e = ParseEventFilter(ToParams(req), f)) return SendError(res, *e);
    auto s = backend->Stats(f);
    if (!s.ok()) return SendStatus(res, s.status());
    res.set_content(*s, kJson);
  });
  // The events of a filtered view as a file (the dashboard's "export this view").
  http.Get("/api/export", [this](const httplib::Request& req, httplib::Response& res) {
    Params params = ToParams(req);
    std::string name = params.count("format") ? params.find("format")->second : "";
    ViewFormat format;
    if (params.count("format") != 1 || !ParseViewFormat(name, &format))
      return SendError(res, ApiError{400, "format",
                                     "parameter 'format' must be one of csv, geojson, jsonl"});
    params.erase("format");
    for (const char* paging : {"offset", "limit"})
      if (params.count(paging))
        return SendError(res, ApiError{400, paging, std::string("parameter '") + paging +
                                                        "' does not apply to an export"});
    EventFilter f;
    if (auto e = ParseEventFilter(params, f)) return SendError(res, *e);
    f.limit = kMaxExport;
    auto page = backend->ListEvents(f);
    if (!page.ok()) return SendStatus(res, page.status());
    res.set_header("Content-Disposition", std::string("attachment; filename=\"tocsin-events.") +
                                              ViewExtension(format) + "\"");
    res.set_header("X-Total-Count", std::to_string(page->total));
    // Sent through a provider of known length, which cpp-httplib 0.11 does not compress: its
    // per-request brotli (quality 11) took 10.7 s for the CSV of 10,000 events, 0.36 s without.
    auto body = std::make_shared<std::string>(RenderView(page->events, format));
    res.set_content_provider(body->size(), ViewContentType(format),
                             [body](size_t offset, size_t length, httplib::DataSink& sink) {
                               sink.write(body->data() + offset, std::min(length, body->size() - offset));
                               return true;
                             });
  });
  http.Get("/api/health", [this](const httplib::Request&, httplib::Response& res) {
    res.set_content("{\"ok\":true,\"version\":" + std::to_string(backend->Version()) +
                        ",\"writes\":" + (options.token.empty() ? "false" : "true") + "}",
                    kJson);
  });
  http.Get("/api/kinds", [](const httplib::Request& req, httplib::Response& res) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& k : codes::KindTable::Default().all())
      out.push_back({{"kind", k.kind},
                     {"cameo", k.cameo},
                     {"label", k.cameo_label},
                     {"violent", k.violent},
                     {"acled_event_type", k.acled_event_type},
                     {"description", k.description}});
    res.set_content(out.dump(), kJson);
  });
  http.Get("/api/territories", [this](const httplib::Request& req, httplib::Response& res) {
    if (!CheckParamsOnly(req, res, {"date"})) return;
    std::string date = req.get_param_value("date");
    if (req.get_param_value_count("date") > 1 || (!date.empty() && !IsDate(date)))
      return SendError(res, ApiError{400, "date", "parameter 'date' must be one date YYYY-MM-DD"});
    if (!territories)
      return SendError(res, ApiError{503, "", "territories unavailable: " + territories_error});
    res.set_content(territories->GeoJson(date), "application/geo+json");
  });
  http.Post("/api/documents", [this](const httplib::Request& req, httplib::Response& res) {
    if (options.token.empty())
      return SendError(res, ApiError{403, "", "writes are disabled: start tocsin serve with "
                                              "--token-file to accept POST /api/documents"});
    std::string auth = req.get_header_value("Authorization");
    const std::string prefix = "Bearer ";
    if (auth.rfind(prefix, 0) != 0 || !ConstantTimeEquals(auth.substr(prefix.size()), options.token)) {
      res.set_header("WWW-Authenticate", "Bearer realm=\"tocsin\"");
      return SendError(res, ApiError{401, "Authorization",
                                     "a valid 'Authorization: Bearer <token>' header is required"});
    }
    if (!CheckParamsOnly(req, res, {})) return;
    std::vector<Document> docs;
    if (auto e = ParseDocumentsBody(req.body, req.get_header_value("Content-Type"), docs))
      return SendError(res, *e);
    auto r = backend->IngestDocuments(docs);
    if (!r.ok()) return SendStatus(res, r.status());
    res.status = 201;
    res.set_content(r->json, kJson);
  });
  // Anything else under /api/: 405 for a known path with another method, 404 otherwise.
  auto api_other = [](const httplib::Request& req, httplib::Response& res) {
    static const char* kPaths[] = {"/api/events", "/api/documents", "/api/alerts",
                                   "/api/assessment", "/api/stats", "/api/territories",
                                   "/api/health", "/api/kinds", "/api/export"};
    for (const char* p : kPaths) {
      if (req.path == p || req.path.rfind(std::string(p) + "/", 0) == 0) {
        res.set_header("Allow", std::string(p) == "/api/documents" && req.path == p
                                    ? "GET, POST"
                                    : "GET");
        return SendError(res, ApiError{405, "", "method " + req.method + " not allowed on " + req.path});
      }
    }
    SendError(res, ApiError{404, "", "no API endpoint " + req.path});
  };
  // Only reached for unknown paths: every known GET path matched above.
  http.Get(R"(/api(/.*)?)", [](const httplib::Request& req, httplib::Response& res) {
    SendError(res, ApiError{404, "", "no API endpoint " + req.path});
  });
  http.Post(R"(/.*)", api_other);
  http.Put(R"(/.*)", api_other);
  http.Delete(R"(/.*)", api_other);
  http.Patch(R"(/.*)", api_other);

  // Static files of the dashboard.
  http.Get(R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) {
    std::string file;
    if (auto e = ResolveStaticPath(options.web_dir, req.path, file)) return SendError(res, *e);
    std::ifstream in(file, std::ios::binary);
    if (!in) return SendError(res, ApiError{404, "", "not found"});
    std::ostringstream buf;
    buf << in.rdbuf();
    std::string type = ContentTypeOf(file);
    if (type.rfind("text/html", 0) == 0)
      res.set_header("Content-Security-Policy",
                     "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                     "object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
    res.set_header("Cache-Control", "no-cache");
    res.set_content(buf.str(), type);
  });
}

Server::Server(Backend* backend, ServerOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->backend = backend;
  impl_->options = std::move(options);
}

Server::~Server() { Stop(); }

Status Server::Start() {
  Impl& m = *impl_;
  std::string tsv = m.options.territories_tsv.empty()
                        ? CuratedDataDir() + "/kb/disputed_areas.tsv"
                        : m.options.territories_tsv;
  auto t = Territories::Load(tsv);
  if (t.ok()) m.territories = std::move(*t);
  else m.territories_error = t.status().message();

  size_t threads = m.options.threads;
  if (threads == 0) threads = std::max<size_t>(256, 8 * std::max(1u, std::thread::hardware_concurrency()));
  m.http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  m.http.set_payload_max_length(m.options.max_body_bytes);
  // The listening socket: SO_REUSEADDR (httplib's default adds SO_REUSEPORT, which would let
  // another process of the same user bind the same port), and its fd for the backlog below.
  // TCP_NODELAY: a response is written as headers then body; with Nagle's algorithm the body
  // waited for the client's delayed ACK, 40 ms per request on a keep-alive connection of a
  // client that does not set TCP_NODELAY itself (wrk, many HTTP libraries). Accepted sockets
  // inherit it from the listening one.
  m.http.set_tcp_nodelay(true);
  m.http.set_socket_options([&m](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    int none = -1;
    m.listen_fd.compare_exchange_strong(none, sock);
  });
  m.http.set_keep_alive_max_count(20);  // connections rotate: none starves in the queue
  // Limits (doc/api.md, "Limits"): LimitedServer applies them; a few threads always stay free
  // to answer 503 past the connection cap.
  m.http.max_connections = m.options.max_connections > 0
                               ? std::min(m.options.max_connections, threads)
                               : (threads > 32 ? threads - 16 : std::max<size_t>(1, threads / 2));
  m.http.idle_timeout = std::chrono::seconds(std::max(1, m.options.idle_timeout_s));
  m.http.request_timeout = std::chrono::seconds(std::max(1, m.options.request_timeout_s));
  m.http.response_timeout = std::chrono::seconds(std::max(1, m.options.response_timeout_s));
  m.http.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                              {"Referrer-Policy", "no-referrer"},
                              {"X-Frame-Options", "DENY"}});
  m.http.set_error_handler(httplib::Server::HandlerWithResponse(
      [](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        res.set_content(ApiError{res.status, "", ReasonOf(res.status)}.Json(), kJson);
        return httplib::Server::HandlerResponse::Handled;
      }));
  m.http.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "internal error";
        try {
          if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = std::string("internal error: ") + e.what();
        } catch (...) {
        }
        res.status = 500;
        res.set_content(ApiError{500, "", what}.Json(), kJson);
      });
  if (!m.options.quiet)
    m.http.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      std::cerr << req.method << " " << req.path << " " << res.status << "\n";
    });
  m.Routes();

  if (m.options.port == 0) {
    m.port = m.http.bind_to_any_port(m.options.bind);
    if (m.port <= 0)
      return Status::IoError("cannot bind " + m.options.bind + " on a free port");
  } else {
    if (!m.http.bind_to_port(m.options.bind, m.options.port))
      return Status::IoError("cannot bind " + m.options.bind + ":" +
                             std::to_string(m.options.port) + " (in use, or not an address of this host)");
    m.port = m.options.port;
  }
  // Debian's compiled httplib listens with a backlog of 5: 200 clients connecting at once
  // overflowed it, their SYNs were dropped and retried seconds later (wrk timeouts). Linux
  // lets listen() be called again on a listening socket to set a larger backlog.
  if (int fd = m.listen_fd.load(); fd >= 0) ::listen(fd, SOMAXCONN);
  m.thread = std::thread([&m] { m.http.listen_after_bind(); });
  // httplib's stop() does nothing until the accept loop runs: wait for it, so that a Stop()
  // right after Start() (a quick test, a signal) cannot leave the loop running forever.
  for (int i = 0; i < 5000 && !m.http.is_running(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  if (!m.http.is_running()) return Status::Internal("the HTTP server did not start listening");
  return Status::Ok();
}

int Server::port() const { return impl_->port; }

void Server::Wait() {
  std::unique_lock lock(impl_->mu);
  impl_->stopped_cv.wait(lock, [this] { return impl_->stopped || !impl_->thread.joinable(); });
}

void Server::Stop() {
  if (!impl_) return;
  std::unique_lock lock(impl_->mu);
  if (impl_->thread.joinable()) {
    impl_->http.stopping = true;
    impl_->http.stop();
    impl_->thread.join();
  }
  impl_->stopped = true;
  impl_->stopped_cv.notify_all();
}

}  // namespace tocsin::serve
