// Sources pass: who a sentence is reported by ("selon les autorités arméniennes", "according to
// Baku", up to the next comma): its attribution, and the actors inside it marked as sources.
#include <algorithm>
#include <string>

#include "document_analysis.h"
#include "passes.h"

namespace tocsin::extract {
namespace {

void Sources(SentenceAnalysis& a) {
  const std::vector<text::Token>& tokens = *a.tokens;
  const std::vector<lexicon::Match>& ms = a.matches;
  const uint32_t end = a.sentence.end_token;
  // Attribution: "selon les autorités arméniennes", "according to Baku" up to the next comma.
  for (const auto& m : ms) {
    if (m.entry->klass != lexicon::Class::kPrep || m.entry->Get("role") != "attrib") continue;
    uint32_t stop = m.end;
    while (stop < end && tokens[stop].folded != "," && tokens[stop].folded != ".") ++stop;
    Attribution att;
    att.text = std::string(a.span(m.first, stop));
    for (auto& am : a.actors)
      if (am.head >= m.end && am.head < stop) {
        am.attribution = true;
        if (std::find(att.actors.begin(), att.actors.end(), am.code) == att.actors.end())
          att.actors.push_back(am.code);
      }
    for (const auto& c : a.cues)
      if (c.type == "both" && c.first >= m.end && c.first < stop) att.actors.push_back("*both");
    a.attribution = att;
    break;
  }
}

}  // namespace

void PassSources(DocumentAnalysis& da) {
  for (auto& a : da.sentences) Sources(a);
}

}  // namespace tocsin::extract
