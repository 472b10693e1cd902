// Sentence analysis: lexicon matches -> actor, place, trigger, number and cue mentions.
#include <algorithm>
#include <cctype>
#include <set>

#include "analysis.h"
#include "internal.h"
#include "tocsin/geo/gazetteer.h"
#include "tocsin/lexicon/lemmatizer.h"

namespace tocsin::extract {

size_t SentenceAnalysis::ClauseOf(uint32_t i) const {
  size_t c = 0;
  while (c + 1 < clause_starts.size() && clause_starts[c + 1] <= i) ++c;
  return c;
}

namespace {

bool IsDeterminer(std::string_view w) {
  // "a" is left out: in French it is also the preposition "à" once accents are folded.
  static const std::set<std::string_view> kDets = {
      "le", "la", "les", "l'", "un", "une", "ses", "son", "sa", "leur", "leurs", "ce", "cette",
      "ces", "the", "an", "its", "their", "his", "her", "this", "these", "those"};
  return kDets.count(w) > 0;
}

// Russian nouns of legal texts whose genitive complement is a name ("статьи 5 устава НАТО",
// "договора о коллективной безопасности"): article, charter, treaty, convention, resolution.
bool IsDocumentNoun(std::string_view w) {
  static const std::set<std::string_view> kNouns = {
      "\u0441\u0442\u0430\u0442\u044c\u044f", "\u0441\u0442\u0430\u0442\u044c\u0438",
      "\u0441\u0442\u0430\u0442\u044c\u0435", "\u0441\u0442\u0430\u0442\u044c\u044e",
      "\u0441\u0442\u0430\u0442\u044c\u0435\u0439",  // статья статьи статье статью статьей
      "\u0443\u0441\u0442\u0430\u0432", "\u0443\u0441\u0442\u0430\u0432\u0430",
      "\u0443\u0441\u0442\u0430\u0432\u0443", "\u0443\u0441\u0442\u0430\u0432\u043e\u043c",
      "\u0443\u0441\u0442\u0430\u0432\u0435",  // устав устава уставу уставом уставе
      "\u0434\u043e\u0433\u043e\u0432\u043e\u0440", "\u0434\u043e\u0433\u043e\u0432\u043e\u0440\u0430",
      "\u0434\u043e\u0433\u043e\u0432\u043e\u0440\u0443", "\u0434\u043e\u0433\u043e\u0432\u043e\u0440\u043e\u043c",
      "\u0434\u043e\u0433\u043e\u0432\u043e\u0440\u0435",  // договор ...
      "\u0445\u0430\u0440\u0442\u0438\u044f", "\u0445\u0430\u0440\u0442\u0438\u0438",
      "\u0445\u0430\u0440\u0442\u0438\u044e",  // хартия хартии хартию
      "\u043a\u043e\u043d\u0432\u0435\u043d\u0446\u0438\u044f", "\u043a\u043e\u043d\u0432\u0435\u043d\u0446\u0438\u0438",
      "\u043a\u043e\u043d\u0432\u0435\u043d\u0446\u0438\u044e",  // конвенция конвенции конвенцию
      "\u0440\u0435\u0437\u043e\u043b\u044e\u0446\u0438\u044f", "\u0440\u0435\u0437\u043e\u043b\u044e\u0446\u0438\u0438",
      "\u0440\u0435\u0437\u043e\u043b\u044e\u0446\u0438\u044e",  // резолюция резолюции резолюцию
      "\u043c\u0430\u043d\u0434\u0430\u0442", "\u043c\u0430\u043d\u0434\u0430\u0442\u0430"};  // мандат(а)
  return kNouns.count(w) > 0;
}

// Russian adjectives of direction that sit between a preposition and a name: южн-, северн-,
// восточн-, западн-, центральн-.
bool IsDirectionAdjective(std::string_view w) {
  for (std::string_view p : {"\u044e\u0436\u043d", "\u0441\u0435\u0432\u0435\u0440\u043d",
                             "\u0432\u043e\u0441\u0442\u043e\u0447\u043d",
                             "\u0437\u0430\u043f\u0430\u0434\u043d",
                             "\u0446\u0435\u043d\u0442\u0440\u0430\u043b\u044c\u043d"})
    if (w.size() > p.size() && w.compare(0, p.size(), p) == 0) return true;
  return false;
}

// True when every letter of the span is upper case ("UN", "EU", "U.S.").
bool AllUpper(std::string_view s) {
  bool any = false;
  for (unsigned char c : s) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') any = true;
  }
  return any;
}

const lexicon::Match* FindEnding(const std::vector<lexicon::Match>& ms, lexicon::Class cls,
                                 uint32_t end) {
  for (const auto& m : ms)
    if (m.end == end && m.entry->klass == cls) return &m;
  return nullptr;
}

const lexicon::Match* FindStarting(const std::vector<lexicon::Match>& ms, lexicon::Class cls,
                                   uint32_t first) {
  for (const auto& m : ms)
    if (m.first == first && m.entry->klass == cls) return &m;
  return nullptr;
}

// Connectors allowed inside a multi-word place name ("Rostov-sur-le-Don", "Bosnia and
// Herzegovina" is a country and handled by the lexicon).
bool IsNameConnector(const text::Token& t) {
  static const std::set<std::string_view> kConnectors = {"de", "du", "des", "sur", "le", "la",
                                                         "al", "el", "d'", "l'", "upon", "on"};
  return kConnectors.count(t.folded) > 0;
}

// Gazetteer hits for a name as written, else for its nominative ("в Горисе" -> "Горис"; Russian
// case endings, lexicon::NameBaseForms); sets `folded` to the key that hit.
// A guessed nominative must name a place worth the guess: curated, a city or region, a town of
// some size, or a place in a state the sentence names ("у села Кут" is not Al-Kut in Iraq).
std::vector<geo::GazetteerEntry> LookupInflected(const geo::Gazetteer& gaz, std::string_view name,
                                                 std::string& folded, bool sentence_initial = false,
                                                 const std::vector<ActorMention>* actors = nullptr) {
  folded = geo::FoldName(name);
  std::vector<geo::GazetteerEntry> hits = gaz.Lookup(folded);
  if (!hits.empty()) return hits;
  auto plausible = [&](const geo::GazetteerEntry& e) {
    if (e.curated || e.population >= 5000 || (e.feature != "village" && e.feature != "town"))
      return true;
    if (actors)
      for (const auto& m : *actors)
        if (m.code == e.country) return true;
    return false;
  };
  for (const std::string& form : lexicon::NameBaseForms(name, sentence_initial)) {
    std::string f = geo::FoldName(form);
    hits = gaz.Lookup(f);
    if (std::any_of(hits.begin(), hits.end(), plausible)) {
      folded = f;
      return hits;
    }
  }
  return {};
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

}  // namespace

SentenceAnalysis AnalyzeSentence(const ExtractContext& ctx, std::string_view field,
                                 std::string_view source, const std::vector<text::Token>& tokens,
                                 const text::Sentence& sentence) {
  SentenceAnalysis a;
  a.field = std::string(field);
  a.source = source;
  a.tokens = &tokens;
  a.sentence = sentence;
  const uint32_t begin = sentence.first_token, end = sentence.end_token;
  a.matches = ctx.lexicon->Scan(tokens, begin, end);
  // Acronyms that are also common words must be written in capitals.
  a.matches.erase(std::remove_if(a.matches.begin(), a.matches.end(),
                                 [&](const lexicon::Match& m) {
                                   if (m.entry->Get("cap") == "1" && !tokens[m.first].capitalized)
                                     return true;
                                   return m.entry->Get("upper") == "1" &&
                                          !AllUpper(a.span(m.first, m.end));
                                 }),
                  a.matches.end());
  const auto& ms = a.matches;

  text::SentenceFlags covered_by_actor(begin, end);
  for (const auto& m : ms)
    if (m.entry->klass == lexicon::Class::kActor)
      for (uint32_t i = m.first; i < m.end; ++i) covered_by_actor[i] = true;

  // The preposition just before token `i`, skipping determiners.
  auto prep_match = [&](uint32_t i) -> const lexicon::Match* {
    uint32_t j = i;
    while (j > begin && IsDeterminer(tokens[j - 1].folded)) --j;
    // Russian: a direction adjective between ("по южному Ливану", "в восточной Украине").
    if (j > begin + 1 && IsDirectionAdjective(tokens[j - 1].folded)) --j;
    const lexicon::Match* p = FindEnding(ms, lexicon::Class::kPrep, j);
    // A first name the lexicon does not list between a preposition and a name in an oblique
    // case: "с Эмманюэлем Макроном", "к Владимиру Путину".
    if (!p && j == i && j > begin + 1 && tokens[j - 1].capitalized && !tokens[j - 1].is_punct &&
        !covered_by_actor[j - 1]) {
      bool oblique = false;
      for (const auto& m : ms)
        if (m.first == i && m.entry->klass == lexicon::Class::kActor) {
          const std::string_view c = m.entry->Get("case");
          oblique |= c == "ins" || c == "dat" || c == "gen";
        }
      if (oblique) p = FindEnding(ms, lexicon::Class::kPrep, j - 1);
    }
    return p;
  };
  auto prep_before = [&](uint32_t i) -> std::string {
    const auto* p = prep_match(i);
    return p ? std::string(p->entry->Get("role")) : std::string();
  };
  auto set_prep = [&](ActorMention& am) {
    const auto* p = prep_match(am.first);
    // "Des policiers ont frappé ...": a sentence-initial "des"/"du" is the article of the
    // subject, not the preposition "de".
    if (p && p->first == begin && (tokens[p->first].folded == "des" || tokens[p->first].folded == "du"))
      p = nullptr;
    am.prep_role = p ? p->entry->Get("role") : "";
    am.prep_word = p ? std::string(tokens[p->first].folded) : "";
    am.prep_target = p && p->entry->Get("target") == "1";
    // Russian: no preposition, but a case (doc/lexicon.md `case`): the genitive is the "of"
    // role, the dative the addressee, the instrumental the agent; a bare noun right after a
    // noun trigger or agent marked gen=1 is its genitive ("сессия ОДКБ", "войска Баку").
    if (!p) {
      std::string_view c;
      for (const auto& m : ms)
        if (m.first == am.first && m.entry->Has("case") &&
            (m.entry->klass == lexicon::Class::kActor || m.entry->klass == lexicon::Class::kAgent))
          c = m.entry->Get("case");
      if (c.empty() && am.first > begin)
        for (const auto& m : ms)
          if (m.end == am.first && m.entry->Get("gen") == "1" &&
              (m.entry->klass == lexicon::Class::kTrigger || m.entry->klass == lexicon::Class::kAgent))
            c = "gen";
      am.prep_role = c == "gen" ? "of" : c == "dat" ? "to" : c == "ins" ? "by" : "";
      // A name right after a document noun is its genitive, never an addressee: "статьи 5
      // устава НАТО", "договора ОДКБ" (indeclinable names carry no case of their own).
      if (am.prep_role.empty() && am.first > begin && IsDocumentNoun(tokens[am.first - 1].folded))
        am.prep_role = "of";
    }
  };

  // Clauses: ';' and clause cues split a sentence.
  a.clause_starts.push_back(begin);
  for (const auto& m : ms) {
    if (m.entry->klass == lexicon::Class::kCue) {
      CueMention c{m.first, m.end, std::string(m.entry->Get("type"))};
      a.cues.push_back(c);
      if (c.type == "clause" && m.first > begin) a.clause_starts.push_back(m.first);
    }
  }
  for (uint32_t i = begin; i < end; ++i) {
    if (tokens[i].is_punct && (tokens[i].folded == ";" || tokens[i].folded == ":"))
      a.clause_starts.push_back(i + 1);
    // ", où des frappes ont visé ...": a relative clause with its own predicate. Only the
    // accented "où" (where), not "ou" (or): both fold alike, so look at the original bytes.
    if (i > begin && tokens[i - 1].folded == "," && a.span(i, i + 1) == "o\u00f9")
      a.clause_starts.push_back(i);
  }
  std::sort(a.clause_starts.begin(), a.clause_starts.end());
  a.clause_starts.erase(std::unique(a.clause_starts.begin(), a.clause_starts.end()),
                        a.clause_starts.end());

  // Triggers (dropped inside actor names: "Forces de soutien rapide" is not support).
  for (const auto& m : ms) {
    if (m.entry->klass != lexicon::Class::kTrigger) continue;
    // The words a `..` gap skips may name an actor ("expelled two Russian diplomats"): only the
    // pattern's own first and last words count.
    const bool inside_actor = covered_by_actor[m.first] || covered_by_actor[m.end - 1];
    if (inside_actor) continue;
    // `window` bounds how far to look (0: the rest of the sentence).
    auto rest_has = [&](std::string_view list, uint32_t window = 0) {
      size_t pos = 0;
      std::string l(list);
      const uint32_t stop = window ? std::min(end, m.end + window) : end;
      while (pos <= l.size()) {
        size_t comma = l.find(',', pos);
        std::string prefix = l.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
        std::replace(prefix.begin(), prefix.end(), '_', ' ');
        for (uint32_t i = m.end; i < stop && !prefix.empty(); ++i)
          if (tokens[i].folded.compare(0, prefix.size(), prefix) == 0) return true;
        if (comma == std::string::npos) break;
        pos = comma + 1;
      }
      return false;
    };
    if (m.entry->Has("needs") && !rest_has(m.entry->attrs.at("needs"))) continue;
    // `not` words exclude the trigger's own complement ("seized weapons", "missile programme"),
    // not a later clause of the sentence ("captured five villages ... chemical weapons attack").
    if (m.entry->Has("not") && rest_has(m.entry->attrs.at("not"), 6)) continue;
    // context=protest: vandalism and road blocking are a violent demonstration only when the
    // sentence speaks of a demonstration ("farmers blocked roads ... to protest"), not when
    // thieves break into a house.
    if (m.entry->Get("context") == "protest") {
      bool protest = false;
      for (const auto& o : ms)
        protest |= (o.entry->klass == lexicon::Class::kTrigger &&
                    (o.entry->Get("kind") == "protest" || o.entry->Get("kind") == "protest_with_intervention" ||
                     (o.entry->Get("kind") == "riot" && o.entry->Get("context") != "protest"))) ||
                   (o.entry->klass == lexicon::Class::kAgent && o.entry->Get("agent") == "PRO");
      if (!protest) continue;
    }
    // A capitalised trigger word inside a name is no trigger: "Oromo Liberation Army", "Sudan
    // Liberation Movement" (unless the sentence is a headline in title case).
    if (m.first > begin && tokens[m.first].capitalized && m.end < end && tokens[m.end].capitalized &&
        !tokens[m.end].is_punct) {
      int words = 0, caps = 0;
      for (uint32_t i = begin; i < end; ++i)
        if (!tokens[i].is_punct && !tokens[i].is_number) {
          ++words;
          caps += tokens[i].capitalized;
        }
      if (2 * caps < words) continue;
    }
    // "при поддержке российской авиации", "with the support of", "avec l'appui de": who backs
    // an operation, not a statement of support.
    if (m.entry->Get("kind") == "support_statement" && m.first > begin) {
      const std::string& w1 = tokens[m.first - 1].folded;
      const std::string& w2 = m.first > begin + 1 ? tokens[m.first - 2].folded : "";
      if (w1 == "\u043f\u0440\u0438" ||  // при
          ((w1 == "the" && w2 == "with") || ((w1 == "le" || w1 == "l'") && w2 == "avec")))
        continue;
    }
    TriggerMention t;
    t.first = m.first;
    t.end = m.end;
    t.entry = m.entry;
    t.kind = m.entry->Get("kind");
    t.priority = m.entry->GetInt("priority", 0);
    t.nominal = m.entry->Get("nominal") == "1";
    t.of_target = m.entry->Get("of") == "target";
    // "called on both sides to halt hostilities", "appelé à cesser les combats": the violence
    // is what a call wants ended, not an event reported here. ("pour arrêter les avancées de
    // l'Azerbaïdjan" without a call reports real advances.)
    bool stop_cue = false, call = false;
    for (const auto& c : ms) {
      if (c.entry->klass == lexicon::Class::kCue && c.entry->Get("type") == "stop" && c.end <= m.first &&
          c.end + 3 >= m.first)
        stop_cue = true;
      if (c.entry->klass == lexicon::Class::kTrigger && c.first < m.first &&
          (c.entry->Get("kind") == "call_deescalation" || c.entry->Get("kind") == "mediation" ||
           c.entry->Get("kind") == "ceasefire"))
        call = true;
    }
    const bool stopped = stop_cue && call;
    const codes::KindCodes* codes = ctx.kinds->Find(t.kind);
    t.violent = codes && codes->violent;
    // Non-political kinds (floods, accidents, crime) only when asked for.
    if (codes && !ctx.non_political && codes->cameo.empty() && codes->plover_type.empty() &&
        codes->acled_event_type.empty())
      continue;
    if (stopped && t.violent) continue;
    a.triggers.push_back(t);
  }

  // Actor mentions, merged with agent nouns, place nouns and side cues around them.
  for (const auto& m : ms) {
    if (m.entry->klass != lexicon::Class::kActor) continue;
    ActorMention am;
    am.first = am.head = m.first;
    am.end = m.end;
    am.code = m.entry->Get("code");
    am.name = m.entry->GetText("name");
    am.type = m.entry->Get("type");
    am.agent = m.entry->Get("agent");
    am.adjective = m.entry->Get("adj") == "1";
    am.prep_role = prep_before(m.first);
    const bool capital = m.entry->Get("capital") == "1";
    // A capital or a state's name after a place preposition is a place, not an actor:
    // "à Erevan", "in Kyiv", "en Ukraine". ("à la Russie" addresses a state: not a place.)
    if (!am.adjective && (capital || am.type == "state")) {
      uint32_t j = m.first;
      std::string prep_word;
      while (j > begin && IsDeterminer(tokens[j - 1].folded)) --j;
      if (j > begin + 1 && IsDirectionAdjective(tokens[j - 1].folded)) --j;  // "в восточной Украине"
      bool prep_place = false;  // a preposition marked place=1 ("в", "на юге"): a state there is a place
      if (const auto* p = FindEnding(ms, lexicon::Class::kPrep, j)) {
        prep_word = a.span(p->first, p->end);
        prep_place = p->entry->Get("place") == "1";
      }
      std::string pw = text::FoldWord(prep_word);
      const bool country_loc = pw == "en" || pw == "au" || pw == "aux" || pw == "dans" || prep_place ||
                               pw == "in" || pw == "inside" || pw == "into" || pw == "across" ||
                               pw == "throughout";
      const bool city_loc = am.prep_role == "loc" || pw == "a" || pw == "to";
      bool destination = false;  // "deploying paratroopers to Kazakhstan": a place too
      if (!capital && (pw == "to" || pw == "vers"))
        for (const auto& t : a.triggers)
          if (t.kind == "military_deployment" && t.end <= m.first && t.end + 5 >= m.first)
            destination = true;
      if (destination) {
        PlaceMention pm;
        pm.first = m.first;
        pm.end = m.end;
        pm.folded = geo::FoldName(a.span(m.first, m.end));
        pm.country_level = true;
        pm.cue = "country";
        a.places.push_back(pm);
      }
      if ((capital && city_loc && pw != "to") || (!capital && country_loc)) {
        PlaceMention pm;
        pm.first = m.first;
        pm.end = m.end;
        pm.folded = geo::FoldName(a.span(m.first, m.end));
        if (ctx.gazetteer) LookupInflected(*ctx.gazetteer, a.span(m.first, m.end), pm.folded);
        pm.country_level = !capital;
        if (pm.country_level) pm.cue = "country";
        a.places.push_back(pm);
        continue;
      }
      // A capital that violence hits is where it happens, and its state the target (a
      // territory, like "les régions arméniennes"), not an actor: "Drones attacked Moscow",
      // "Беспилотники атаковали Москву", "ont attaqué Moscou", "the shelling of Kyiv".
      const std::string_view mcase = m.entry->Get("case");
      if (capital && (pw.empty() || am.prep_role == "of" || am.prep_role == "tgt") &&
          mcase != "dat" && mcase != "ins") {
        const bool of = am.prep_role == "of" || mcase == "gen";
        bool hit = false;
        for (const auto& t : a.triggers) {
          if (!t.violent || t.end > m.first || t.end + 3 < m.first) continue;
          if (of && !(t.of_target && t.nominal)) continue;
          bool clean = true;  // no punctuation nor other name between
          for (uint32_t x = t.end; x < m.first; ++x)
            clean &= !tokens[x].is_punct && !covered_by_actor[x];
          hit |= clean;
        }
        if (hit) {
          PlaceMention pm;
          pm.first = m.first;
          pm.end = m.end;
          pm.folded = geo::FoldName(a.span(m.first, m.end));
          if (ctx.gazetteer) LookupInflected(*ctx.gazetteer, a.span(m.first, m.end), pm.folded);
          a.places.push_back(pm);
          am.location = true;
        }
      }
    }
    // Agent noun before: "les troupes de Bakou", "le représentant arménien", "forces of ...".
    if (m.first > begin) {
      uint32_t j = m.first;
      if (am.adjective) {
        if (const auto* ag = FindEnding(ms, lexicon::Class::kAgent, j)) {
          am.first = ag->first;
          if (am.agent.empty()) am.agent = ag->entry->Get("agent");
          // "du côté des troupes azéries": a side, not an actor.
          uint32_t k = ag->first;
          while (k > begin && (IsDeterminer(tokens[k - 1].folded) || tokens[k - 1].folded == "des" ||
                               tokens[k - 1].folded == "de" || tokens[k - 1].folded == "of"))
            --k;
          if (const auto* cue = FindEnding(ms, lexicon::Class::kCue, k); cue && cue->entry->Get("type") == "side") {
            am.first = cue->first;
            am.side = true;
          }
          am.prep_role = prep_before(am.first);
        } else if (const auto* pn = FindEnding(ms, lexicon::Class::kPlaceNoun, j)) {
          am.first = pn->first;
          am.location = true;
          if (pn->entry->Has("agent")) am.agent = pn->entry->Get("agent");
        } else if (const auto* cue = FindEnding(ms, lexicon::Class::kCue, j);
                   cue && cue->entry->Get("type") == "side") {
          am.first = cue->first;
          am.side = true;
        }
      } else {
        // agent + of-preposition (+ determiner) + actor
        while (j > begin && IsDeterminer(tokens[j - 1].folded)) --j;
        if (const auto* p = FindEnding(ms, lexicon::Class::kPrep, j); p && p->entry->Get("role") == "of") {
          if (const auto* ag = FindEnding(ms, lexicon::Class::kAgent, p->first)) {
            am.first = ag->first;
            if (am.agent.empty()) am.agent = ag->entry->Get("agent");
            am.prep_role = prep_before(ag->first);
          } else if (const auto* cue = FindEnding(ms, lexicon::Class::kCue, p->first);
                     cue && cue->entry->Get("type") == "side") {
            am.first = cue->first;
            am.side = true;
          }
        }
        // Russian genitive: "войска Баку", "Министерство обороны России", "боевики «Хамас»" (an
        // agent marked gen=1 right before the actor, no preposition between, maybe a quote).
        const uint32_t q = m.first > begin && (tokens[m.first - 1].folded == "\u00ab" ||
                                               tokens[m.first - 1].folded == "\"")
                               ? m.first - 1
                               : m.first;
        if (am.first == m.first && j == m.first)
          if (const auto* ag = FindEnding(ms, lexicon::Class::kAgent, q);
              ag && ag->entry->Get("gen") == "1") {
            am.first = ag->first;
            if (am.agent.empty()) am.agent = ag->entry->Get("agent");
          }
        if (const auto* cue = FindEnding(ms, lexicon::Class::kCue, j);
            !am.side && cue && cue->entry->Get("type") == "side") {
          am.first = cue->first;
          am.side = true;
        }
      }
    }
    // Agent or place noun after: "Azerbaijani troops", "Armenian territory", "Russia's army".
    uint32_t after = m.end;
    if (after < end && tokens[after].folded == "'s") ++after;
    if (after < end) {
      if (const auto* ag = FindStarting(ms, lexicon::Class::kAgent, after)) {
        am.end = ag->end;
        if (am.agent.empty()) am.agent = ag->entry->Get("agent");
      } else if (am.adjective) {
        if (const auto* pn = FindStarting(ms, lexicon::Class::kPlaceNoun, after)) {
          am.end = pn->end;
          am.location = true;
          if (pn->entry->Has("agent")) am.agent = pn->entry->Get("agent");
        } else if (const auto* cue = FindStarting(ms, lexicon::Class::kCue, after);
                   cue && cue->entry->Get("type") == "side" && cue->end == after + 1) {
          am.end = cue->end;
          am.side = true;
        }
      }
    }
    // "du côté des troupes azéries", "on the side of the Azerbaijani troops".
    for (uint32_t k = am.first; !am.side && k > begin; --k) {
      if (const auto* cue = FindEnding(ms, lexicon::Class::kCue, k); cue && cue->entry->Get("type") == "side") {
        am.first = cue->first;
        am.side = true;
      }
      const std::string& w = tokens[k - 1].folded;
      if (!IsDeterminer(w) && w != "des" && w != "de" && w != "of" && w != "du") break;
    }
    set_prep(am);
    // "on the Armenian side": the adjective sits inside the side cue.
    for (const auto& c : ms)
      if (c.entry->klass == lexicon::Class::kCue && c.entry->Get("type") == "side" && c.first < m.first &&
          c.end > m.end) {
        am.side = true;
        am.first = c.first;
        am.end = c.end;
      }
    // A demonym next to a nominal trigger qualifies it: "Azerbaijani shelling",
    // "les bombardements azerbaïdjanais".
    if (!am.location && !am.side) {
      for (size_t t = 0; t < a.triggers.size(); ++t) {
        const auto& tr = a.triggers[t];
        // "EU mediation", "Russian shelling", "les bombardements azerbaïdjanais".
        if (tr.nominal && (tr.first == am.end || (am.adjective && tr.end == am.first)))
          am.trigger_adjective = static_cast<int>(t);
      }
    }
    a.actors.push_back(am);
  }
  // Agents with no nationality still act: "Gunmen killed ...", "des manifestants".
  for (const auto& m : ms) {
    if (m.entry->klass != lexicon::Class::kAgent) continue;
    const std::string agent(m.entry->Get("agent"));
    // (and the police: "police arrested ...", "la police a dispersé ...")
    if (agent != "REB" && agent != "PRO" && agent != "CVL" && agent != "POL") continue;
    bool merged = false;
    for (const auto& am : a.actors) merged |= m.first >= am.first && m.first < am.end;
    if (merged) continue;
    ActorMention am;
    am.first = am.head = m.first;
    am.end = m.end;
    am.agent = agent;
    am.type = agent == "REB" ? "nsa" : agent == "POL" ? "state" : "civilian";
    am.name = std::string(a.span(m.first, m.end));
    set_prep(am);
    for (size_t t = 0; t < a.triggers.size(); ++t)
      if (a.triggers[t].nominal && a.triggers[t].first == am.end)
        am.trigger_adjective = static_cast<int>(t);
    a.actors.push_back(am);
  }
  std::sort(a.actors.begin(), a.actors.end(),
            [](const ActorMention& x, const ActorMention& y) { return x.first < y.first; });

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

  // Place names: the geoparser's toponyms (fr, en), else capitalised token runs found in the
  // gazetteer (longest first).
  const auto* toponyms = field == "title" ? ctx.title_toponyms : ctx.text_toponyms;
  if (ctx.gazetteer) {
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
        if (!LookupInflected(*ctx.gazetteer, a.span(i, pn->end), folded, i == begin, &a.actors).empty()) {
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
          std::vector<geo::GazetteerEntry> hits = LookupInflected(*ctx.gazetteer, a.span(from, k), folded, from == begin, &a.actors);
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
  return a;
}

}  // namespace tocsin::extract
