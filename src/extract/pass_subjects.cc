// Subjects pass: each sentence's number among the text's sentences, and the subject of the
// sentence before it (what a subjectless verb speaks of: "Россия осудила удары. Также призвала").
#include <algorithm>
#include <optional>
#include <string>

#include "document_analysis.h"
#include "passes.h"

namespace tocsin::extract {

void PassSubjects(DocumentAnalysis& da) {
  int text_sentence_no = -1;
  std::optional<Actor> prev_subject;  // the previous sentence's subject (SubjectlessStart)
  std::optional<Actor> this_subject;
  std::string prev_field;
  for (auto& a : da.sentences) {
    a.number = a.field == "title" ? -1 : ++text_sentence_no;
    if (a.field != prev_field) this_subject.reset();
    prev_field = a.field;
    prev_subject = this_subject;
    a.previous_subject = prev_subject;
    // This sentence's subject, for the next one: its first coded actor that no preposition
    // governs, before its first predicate.
    this_subject.reset();
    {
      uint32_t first_pred = a.sentence.end_token;
      for (const auto& t : a.triggers) first_pred = std::min(first_pred, t.first);
      for (const auto& c : a.cues)
        if (c.type == "speech") first_pred = std::min(first_pred, c.first);
      for (const auto& m : a.actors)
        if (m.end <= first_pred && !m.code.empty() && m.prep_role.empty() && !m.side &&
            !m.attribution && !m.location && (!m.adjective || !m.agent.empty())) {
          this_subject = ToActor(a, m);
          break;
        }
      // A sentence with no subject of its own speaks of the previous one's.
      if (!this_subject && !a.triggers.empty() && SubjectlessStart(a, a.triggers[0], da.lang))
        this_subject = prev_subject;
    }
  }
}

}  // namespace tocsin::extract
