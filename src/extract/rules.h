// Rules over one analysed sentence that several passes share: the roles of a trigger (who acts,
// on whom, where, who says so), its modality, whether it refers back to an earlier event, and
// the records made of mentions. Internal to the extract module.
#ifndef TOCSIN_SRC_EXTRACT_RULES_H_
#define TOCSIN_SRC_EXTRACT_RULES_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "analysis.h"
#include "tocsin/codes/kinds.h"
#include "tocsin/extract/records.h"

namespace tocsin::extract {

// Roles of one trigger inside its sentence.
struct Roles {
  const ActorMention* actor1 = nullptr;
  const ActorMention* actor2 = nullptr;
  const ActorMention* co_actor = nullptr;  // "Israel and Hamas agreed": the second subject
  const ActorMention* location = nullptr;  // "les régions arméniennes": the territory hit
  const ActorMention* speaker = nullptr;   // who says so (speech verb before or after)
};

// The roles of trigger `t` (the `trigger_index`th of `a`): the explicit actors, a qualifying
// demonym, the subject, passive and victim readings, borrowed subjects of coordinated or
// threatening verbs, targets, the speaker.
Roles FindRoles(const SentenceAnalysis& a, const TriggerMention& t, size_t trigger_index);

// asserted, denied, hypothetical, requested, attempted or claimed.
std::string Modality(const SentenceAnalysis& a, const TriggerMention& t);

// An earlier event the text refers to, not the one it reports ("in retaliation for ...",
// "a deadly 2017 attack").
bool Background(const SentenceAnalysis& a, const TriggerMention& t);

// How a trigger of the first clause lacks its subject: 1 a sentence-initial subject pronoun,
// 2 (Russian) none at all; 0 otherwise. Either way the subject is the previous sentence's.
int SubjectlessStart(const SentenceAnalysis& a, const TriggerMention& t, std::string_view lang);

// Whether a trigger between tokens `from` and `to` is a verb coordinated with an earlier one.
bool CoordinatedVerbBetween(const SentenceAnalysis& a, uint32_t from, uint32_t to);

// Parties that can fight: states (and their leaders) and armed groups with a code.
bool IsState(const ActorMention& m);
// Armed forces, rebels or police.
bool IsForce(const ActorMention& m);
// A match of class `cls` inside tokens [from, to).
bool HasMatch(const SentenceAnalysis& a, lexicon::Class cls, uint32_t from, uint32_t to);

// The record of an actor mention, and of a state the frame or a place infers.
Actor ToActor(const SentenceAnalysis& a, const ActorMention& m);
Actor InferredActor(const std::string& code);

// The CAMEO, PLOVER and ACLED codes and violence of `e.kind` (unchanged for an unknown kind).
void SetKindCodes(const codes::KindTable& kinds, Event& e);

}  // namespace tocsin::extract

#endif  // TOCSIN_SRC_EXTRACT_RULES_H_
