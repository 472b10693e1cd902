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

namespace {

bool AllOf(std::string_view v, bool (*ok)(char)) {
  if (v.empty()) return false;
  for (char c : v)
    if (!ok(c)) return false;
  return true;
}
bool Digit(char c) { return c >= '0' && c <= '9'; }
bool CodeChar(char c) { return (c >= 'A' && c <= 'Z') || Digit(c) || c == '_'; }

// Whether `v` has the form `form` of schema.tsv (kind: any lower-case word; the caller checks
// the table).
bool HasForm(std::string_view form, std::string_view v) {
  if (form == "flag") return v == "1";
  if (form == "int") return !v.empty() && AllOf(v[0] == '-' ? v.substr(1) : v, Digit);
  if (form == "text") return !v.empty();
  if (form == "code") return AllOf(v, CodeChar);
  if (form == "kind") return AllOf(v, [](char c) { return (c >= 'a' && c <= 'z') || Digit(c) || c == '_'; });
  if (form == "cameo") return v.size() >= 2 && v.size() <= 4 && AllOf(v, Digit);
  if (form == "words" || form == "then") {
    size_t start = 0;
    while (start <= v.size()) {
      size_t comma = v.find(',', start);
      std::string_view item = v.substr(start, comma == std::string_view::npos ? v.npos : comma - start);
      if (item.empty()) return false;
      if (form == "then") {
        size_t colon = item.find(':');
        if (colon == 0 || colon == std::string_view::npos || !HasForm("cameo", item.substr(colon + 1)))
          return false;
      }
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    return true;
  }
  return false;
}

// The non-empty tab-separated columns of a data line; empty for a blank or comment line.
// Strips a trailing CR (files edited on Windows).
std::vector<std::string> DataColumns(std::string& line) {
  std::vector<std::string> cols;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  size_t first = line.find_first_not_of(" \t");
  if (first == std::string::npos || line[first] == '#') return cols;
  std::stringstream ss(line);
  std::string col;
  while (std::getline(ss, col, '\t'))
    if (!col.empty()) cols.push_back(col);
  return cols;
}

constexpr std::string_view kForms[] = {"flag", "int", "text", "code", "kind", "cameo", "words", "then"};

}  // namespace

StatusOr<LexiconSchema> LexiconSchema::Parse(std::string_view tsv, const std::string& name) {
  LexiconSchema schema;
  schema.name_ = name;
  std::istringstream in{std::string(tsv)};
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    const std::vector<std::string> cols = DataColumns(line);
    if (cols.empty()) continue;
    const std::string origin = name + ":" + std::to_string(line_no);
    auto& attrs = schema.classes_[cols[0]];
    if (cols.size() == 2 && cols[1] == "-") continue;
    if (cols.size() != 3)
      return Status::InvalidArgument(origin + ": expected CLASS<TAB>ATTRIBUTE<TAB>VALUES, or CLASS<TAB>-");
    Rule rule;
    if (std::find(std::begin(kForms), std::end(kForms), cols[2]) != std::end(kForms)) {
      rule.form = cols[2];
    } else {
      std::stringstream alts(cols[2]);
      std::string alt;
      while (std::getline(alts, alt, '|'))
        if (!alt.empty()) rule.values.push_back(alt);
    }
    attrs[cols[1]] = std::move(rule);
  }
  if (schema.classes_.empty())
    return Status::InvalidArgument(name + ": the lexicon schema lists no class");
  return schema;
}

StatusOr<LexiconSchema> LexiconSchema::Load(const std::string& path) {
  std::ifstream file(path);
  if (!file) return Status::NotFound(path + ": cannot open the lexicon schema");
  std::stringstream all;
  all << file.rdbuf();
  return Parse(all.str(), std::filesystem::path(path).filename().string());
}

Status LexiconSchema::Check(const Entry& e) const {
  auto cls = classes_.find(e.cls);
  if (cls == classes_.end()) {
    std::string known;
    for (const auto& [c, _] : classes_) known += (known.empty() ? "" : ", ") + c;
    return Status::InvalidArgument(e.origin + ": unknown class \"" + text::TruncateForMessage(e.cls, 200) +
                                   "\" (" + name_ + " lists: " + known + ")");
  }
  for (const auto& [key, value] : e.attrs) {
    auto rule = cls->second.find(key);
    if (rule == cls->second.end()) {
      std::string known;
      for (const auto& [k, _] : cls->second) known += (known.empty() ? "" : ", ") + k;
      return Status::InvalidArgument(
          e.origin + ": class \"" + e.cls + "\" takes no attribute \"" +
          text::TruncateForMessage(key, 200) + "\" (" + name_ + ": " +
          (known.empty() ? std::string("none") : known) + ")");
    }
    const Rule& r = rule->second;
    bool ok = r.form.empty() ? std::find(r.values.begin(), r.values.end(), value) != r.values.end()
                             : HasForm(r.form, value);
    if (ok && r.form == "kind" && known_kind) ok = known_kind(value);
    if (!ok) {
      std::string want;
      if (!r.form.empty()) {
        want = r.form == "kind" ? "an event kind of data/codes/kinds.tsv" : "of the form " + r.form;
      } else {
        for (const auto& v : r.values) want += (want.empty() ? "one of " : "|") + v;
      }
      return Status::InvalidArgument(e.origin + ": " + key + "=" + text::TruncateForMessage(value, 200) +
                                     " is not " + want + " (" + name_ + ")");
    }
  }
  return Status::Ok();
}

StatusOr<std::unique_ptr<Lexicon>> Lexicon::Load(const std::vector<std::string>& paths,
                                                 std::string_view extra_tsv,
                                                 const LexiconSchema* schema) {
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
      // class <TAB> patterns <TAB> attributes (attributes optional)
      const std::vector<std::string> cols = DataColumns(line);
      if (cols.empty()) continue;
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
      if (schema) TOCSIN_RETURN_IF_ERROR(schema->Check(e));
      std::stringstream alts(e.patterns);
      std::string alt;
      while (std::getline(alts, alt, '|')) TOCSIN_RETURN_IF_ERROR(lex->impl_->AddPattern(alt, &e));
    }
  }
  return lex;
}

StatusOr<std::unique_ptr<Lexicon>> Lexicon::LoadLanguage(
    const std::string& lang, std::string_view extra_tsv,
    std::function<bool(std::string_view)> known_kind) {
  namespace fs = std::filesystem;
  auto schema = LexiconSchema::Load(CuratedDataDir() + "/lang/schema.tsv");
  if (!schema.ok()) return schema.status();
  schema->known_kind = std::move(known_kind);
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
  auto lex = Load(paths, extra_tsv, &*schema);
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
