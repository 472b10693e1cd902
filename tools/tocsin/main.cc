// tocsin command-line interface: a thin shell over the library.
//
// Exit status: 0 every document processed; 1 some documents failed (their errors on stderr,
// the others still output) or a resource could not be loaded; 2 usage error.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "tocsin/core/document.h"
#include "tocsin/extract/extractor.h"
#include "tocsin/io/reader.h"
#include "tocsin/output/json.h"

namespace {

namespace fs = std::filesystem;

bool IsIsoDate(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  int m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

// Expands directories (recursively, sorted) into the files tocsin can read.
std::vector<std::string> ExpandInputs(const std::vector<std::string>& inputs) {
  std::vector<std::string> files;
  for (const std::string& in : inputs) {
    std::error_code ec;
    if (in != "-" && fs::is_directory(in, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(in, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file()) continue;
        std::string ext = it->path().extension().string();
        if (ext == ".txt" || ext == ".json" || ext == ".jsonl" || ext == ".html" ||
            ext == ".htm")
          found.push_back(it->path().string());
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else {
      files.push_back(in);
    }
  }
  return files;
}

std::string ActorLine(const std::optional<tocsin::extract::Actor>& a) {
  if (!a) return "?";
  std::string s = a->code.empty() ? "?" : a->code;
  if (!a->agent.empty()) s += "/" + a->agent;
  if (a->inferred) s += "(inferred)";
  return s;
}

void PrintPretty(const tocsin::Document& doc, const tocsin::extract::Extraction& x) {
  std::cout << "== " << doc.id << " [" << x.lang << "] " << (doc.date.empty() ? "no date" : doc.date)
            << "\n   " << doc.title << "\n";
  for (const auto& w : x.warnings) std::cout << "   warning: " << w << "\n";
  for (const auto& e : x.events) {
    std::cout << "  * " << e.kind << " (CAMEO " << e.cameo << ") " << ActorLine(e.actor1) << " -> "
              << ActorLine(e.actor2);
    if (!e.places.empty()) {
      std::cout << " at ";
      for (size_t i = 0; i < e.places.size(); ++i) {
        const auto& p = e.places[i];
        std::cout << (i ? ", " : "") << p.name << " [" << p.country << " " << p.territory << "]";
      }
    }
    std::cout << " | " << (e.date.empty() ? "no date" : e.date) << " | " << e.modality
              << " | conf " << e.confidence << "\n    \u00ab " << e.evidence.sentence << " \u00bb\n";
  }
  for (const auto& c : x.casualties) {
    std::cout << "  + casualties: " << c.qualifier << " " << c.count << " " << c.victims
              << (c.side.empty() ? "" : " side " + c.side);
    if (c.attribution) std::cout << " (" << c.attribution->text << ")";
    std::cout << "\n";
  }
}

int RunExtract(const std::vector<std::string>& inputs, const std::string& date,
               const std::string& lang, const std::string& format) {
  tocsin::extract::ExtractorOptions options;
  auto extractor = tocsin::extract::Extractor::Create(options);
  if (!extractor.ok()) {
    std::cerr << "tocsin: " << extractor.status().ToString() << "\n";
    return 1;
  }
  tocsin::io::ReadOptions read;
  read.default_date = date;
  if (lang != "auto") read.forced_lang = lang;
  int failures = 0;
  for (const std::string& path : ExpandInputs(inputs)) {
    tocsin::Status st = tocsin::io::ReadDocuments(path, read, [&](tocsin::io::DocumentOrError d) {
      if (!d.document.ok()) {
        std::cerr << "tocsin: " << d.document.status().message() << "\n";
        ++failures;
        return;
      }
      const tocsin::Document& doc = *d.document;
      tocsin::extract::Extraction x = (*extractor)->Extract(doc);
      for (const auto& w : x.warnings) std::cerr << "tocsin: " << doc.origin << ": " << w << "\n";
      if (format == "pretty") {
        PrintPretty(doc, x);
        return;
      }
      std::cout << tocsin::output::DocumentRecord(doc, x).dump(-1, ' ', false,
                                                               nlohmann::json::error_handler_t::replace)
                << "\n";
      for (const auto& e : x.events)
        std::cout << tocsin::output::EventRecord(doc, e).dump(-1, ' ', false,
                                                              nlohmann::json::error_handler_t::replace)
                  << "\n";
      for (const auto& c : x.casualties)
        std::cout << tocsin::output::CasualtyRecord(doc, c).dump(
                         -1, ' ', false, nlohmann::json::error_handler_t::replace)
                  << "\n";
    });
    if (!st.ok()) {
      std::cerr << "tocsin: " << st.message() << "\n";
      ++failures;
    }
  }
  std::cout.flush();
  return failures ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  CLI::App app{"tocsin: armed-conflict events from news, with evidence"};
  app.require_subcommand(1);

  std::vector<std::string> inputs;
  std::string date, lang = "auto", format = "jsonl";
  CLI::App* extract = app.add_subcommand("extract", "Extract coded, placed, evidenced events");
  extract->add_option("--date", date, "Publication date (YYYY-MM-DD) of documents without one")
      ->check([](const std::string& s) {
        return IsIsoDate(s) ? std::string() : "--date must be YYYY-MM-DD, got \"" + s + "\"";
      });
  extract->add_option("--lang", lang, "Document language: auto (CLD2), fr or en")
      ->check(CLI::IsMember({"auto", "fr", "en"}));
  extract->add_option("--format", format, "Output: jsonl (records) or pretty (for reading)")
      ->check(CLI::IsMember({"jsonl", "pretty"}));
  extract->add_option("files", inputs, "Files or directories (.txt .json .jsonl .html), - for stdin")
      ->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    app.exit(e);
    return 0;
  } catch (const CLI::CallForAllHelp& e) {
    app.exit(e);
    return 0;
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  }
  if (extract->parsed()) return RunExtract(inputs, date, lang, format);
  return 2;
}
