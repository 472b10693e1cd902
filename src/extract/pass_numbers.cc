// Numbers pass: each sentence's counts (digits, composed number words, digits times a multiplier
// word) with their qualifier ("at least", "about") and ranges ("between 10 and 15").
#include <cstdint>
#include <string>

#include "document_analysis.h"
#include "mentions.h"
#include "passes.h"

namespace tocsin::extract {
namespace {

void Numbers(SentenceAnalysis& a) {
  const std::vector<text::Token>& tokens = *a.tokens;
  const std::vector<lexicon::Match>& ms = a.matches;
  const uint32_t begin = a.sentence.first_token, end = a.sentence.end_token;
  // Numbers: digits, number words (composed), quantity nouns, with qualifiers and ranges.
  for (uint32_t i = begin; i < end; ++i) {
    NumberMention n;
    uint32_t j = i;
    if (tokens[i].is_number) {
      const std::string& digits = tokens[i].folded;
      if (digits.size() > 9) continue;
      int64_t v = 0;
      for (char c : digits)
        if (c >= '0' && c <= '9') v = v * 10 + (c - '0');
      n.value = v;
      j = i + 1;
      // "30 тысяч", "2 million": digits times a multiplier word.
      if (const auto* w = j < end ? FindStarting(ms, lexicon::Class::kNumber, j) : nullptr;
          w && w->entry->Get("mult") == "1" && v > 0 && v < 1000) {
        n.value = v * w->entry->GetInt("value", 1);
        j = w->end;
      }
    } else if (const auto* nm = FindStarting(ms, lexicon::Class::kNumber, i)) {
      int64_t total = 0, current = 0;
      bool any = false;
      while (j < end) {
        const auto* w = FindStarting(ms, lexicon::Class::kNumber, j);
        if (!w) {
          // "vingt et un", "forty-two" (hyphen is not a token), "one hundred and five"
          if (any && (tokens[j].folded == "et" || tokens[j].folded == "and") && j + 1 < end &&
              FindStarting(ms, lexicon::Class::kNumber, j + 1)) {
            ++j;
            continue;
          }
          break;
        }
        int64_t v = w->entry->GetInt("value", 0);
        if (w->entry->Has("qualifier")) {
          if (any) break;
          n.qualifier = w->entry->Get("qualifier");
          current = v;
          j = w->end;
          any = true;
          break;
        }
        if (w->entry->Get("mult") == "1") {
          current = (current == 0 ? 1 : current) * v;
          if (v >= 1000) {
            total += current;
            current = 0;
          }
        } else {
          current += v;
        }
        any = true;
        j = w->end;
      }
      if (!any) continue;
      n.value = total + current;
      (void)nm;
    } else {
      continue;
    }
    n.first = i;
    n.end = j;
    // Qualifier just before (optionally followed by "de"/"d'"/"of").
    const lexicon::Match* qual = FindEnding(ms, lexicon::Class::kQualifier, i);
    if (!qual && i > begin && (tokens[i - 1].folded == "de" || tokens[i - 1].folded == "d'" ||
                               tokens[i - 1].folded == "of" ||
                               tokens[i - 1].folded == "\u0447\u0435\u043c"))  // "не менее чем"
      qual = FindEnding(ms, lexicon::Class::kQualifier, i - 1);
    if (qual) {
      n.qualifier = qual->entry->Get("qualifier");
      n.first = qual->first;
    }
    a.numbers.push_back(n);
    i = j - 1;
  }
  // Ranges: "entre 10 et 15", "between 10 and 15", "10 à 15", "10 to 15".
  for (size_t k = 0; k + 1 < a.numbers.size(); ++k) {
    auto& x = a.numbers[k];
    const auto& y = a.numbers[k + 1];
    if (y.first != x.end + 1) continue;
    const std::string& link = tokens[x.end].folded;
    if (link == "et" || link == "and" || link == "a" || link == "to" || link == "-" ||
        link == "\u2013" || link == "\u0438" || link == "\u0434\u043e") {  // Russian и, до
      if (x.qualifier == "range" || link == "a" || link == "to" || link == "-" ||
          link == "\u2013") {
        x.qualifier = "range";
        x.max = y.value;
        x.end = y.end;
        a.numbers.erase(a.numbers.begin() + k + 1);
      }
    }
  }
}

}  // namespace

void PassNumbers(DocumentAnalysis& da) {
  for (auto& a : da.sentences) Numbers(a);
}

}  // namespace tocsin::extract
