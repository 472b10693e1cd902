// tocsin serve: the JSON API and the map dashboard (doc/api.md, doc/dashboard.md).
#include <signal.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "tocsin/core/document.h"
#include "tocsin/extract/extractor.h"
#include "tocsin/io/reader.h"
#include "tocsin/serve/memory_backend.h"
#include "tocsin/serve/server.h"
#include "tocsin/serve/store_backend.h"

#ifndef TOCSIN_BUILD_WEB_DIR
#define TOCSIN_BUILD_WEB_DIR ""
#endif

namespace tocsin::cli {
namespace {

// `tocsin serve --db FILE` serves a tocsin store through serve::StoreBackend
// (include/tocsin/serve/store_backend.h); POST /api/documents ingests with the store's fusion.
StatusOr<std::unique_ptr<serve::Backend>> OpenDbBackend(const std::string& db_path,
                                                        const extract::Extractor* extractor,
                                                        int64_t index_limit) {
  serve::StoreBackendOptions options;
  options.index_limit = index_limit;
  return serve::OpenStoreBackend(db_path, extractor, options);
}
// ------------------------------------------------------------------------------------------

struct ServeArgs {
  std::string db, bind = "127.0.0.1", token_file, web_dir, date, lang = "auto";
  std::vector<std::string> demo;
  size_t synthetic = 0;
  int port = 8080;
  size_t max_body = 8u << 20;
  int64_t index_limit = serve::StoreBackendOptions{}.index_limit;
  size_t threads = 0;
  bool log = false;
};

StatusOr<std::string> ReadToken(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot read the token file " + path);
  std::stringstream buf;
  buf << in.rdbuf();
  std::string t = buf.str();
  while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.pop_back();
  size_t start = 0;
  while (start < t.size() && std::isspace(static_cast<unsigned char>(t[start]))) ++start;
  t = t.substr(start);
  if (t.size() < 16)
    return Status::InvalidArgument("the token in " + path + " is shorter than 16 characters");
  if (t.find_first_of(" \t\r\n") != std::string::npos)
    return Status::InvalidArgument("the token in " + path + " must be one line without spaces");
  struct stat st{};
  if (::stat(path.c_str(), &st) == 0 && (st.st_mode & 077))
    std::cerr << "tocsin: warning: " << path << " is readable by other users (chmod 600 it)\n";
  return t;
}

int RunServe(const ServeArgs& a) {
  int sources = (a.db.empty() ? 0 : 1) + (a.demo.empty() ? 0 : 1) + (a.synthetic ? 1 : 0);
  if (sources != 1) {
    std::cerr << "tocsin serve: give exactly one of --db FILE, --demo FILE... or --synthetic N\n";
    return 2;
  }
  // Signals are handled by sigwait below: block them before any thread starts.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  serve::ServerOptions options;
  options.bind = a.bind;
  options.port = a.port;
  options.max_body_bytes = a.max_body;
  options.threads = a.threads;
  options.quiet = !a.log;
  if (!a.token_file.empty()) {
    auto t = ReadToken(a.token_file);
    if (!t.ok()) {
      std::cerr << "tocsin serve: " << t.status().message() << "\n";
      return 2;
    }
    options.token = *t;
  }
  if (!a.web_dir.empty()) options.web_dir = a.web_dir;
  else if (const char* env = std::getenv("TOCSIN_WEB_DIR")) options.web_dir = env;
  else options.web_dir = TOCSIN_BUILD_WEB_DIR;

  std::unique_ptr<extract::Extractor> extractor;
  if (!a.synthetic) {
    auto made = extract::Extractor::Create(extract::ExtractorOptions{});
    if (!made.ok()) {
      std::cerr << "tocsin: " << made.status().ToString() << "\n";
      return 1;
    }
    extractor = std::move(*made);
  }

  std::unique_ptr<serve::Backend> backend;
  std::string what;
  if (!a.db.empty()) {
    auto b = OpenDbBackend(a.db, extractor.get(), a.index_limit);
    if (!b.ok()) {
      std::cerr << "tocsin serve: " << b.status().message() << "\n";
      return 1;
    }
    backend = std::move(*b);
    what = a.db;
    if (auto stats = backend->Stats(serve::EventFilter{}); stats.ok()) {
      auto j = nlohmann::json::parse(*stats, nullptr, false);
      if (j.is_object())
        what += ": " + std::to_string(j.value("documents", int64_t{0})) + " document(s), " +
                std::to_string(j.value("events", int64_t{0})) + " event(s)";
    }
  } else {
    auto mem = std::make_unique<serve::InMemoryBackend>(extractor.get());
    if (a.synthetic) {
      mem->AddAll(serve::SyntheticCorpus(a.synthetic));
      what = std::to_string(a.synthetic) + " synthetic events";
    } else {
      io::ReadOptions read;
      read.default_date = a.date;
      if (a.lang != "auto") read.forced_lang = a.lang;
      std::vector<std::pair<Document, extract::Extraction>> items;
      int failures = 0;
      for (const std::string& path : ExpandInputs(a.demo)) {
        Status st = io::ReadDocuments(path, read, [&](io::DocumentOrError d) {
          if (!d.document.ok()) {
            std::cerr << "tocsin: " << d.document.status().message() << "\n";
            ++failures;
            return;
          }
          items.emplace_back(*d.document, extractor->Extract(*d.document));
        });
        if (!st.ok()) {
          std::cerr << "tocsin: " << st.message() << "\n";
          ++failures;
        }
      }
      if (items.empty()) {
        std::cerr << "tocsin serve: no document could be read\n";
        return 1;
      }
      size_t events = 0;
      for (const auto& [d, x] : items) events += x.events.size();
      mem->AddAll(items);
      what = std::to_string(items.size()) + " document(s), " + std::to_string(events) +
             " event(s)" + (failures ? ", " + std::to_string(failures) + " failure(s)" : "");
    }
    backend = std::move(mem);
  }

  serve::Server server(backend.get(), options);
  Status st = server.Start();
  if (!st.ok()) {
    std::cerr << "tocsin serve: " << st.message() << "\n";
    return 1;
  }
  if (options.web_dir.empty())
    std::cerr << "tocsin serve: warning: no dashboard files (--web DIR); serving the API only\n";
  if (a.bind != "127.0.0.1" && a.bind != "::1" && a.bind != "localhost")
    std::cerr << "tocsin serve: warning: listening on " << a.bind
              << ", reachable from other hosts\n";
  std::string host = a.bind.find(':') != std::string::npos ? "[" + a.bind + "]" : a.bind;
  std::cout << "tocsin: serving " << what << " at http://" << host << ":" << server.port()
            << "/ (writes " << (options.token.empty() ? "disabled" : "need the bearer token")
            << ")" << std::endl;

  int sig = 0;
  sigwait(&signals, &sig);
  std::cerr << "tocsin serve: stopping\n";
  server.Stop();
  return 0;
}

CommandRegistrar reg("60-serve", [](CLI::App& app) -> std::pair<CLI::App*, Runner> {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* cmd = app.add_subcommand("serve", "Serve the JSON API and the map dashboard");
  cmd->add_option("--db", args->db, "The tocsin store to serve");
  cmd->add_option("--demo", args->demo,
                  "Serve these documents (files or directories), extracted in memory, without a "
                  "database");
  cmd->add_option("--synthetic", args->synthetic,
                  "Serve N synthetic events (benchmarks)")
      ->check(CLI::Range(size_t{1}, size_t{10000000}));
  AddDateOption(cmd, args->date, "--demo: publication date (YYYY-MM-DD) of documents without one");
  AddLangOption(cmd, args->lang, "--demo: document language");
  cmd->add_option("--port", args->port, "TCP port (0: any free port, printed at start)")
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--bind", args->bind, "Address to listen on (default: loopback only)");
  cmd->add_option("--token-file", args->token_file,
                  "File holding the bearer token that POST /api/documents requires; without "
                  "it, writes are disabled");
  cmd->add_option("--web", args->web_dir, "Dashboard files (default: the build's web/ folder)");
  cmd->add_option("--index-limit", args->index_limit,
                  "With --db: above this many stored mentions, serve by SQL queries instead of "
                  "an in-memory index (paged mode, doc/api.md; 0: always)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--max-body", args->max_body, "Largest POST body in bytes")
      ->check(CLI::Range(size_t{1024}, size_t{1} << 30));
  cmd->add_option("--threads", args->threads, "HTTP worker threads (default: max(256, 8 x cores); idle ones cost little)")
      ->check(CLI::Range(size_t{1}, size_t{4096}));
  cmd->add_flag("--log", args->log, "Log every request on stderr");
  return {cmd, [args] { return RunServe(*args); }};
});

}  // namespace
}  // namespace tocsin::cli
