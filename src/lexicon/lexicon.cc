#include "tocsin/lexicon/lexicon.h"

#include <algorithm>
#include <deque>
#include <filesystem>
#include <cstdint>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_map>

#include "tocsin/core/data_dir.h"
#include "tocsin/lexicon/lemmatizer.h"
#include "tocsin/text/utf8.h"

namespace tocsin::lexicon {

Class ClassFromName(std::string_view name) {
  static const std::pair<std::string_view, Class> kNames[] = {
      {"actor", Class::kActor},       {"agent", Class::kAgent},   {"trigger", Class::kTrigger},
      {"cue", Class::kCue},           {"placenoun", Class::kPlaceNoun}, {"prep", Class::kPrep},
      {"passive", Class::kPassive},   {"number", Class::kNumber}, {"qualifier", Class::kQualifier},
      {"victim", Class::kVictim},     {"person", Class::kPerson}, {"time", Class::kTime},
      {"month", Class::kMonth},       {"stop", Class::kStop}};
  for (const auto& [n, c] : kNames)
    if (n == name) return c;
  return Class::kOther;
}

std::string_view Entry::Get(std::string_view key, std::string_view fallback) const {
  auto it = attrs.find(key);
  if (it == attrs.end()) return fallback;
  return it->second;
}

std::string Entry::GetText(std::string_view key, std::string_view fallback) const {
  std::string v(Get(key, fallback));
  std::replace(v.begin(), v.end(), '_', ' ');
  return v;
}

int Entry::GetInt(std::string_view key, int fallback) const {
  auto it = attrs.find(key);
  if (it == attrs.end()) return fallback;
  try {
    return std::stoi(it->second);
  } catch (...) {
    return fallback;
  }
}

namespace {

// Transparent hashing: tokens are looked up as string_views without building strings.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using ChildMap = std::unordered_map<std::string, int, StringHash, std::equal_to<>>;

// "word*" children are bucketed by their first kPrefixKey bytes: a token is looked up once by
// its own first bytes, then checked against the few prefixes of that bucket (a lookup per
// possible prefix length cost more than the whole rest of matching).
constexpr size_t kPrefixKey = 3;
using PrefixList = std::vector<std::pair<std::string, int>>;

struct Node {
  ChildMap exact;  // word -> child
  std::unordered_map<std::string, PrefixList, StringHash, std::equal_to<>> prefix;  // by key
  PrefixList short_prefix;            // prefixes shorter than kPrefixKey
  int gap = -1;                       // ".." -> child
  std::vector<const Entry*> entries;  // patterns ending here
};

constexpr int kMaxGap = 4;

}  // namespace

struct Lexicon::Impl {
  std::string lang;           // "" for Load(); lemmas are looked up for languages that have them
  std::deque<Entry> entries;  // stable addresses
  std::vector<Node> nodes{1};  // node 0 = root
  std::map<std::string, int> class_ids;

  int Child(int node, const std::string& word, bool is_prefix, bool is_gap) {
    if (is_gap) {
      if (nodes[node].gap < 0) {
        nodes.emplace_back();
        nodes[node].gap = static_cast<int>(nodes.size() - 1);
      }
      return nodes[node].gap;
    }
    if (is_prefix) {
      PrefixList& list = word.size() < kPrefixKey
                             ? nodes[node].short_prefix
                             : nodes[node].prefix[word.substr(0, kPrefixKey)];
      for (const auto& [w, c] : list)
        if (w == word) return c;
      nodes.emplace_back();
      int c = static_cast<int>(nodes.size() - 1);
      // `list` may dangle after emplace_back (nodes grew): look it up again.
      PrefixList& again = word.size() < kPrefixKey
                              ? nodes[node].short_prefix
                              : nodes[node].prefix[word.substr(0, kPrefixKey)];
      again.emplace_back(word, c);
      return c;
    }
    auto it = nodes[node].exact.find(word);
    if (it != nodes[node].exact.end()) return it->second;
    nodes.emplace_back();
    int c = static_cast<int>(nodes.size() - 1);
    nodes[node].exact.emplace(word, c);
    return c;
  }

  Status AddPattern(std::string_view pattern, const Entry* entry) {
    std::istringstream words{std::string(pattern)};
    std::string piece;
    int node = 0;
    bool any = false;
    while (words >> piece) {
      if (piece == "..") {
        if (!any) return Status::InvalidArgument(entry->origin + ": a pattern cannot start with ..");
        node = Child(node, "", false, true);
        continue;
      }
      bool is_prefix = piece.size() > 1 && piece.back() == '*';
      if (is_prefix) piece.pop_back();
      std::vector<text::Token> toks = text::Tokenize(piece);
      if (toks.empty())
        return Status::InvalidArgument(entry->origin + ": empty word in pattern \"" +
                                       text::TruncateForMessage(pattern, 200) + "\"");
      for (size_t k = 0; k < toks.size(); ++k)
        node = Child(node, toks[k].folded, is_prefix && k + 1 == toks.size(), false);
      any = true;
    }
    if (!any)
      return Status::InvalidArgument(entry->origin + ": empty pattern in \"" +
                                     text::TruncateForMessage(entry->patterns, 200) + "\"");
    nodes[node].entries.push_back(entry);
    return Status::Ok();
  }

  // Folded lemmas of the tokens being scanned (Russian): lemmas[pos - lemma_base]. A lemma
  // enters exact children only ("нанести удар" matches "нанесли удары").
  struct Lemmas {
    const std::vector<std::vector<std::string>>* lists = nullptr;
    uint32_t base = 0;
    const std::vector<std::string>* At(uint32_t pos) const {
      if (!lists || pos < base || pos - base >= lists->size()) return nullptr;
      return &(*lists)[pos - base];
    }
  };

  // Calls f(child) for every child of `n` that the word `w` (or one of its lemmas) enters
  // (exact and prefix).
  template <typename F>
  static void Children(const Node& n, std::string_view w, const std::vector<std::string>* lemmas,
                       F&& f) {
    if (auto it = n.exact.find(w); it != n.exact.end()) f(it->second);
    if (lemmas)
      for (const std::string& l : *lemmas)
        if (auto it = n.exact.find(l); it != n.exact.end()) f(it->second);
    for (const auto& [p, c] : n.short_prefix)
      if (w.substr(0, p.size()) == p) f(c);
    if (w.size() >= kPrefixKey && !n.prefix.empty())
      if (auto it = n.prefix.find(w.substr(0, kPrefixKey)); it != n.prefix.end())
        for (const auto& [p, c] : it->second)
          if (w.size() >= p.size() && w.compare(0, p.size(), p) == 0) f(c);
  }

  void Walk(int node, const std::vector<text::Token>& toks, uint32_t start, uint32_t pos,
            uint32_t limit, const Lemmas& lem, std::vector<Match>& out) const {
    const Node& n = nodes[node];
    for (const Entry* e : n.entries) out.push_back(Match{start, pos, e});
    if (pos >= limit) return;
    Children(n, toks[pos].folded, lem.At(pos),
             [&](int c) { Walk(c, toks, start, pos + 1, limit, lem, out); });
    if (n.gap >= 0) {
      // Skip 0..kMaxGap words, never punctuation, then continue from the gap node's children.
      const Node& g = nodes[n.gap];
      for (uint32_t skip = 0; skip <= kMaxGap && pos + skip < limit; ++skip) {
        if (skip > 0 && toks[pos + skip - 1].is_punct) break;
        const uint32_t next = pos + skip + 1;
        Children(g, toks[pos + skip].folded, lem.At(pos + skip),
                 [&](int c) { Walk(c, toks, start, next, limit, lem, out); });
      }
    }
  }
};

Lexicon::Lexicon() : impl_(std::make_unique<Impl>()) {}
Lexicon::~Lexicon() = default;

size_t Lexicon::entry_count() const { return impl_->entries.size(); }

StatusOr<std::unique_ptr<Lexicon>> Lexicon::Load(const std::vector<std::string>& paths,
                                                 std::string_view extra_tsv) {
  std::unique_ptr<Lexicon> lex(new Lexicon());
  std::vector<std::string> sources = paths;
  sources.push_back("");  // "" = extra_tsv
  for (const std::string& path : sources) {
    std::ifstream file;
    std::istringstream extra{std::string(path.empty() ? extra_tsv : std::string_view())};
    if (!path.empty()) {
      file.open(path);
      if (!file) return Status::NotFound(path + ": cannot open lexicon file");
    }
    std::istream& in = path.empty() ? static_cast<std::istream&>(extra) : file;
    std::string line;
    int line_no = 0;
    std::string name = path.empty() ? "<generated>" : std::filesystem::path(path).filename().string();
    while (std::getline(in, line)) {
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      size_t first = line.find_first_not_of(" \t");
      if (first == std::string::npos || line[first] == '#') continue;
      // class <TAB> patterns <TAB> attributes (attributes optional)
      std::vector<std::string> cols;
      std::stringstream ss(line);
      std::string col;
      while (std::getline(ss, col, '\t'))
        if (!col.empty()) cols.push_back(col);
      std::string origin = name + ":" + std::to_string(line_no);
      if (cols.size() < 2)
        return Status::InvalidArgument(origin +
                                       ": expected CLASS<TAB>PATTERNS[<TAB>key=value ...]");
      Entry& e = lex->impl_->entries.emplace_back();
      e.cls = cols[0];
      auto [it, inserted] = lex->impl_->class_ids.emplace(e.cls, static_cast<int>(lex->impl_->class_ids.size()));
      e.cls_id = it->second;
      e.klass = ClassFromName(e.cls);
      e.patterns = cols[1];
      e.origin = origin;
      for (size_t c = 2; c < cols.size(); ++c) {
        std::istringstream attrs(cols[c]);
        std::string kv;
        while (attrs >> kv) {
          if (kv[0] == '#') break;  // trailing comment
          size_t eq = kv.find('=');
          if (eq == std::string::npos || eq == 0)
            return Status::InvalidArgument(origin + ": attribute \"" +
                                           text::TruncateForMessage(kv, 200) +
                                           "\" is not key=value");
          e.attrs[kv.substr(0, eq)] = kv.substr(eq + 1);
        }
      }
      std::stringstream alts(e.patterns);
      std::string alt;
      while (std::getline(alts, alt, '|')) TOCSIN_RETURN_IF_ERROR(lex->impl_->AddPattern(alt, &e));
    }
  }
  return lex;
}

StatusOr<std::unique_ptr<Lexicon>> Lexicon::LoadLanguage(const std::string& lang,
                                                         std::string_view extra_tsv) {
  namespace fs = std::filesystem;
  std::vector<std::string> paths;
  for (const std::string& dir : {CuratedDataDir() + "/lang/common", CuratedDataDir() + "/lang/" + lang}) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
      if (dir.ends_with("/common")) continue;
      return Status::NotFound(dir + ": no language resources for \"" + lang +
                              "\"; supported languages have a folder under data/lang/");
    }
    std::vector<std::string> files;
    for (const auto& f : fs::directory_iterator(dir, ec))
      if (f.path().extension() == ".tsv") files.push_back(f.path().string());
    std::sort(files.begin(), files.end());
    paths.insert(paths.end(), files.begin(), files.end());
  }
  auto lex = Load(paths, extra_tsv);
  if (lex.ok()) (*lex)->impl_->lang = lang;
  return lex;
}

void Lexicon::MatchAt(const std::vector<text::Token>& tokens, uint32_t at, uint32_t limit,
                      std::vector<Match>& out) const {
  if (at >= limit) return;
  impl_->Walk(0, tokens, at, at, limit, Impl::Lemmas{}, out);
}

namespace {

// A word worth a dictionary lookup: letters only, at least one Cyrillic.
bool CyrillicWord(const text::Token& t) {
  if (t.is_number || t.is_punct || t.folded.size() < 4) return false;
  for (unsigned char c : t.folded)
    if (c == 0xD0 || c == 0xD1) return true;  // lead bytes of U+0400..U+047F
  return false;
}

}  // namespace

std::vector<Match> Lexicon::Scan(const std::vector<text::Token>& tokens, uint32_t begin,
                                 uint32_t end) const {
  std::vector<Match> all;
  // Lemmas for languages that have a lemmatizer; the dictionary loads on the first such scan.
  std::vector<std::vector<std::string>> lemma_lists;
  Impl::Lemmas lem;
  if (!impl_->lang.empty() && begin < end) {
    if (const Lemmatizer* l = Lemmatizer::ForLanguage(impl_->lang)) {
      lemma_lists.resize(end - begin);
      for (uint32_t i = begin; i < end; ++i)
        if (CyrillicWord(tokens[i])) lemma_lists[i - begin] = l->FoldedLemmas(tokens[i].folded);
      lem.lists = &lemma_lists;
      lem.base = begin;
    }
  }
  for (uint32_t i = begin; i < end; ++i) impl_->Walk(0, tokens, i, i, end, lem, all);
  // Per class: leftmost, then longest, non-overlapping.
  std::stable_sort(all.begin(), all.end(), [](const Match& a, const Match& b) {
    if (a.entry->cls_id != b.entry->cls_id) return a.entry->cls_id < b.entry->cls_id;
    if (a.first != b.first) return a.first < b.first;
    return a.end > b.end;
  });
  std::vector<Match> kept;
  int cls = -1;
  uint32_t covered = 0;
  for (const Match& m : all) {
    if (m.entry->cls_id != cls) {
      cls = m.entry->cls_id;
      covered = 0;
    }
    if (m.first < covered || m.end == m.first) continue;
    kept.push_back(m);
    covered = m.end;
  }
  std::sort(kept.begin(), kept.end(), [](const Match& a, const Match& b) {
    return a.first != b.first ? a.first < b.first : a.end > b.end;
  });
  return kept;
}

}  // namespace tocsin::lexicon
