// CAMEO refinement: the most specific CAMEO code the words of a sentence support (issue 4,
// part 2; doc/kinds.md "CAMEO codes of an event"). Internal to the extract module.
#ifndef TOCSIN_SRC_EXTRACT_CAMEO_H_
#define TOCSIN_SRC_EXTRACT_CAMEO_H_

#include <string>
#include <string_view>

#include "analysis.h"

namespace tocsin::extract {

// The CAMEO code of the event of trigger `t`, starting from its kind's code `base`:
//  1. the trigger's own code: the first `then=prefix:code` whose prefix starts a word after the
//     trigger (same clause, up to 8 words: "called for the release" -> 0253), else `cameo=`;
//  2. a cooperative code (roots 04-08) right after a negation or refusal cue ("would not
//     provide", "refused to meet") becomes the matching rejection (12x);
//  3. a cooperative code (roots 04-08) right after an intent cue ("pledged to", "wants to",
//     "would", "seeking to") becomes the matching intent (03x); force after an intent cue
//     ("vowed to attack") is a threat of force (138).
std::string RefineCameo(const SentenceAnalysis& a, const TriggerMention& t, std::string base);

// The rejection (12x) and intent (03x) codes of a cooperative code; "" when it has none.
std::string RejectionOf(std::string_view code);
std::string IntentOf(std::string_view code);

// Low-salience trigger (salience=low): its event ranks below violent and ACLED events.
bool LowSalience(const TriggerMention& t);

}  // namespace tocsin::extract

#endif  // TOCSIN_SRC_EXTRACT_CAMEO_H_
