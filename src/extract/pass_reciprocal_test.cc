// Unit tests of the reciprocal pass (pass_reciprocal.cc).
#include <gtest/gtest.h>

#include <string>

#include "pass_test_util.h"

namespace tocsin::extract {
namespace {

using pass_test::Analysis;

TEST(PassReciprocal, MutualAccusationsAreOneEventEachWay) {
  Analysis x("reciprocal", "Bakou et Erevan s'accusaient mutuellement de violer le cessez-le-feu.", "fr");
  std::vector<const Event*> accusations;
  for (const auto& ce : x->events)
    if (ce.event.kind == "accusation") accusations.push_back(&ce.event);
  ASSERT_EQ(accusations.size(), 2u);
  ASSERT_TRUE(accusations[0]->actor1 && accusations[0]->actor2);
  ASSERT_TRUE(accusations[1]->actor1 && accusations[1]->actor2);
  EXPECT_EQ(accusations[0]->actor1->code, accusations[1]->actor2->code);
  EXPECT_EQ(accusations[0]->actor2->code, accusations[1]->actor1->code);
  EXPECT_EQ(x->events[0].event.id, "t#e1");
  EXPECT_EQ(x->events[1].event.id, "t#e2");
}

}  // namespace
}  // namespace tocsin::extract
