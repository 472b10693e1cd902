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
bool IsIsoDate(const std::string& s);
// Adds a --date option validated as YYYY-MM-DD.
CLI::Option* AddDateOption(CLI::App* cmd, std::string& date, const std::string& help);
// Expands directories (recursively, sorted) into the files tocsin can read
// (.txt .json .jsonl .html .htm); files and "-" pass through.
std::vector<std::string> ExpandInputs(const std::vector<std::string>& inputs);

}  // namespace tocsin::cli

#endif  // TOCSIN_TOOLS_TOCSIN_COMMANDS_H_
