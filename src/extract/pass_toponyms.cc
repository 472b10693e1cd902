// Toponyms pass: the geoparser's resolved toponyms of the title and the text (fr, en), and each
// sentence's place mentions: those toponyms, else (Russian) capitalised runs found in the
// gazetteer, with the cue word before them ("lac", "region") or of the list they are in.
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "document_analysis.h"
#include "mentions.h"
#include "passes.h"

namespace tocsin::extract {
namespace {

// Connectors allowed inside a multi-word place name ("Rostov-sur-le-Don", "Bosnia and
// Herzegovina" is a country and handled by the lexicon).
bool IsNameConnector(const text::Token& t) {
  static const std::set<std::string_view> kConnectors = {"de", "du", "des", "sur", "le", "la",
                                                         "al", "el", "d'", "l'", "upon", "on"};
  return kConnectors.count(t.folded) > 0;
}

// The geoparser's toponyms inside the sentence become its places, unless the actors pass took
// their words (a capital that speaks for its state, "Moscou a appelé"; a place it already
// made, "à Erevan"). Demonyms are the actors pass's business.
void AddToponyms(SentenceAnalysis& a, const std::vector<const geoparse::Toponym*>& toponyms,
                 const text::SentenceFlags& covered_by_actor, text::SentenceFlags& taken) {
  const auto& tokens = *a.tokens;
  const uint32_t begin = a.sentence.first_token, end = a.sentence.end_token;
  if (begin >= end) return;
  const uint32_t from = tokens[begin].start, to = tokens[end - 1].end;
  auto it = std::lower_bound(toponyms.begin(), toponyms.end(), from,
                             [](const geoparse::Toponym* t, uint32_t f) { return t->start < f; });
  uint32_t i = begin;
  for (; it != toponyms.end() && (*it)->start < to; ++it) {
    const geoparse::Toponym& t = **it;
    while (i < end && tokens[i].start < t.start) ++i;
    if (i == end || tokens[i].start != t.start) continue;
    uint32_t j = i;
    while (j < end && tokens[j].end <= t.end) ++j;
    if (j == i || tokens[j - 1].end != t.end) continue;
    bool free = true;
    for (uint32_t x = i; x < j; ++x) free &= !taken[x] && !covered_by_actor[x];
    if (!free) continue;
    PlaceMention pm;
    pm.first = i;
    pm.end = j;
    pm.folded = geo::FoldName(t.text);
    pm.cue = t.cue;
    pm.detected = t.entry;
    pm.detected_confidence = t.confidence;
    a.places.push_back(pm);
    for (uint32_t x = i; x < j; ++x) taken[x] = true;
  }
}

void PlaceNames(SentenceAnalysis& a, const DocumentAnalysis& da) {
  const std::vector<text::Token>& tokens = *a.tokens;
  const std::vector<lexicon::Match>& ms = a.matches;
  const uint32_t begin = a.sentence.first_token, end = a.sentence.end_token;
  const text::SentenceFlags& covered_by_actor = a.covered_by_actor;
  // Place names: the geoparser's toponyms (fr, en), else capitalised token runs found in the
  // gazetteer (longest first).
  const std::vector<const geoparse::Toponym*>* toponyms =
      !da.has_toponyms ? nullptr : a.field == "title" ? &da.title_toponyms : &da.text_toponyms;
  const geo::Gazetteer* gazetteer = da.resources.gazetteer.get();
  if (gazetteer) {
    text::SentenceFlags taken(begin, end);
    for (const auto& p : a.places)
      for (uint32_t i = p.first; i < p.end; ++i) taken[i] = true;
    if (toponyms) AddToponyms(a, *toponyms, covered_by_actor, taken);
    for (uint32_t i = begin; i < end && !toponyms; ++i) {
      const auto& t = tokens[i];
      if (taken[i] || covered_by_actor[i] || !t.capitalized || t.is_number || t.is_punct) continue;
      if (FindStarting(ms, lexicon::Class::kStop, i) && FindStarting(ms, lexicon::Class::kStop, i)->end == i + 1) continue;
      // Candidate run: capitalised words, hyphen-joined words and name connectors.
      uint32_t j = i + 1;
      while (j < end && j < i + 6 &&
             !covered_by_actor[j] &&
             (tokens[j].capitalized || tokens[j].hyphen_before ||
              (IsNameConnector(tokens[j]) && j + 1 < end && tokens[j + 1].capitalized)) &&
             !tokens[j].is_punct)
        ++j;
      // A first name before a known person is no place: "с Владимиром Путиным" is not the
      // city of Vladimir.
      if (j == i + 1 && j < end && tokens[j].capitalized &&
          std::any_of(ms.begin(), ms.end(), [&](const lexicon::Match& m) {
            return m.first == j && m.entry->klass == lexicon::Class::kActor &&
                   m.entry->Get("type") == "person";
          }))
        continue;
      // A cue word written before the name may be part of it: "lac Sevan", "Lake Sevan".
      std::string cue;
      uint32_t cue_first = i;
      if (const auto* pn = FindEnding(ms, lexicon::Class::kPlaceNoun, i)) {
        cue = pn->entry->Get("cue");
        cue_first = pn->first;
      }
      bool found = false;
      // A region noun written after the name ("Донецкой области", "Краснодарском крае"): try
      // the name with it first.
      if (const auto* pn = FindStarting(ms, lexicon::Class::kPlaceNoun, j);
          pn && pn->entry->Get("cue") == "region" && !tokens[j].capitalized) {
        std::string folded;
        if (!LookupInflected(*gazetteer, a.span(i, pn->end), folded, i == begin, &a.actors).empty()) {
          PlaceMention pm;
          pm.first = i;
          pm.end = pn->end;
          pm.folded = folded;
          pm.cue = "region";
          a.places.push_back(pm);
          for (uint32_t x = i; x < pn->end; ++x) taken[x] = true;
          found = true;
          i = pn->end - 1;
        }
      }
      for (uint32_t k = j; k > i && !found; --k) {
        if (!tokens[k - 1].capitalized) continue;
        // Try the name with its cue word first ("lac sevan"), then the name alone.
        for (uint32_t from : {cue_first, i}) {
          if (from == i && cue_first == i && found) continue;
          std::string folded;
          std::vector<geo::GazetteerEntry> hits = LookupInflected(*gazetteer, a.span(from, k), folded, from == begin, &a.actors);
          if (hits.empty()) continue;
          PlaceMention pm;
          pm.first = from;
          pm.end = k;
          pm.folded = folded;
          pm.cue = cue;
          a.places.push_back(pm);
          for (uint32_t x = from; x < k; ++x) taken[x] = true;
          found = true;
          i = k - 1;
          break;
        }
      }
    }
    std::sort(a.places.begin(), a.places.end(),
              [](const PlaceMention& x, const PlaceMention& y) { return x.first < y.first; });
    // Cues: the nearest place noun within three words before ("les régions arméniennes de
    // Goris"), and list members inherit it ("Goris, Sotk et Jermuk").
    for (size_t p = 0; p < a.places.size(); ++p) {
      auto& pm = a.places[p];
      if (!pm.cue.empty()) continue;
      for (const auto& m : ms)
        if (m.entry->klass == lexicon::Class::kPlaceNoun && m.end <= pm.first && m.end + 4 >= pm.first)
          pm.cue = m.entry->Get("cue");
      if (pm.cue.empty() && p > 0) {
        const auto& prev = a.places[p - 1];
        bool list = true;
        for (uint32_t x = prev.end; x < pm.first; ++x) {
          const auto& w = tokens[x].folded;
          if (w != "," && w != "et" && w != "and" && w != "or" && w != "ou" && w != "\u0438" &&
              w != "\u0438\u043b\u0438")  // Russian и, или
            list = false;
        }
        if (list) pm.cue = prev.cue;
      }
    }
  }
}

// One place detector (issue 11): in French and English the places of the sentences are the
// toponyms of the geoparser, with its filters for people, organisations, months, compass
// words, common words and weak alternate names, so that `extract` and `geoparse` agree.
void Geoparse(DocumentAnalysis& da) {
  const geoparse::Geoparser* geoparser = da.resources.geoparser.get();
  if (!geoparser || (da.lang != "fr" && da.lang != "en")) return;
  Document d;
  d.title = da.doc.title;
  d.text = da.doc.text;
  d.date = da.doc.date;
  d.lang = da.lang;
  da.geo = geoparser->Parse(d, da.title_tokens, da.text_tokens);
  for (const auto& t : da.geo.toponyms)
    if (!t.demonym && t.entry) (t.field == "title" ? da.title_toponyms : da.text_toponyms).push_back(&t);
  da.has_toponyms = true;
}

}  // namespace

void PassToponyms(DocumentAnalysis& da) {
  Geoparse(da);
  for (auto& a : da.sentences) PlaceNames(a, da);
}

}  // namespace tocsin::extract
