#include <algorithm>
#include <filesystem>
#include <iostream>

#include "commands.h"
#include "tocsin/core/calendar.h"
#include "tocsin/core/parallel.h"

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

bool IsIsoDate(const std::string& s) { return calendar::IsIsoDate(s); }

const std::vector<std::string>& LanguageChoices() {
  static const std::vector<std::string> choices = {"auto", "fr", "en", "ru"};
  return choices;
}

CLI::Option* AddLangOption(CLI::App* cmd, std::string& lang, const std::string& help) {
  std::string list;
  for (const auto& l : LanguageChoices()) list += (list.empty() ? "" : ", ") + l;
  return cmd->add_option("--lang", lang, help + ": " + list + " (auto: detected by CLD2)")
      ->check(CLI::IsMember(LanguageChoices()));
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
        // The error_code overload: a symlink loop (ELOOP) must not throw out of the batch.
        // Such an entry is kept so that its reader reports it, and the rest goes on.
        std::error_code entry_ec;
        if (!it->is_regular_file(entry_ec)) {
          if (entry_ec && entry_ec != std::errc::no_such_file_or_directory)
            found.push_back(it->path().string());
          continue;
        }
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

int ProcessDocumentsInOrder(const std::vector<std::string>& inputs, const io::ReadOptions& read,
                            unsigned threads,
                            const std::function<void(const Document&, DocumentOutput&)>& process) {
  struct Item {
    io::DocumentOrError input;
    DocumentOutput output;
  };
  constexpr size_t kBatch = 256;
  std::vector<Item> batch;
  int failures = 0;
  auto flush = [&] {
    ParallelFor(batch.size(), threads, [&](size_t i) {
      Item& item = batch[i];
      if (!item.input.document.ok()) {
        item.output.err = "tocsin: " + item.input.document.status().message() + "\n";
        return;
      }
      process(*item.input.document, item.output);
    });
    for (const Item& item : batch) {
      if (!item.input.document.ok()) ++failures;
      if (!item.output.err.empty()) std::cerr << item.output.err;
      std::cout.write(item.output.out.data(), static_cast<std::streamsize>(item.output.out.size()));
    }
    batch.clear();
  };
  for (const std::string& path : ExpandInputs(inputs)) {
    Status st = io::ReadDocuments(path, read, [&](io::DocumentOrError d) {
      batch.push_back(Item{std::move(d), {}});
      if (batch.size() == kBatch) flush();
    });
    flush();  // before the file's own error, so messages stay in order
    if (!st.ok()) {
      std::cerr << "tocsin: " << st.message() << "\n";
      ++failures;
    }
  }
  std::cout.flush();
  return failures ? 1 : 0;
}

}  // namespace tocsin::cli
