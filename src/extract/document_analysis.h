// The state that extraction's passes share for one document (src/extract/README.md): each pass
// reads what earlier passes wrote and adds its layer. Internal to the extract module.
#ifndef TOCSIN_SRC_EXTRACT_DOCUMENT_ANALYSIS_H_
#define TOCSIN_SRC_EXTRACT_DOCUMENT_ANALYSIS_H_

#include <cstddef>
#include <string>
#include <vector>

#include "analysis.h"
#include "resources.h"
#include "rules.h"
#include "tocsin/core/document.h"
#include "tocsin/extract/records.h"
#include "tocsin/geoparse/geoparser.h"
#include "tocsin/lexicon/lexicon.h"
#include "tocsin/text/tokenize.h"

namespace tocsin::extract {

// The document's conflict frame: the two sides that fight, the attacking side first.
struct Frame {
  std::string aggressor, defender;
  bool ranked = false;  // two parties were ranked (the record's `frame`)
  bool known() const { return !aggressor.empty() && !defender.empty(); }
  std::string Other(const std::string& code) const {
    if (code == aggressor) return defender;
    if (code == defender) return aggressor;
    return "";
  }
};

// What salience and the merges know of an event beyond its record.
struct EventInfo {
  int sentence = 0;    // index of the sentence among the text's sentences (title: -1)
  int priority = 0;    // specificity of the kind's trigger
  bool bare = false;   // no actor and no place (kept only with keep_bare_events)
  bool lead = false;   // the first event of its sentence
  double base = 0;     // confidence from arguments and modality
  bool low = false;    // low-salience political kind: ranks below violent and ACLED events
  // For the merges (issue 4, CASE 2021 / ACLED coding of one snippet):
  bool generic = false;     // a generic attack ("attacked", "attacks"), no weapon named
  bool governed = false;    // a noun after "the/of/over/against/for" ("over the detention of")
  bool hurt = false;        // the sentence counts people killed or wounded
  bool background = false;  // an earlier event referred to (Background())
  bool with_protest = false;  // an arrest told with a demonstration (see the protest merge)
  bool clash = false;         // its clause also speaks of clashes ("killed during clashes")
};

// One event in the making: the record, where it comes from, and what the later passes need.
struct CandidateEvent {
  Event event;
  const SentenceAnalysis* sentence = nullptr;  // its sentence, in DocumentAnalysis::sentences
  std::vector<size_t> group;  // the triggers of its clause that describe it (indexes)
  size_t main = 0;            // the most specific of them: the event's trigger
  Roles roles;                // the group's roles, mentions of `sentence`
  EventInfo info;

  const TriggerMention& trigger() const { return sentence->triggers[main]; }
  size_t clause() const { return sentence->ClauseOf(trigger().first); }
};

struct DocumentAnalysis {
  DocumentAnalysis(const Document& d, const std::string& l, const ExtractResources& r,
                   const lexicon::Lexicon& lex)
      : doc(d), lang(l), resources(r), lexicon(lex) {}
  DocumentAnalysis(const DocumentAnalysis&) = delete;
  DocumentAnalysis& operator=(const DocumentAnalysis&) = delete;

  // Input.
  const Document& doc;
  const std::string lang;
  const ExtractResources& resources;
  const lexicon::Lexicon& lexicon;  // of `lang`

  // tokens
  std::vector<text::Token> title_tokens, text_tokens;
  // toponyms: the geoparser's resolved toponyms of each field, by start offset (fr, en with a
  // gazetteer; otherwise has_toponyms is false and capitalised runs are looked up instead).
  geoparse::GeoparseResult geo;
  std::vector<const geoparse::Toponym*> title_toponyms, text_toponyms;
  bool has_toponyms = false;
  // sentences (title first, then text), each pass adding its mentions
  std::vector<SentenceAnalysis> sentences;
  // frame
  Frame frame;
  // events ... salience: the events, in order
  std::vector<CandidateEvent> events;
  // casualties
  std::vector<Casualty> casualties;
};

}  // namespace tocsin::extract

#endif  // TOCSIN_SRC_EXTRACT_DOCUMENT_ANALYSIS_H_
