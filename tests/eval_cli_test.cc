// tocsin eval events / eval cameo, end to end on small fixtures (tests/data/eval/).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <string>

namespace {

using ::testing::HasSubstr;

std::string RunTocsin(const std::string& args, int* status) {
  std::string cmd = std::string(TOCSIN_BINARY) + " " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  std::array<char, 4096> buf;
  while (size_t n = fread(buf.data(), 1, buf.size(), p)) out.append(buf.data(), n);
  *status = WEXITSTATUS(pclose(p));
  return out;
}

const std::string kData = std::string(TOCSIN_TEST_DIR) + "/data/eval/";

TEST(EvalCliTest, EventsPrintsPerClassScoresAndJson) {
  int status = 0;
  std::string out = RunTocsin("eval events --gold " + kData + "case_small.tsv", &status);
  EXPECT_EQ(status, 0) << out;
  EXPECT_THAT(out, HasSubstr("SUIC_BOMB"));
  EXPECT_THAT(out, HasSubstr("weighted F1"));
  EXPECT_THAT(out, HasSubstr("macro F1"));
  EXPECT_THAT(out, HasSubstr("accuracy"));
  out = RunTocsin("eval events --format json --fallback PEACE_PROTEST --gold " + kData + "case_small.tsv",
            &status);
  EXPECT_EQ(status, 0) << out;
  EXPECT_THAT(out, HasSubstr("\"fallback\":\"PEACE_PROTEST\""));
  EXPECT_THAT(out, HasSubstr("\"accuracy\":1.0"));  // the no-event snippet is the fallback
}

TEST(EvalCliTest, CameoPrintsRootAgreement) {
  int status = 0;
  std::string out = RunTocsin("eval cameo --gold " + kData + "petr_small.xml", &status);
  EXPECT_EQ(status, 0) << out;
  EXPECT_THAT(out, HasSubstr("root code true positives  2/2"));
}

TEST(EvalCliTest, MissingGoldIsAnError) {
  int status = 0;
  std::string out = RunTocsin("eval events --gold " + kData + "nope.tsv", &status);
  EXPECT_EQ(status, 1);
  EXPECT_THAT(out, HasSubstr("cannot open"));
}

}  // namespace
