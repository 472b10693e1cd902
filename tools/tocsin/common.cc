#include <algorithm>
#include <filesystem>

#include "commands.h"

namespace tocsin::cli {

std::vector<std::pair<std::string, CommandFactory>>& Registry() {
  static std::vector<std::pair<std::string, CommandFactory>> registry;
  return registry;
}

CommandRegistrar::CommandRegistrar(std::string order_key, CommandFactory factory) {
  Registry().emplace_back(std::move(order_key), std::move(factory));
}

CLI::App* GetOrAddGroup(CLI::App& parent, const std::string& name, const std::string& help) {
  for (CLI::App* sub : parent.get_subcommands([](CLI::App*) { return true; }))
    if (sub->get_name() == name) return sub;
  CLI::App* group = parent.add_subcommand(name, help);
  group->require_subcommand(1);
  return group;
}

bool IsIsoDate(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  int m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

CLI::Option* AddDateOption(CLI::App* cmd, std::string& date, const std::string& help) {
  return cmd->add_option("--date", date, help)->check([](const std::string& s) {
    return IsIsoDate(s) ? std::string() : "--date must be YYYY-MM-DD, got \"" + s + "\"";
  });
}

std::vector<std::string> ExpandInputs(const std::vector<std::string>& inputs) {
  namespace fs = std::filesystem;
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

}  // namespace tocsin::cli
