// Per-sentence analysis: what the lexicon and the gazetteer found in one sentence, before any
// event is built. Internal to the extract module.
#ifndef TOCSIN_SRC_EXTRACT_ANALYSIS_H_
#define TOCSIN_SRC_EXTRACT_ANALYSIS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tocsin/extract/records.h"
#include "tocsin/geo/gazetteer.h"
#include "tocsin/lexicon/lexicon.h"
#include "tocsin/text/tokenize.h"

namespace tocsin::extract {

// One mention of an actor, possibly merged with its agent noun ("les troupes de Bakou").
struct ActorMention {
  uint32_t first = 0, end = 0;  // token range of the whole mention
  uint32_t head = 0;            // token where the named actor starts (for preposition checks)
  std::string code, name, type, agent;
  std::string prep_role;        // role of the preposition just before the mention, "" if none
  std::string prep_word;        // that preposition, folded ("contre", "at")
  bool prep_target = false;     // the preposition marks a target ("sur", "at", "on")
  bool adjective = false;       // demonym used as an adjective
  bool location = false;        // names a territory ("les régions arméniennes"): a target
  bool side = false;            // names a side of a casualty count ("du côté arménien")
  bool attribution = false;     // inside "selon ..."/"according to ..."
  int trigger_adjective = -1;   // index of the trigger this demonym qualifies ("Azerbaijani shelling")
};

struct PlaceMention {
  uint32_t first = 0, end = 0;  // token range of the name
  std::string folded;           // geo::FoldName of the name
  std::string cue;              // "lake", "region", "town", ...
  bool country_level = false;   // a state's name used as a location ("en Ukraine")
  std::optional<geo::GazetteerEntry> entry;
  double confidence = 0;
  // A toponym of the geoparser (fr, en): its resolution is the fallback when the extractor's
  // own context finds no candidate (abbreviations, counties, datelines).
  std::optional<geo::GazetteerEntry> detected;
  double detected_confidence = 0;
};

struct TriggerMention {
  uint32_t first = 0, end = 0;
  const lexicon::Entry* entry = nullptr;
  std::string kind;
  int priority = 0;
  bool nominal = false;
  bool violent = false;
  bool of_target = false;  // "bombardment of X": X is the target, unless X is a force
};

struct NumberMention {
  uint32_t first = 0, end = 0;  // including its qualifier
  int64_t value = 0;
  std::optional<int64_t> max;  // ranges
  std::string qualifier = "exact";
};

struct CueMention {
  uint32_t first = 0, end = 0;
  std::string type;  // attempt, claim, deny, neg, speech, hypo, clause, both, side
};

struct SentenceAnalysis {
  std::string field;   // "text" or "title"
  std::string_view source;  // the field's bytes
  const std::vector<text::Token>* tokens = nullptr;
  text::Sentence sentence;
  std::vector<lexicon::Match> matches;
  text::SentenceFlags covered_by_actor{0, 0};  // tokens inside an actor match
  std::vector<ActorMention> actors;
  std::vector<PlaceMention> places;
  std::vector<TriggerMention> triggers;
  std::vector<NumberMention> numbers;
  std::vector<CueMention> cues;
  std::vector<uint32_t> clause_starts;  // token indexes where a clause begins (sorted)
  std::optional<Attribution> attribution;
  std::string date;            // resolved time expression in the sentence, or ""
  std::string date_precision;
  int number = -1;  // index among the text's sentences (title: -1)
  std::optional<Actor> previous_subject;  // the subject of the sentence before, same field

  const text::Token& tok(uint32_t i) const { return (*tokens)[i]; }
  std::string_view span(uint32_t first, uint32_t end) const {
    return source.substr(tok(first).start, tok(end - 1).end - tok(first).start);
  }
  // Clause index of token i.
  size_t ClauseOf(uint32_t i) const;
};

}  // namespace tocsin::extract

#endif  // TOCSIN_SRC_EXTRACT_ANALYSIS_H_
