// Long documents (doc/input-formats.md, "Extraction cost"): a text of more than kPartBytes is
// extracted as consecutive parts cut at line or sentence ends, each part analysed on its own and
// its records renumbered and shifted back into the document. The analysis of a sentence (tokens,
// matches, mentions) is several times the size of its text and lives until the document's events
// are built; with parts, only one part's analyses are alive at a time, so the memory of a 16 MiB
// document is that of its records plus one part, not of every sentence's analysis at once.
#include "tocsin/extract/extractor.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "tocsin/core/parallel.h"
#include "tocsin/lang/detect.h"

namespace tocsin::extract {
namespace {

// About 1 MiB: far above a news article (whose result never changes), small enough that one
// part's analyses stay in the tens of megabytes.
constexpr size_t kPartBytes = size_t{1} << 20;
constexpr size_t kMaxTitleBytes = 4096;

bool Utf8Continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Where the part that starts at `from` ends: the text's end when less than 1.5 parts remain,
// else just after the last newline of the part's second half, else after its last sentence end
// (".", "!" or "?" then a space), else after its last space, else at a character boundary.
size_t PartEnd(std::string_view text, size_t from) {
  if (text.size() - from <= kPartBytes + kPartBytes / 2) return text.size();
  const size_t limit = from + kPartBytes;
  const size_t half = from + kPartBytes / 2;
  for (size_t i = limit; i > half; --i)
    if (text[i - 1] == '\n') return i;
  for (size_t i = limit; i > half + 1; --i)
    if ((text[i - 1] == ' ' || text[i - 1] == '\t') &&
        (text[i - 2] == '.' || text[i - 2] == '!' || text[i - 2] == '?'))
      return i;
  for (size_t i = limit; i > half; --i)
    if (text[i - 1] == ' ') return i;
  size_t i = limit;
  while (i > from + 1 && Utf8Continuation(text[i])) --i;
  return i;
}

void Shift(Evidence& e, uint32_t by) {
  e.start += by;
  e.end += by;
  e.trigger_start += by;
  e.trigger_end += by;
}

}  // namespace

Extraction Extractor::Extract(const Document& doc) const {
  if (doc.title.size() > kMaxTitleBytes) {
    // A title is one field, never cut into parts, and its sentences count as one position
    // for salience: a title of megabytes (a JSON field, an HTML <title>) made extraction
    // quadratic. Only its first kMaxTitleBytes are read (a prefix, so spans stay true).
    Document head = doc;
    size_t cut = kMaxTitleBytes;
    while (cut > 0 && Utf8Continuation(head.title[cut])) --cut;
    head.title.resize(cut);
    Extraction x = Extract(head);
    x.warnings.push_back("the title has " + std::to_string(doc.title.size()) +
                         " bytes; only its first " + std::to_string(cut) +
                         " were read for events");
    return x;
  }
  std::string lang = doc.lang;
  if (lang.empty() || lang == "auto") lang = lang::DetectLanguage(doc.title, doc.text).code;
  if (doc.text.size() <= kPartBytes + kPartBytes / 2) return ExtractWhole(doc, lang);

  // The parts, cut in order, then extracted side by side (a long document is usually alone in
  // its batch: its parts use the cores that other documents would).
  std::vector<std::pair<size_t, size_t>> cuts;
  for (size_t from = 0; from < doc.text.size();) {
    const size_t to = PartEnd(doc.text, from);
    cuts.emplace_back(from, to);
    from = to;
  }
  Extraction out;
  out.lang = lang;
  auto extract_part = [&](size_t k) {
    Document part;
    part.id = doc.id;
    part.title = k == 0 ? doc.title : std::string();  // the title belongs to the first part
    part.text.assign(doc.text, cuts[k].first, cuts[k].second - cuts[k].first);
    part.date = doc.date;
    part.lang = lang;
    part.url = doc.url;
    part.source = doc.source;
    part.origin = doc.origin;
    return ExtractWhole(part, lang);
  };
  auto merge_part = [&](Extraction& x, size_t k) {
    const auto by = static_cast<uint32_t>(cuts[k].first);
    // Ids as the whole document numbers them: "#eN" and "#cN" go on from the earlier parts.
    std::unordered_map<std::string, std::string> event_ids;
    for (Event& e : x.events) {
      std::string id = doc.id + "#e" + std::to_string(out.events.size() + 1);
      event_ids.emplace(e.id, id);
      e.id = std::move(id);
      if (e.evidence.field == "text") {
        Shift(e.evidence, by);
        for (Place& p : e.places) p.start += by, p.end += by;
      }
      out.events.push_back(std::move(e));
    }
    for (Casualty& c : x.casualties) {
      c.id = doc.id + "#c" + std::to_string(out.casualties.size() + 1);
      if (auto it = event_ids.find(c.event_id); it != event_ids.end()) c.event_id = it->second;
      if (c.evidence.field == "text") Shift(c.evidence, by);
      out.casualties.push_back(std::move(c));
    }
    if (out.frame.empty()) out.frame = std::move(x.frame);
    for (std::string& w : x.warnings)
      if (std::find(out.warnings.begin(), out.warnings.end(), w) == out.warnings.end())
        out.warnings.push_back(std::move(w));
    x = Extraction();  // its records moved: free the rest now
  };
  // Waves of as many parts as there are cores, each merged before the next starts: the
  // records are most of the memory, and only one wave's analyses and copies live beside them.
  const size_t wave = std::max(1u, DefaultThreads());
  for (size_t first = 0; first < cuts.size(); first += wave) {
    std::vector<Extraction> parts(std::min(wave, cuts.size() - first));
    ParallelFor(parts.size(), static_cast<unsigned>(parts.size()),
                [&](size_t i) { parts[i] = extract_part(first + i); });
    if (first == 0) {
      // Room for the whole document's records as the first wave predicts them (a quarter
      // more), so that the vectors do not grow by doubling with every record copied twice.
      size_t events = 0, casualties = 0;
      for (const Extraction& x : parts) events += x.events.size(), casualties += x.casualties.size();
      const double scale = 1.25 * static_cast<double>(cuts.size()) / static_cast<double>(parts.size());
      out.events.reserve(static_cast<size_t>(scale * static_cast<double>(events)));
      out.casualties.reserve(static_cast<size_t>(scale * static_cast<double>(casualties)));
    }
    for (size_t i = 0; i < parts.size(); ++i) merge_part(parts[i], first + i);
  }
  return out;
}

}  // namespace tocsin::extract
