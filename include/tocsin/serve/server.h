// The HTTP server of `tocsin serve`: the JSON API of doc/api.md over a Backend, the dashboard's
// static files, and GET /api/territories (disputed and occupied areas as GeoJSON).
//
// A thin shell: request parsing and validation (query.h), then one Backend call. cpp-httplib
// runs a fixed pool of worker threads; Start() binds and returns, Stop() ends the listener.
#ifndef TOCSIN_SERVE_SERVER_H_
#define TOCSIN_SERVE_SERVER_H_

#include <cstddef>
#include <memory>
#include <string>

#include "tocsin/core/status.h"
#include "tocsin/serve/backend.h"

namespace tocsin::serve {

struct ServerOptions {
  std::string bind = "127.0.0.1";  // loopback unless told otherwise
  int port = 8080;                 // 0: any free port (see Server::port())
  std::string web_dir;             // dashboard files; "" serves the API only
  std::string territories_tsv;     // disputed areas; "" = CuratedDataDir()/kb/disputed_areas.tsv
  std::string token;               // bearer token for writes; "" = writes disabled
  size_t max_body_bytes = 8u << 20;  // POST bodies larger than this get 413
  size_t threads = 0;                // worker threads; 0 = max(256, 8 x cores)
  bool quiet = true;                 // no access log on stderr
  // Resource limits (doc/api.md, "Limits"). Connections past max_connections are answered
  // 503 at once and closed; 0 = threads - 16 (a few threads stay free to answer the 503s).
  size_t max_connections = 0;
  int idle_timeout_s = 5;        // a connection with no request (first or next) is closed after
  int request_timeout_s = 10;    // the request line, headers and body must arrive within this
  int response_timeout_s = 60;   // the response must be taken by the client within this
};

class Server {
 public:
  // `backend` must outlive the server.
  Server(Backend* backend, ServerOptions options);
  ~Server();  // stops

  // Binds and starts serving on a background thread. Errors: the address cannot be bound.
  Status Start();
  int port() const;  // the bound port (useful with port 0)
  // Blocks until Stop() (from another thread or a signal handler's thread).
  void Wait();
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tocsin::serve

#endif  // TOCSIN_SERVE_SERVER_H_
