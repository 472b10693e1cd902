// tocsin command-line interface: a thin shell over the library. Subcommands live in
// cmd_*.cc and register themselves (commands.h).
//
// Exit status: 0 success; 1 some inputs failed (their errors on stderr, the others still
// processed) or a resource could not be loaded; 2 usage error.
#include <algorithm>
#include <iostream>

#include "commands.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  CLI::App app{"tocsin: armed-conflict events from news, with evidence"};
  app.require_subcommand(1);
  auto& registry = tocsin::cli::Registry();
  std::sort(registry.begin(), registry.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::pair<CLI::App*, tocsin::cli::Runner>> commands;
  for (auto& [key, factory] : registry) commands.push_back(factory(app));
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
  for (auto& [cmd, run] : commands)
    if (cmd->parsed()) return run();
  return 2;
}
