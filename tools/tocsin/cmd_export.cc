// tocsin export: every fused event (or a filtered set) in one format (doc/exports.md).
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "commands.h"
#include "tocsin/store/export.h"
#include "tocsin/store/store.h"

namespace tocsin::cli {

struct EventFilterArgs {
  std::string since, until, kinds, country, bbox;
  int min_documents = 0;
};
void AddEventFilterOptions(CLI::App* cmd, EventFilterArgs& f);
std::string MakeEventQuery(const EventFilterArgs& f, store::EventQuery& q);

namespace {

struct ExportArgs {
  EventFilterArgs filter;
  std::string db = "tocsin.db", format, output = "-";
};

int RunExport(const ExportArgs& a) {
  store::OpenOptions oo;
  oo.read_only = true;
  auto st = store::OpenStore(a.db, oo);
  if (!st.ok()) {
    std::cerr << "tocsin: " << st.status().message() << "\n";
    return 1;
  }
  store::EventQuery q;
  std::string err = MakeEventQuery(a.filter, q);
  if (!err.empty()) {
    std::cerr << "tocsin: " << err << "\n";
    return 2;
  }
  // A file is written under a temporary name and renamed at the end: never half a file.
  std::string tmp = a.output == "-" ? "" : a.output + ".tmp";
  std::FILE* f = a.output == "-" ? stdout : std::fopen(tmp.c_str(), "wb");
  if (!f) {
    std::cerr << "tocsin: " << a.output << ": cannot write: " << std::strerror(errno) << "\n";
    return 1;
  }
  store::Exporter ex(a.format);
  std::string buf;
  ex.Begin(buf);
  int64_t n = 0;
  Status s = (*st)->ForEachEvent(q, [&](const store::EventDetail& d) {
    ex.Event(d, buf);
    ++n;
    if (buf.size() > (1u << 16)) {
      std::fwrite(buf.data(), 1, buf.size(), f);
      buf.clear();
    }
    return true;
  });
  ex.End(buf);
  std::fwrite(buf.data(), 1, buf.size(), f);
  bool write_ok = std::fflush(f) == 0 && !std::ferror(f);
  if (f != stdout) write_ok = (std::fclose(f) == 0) && write_ok;
  if (!s.ok()) {
    std::cerr << "tocsin: " << s.message() << "\n";
    if (!tmp.empty()) std::remove(tmp.c_str());
    return 1;
  }
  if (!write_ok) {
    std::cerr << "tocsin: " << a.output << ": write failed\n";
    if (!tmp.empty()) std::remove(tmp.c_str());
    return 1;
  }
  if (!tmp.empty()) {
    std::error_code ec;
    std::filesystem::rename(tmp, a.output, ec);
    if (ec) {
      std::cerr << "tocsin: " << a.output << ": " << ec.message() << "\n";
      return 1;
    }
    std::cerr << "tocsin: exported " << n << " events to " << a.output << " (" << a.format
              << ")\n";
  }
  return 0;
}

CommandRegistrar reg("32-export", [](CLI::App& app) -> std::pair<CLI::App*, Runner> {
  auto a = std::make_shared<ExportArgs>();
  CLI::App* cmd = app.add_subcommand("export", "Export fused events (jsonl, csv, geojson, "
                                               "acled-csv, gdelt-tsv)");
  cmd->add_option("--db", a->db, "Database (default tocsin.db)");
  cmd->add_option("--format", a->format, "jsonl | csv | geojson | acled-csv | gdelt-tsv")
      ->required()
      ->check(CLI::IsMember(store::ExportFormats()));
  cmd->add_option("-o,--output", a->output, "Output file (default: standard output)");
  AddEventFilterOptions(cmd, a->filter);
  return {cmd, [a] { return RunExport(*a); }};
});

}  // namespace
}  // namespace tocsin::cli
