#include "tocsin/fuse/fuse.h"

#include <gtest/gtest.h>

namespace tocsin::fuse {
namespace {

MentionKey Key(const std::string& kind, const std::string& date, double lat, double lon,
               const std::string& a1, const std::string& a2, int64_t doc) {
  MentionKey k;
  k.kind = kind;
  k.violent = true;
  k.acled_event_type = kind == "armed_clash" || kind == "ground_advance"
                           ? "Battles"
                           : "Explosions/Remote violence";
  k.day = *DayNumber(date);
  k.has_date = true;
  if (lat != 0) k.points.push_back({lat, lon});
  k.actor1 = a1;
  k.actor2 = a2;
  k.modality = "asserted";
  k.document = doc;
  return k;
}

TEST(FuseDates, RoundTrip) {
  EXPECT_EQ(*DayNumber("1970-01-01"), 0);
  EXPECT_EQ(DateOfDay(*DayNumber("2024-02-29")), "2024-02-29");
  EXPECT_EQ(*DayNumber("2022-09-14") - *DayNumber("2022-09-13"), 1);
  EXPECT_FALSE(DayNumber("13/09/2022"));
}

TEST(FuseDistance, Haversine) {
  // Goris -> Jermuk is about 60 km.
  double d = DistanceKm({39.51, 46.34}, {39.84, 45.67});
  EXPECT_GT(d, 55);
  EXPECT_LT(d, 75);
}

TEST(FuseKeys, SameKeyComparesEveryFieldMatchReads) {
  // The store keeps one copy of a key repeated for the same event (a long document that
  // repeats one report): only keys equal in every field may be folded.
  const MentionKey k = Key("shelling", "2022-09-13", 49.98, 36.25, "RUS", "UKR", 1);
  EXPECT_TRUE(SameKey(k, k));
  MentionKey other = k;
  other.points[0].lon += 0.5;
  EXPECT_FALSE(SameKey(k, other));
  other = k;
  other.actor2_inferred = true;
  EXPECT_FALSE(SameKey(k, other));
  other = k;
  other.day += 1;
  EXPECT_FALSE(SameKey(k, other));
  other = k;
  other.countries.push_back("UKR");
  EXPECT_FALSE(SameKey(k, other));
}

TEST(FusionIndex, SameStrikeFromTwoDocumentsFuses) {
  FusionIndex idx;
  idx.Add(1, Key("drone_strike", "2024-01-09", 50.6, 36.58, "UKR", "RUS", 1));
  EXPECT_EQ(idx.Match(Key("drone_strike", "2024-01-10", 50.62, 36.6, "UKR", "", 2)), 1);
  // Compatible kind (same ACLED type), a day later.
  EXPECT_EQ(idx.Match(Key("shelling", "2024-01-10", 50.62, 36.6, "UKR", "RUS", 3)), 1);
}

TEST(FusionIndex, RefusesFarDistantWrongActorsOrOtherKind) {
  FusionIndex idx;
  idx.Add(1, Key("drone_strike", "2024-01-09", 50.6, 36.58, "UKR", "RUS", 1));
  EXPECT_FALSE(idx.Match(Key("drone_strike", "2024-01-09", 51.7, 36.19, "UKR", "RUS", 2)));  // Kursk
  EXPECT_FALSE(idx.Match(Key("drone_strike", "2024-01-12", 50.6, 36.58, "UKR", "RUS", 2)));
  EXPECT_FALSE(idx.Match(Key("drone_strike", "2024-01-09", 50.6, 36.58, "RUS", "UKR", 2)));
  EXPECT_FALSE(idx.Match(Key("armed_clash", "2024-01-09", 50.6, 36.58, "UKR", "RUS", 2)));
  FusionOptions strict;
  strict.compatible_kinds = false;
  FusionIndex s(strict);
  s.Add(1, Key("drone_strike", "2024-01-09", 50.6, 36.58, "UKR", "RUS", 1));
  EXPECT_FALSE(s.Match(Key("shelling", "2024-01-09", 50.6, 36.58, "UKR", "RUS", 2)));
}

TEST(FusionIndex, ViolentFamilyJoinsViolentKindsOfAnotherAcledType) {
  const MentionKey clash = Key("armed_clash", "2024-01-09", 50.6, 36.58, "RUS", "UKR", 1);
  const MentionKey shelling = Key("shelling", "2024-01-09", 50.61, 36.59, "RUS", "UKR", 2);
  FusionIndex by_type;
  by_type.Add(1, clash);
  EXPECT_FALSE(by_type.Match(shelling));  // Battles vs Explosions/Remote violence
  FusionOptions family;
  family.violent_family = true;
  FusionIndex all(family);
  all.Add(1, clash);
  MergeReason why;
  EXPECT_EQ(all.Match(shelling, &why), 1);
  EXPECT_EQ(why.shared[0], "violent armed_clash ~ shelling");
  MentionKey protest = shelling;
  protest.kind = "protest";
  protest.violent = false;
  protest.acled_event_type = "Protests";
  EXPECT_FALSE(all.Match(protest));  // the family is the violent kinds only
}

TEST(FusionKeys, ACountryCentroidLocatesNothing) {
  extract::Event e;
  e.kind = "shelling";
  e.date = "2024-01-09";
  extract::Place country;
  country.name = "Ukraine";
  country.country = "UKR";
  country.feature = "country";
  country.lat = 49;
  country.lon = 32;
  e.places = {country};
  MentionKey k = KeyOf(e, "", 1);
  EXPECT_TRUE(k.points.empty());
  EXPECT_EQ(k.countries, std::vector<std::string>{"UKR"});
}

TEST(FusionIndex, BattlesFuseWithSwappedSides) {
  FusionIndex idx;
  idx.Add(7, Key("armed_clash", "2023-05-01", 48.59, 38.0, "RUS", "UKR", 1));
  EXPECT_EQ(idx.Match(Key("armed_clash", "2023-05-01", 48.6, 38.01, "UKR", "RUS", 2)), 7);
}

TEST(FusionIndex, InferredActorNeverVetoes) {
  FusionIndex idx;
  MentionKey a = Key("shelling", "2024-01-09", 46.63, 32.61, "RUS", "UKR", 1);
  a.actor2_inferred = true;
  idx.Add(1, a);
  EXPECT_EQ(idx.Match(Key("shelling", "2024-01-09", 46.63, 32.61, "RUS", "ITA", 2)), 1);
}

TEST(FusionIndex, UnlocatedNeedsASharedActorAndCountry) {
  FusionIndex idx;
  MentionKey a = Key("shelling", "2024-01-09", 0, 0, "AZE", "ARM", 1);
  a.countries = {"ARM"};
  idx.Add(1, a);
  MentionKey b = Key("shelling", "2024-01-09", 0, 0, "AZE", "", 2);
  EXPECT_EQ(idx.Match(b), 1);
  MentionKey c = Key("shelling", "2024-01-09", 0, 0, "", "", 3);
  EXPECT_FALSE(idx.Match(c));
  b.countries = {"AZE"};
  EXPECT_FALSE(idx.Match(b));
}

// "Why merged" (doc/fusion.md): the reason is the decision's own evidence, never a guess.
TEST(FusionExplain, ALocatedJoinNamesKindDateDistanceAndActors) {
  FusionIndex idx;
  idx.Add(1, Key("drone_strike", "2024-01-09", 50.6, 36.58, "UKR", "RUS", 1));
  MergeReason why;
  ASSERT_EQ(idx.Match(Key("shelling", "2024-01-10", 50.62, 36.6, "UKR", "RUS", 2), &why), 1);
  EXPECT_EQ(why.rule, "same_place");
  EXPECT_EQ(why.shared, (std::vector<std::string>{"ACLED type Explosions/Remote violence",
                                                  "date within 1 day", "place 2.6 km",
                                                  "actor UKR", "actor RUS"}));
  // The score is MatchScore's.
  MentionKey ev = Key("drone_strike", "2024-01-09", 50.6, 36.58, "UKR", "RUS", 1);
  MentionKey m = Key("shelling", "2024-01-10", 50.62, 36.6, "UKR", "RUS", 2);
  auto score = MatchScore(ev, m, ev.day, ev.day, FusionOptions{});
  ASSERT_TRUE(score);
  EXPECT_DOUBLE_EQ(why.score, *score);
  EXPECT_FALSE(ExplainMatch(ev, Key("drone_strike", "2024-01-09", 51.7, 36.19, "UKR", "RUS", 2),
                            ev.day, ev.day, FusionOptions{}));
}

TEST(FusionExplain, AnUnlocatedJoinNamesTheCountryAndTheSharedActor) {
  MentionKey a = Key("shelling", "2024-01-09", 0, 0, "AZE", "ARM", 1);
  a.countries = {"ARM"};
  MentionKey b = Key("shelling", "2024-01-09", 0, 0, "AZE", "", 2);
  b.countries = {"ARM"};
  auto why = ExplainMatch(a, b, a.day, a.day, FusionOptions{});
  ASSERT_TRUE(why);
  EXPECT_EQ(why->rule, "same_country_and_actor");
  EXPECT_EQ(why->shared, (std::vector<std::string>{"kind shelling", "date 2024-01-09",
                                                   "country ARM", "actor AZE"}));
  EXPECT_DOUBLE_EQ(why->score, 1.5);
  // Without a country on one side, only the actor was compared: the rule says so.
  b.countries.clear();
  why = ExplainMatch(a, b, a.day, a.day, FusionOptions{});
  ASSERT_TRUE(why);
  EXPECT_EQ(why->rule, "same_actor");
  EXPECT_EQ(why->shared, (std::vector<std::string>{"kind shelling", "date 2024-01-09", "actor AZE"}));
}

TEST(FusionExplain, ReasonsRoundTripAndTheWeakestJoinSpeaksForTheEvent) {
  MergeReason close{"same_place", 0.04, {"kind shelling", "place 1.0 km"}};
  MergeReason loose{"same_country_and_actor", 1.75, {"ACLED type Battles", "actor RUS"}};
  for (const MergeReason& r : {close, loose}) {
    auto back = ParseMergeReason(MergeReasonJson(r));
    ASSERT_TRUE(back);
    EXPECT_EQ(back->rule, r.rule);
    EXPECT_DOUBLE_EQ(back->score, r.score);
    EXPECT_EQ(back->shared, r.shared);
  }
  EXPECT_FALSE(ParseMergeReason(""));
  EXPECT_FALSE(ParseMergeReason("{\"rule\":1}"));
  EXPECT_FALSE(ParseMergeReason("not json"));
  EXPECT_EQ(WeakestJoin({close, loose, close})->rule, "same_country_and_actor");
  EXPECT_FALSE(WeakestJoin({}));
  std::string out;
  output::JsonWriter w(out);
  WriteEventMerge(w, {close, loose});
  EXPECT_EQ(out, "{\"rule\":\"same_country_and_actor\",\"score\":1.75,\"shared\":"
                 "[\"ACLED type Battles\",\"actor RUS\"],\"joins\":2}");
}

TEST(FusionIndex, SpanIsCappedSoDailyReportsDoNotChain) {
  FusionIndex idx;
  idx.Add(1, Key("shelling", "2024-01-01", 50, 36, "RUS", "UKR", 1));
  idx.Add(1, Key("shelling", "2024-01-02", 50, 36, "RUS", "UKR", 2));
  idx.Add(1, Key("shelling", "2024-01-03", 50, 36, "RUS", "UKR", 3));
  EXPECT_FALSE(idx.Match(Key("shelling", "2024-01-04", 50, 36, "RUS", "UKR", 4)));
}

TEST(FusionIndex, DeniedMentionsStayOut) {
  FusionIndex idx;
  idx.Add(1, Key("shelling", "2024-01-01", 50, 36, "RUS", "UKR", 1));
  MentionKey d = Key("shelling", "2024-01-01", 50, 36, "RUS", "UKR", 2);
  d.modality = "denied";
  EXPECT_FALSE(idx.Fusable(d));
  EXPECT_FALSE(idx.Match(d));
}

Claim C(int64_t n, std::string side, std::vector<std::string> by = {},
        std::optional<int64_t> max = std::nullopt) {
  Claim c;
  c.count = n;
  c.max = max;
  c.victims = "killed";
  c.side = std::move(side);
  c.attribution_actors = std::move(by);
  return c;
}

TEST(Reconcile, MostConservativeTotalAndRange) {
  auto r = ReconcileCasualties({C(2, ""), C(3, ""), C(5, "RUS")});
  EXPECT_EQ(r.figure, 2);
  EXPECT_EQ(r.low, 2);
  EXPECT_EQ(r.high, 5);
  EXPECT_EQ(r.claims, 3);
  ASSERT_EQ(r.by_side.size(), 2u);
}

TEST(Reconcile, SidesAddUpAndRangeUsesBounds) {
  auto r = ReconcileCasualties({C(50, "ARM"), C(7, "AZE", {}, 15)});
  EXPECT_EQ(r.figure, 57);
  EXPECT_EQ(r.low, 7);
  EXPECT_EQ(r.high, 65);
}

TEST(Reconcile, BelligerentClaimsAboutEnemyLossesAreSetAside) {
  // Russia says 200 Ukrainians died; the UN says 12.
  auto r = ReconcileCasualties({C(200, "UKR", {"RUS"}), C(12, "UKR", {"UN"})});
  EXPECT_EQ(r.figure, 12);
  EXPECT_EQ(r.high, 200);
  EXPECT_EQ(r.by_side[0].partisan_dropped, 1);
  // Only the belligerent's word: kept, conservatively.
  auto only = ReconcileCasualties({C(200, "UKR", {"RUS"}), C(150, "UKR", {"RUS"})});
  EXPECT_EQ(only.figure, 150);
}

TEST(Reconcile, OtherVictimTypesIgnored) {
  Claim w = C(30, "");
  w.victims = "wounded";
  auto r = ReconcileCasualties({w});
  EXPECT_EQ(r.claims, 0);
  EXPECT_EQ(r.figure, 0);
  EXPECT_EQ(ReconcileCasualties({w}, "wounded").figure, 30);
}

}  // namespace
}  // namespace tocsin::fuse
