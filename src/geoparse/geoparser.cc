// Geoparser: detection (capitalised runs, abbreviations, demonyms, cue nouns) and
// document-level resolution. Rules and their reasons: doc/geoparse.md.
#include "tocsin/geoparse/geoparser.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "tocsin/core/data_dir.h"
#include "tocsin/geo/countries.h"
#include "tocsin/geo/resolve.h"
#include "tocsin/lang/detect.h"
#include "tocsin/lexicon/lexicon.h"

namespace tocsin::geoparse {
namespace {

using lexicon::Class;

// Words allowed inside a multi-word name when a capitalised word follows:
// "Rostov-sur-le-Don", "Bosnia and Herzegovina", "Democratic Republic of the Congo".
bool IsConnector(std::string_view w) {
  static const std::unordered_set<std::string_view> k = {
      "de", "du", "des", "d'", "sur", "le", "la", "les", "l'", "al", "el", "of", "the", "and",
      "upon", "on", "del", "di", "da", "do", "dos", "en", "am", "im", "an", "der", "et",
      "'s"};
  return k.count(w) > 0;
}

// Words that make the capitalised word after them a person, not a place.
bool IsPersonTitle(std::string_view w) {
  static const std::unordered_set<std::string_view> k = {
      "mr", "mrs", "ms", "dr", "sir", "lord", "lady", "president", "minister", "general", "gen",
      "col", "colonel", "sgt", "capt", "captain", "lt", "senator", "sen", "rep", "gov",
      "governor", "mayor", "king", "queen", "prince", "princess", "pope", "judge", "prof",
      "professor", "m", "mme", "mlle", "monsieur", "madame", "chancellor", "secretary", "spokesman",
      "spokeswoman", "said", "says", "told", "dit", "a declare", "chairman", "ceo", "director",
      "premier", "mla", "mp", "mpp", "attorney", "commissioner", "sheriff", "chief",
      "coach", "father", "rev", "reverend", "saint-"};
  return k.count(w) > 0;
}

// Capitalised words after a place name that make the whole run an organisation or a person
// ("Washington Post", "Georgia Tech", "Paris Saint-Germain"): the place inside is not a
// toponym mention of its own in that case.
bool IsOrgHead(std::string_view w) {
  static const std::unordered_set<std::string_view> k = {
      "post", "times", "herald", "tribune", "journal", "news", "daily", "gazette", "telegraph",
      "university", "universite", "college", "institute", "institut", "school", "tech",
      "hospital", "hopital", "clinic", "airport", "aeroport", "airlines", "airways", "air",
      "company", "corporation", "corp", "inc", "ltd", "group", "bank", "fc", "united", "city",
      "club", "team", "church", "cathedral", "museum", "zoo", "stadium", "street", "avenue",
      "road", "st", "square", "bridge", "station", "prison", "police", "department", "ministry",
      "council", "party", "agency", "declaration", "accord", "agreement", "treaty", "protocol",
      "convention", "summit", "format", "process", "group", "center", "centre", "hall", "house",
      "court", "committee", "commission", "foundation", "society", "association", "federation",
      "times", "express", "mail", "star", "sun", "record", "observer", "examiner", "chronicle"};
  return k.count(w) > 0;
}

// The words before "County": capitalised names, not a title or organisation word
// ("Sheriff County" no, "Black Hawk County" yes).
bool IsCountyName(const std::vector<text::Token>& tokens, uint32_t i, uint32_t c) {
  for (uint32_t x = i; x < c; ++x)
    if (!tokens[x].capitalized || IsPersonTitle(tokens[x].folded) || IsOrgHead(tokens[x].folded))
      return false;
  return c > i;
}

// "Canadian", "Congolese", "Turkish": adjectives that GeoNames also has as village names.
bool LooksLikeDemonym(std::string_view w) {
  for (std::string_view suffix : {"ian", "ean", "ese", "ish", "ans", "ais", "aise", "ien", "ienne"})
    if (w.size() > suffix.size() + 2 && w.substr(w.size() - suffix.size()) == suffix) return true;
  return false;
}

// Feasts and holidays that GeoNames also has as places ("Christmas", "Easter"): in running text
// they are dates ("at Christmas", "on Easter").
bool IsHoliday(std::string_view w) {
  static const std::unordered_set<std::string_view> k = {
      "christmas", "easter", "thanksgiving", "halloween", "ramadan", "hanukkah", "diwali",
      "passover", "pentecost", "advent", "lent", "noel", "paques", "toussaint", "epiphany"};
  return k.count(w) > 0;
}

bool IsSpeechVerb(std::string_view w) {
  return w == "said" || w == "says" || w == "told" || w == "dit" || w == "a declare";
}

// Words after a place name that make it the seat of people or an authority ("Danbury police",
// "Edmonton residents", "Montreal mayor"): support for a small place.
bool IsLocalAgent(std::string_view w) {
  static const std::unordered_set<std::string_view> k = {
      "police", "residents", "resident", "officials", "authorities", "mayor", "council",
      "firefighters", "citizens", "businesses", "schools", "hospital", "courthouse"};
  return k.count(w) > 0;
}

bool IsDirectionWord(std::string_view w) {
  static const std::unordered_set<std::string_view> k = {
      "north", "south", "east", "west", "northern", "southern", "eastern", "western",
      "central", "far", "upper", "lower", "greater", "northeast", "northwest", "southeast",
      "southwest", "northeastern", "northwestern", "southeastern", "southwestern", "mid"};
  return k.count(w) > 0;
}

// The points of the compass as nouns: "dans l'Est", "le Sud", "the South" name a part of the
// country the story is about, not the region that GeoNames calls "Est" (Burkina Faso) or "Sud"
// (Haiti). Only a one-word name is dropped ("East Timor", "Sud-Kivu" stay).
bool IsCompassNoun(std::string_view w) {
  static const std::unordered_set<std::string_view> k = {
      "north", "south", "east", "west", "nord", "sud", "est", "ouest", "centre", "midi"};
  return k.count(w) > 0;
}

bool IsWeekday(std::string_view w) {
  static const std::unordered_set<std::string_view> k = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
      "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"};
  return k.count(w) > 0;
}

// A word of 2+ letters written in capitals only ("DETROIT", "MLA").
bool IsAllCapsWord(std::string_view s) {
  size_t letters = 0;
  for (unsigned char c : s) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 0x80) return false;  // non-ASCII: leave to the ordinary rules
    if (c >= 'A' && c <= 'Z') ++letters;
  }
  return letters >= 2;
}

bool IsUpperAscii(std::string_view s) {
  bool any = false;
  for (unsigned char c : s) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') any = true;
  }
  return any;
}

// Is the entry plausible as a toponym even where a common word could stand (sentence start,
// title case)? Countries, regions, large cities and curated entries are.
bool Strong(const geo::GazetteerEntry& e) {
  if (e.feature == "country" || e.feature == "region" || e.feature == "lake" ||
      e.feature == "river" || e.curated)
    return true;
  return e.population >= 100000 || e.feature_code == "PPLC" || e.feature_code == "PPLA";
}

// Strong, and named by its own name: a city found only through a GeoNames alternate name
// ("Can" for Caen, "Google" for Topeka, "Central" for Davao) is not strong unless it is a
// metropolis ("Kiev", "Bombay") or curated.
bool StrongMatch(const geo::GazetteerEntry& e, std::string_view folded) {
  if (!Strong(e)) return false;
  if (e.feature != "city" && e.feature != "town" && e.feature != "village") return true;
  if (e.curated || e.population >= 1000000) return true;
  if (geo::FoldName(e.name) == folded) return true;
  // Multi-word alternate names ("Gamma City", "Ho Chi Minh City") are specific enough, unless
  // they end like a building or an institution ("White House").
  size_t sp = folded.rfind(' ');
  if (sp == std::string_view::npos) return false;
  std::string_view last = folded.substr(sp + 1);
  return last == "city" || !IsOrgHead(last);
}

struct Abbreviation {
  std::string name;     // folded
  std::string country;  // alpha-3 or ""
  bool dotted = false;  // matches only when written with dots ("B.C.", not "BC")
};

// A detected mention before resolution.
struct Mention {
  Toponym t;
  std::string folded;      // gazetteer key ("" for demonyms)
  std::string country;     // demonyms and abbreviations: the expected country
  uint32_t first = 0, end = 0;  // token range
  size_t sentence = 0;
  bool loc_prep = false;   // a location preposition governs it ("in", "à", "near")
  bool strong_only = false;  // only accept strong candidates (sentence-initial, title case)
  bool needs_support = false;  // weak candidates need a preposition, cue or apposition
  bool common_word = false;    // a month or demonym-like word: never reported unresolved
  bool county = false;         // "Metcalfe County": a second-level unit the index lacks
  std::vector<geo::GazetteerEntry> candidates;
};

class GeoparserImpl final : public Geoparser {
 public:
  GeoparserImpl() = default;

  Status Init(const GeoparserOptions& options) {
    options_ = options;
    if (options.gazetteer) {
      gaz_ = options.gazetteer;
    } else {
      auto g = geo::Gazetteer::OpenDefault();
      if (!g.ok()) return g.status();
      own_gaz_ = std::move(g).value();
      gaz_ = own_gaz_.get();
    }
    if (options.territory) {
      if (options.territory_index) {
        ter_ = options.territory_index;
      } else {
        auto t = geo::TerritoryIndex::OpenDefault();
        if (!t.ok()) return t.status();
        own_ter_ = std::move(t).value();
        ter_ = own_ter_.get();
      }
    }
    for (const char* lang : {"en", "fr"}) {
      auto lx = lexicon::Lexicon::LoadLanguage(lang);
      if (!lx.ok()) return lx.status();
      lexicons_[lang] = std::move(lx).value();
    }
    return LoadAbbreviations(CuratedDataDir() + "/gazetteer/abbreviations.tsv");
  }

  const geo::Gazetteer& gazetteer() const override { return *gaz_; }

  std::vector<Toponym> Detect(std::string_view text, std::string_view lang,
                              std::string_view field) const override {
    std::vector<Mention> ms = DetectMentions(text, lang, field, /*lower_words=*/nullptr, 0);
    std::vector<Toponym> out;
    for (auto& m : ms) out.push_back(std::move(m.t));
    return out;
  }

  GeoparseResult Parse(const Document& doc) const override {
    return Parse(doc, text::Tokenize(doc.title), text::Tokenize(doc.text));
  }

  GeoparseResult Parse(const Document& doc, const std::vector<text::Token>& title_tokens,
                       const std::vector<text::Token>& text_tokens) const override {
    GeoparseResult r;
    r.lang = doc.lang;
    if (r.lang.empty()) r.lang = lang::DetectLanguage(doc.title, doc.text).code;
    std::string_view lang = r.lang;
    if (lang != "fr" && lang != "en") {
      r.warnings.push_back("language \"" + r.lang +
                           "\" is not fr or en: toponyms detected with the English rules");
      lang = "en";
    }
    // Words the document writes in lower case somewhere: a capitalised form of one of them
    // at a sentence start is a common word, not a place ("Police said").
    // (Each field is tokenized once; the set holds views into the tokens.)
    std::unordered_set<std::string_view> lower_words;
    for (const auto* toks : {&title_tokens, &text_tokens}) {
      for (const auto& t : *toks)
        if (!t.capitalized && !t.is_punct && !t.is_number) lower_words.insert(t.folded);
    }
    std::unordered_set<std::string> surnames;
    std::vector<Mention> ms =
        DetectMentions(doc.title, lang, "title", &lower_words, 0, &title_tokens, &surnames);
    size_t title_sentences = ms.empty() ? 1 : ms.back().sentence + 1;
    std::vector<Mention> body = DetectMentions(doc.text, lang, "text", &lower_words,
                                               title_sentences, &text_tokens, &surnames);
    // A one-word name the document also uses as the last word of a two- or three-word name
    // that is no place ("Andrew Brunson" ... "Brunson said") is that person unless a
    // preposition or cue says place.
    if (!surnames.empty()) {
      auto is_surname = [&](const Mention& m) {
        return !m.t.demonym && m.country.empty() && m.end == m.first + 1 && !m.loc_prep &&
               m.t.cue.empty() && surnames.count(m.folded) &&
               std::none_of(m.candidates.begin(), m.candidates.end(), [](const auto& e) {
                 return e.feature == "country" || e.feature == "region";
               });
      };
      ms.erase(std::remove_if(ms.begin(), ms.end(), is_surname), ms.end());
      body.erase(std::remove_if(body.begin(), body.end(), is_surname), body.end());
    }
    for (auto& m : body) ms.push_back(std::move(m));
    ResolveAll(ms, doc.date);
    for (auto& m : ms) {
      // Unresolved mentions are kept only with evidence that they are places.
      if (!m.t.entry && (m.common_word || (!m.loc_prep && m.t.cue.empty()))) continue;
      r.toponyms.push_back(std::move(m.t));
    }
    return r;
  }

 private:
  Status LoadAbbreviations(const std::string& path) {
    std::ifstream in(path);
    if (!in) return Status::NotFound(path + ": cannot open the abbreviation table");
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
      ++n;
      if (line.empty() || line[0] == '#' || line.rfind("abbr\t", 0) == 0) continue;
      std::vector<std::string> f;
      size_t s = 0;
      while (true) {
        size_t p = line.find('\t', s);
        f.push_back(line.substr(s, p == std::string::npos ? std::string::npos : p - s));
        if (p == std::string::npos) break;
        s = p + 1;
      }
      if (f.size() < 4 || f[0].empty() || f[1].empty() || f[3].empty()) {
        return Status::InvalidArgument(path + ":" + std::to_string(n) +
                                       ": expected abbr, name, country, source");
      }
      const std::string& abbr = f[0];
      bool lower = std::any_of(abbr.begin(), abbr.end(), [](char c) { return c >= 'a' && c <= 'z'; });
      if (lower) {
        // "Ky.", "Calif.", "W.Va.": exact surface, apposition only.
        apposition_abbreviations_[abbr] = Abbreviation{geo::FoldName(f[1]), f[2], true};
        continue;
      }
      std::string letters;
      for (char c : abbr)
        if (c != '.') letters += c;
      abbreviations_[letters] =
          Abbreviation{geo::FoldName(f[1]), f[2], abbr.find('.') != std::string::npos};
    }
    return Status::Ok();
  }

  // Detection over one field. `sentence_base` numbers sentences across fields.
  std::vector<Mention> DetectMentions(std::string_view text, std::string_view lang,
                                      std::string_view field,
                                      const std::unordered_set<std::string_view>* lower_words,
                                      size_t sentence_base,
                                      const std::vector<text::Token>* pre_tokens = nullptr,
                                      std::unordered_set<std::string>* surnames = nullptr) const {
    std::vector<Mention> out;
    if (text.empty()) return out;
    const lexicon::Lexicon& lx = *lexicons_.at(std::string(lang));
    const bool fr = lang == "fr";
    std::vector<text::Token> own_tokens;
    if (!pre_tokens) own_tokens = text::Tokenize(text);
    const std::vector<text::Token>& tokens = pre_tokens ? *pre_tokens : own_tokens;
    std::vector<text::Sentence> sentences = text::SplitSentences(text, tokens);
    // Title case: most words capitalised (headlines). Then only strong candidates count.
    size_t words = 0, caps = 0;
    for (const auto& t : tokens) {
      if (t.is_punct || t.is_number) continue;
      ++words;
      caps += t.capitalized;
    }
    const bool title_case = field == "title" && words >= 4 && caps * 10 >= words * 7;
    auto span = [&](uint32_t a, uint32_t b) {
      return text.substr(tokens[a].start, tokens[b - 1].end - tokens[a].start);
    };
    // A run that is not a place may hold one after "of" ("Conference Board of Canada",
    // "Government of Alberta"): the scan goes on there (the loop's ++i lands after "of").
    auto RestartAfterOf = [&](uint32_t a, uint32_t b) -> uint32_t {
      for (uint32_t p = a + 1; p + 1 < b; ++p)
        if (tokens[p].folded == "of" || tokens[p].folded == "de") return p;
      return b - 1;
    };

    // Per token: classes of single/multi-token matches starting or ending there. Indexed by
    // token, allocated once for the field: each sentence sets entries inside its own range
    // and clears them when done (one allocation per sentence sized by the token index made
    // long documents quadratic).
    const size_t n_tokens = tokens.size();
    std::vector<const lexicon::Entry*> stop(n_tokens, nullptr), agent_end(n_tokens + 1, nullptr),
        agent_start(n_tokens, nullptr), place_end(n_tokens + 1, nullptr),
        place_start(n_tokens, nullptr), prep_end(n_tokens + 1, nullptr);
    std::vector<bool> month(n_tokens, false);
    for (size_t si = 0; si < sentences.size(); ++si) {
      const text::Sentence& sent = sentences[si];
      const uint32_t begin = sent.first_token, end = sent.end_token;
      if (begin >= end) continue;
      struct ClearRange {  // on every exit of the iteration
        std::vector<std::vector<const lexicon::Entry*>*> lists;
        std::vector<bool>* month;
        uint32_t begin, end;
        ~ClearRange() {
          for (auto* l : lists) std::fill(l->begin() + begin, l->begin() + std::min<size_t>(end + 1, l->size()), nullptr);
          std::fill(month->begin() + begin, month->begin() + end, false);
        }
      } clear{{&stop, &agent_end, &agent_start, &place_end, &place_start, &prep_end}, &month, begin, end};
      std::vector<lexicon::Match> matches = lx.Scan(tokens, begin, end);
      std::vector<const lexicon::Match*> demonyms;
      for (const auto& m : matches) {
        switch (m.entry->klass) {
          case Class::kMonth:
            if (m.end == m.first + 1) month[m.first] = true;
            break;
          case Class::kStop:
            if (m.end == m.first + 1) stop[m.first] = m.entry;
            break;
          case Class::kAgent:
            agent_end[m.end] = m.entry;
            agent_start[m.first] = m.entry;
            break;
          case Class::kPlaceNoun:
            place_end[m.end] = m.entry;
            place_start[m.first] = m.entry;
            break;
          case Class::kPrep:
            prep_end[m.end] = m.entry;
            break;
          case Class::kActor:
            if (m.entry->Get("adj") == "1") demonyms.push_back(&m);
            break;
          default:
            break;
        }
      }
      // The location preposition governing token i ("in the", "à", "near").
      auto loc_prep_before = [&](uint32_t i) {
        uint32_t j = i;
        while (j > begin && (tokens[j - 1].folded == "the" || tokens[j - 1].folded == "le" ||
                             tokens[j - 1].folded == "la" || tokens[j - 1].folded == "l'" ||
                             tokens[j - 1].folded == "les"))
          --j;
        if (j > begin && (tokens[j - 1].folded == "a" || tokens[j - 1].folded == "au" ||
                          tokens[j - 1].folded == "aux" || tokens[j - 1].folded == "en" ||
                          tokens[j - 1].folded == "dans" || tokens[j - 1].folded == "vers" ||
                          tokens[j - 1].folded == "pres"))
          return true;
        const lexicon::Entry* p = prep_end[j];
        return p && p->Get("role") == "loc";
      };
      // The cue noun before token i: "lac Sevan", "the village of X", "la ville de Goris".
      auto cue_before = [&](uint32_t i) -> std::pair<std::string, uint32_t> {
        uint32_t j = i;
        if (j > begin && (tokens[j - 1].folded == "of" || tokens[j - 1].folded == "de" ||
                          tokens[j - 1].folded == "d'" || tokens[j - 1].folded == "du"))
          --j;
        if (const lexicon::Entry* pn = place_end[j]) return {std::string(pn->Get("cue")), j};
        return {"", i};
      };

      text::SentenceFlags taken(begin, end);
      // Demonyms designating a state or its forces: en "Turkish forces", fr "les troupes
      // turques", "les régions arméniennes".
      if (options_.demonyms) {
        for (const lexicon::Match* m : demonyms) {
          bool forces = fr ? (agent_end[m->first] || place_end[m->first])
                           : (m->end < end && (agent_start[m->end] || place_start[m->end]));
          // "the Armenian side", "côté arménien" are sides, not places: left out.
          if (!forces) continue;
          Mention d;
          d.t.field = std::string(field);
          d.t.start = tokens[m->first].start;
          d.t.end = tokens[m->end - 1].end;
          d.t.text = std::string(span(m->first, m->end));
          d.t.demonym = true;
          d.country = std::string(m->entry->Get("code"));
          d.first = m->first;
          d.end = m->end;
          d.sentence = sentence_base + si;
          for (uint32_t x = m->first; x < m->end; ++x) taken[x] = true;
          out.push_back(std::move(d));
        }
      }

      for (uint32_t i = begin; i < end; ++i) {
        const text::Token& t = tokens[i];
        if (taken[i] || !t.capitalized || t.is_number || t.is_punct) continue;
        // Abbreviations: "U.S.", "UK", "DRC" (letters, optionally dotted, no spaces).
        {
          uint32_t j = i;
          std::string letters;
          while (j < end && (j == i || tokens[j].start == tokens[j - 1].end)) {
            if (tokens[j].is_punct && tokens[j].folded == ".") {
              ++j;
              continue;
            }
            if (tokens[j].is_punct || tokens[j].is_number) break;
            if (!IsUpperAscii(span(j, j + 1))) break;
            letters += std::string(span(j, j + 1));
            ++j;
          }
          auto it = abbreviations_.find(letters);
          // "US$460": a currency, not a place.
          bool currency = j > i && j < end && tokens[j].start == tokens[j - 1].end &&
                          span(j, j + 1) == "$";
          bool dots_ok = it == abbreviations_.end() || !it->second.dotted ||
                         (j > i + 1 && span(i, j).find('.') != std::string_view::npos);
          if (it != abbreviations_.end() && IsUpperAscii(letters) && !currency && dots_ok) {
            // Keep the final dot only when it is part of the abbreviation ("U.S." not "UK.").
            uint32_t k = j;
            if (k > i + 1 && tokens[k - 1].is_punct && span(i, k).find('.') == span(i, k).size() - 1)
              --k;
            Mention a;
            a.t.field = std::string(field);
            a.t.start = tokens[i].start;
            a.t.end = tokens[k - 1].end;
            a.t.text = std::string(text.substr(a.t.start, a.t.end - a.t.start));
            a.folded = it->second.name;
            a.country = it->second.country;
            a.first = i;
            a.end = k;
            a.sentence = sentence_base + si;
            a.loc_prep = loc_prep_before(i);
            out.push_back(std::move(a));
            i = k - 1;
            continue;
          }
        }
        // "Glasgow, Ky.", "Winnipeg, Man.": AP / Canadian Press abbreviations after a comma.
        if (i > begin && tokens[i - 1].folded == "," && !apposition_abbreviations_.empty()) {
          bool hit = false;
          for (uint32_t k : {i + 2, i + 4}) {
            if (k > end) break;
            bool tight = true;
            for (uint32_t x = i + 1; x < k; ++x) tight &= tokens[x].start == tokens[x - 1].end;
            if (!tight || !tokens[k - 1].is_punct || tokens[k - 1].folded != ".") continue;
            auto ab = apposition_abbreviations_.find(std::string(span(i, k)));
            if (ab == apposition_abbreviations_.end()) continue;
            Mention a;
            a.t.field = std::string(field);
            a.t.start = tokens[i].start;
            a.t.end = tokens[k - 1].end;
            a.t.text = std::string(span(i, k));
            a.folded = ab->second.name;
            a.country = ab->second.country;
            a.first = i;
            a.end = k;
            a.sentence = sentence_base + si;
            out.push_back(std::move(a));
            i = k - 1;
            hit = true;
            break;
          }
          if (hit) continue;
        }
        // Holidays ("Christmas") and lone organisation words ("University", "Church").
        if (stop[i] || IsHoliday(t.folded) ||
            (IsOrgHead(t.folded) && (i + 1 >= end || !tokens[i + 1].capitalized)))
          continue;
        // Other short acronyms are organisations ("UN", "WHO", "FAO"), not places.
        if (span(i, i + 1).size() <= 4 && IsUpperAscii(span(i, i + 1)) &&
            (i + 1 >= end || !tokens[i + 1].hyphen_before))
          continue;
        // Candidate run: capitalised words, hyphen-joined words and connectors. A run does not
        // mix ALL-CAPS and Title-case words ("WASHINGTON Barack Obama", "Calgary MLA").
        const bool caps_run = IsAllCapsWord(span(i, i + 1));
        uint32_t j = i + 1;
        while (j < end && j < i + 7 && !tokens[j].is_punct && !taken[j] &&
               (!tokens[j].capitalized || tokens[j].hyphen_before ||
                IsAllCapsWord(span(j, j + 1)) == caps_run) &&
               (tokens[j].capitalized || tokens[j].hyphen_before ||
                (IsConnector(tokens[j].folded) && j + 1 < end &&
                 (tokens[j + 1].capitalized ||
                  (IsConnector(tokens[j + 1].folded) && j + 2 < end &&
                   tokens[j + 2].capitalized)))))
          ++j;
        while (j > i + 1 && !tokens[j - 1].capitalized && !tokens[j - 1].hyphen_before) --j;
        // A title before the run makes it a person ("President Aliyev", "M. Pachinian").
        bool person = false;
        bool person_by_verb = false;  // "said Smith": but "said Iran", "said Montreal Mayor X"
        if (i > begin) {
          uint32_t p = i - 1;
          if (tokens[p].is_punct && tokens[p].folded == "." && p > begin) --p;
          person = IsPersonTitle(tokens[p].folded) || (agent_end[i] && !place_end[i]);
          person_by_verb = person && IsSpeechVerb(tokens[p].folded);
        }
        auto [cue, cue_first] = cue_before(i);
        // "Metcalfe County", "Laurel County", "Orleans Parish": a county the index does not
        // hold (cities500 has no second-level units). One to three capitalised words then
        // "County"/"Parish"; resolved from the document's places (ResolveAll).
        if (!person) {
          uint32_t c = i + 1;
          while (c < j && c < i + 4 && tokens[c].capitalized && !IsConnector(tokens[c].folded) &&
                 tokens[c].folded != "county" && tokens[c].folded != "parish")
            ++c;
          if (c < j && (tokens[c].folded == "county" || tokens[c].folded == "parish") &&
              IsCountyName(tokens, i, c) && !gaz_->Contains(geo::FoldName(span(i, c + 1)))) {
            Mention m;
            m.t.field = std::string(field);
            m.t.start = tokens[i].start;
            m.t.end = tokens[c].end;
            m.t.text = std::string(span(i, c + 1));
            m.t.cue = "area";
            m.folded = geo::FoldName(span(i, c));
            m.first = i;
            m.end = c + 1;
            m.sentence = sentence_base + si;
            m.loc_prep = true;
            m.county = true;
            if (gaz_->Contains(m.folded)) m.candidates = gaz_->Lookup(m.folded);
            out.push_back(std::move(m));
            i = c;
            continue;
          }
        }
        bool found = false;
        for (uint32_t k = j; k > i && !found; --k) {
          if (!tokens[k - 1].capitalized && !tokens[k - 1].hyphen_before) continue;
          if (IsConnector(tokens[k - 1].folded)) continue;
          std::string folded = geo::FoldName(span(i, k));
          if (!gaz_->Contains(folded)) continue;
          std::vector<geo::GazetteerEntry> hits = gaz_->Lookup(folded);
          if (hits.empty()) continue;
          found = true;
          // The run goes on with a capitalised word: an organisation or a person
          // ("Washington Post", "Georgia Tech", "Jordan Peterson").
          // ("The" after a dateline is not a continuation: "DETROIT The U.S. ...")
          bool longer = k < j && tokens[k].capitalized && !stop[k] &&
                        !IsConnector(tokens[k].folded);
          bool any_strong = std::any_of(hits.begin(), hits.end(), Strong);
          // A title up to two words later ("Quebec Health Minister", "Texas Attorney
          // General"): the place qualifies a person. Organisations named after a place
          // ("Kentucky State Police", "Winnipeg Free Press") are not literal mentions.
          bool title_follows = false;
          if (longer) {
            for (uint32_t x = k; x < j && x < k + 3; ++x) {
              if (IsOrgHead(tokens[x].folded)) break;
              if (IsPersonTitle(tokens[x].folded) || agent_start[x]) {
                title_follows = true;
                break;
              }
            }
          }
          // "Vladimir Putin", "Jordan Peterson": a first name that is also a city. The place
          // stands only if what follows is a title ("Texas Governor"), a place noun
          // ("Bulacan Province") or another place ("Pandi Bulacan").
          bool name_continues = false;
          if (longer && !IsOrgHead(tokens[k].folded)) {
            // A title ("Texas Governor"), a day ("Toronto Saturday"), an all-capital acronym
            // ("Calgary MLA") or a title one word later ("Quebec Health Minister").
            bool title = IsPersonTitle(tokens[k].folded) || agent_start[k] ||
                         IsWeekday(tokens[k].folded) || month[k] ||
                         IsAllCapsWord(span(k, k + 1)) || title_follows;
            bool place_noun = place_start[k] != nullptr;
            bool place = false;
            if (!title && !place_noun) {
              uint32_t e2 = k + 1;
              while (e2 < j && (tokens[e2].capitalized || tokens[e2].hyphen_before)) ++e2;
              std::string next_name = geo::FoldName(span(k, e2));
              if (gaz_->Contains(next_name)) {
                auto next = gaz_->Lookup(next_name);
                place = std::any_of(next.begin(), next.end(), Strong);
              }
            }
            name_continues = !title && !place_noun && !place;
          }
          // After a speech verb, a strong place ("said Iran") or a place before a title
          // ("said Montreal Mayor Denis Coderre") is not a person.
          if (person_by_verb && (any_strong || (longer && title_follows))) person = false;
          if (person || name_continues ||
              (longer && (IsOrgHead(tokens[k].folded) || !any_strong))) {
            // "Western Queensland" ("Western" a village): the scan goes on from the next word.
            if (!(k == i + 1 && !person && IsDirectionWord(tokens[i].folded)))
              i = RestartAfterOf(i, j);
            break;
          }
          // "the White House": a building or institution named by an alternate name only.
          if (k > i + 1 && IsOrgHead(tokens[k - 1].folded) && tokens[k - 1].folded != "city" &&
              std::none_of(hits.begin(), hits.end(), [&](const geo::GazetteerEntry& e) {
                return geo::FoldName(e.name) == folded;
              })) {
            i = j - 1;
            break;
          }
          Mention m;
          m.t.field = std::string(field);
          m.t.start = tokens[i].start;
          m.t.end = tokens[k - 1].end;
          m.t.text = std::string(span(i, k));
          m.t.cue = cue;
          if (m.t.cue.empty() && k < end && place_start[k]) {
            m.t.cue = std::string(place_start[k]->Get("cue"));  // "Sevan lake"
          }
          m.folded = std::move(folded);
          m.first = i;
          m.end = k;
          m.sentence = sentence_base + si;
          m.loc_prep = loc_prep_before(cue_first);
          m.candidates = std::move(hits);
          // Sentence-initial words, headline words and words the text also writes in lower
          // case need a strong candidate ("Police", "Mercy", "Of").
          bool initial = i == begin || (tokens[i - 1].is_punct && tokens[i - 1].folded != ",");
          bool lower_elsewhere = k == i + 1 && lower_words && lower_words->count(t.folded);
          m.strong_only = (initial && k == i + 1) || title_case || lower_elsewhere;
          // A dateline: capitals at the start of a sentence followed by a dash, comma or
          // parenthesis ("DETROIT —", "COLUMBIA, Ky. (WBKO)") names the place of the story.
          if (i == begin && caps_run && k < end && tokens[k].is_punct &&
              (span(k, k + 1) == "," || span(k, k + 1) == "-" || span(k, k + 1) == "(" ||
               span(k, k + 1) == "\u2014" || span(k, k + 1) == "\u2013")) {
            m.strong_only = false;
            m.loc_prep = true;
          }
          // Small places met without "in/at/near", a cue noun or an apposition are more often
          // people and common words ("David said", "Church") than villages.
          m.needs_support = !m.loc_prep && m.t.cue.empty() &&
                            !(k < end && !tokens[k].capitalized && IsLocalAgent(tokens[k].folded));
          if (k == i + 1 && (month[i] || LooksLikeDemonym(t.folded))) {
            m.strong_only = true;
            m.common_word = true;
          }
          out.push_back(std::move(m));
          i = k - 1;
        }
        if (!found && !person && !cue.empty() && cue != "area" && j == i + 1 + 0 &&
            cue_first < i) {
          // "the village of Qqq", "la ville de Xxx": an unknown place (reported unresolved).
          Mention m;
          m.t.field = std::string(field);
          m.t.start = tokens[i].start;
          m.t.end = tokens[j - 1].end;
          m.t.text = std::string(span(i, j));
          m.t.cue = cue;
          m.folded = geo::FoldName(m.t.text);
          m.first = i;
          m.end = j;
          m.sentence = sentence_base + si;
          m.loc_prep = true;
          out.push_back(std::move(m));
        }
        // A capitalised common word at a sentence start ("Overall Edmonton received",
        // "Although Toronto's") is not part of a name: the scan goes on from the next word.
        bool common_start = (i == begin || (tokens[i - 1].is_punct && tokens[i - 1].folded != ",")) ||
                            (lower_words && lower_words->count(t.folded));
        if (!found && !person && common_start && j > i + 1) continue;
        // "Far North Queensland", "Western Canada", "Upper Edmonton": a direction word before
        // a place name that is not part of a known name; the scan goes on from the next word.
        if (!found && !person && j > i + 1 && IsDirectionWord(t.folded)) continue;
        if (!found && surnames && !person && j > i + 1 && j <= i + 3) {
          bool plain = true;  // Title-case words only, no connector: a person's name
          for (uint32_t x = i; x < j; ++x)
            plain &= tokens[x].capitalized && !IsConnector(tokens[x].folded) &&
                     !IsAllCapsWord(span(x, x + 1)) && !place_start[x] && !IsOrgHead(tokens[x].folded);
          if (plain) surnames->insert(tokens[j - 1].folded);
        }
        if (!found && !person) i = std::max(i, RestartAfterOf(i, j));
        if (!found && person) i = std::max(i, j - 1);
      }
    }
    out.erase(std::remove_if(out.begin(), out.end(),
                             [&](const Mention& m) {
                               return m.end == m.first + 1 && !m.t.demonym &&
                                      IsCompassNoun(tokens[m.first].folded);
                             }),
              out.end());
    std::sort(out.begin(), out.end(),
              [](const Mention& a, const Mention& b) { return a.t.start < b.t.start; });
    return out;
  }

  // The country entry of an alpha-3 code (for demonyms).
  std::optional<geo::GazetteerEntry> CountryEntry(const std::string& code) const {
    std::string name = geo::CountryName(code);
    if (name.empty()) return std::nullopt;
    for (const auto& e : gaz_->Lookup(geo::FoldName(name)))
      if (e.feature == "country" && e.country == code) return e;
    return std::nullopt;
  }

  void ResolveAll(std::vector<Mention>& ms, const std::string& date) const {
    // Countries named by the document: country names, abbreviations and demonyms. Title and
    // first sentence weigh more.
    std::map<std::string, double> doc_weights;
    std::map<size_t, std::map<std::string, double>> sentence_weights;
    // A mention names a country for the context only when that reading is unambiguous:
    // "Georgia" (also a US state) does not vote for GEO, or it would outvote Atlanta.
    auto country_of_mention = [&](const Mention& m) -> std::string {
      if (m.county) return "";
      if (!m.country.empty()) return m.country;
      std::string c;
      for (const auto& e : m.candidates)
        if (e.feature == "country") c = e.country;
      if (c.empty()) return "";
      for (const auto& e : m.candidates)
        if (e.feature == "region" && e.country != c) return "";
      return c;
    };
    for (const Mention& m : ms) {
      std::string c = country_of_mention(m);
      if (c.empty()) continue;
      double w = m.t.field == "title" ? 1.5 : m.sentence <= 1 ? 1.25 : 1.0;
      doc_weights[c] = std::min(3.0, doc_weights[c] + w);
      sentence_weights[m.sentence][c] += 1.0;
    }
    std::vector<std::optional<geo::ResolvedPlace>> pass(ms.size());
    std::map<std::string, double> admin1_weights;  // filled after pass 1
    std::vector<std::vector<std::pair<double, double>>> other_names;  // pass 2, per mention
    auto resolve = [&](size_t i, const std::map<std::string, double>& weights,
                       const std::vector<std::pair<double, double>>& nearby,
                       const std::string& admin1, bool apposition) {
      Mention& m = ms[i];
      if (m.t.demonym) {
        auto e = CountryEntry(m.country);
        if (!e) return std::optional<geo::ResolvedPlace>();
        return std::optional<geo::ResolvedPlace>(geo::ResolvedPlace{*e, 0.9});
      }
      if (m.county || (m.candidates.empty() && m.folded.empty()))
        return std::optional<geo::ResolvedPlace>();
      geo::PlaceContext pc;
      pc.country_weights = weights;
      for (const auto& [c, w] : sentence_weights[m.sentence]) pc.country_weights[c] += w;
      if (!m.country.empty()) pc.country_weights[m.country] += 5.0;  // abbreviations
      pc.cue = m.t.cue;
      pc.nearby = nearby;
      pc.admin1 = admin1;
      pc.admin1_weights = admin1_weights;
      pc.other_names = &other_names;
      if (!m.candidates.empty()) pc.candidates = &m.candidates;
      auto r = geo::ResolvePlace(*gaz_, m.folded, pc);
      if (r && !StrongMatch(r->entry, m.folded) &&
          (m.strong_only || (m.needs_support && !apposition && r->confidence < 0.75))) {
        // The small-place reading is not supported: the name may still be a strong place
        // ("Paris" in a story set in New Jersey).
        const std::string& folded = m.folded;
        pc.accept = [&folded](const geo::GazetteerEntry& e) { return StrongMatch(e, folded); };
        r = geo::ResolvePlace(*gaz_, m.folded, pc);
      }
      return r;
    };
    // Pass 1: document country context only.
    for (size_t i = 0; i < ms.size(); ++i) pass[i] = resolve(i, doc_weights, {}, "", false);
    // Pass 2: plus the countries and points of the places resolved with confidence, and the
    // "X, Y" apposition (Y a region or country containing X).
    std::map<std::string, double> weights2 = doc_weights;
    std::vector<std::pair<std::pair<double, double>, size_t>> points;
    for (size_t i = 0; i < ms.size(); ++i) {
      if (!pass[i] || pass[i]->confidence < 0.5) continue;
      const auto& e = pass[i]->entry;
      if (e.feature == "country") continue;
      // A first-level region named by the document: its places are preferred in pass 2.
      if (e.feature == "region" && !e.admin1.empty()) admin1_weights[e.country + "|" + e.admin1] += 1.0;
      if (!e.country.empty()) weights2[e.country] = std::min(3.0, weights2[e.country] + 0.5);
      // Distinct points only, and a bounded number (as in the extractor): every mention is
      // then resolved against them, and a document that names one town 10,000 times must not
      // cost 10,000 x 10,000 comparisons.
      if (e.feature != "region" && pass[i]->confidence >= 0.6 && points.size() < 64) {
        const std::pair<double, double> pt(e.lat, e.lon);
        if (std::none_of(points.begin(), points.end(), [&](const auto& p) { return p.first == pt; }))
          points.push_back({pt, i});
      }
    }
    // Candidate points per distinct name (populated places and other point features, the
    // six most populous), for the spatial coherence of pass 2.
    std::vector<std::pair<std::string, std::vector<std::pair<double, double>>>> name_points;
    {
      std::set<std::string> seen;
      for (const Mention& m : ms) {
        if (m.t.demonym || m.county || m.candidates.size() < 1 || !seen.insert(m.folded).second)
          continue;
        std::vector<std::pair<double, double>> pts;
        for (const auto& e : m.candidates) {
          if (e.feature == "country" || e.feature == "region" || e.feature == "area") continue;
          pts.push_back({e.lat, e.lon});
          if (pts.size() >= 6) break;
        }
        if (!pts.empty()) name_points.push_back({m.folded, std::move(pts)});
        if (name_points.size() >= 40) break;
      }
    }
    std::vector<std::optional<geo::ResolvedPlace>> final_pass(ms.size());
    std::vector<std::pair<size_t, std::string>> counties;
    for (size_t i = 0; i < ms.size(); ++i) {
      if (ms[i].t.demonym) {
        if (pass[i]) Fill(ms[i], *pass[i], date);
        continue;
      }
      other_names.clear();
      for (const auto& [name, pts] : name_points)
        if (name != ms[i].folded) other_names.push_back(pts);
      std::vector<std::pair<double, double>> nearby;
      for (const auto& [pt, j] : points)
        if (ms[j].folded != ms[i].folded) nearby.push_back(pt);
      std::string admin1;
      bool apposition = false;
      std::map<std::string, double> w = weights2;
      if (i + 1 < ms.size() && pass[i + 1] && ms[i + 1].t.field == ms[i].t.field &&
          ms[i + 1].first == ms[i].end + 1 && ms[i].sentence == ms[i + 1].sentence) {
        const auto& next = pass[i + 1]->entry;  // "Paris, Texas", "Kapan, Armenia"
        if (next.feature == "region") admin1 = next.admin1;
        if (next.feature == "region" || next.feature == "country") {
          w[next.country] += 3.0;
          apposition = true;
        }
      }
      if (ms[i].county) {
        std::string region;  // "<alpha-3>|<admin1>"
        if (apposition && !admin1.empty() && pass[i + 1]) {
          region = pass[i + 1]->entry.country + "|" + admin1;
        } else {
          double best = 0;
          for (const auto& [key, wt] : admin1_weights)
            if (wt > best) best = wt, region = key;
        }
        counties.push_back({i, region});
        continue;
      }
      auto r = resolve(i, w, nearby, admin1, apposition);
      if (r) Fill(ms[i], *r, date);
      final_pass[i] = r;
    }
    // Counties last, from the places of pass 2.
    for (const auto& [i, region] : counties) {
      auto r = ResolveCounty(ms, i, final_pass, region, weights2);
      if (r) Fill(ms[i], *r, date);
    }
  }

  // A county the index does not hold ("Metcalfe County"): counties are small, and a local
  // story's county lies around the places the story names. The point is that of the
  // document's most mentioned populated place in the region the document names (`region`,
  // "USA|Kentucky"; else in its main country), or of a namesake town of that region within
  // 150 km of it ("Adair County" and Adair). Nothing in the document: unresolved.
  std::optional<geo::ResolvedPlace> ResolveCounty(
      const std::vector<Mention>& ms, size_t i,
      const std::vector<std::optional<geo::ResolvedPlace>>& pass, const std::string& region,
      const std::map<std::string, double>& country_weights) const {
    std::string country = region.substr(0, region.find('|'));
    if (region.empty()) {
      double best = 0;
      for (const auto& [c, wt] : country_weights)
        if (wt > best) best = wt, country = c;
    }
    auto in_area = [&](const geo::GazetteerEntry& e) {
      if (!region.empty()) return e.country + "|" + e.admin1 == region;
      return country.empty() || e.country == country;  // no clue: the story's places
    };
    auto populated = [](const geo::GazetteerEntry& e) {
      return e.feature == "city" || e.feature == "town" || e.feature == "village";
    };
    // The focus: the populated place of the area the document names most often; a mention
    // after a location preposition or in a dateline counts double, one in the lead 1.5.
    std::map<int64_t, std::pair<double, size_t>> counts;  // geonameid -> (score, first index)
    for (size_t j = 0; j < ms.size(); ++j) {
      if (!pass[j] || pass[j]->confidence < 0.3 || ms[j].county || ms[j].t.demonym) continue;
      const auto& e = pass[j]->entry;
      if (!populated(e) || !in_area(e)) continue;
      auto& c = counts[e.geonameid];
      if (c.first == 0) c.second = j;
      c.first += ms[j].loc_prep ? 2.0 : ms[j].sentence <= 1 ? 1.5 : 1.0;
    }
    const geo::GazetteerEntry* focus = nullptr;
    double best_count = 0;
    size_t best_first = 0;
    for (const auto& [id, c] : counts) {
      if (c.first > best_count || (c.first == best_count && c.second < best_first)) {
        best_count = c.first;
        best_first = c.second;
        focus = &pass[c.second]->entry;
      }
    }
    const geo::GazetteerEntry* namesake = nullptr;
    for (const auto& e : ms[i].candidates)
      if (populated(e) && in_area(e) && (!namesake || e.population > namesake->population))
        namesake = &e;
    // A namesake city of 100,000 inhabitants or more is in its county ("Los Angeles County").
    for (const auto& e : ms[i].candidates)
      if (populated(e) && e.population >= 100000 && in_area(e) &&
          (!namesake || e.population > namesake->population))
        namesake = &e;
    const geo::GazetteerEntry* base = focus ? focus : namesake;
    if (namesake && namesake->population >= 100000) base = namesake;
    if (focus && namesake) {
      double dlat = (focus->lat - namesake->lat) * 111.2;
      double dlon = (focus->lon - namesake->lon) * 111.2 * std::cos(focus->lat * M_PI / 180);
      if (dlat * dlat + dlon * dlon <= 150.0 * 150.0) base = namesake;
    }
    if (!base) return std::nullopt;
    geo::GazetteerEntry e = *base;
    e.geonameid = 0;
    e.name = ms[i].t.text;
    e.feature = "area";
    e.feature_code = "ADM2";
    e.population = 0;
    e.curated = false;
    return geo::ResolvedPlace{std::move(e), 0.5};
  }

  void Fill(Mention& m, const geo::ResolvedPlace& r, const std::string& date) const {
    m.t.entry = r.entry;
    m.t.confidence = r.confidence;
    if (ter_ && r.entry.feature != "country") {
      m.t.territory = ter_->Locate(r.entry.lat, r.entry.lon, date);
      // A place known to lie in a state (curated or GeoNames) keeps that state when the
      // coarse polygons put its point at sea or across a border.
      if (m.t.territory.country.empty()) m.t.territory.country = r.entry.country;
    } else {
      m.t.territory.country = r.entry.country;
      m.t.territory.territory = geo::Territory::kSovereign;
      m.t.territory.controlled_by = r.entry.country;
    }
  }

  GeoparserOptions options_;
  const geo::Gazetteer* gaz_ = nullptr;
  const geo::TerritoryIndex* ter_ = nullptr;
  std::unique_ptr<geo::Gazetteer> own_gaz_;
  std::unique_ptr<geo::TerritoryIndex> own_ter_;
  std::map<std::string, std::unique_ptr<lexicon::Lexicon>> lexicons_;
  std::unordered_map<std::string, Abbreviation> abbreviations_;
  std::unordered_map<std::string, Abbreviation> apposition_abbreviations_;
};

}  // namespace

StatusOr<std::unique_ptr<Geoparser>> Geoparser::Create(const GeoparserOptions& options) {
  auto g = std::make_unique<GeoparserImpl>();
  Status st = g->Init(options);
  if (!st.ok()) return st;
  return std::unique_ptr<Geoparser>(std::move(g));
}

}  // namespace tocsin::geoparse
