// Subcommands of the tocsin CLI. Each cmd_*.cc file defines one or more subcommands and
// registers them with a static CommandRegistrar, so adding a command never edits main.cc:
//
//   namespace {
//   tocsin::cli::CommandRegistrar reg("extract", [](CLI::App& app) -> tocsin::cli::Runner { ... });
//   }
//
// The factory adds its subcommand (options, help) to `app` and returns the function that runs
// it once parsed; that function returns the process exit status (0 ok, 1 failures, 2 usage).
#ifndef TOCSIN_TOOLS_TOCSIN_COMMANDS_H_
#define TOCSIN_TOOLS_TOCSIN_COMMANDS_H_

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "tocsin/core/document.h"
#include "tocsin/io/reader.h"

namespace tocsin::cli {

using Runner = std::function<int()>;
using CommandFactory = std::function<std::pair<CLI::App*, Runner>(CLI::App& app)>;

struct CommandRegistrar {
  CommandRegistrar(std::string order_key, CommandFactory factory);
};

// Registered factories, sorted by their order key (the order of `tocsin --help`).
std::vector<std::pair<std::string, CommandFactory>>& Registry();

// The subcommand `name` of `parent`, created (requiring a subcommand of its own) if missing:
// "eval geoparse" and "eval events" live in different files under one "eval".
CLI::App* GetOrAddGroup(CLI::App& parent, const std::string& name, const std::string& help);

// Shared helpers for commands.
// The languages tocsin reads (a lexicon in data/lang/), and "auto" (CLD2 detection).
const std::vector<std::string>& LanguageChoices();
// Adds --lang, checked against LanguageChoices(); `help` is prefixed to the list.
CLI::Option* AddLangOption(CLI::App* cmd, std::string& lang, const std::string& help);
bool IsIsoDate(const std::string& s);
// Adds a --date option validated as YYYY-MM-DD.
CLI::Option* AddDateOption(CLI::App* cmd, std::string& date, const std::string& help);
// Expands directories (recursively, sorted) into the files tocsin can read
// (.txt .json .jsonl .html .htm); files and "-" pass through.
std::vector<std::string> ExpandInputs(const std::vector<std::string>& inputs);

// What one document gives: its standard output text and its messages (each line ends in \n).
struct DocumentOutput {
  std::string out, err;
};
// Reads `inputs` (ExpandInputs) in order, runs `process` on their documents in batches on
// `threads` threads and writes every document's output and messages in input order, so the
// output is the same whatever the number of threads. A document or file that cannot be read
// is reported and skipped. Returns the exit status: 1 if any failed, else 0.
int ProcessDocumentsInOrder(const std::vector<std::string>& inputs, const io::ReadOptions& read,
                            unsigned threads,
                            const std::function<void(const Document&, DocumentOutput&)>& process);

}  // namespace tocsin::cli

#endif  // TOCSIN_TOOLS_TOCSIN_COMMANDS_H_
