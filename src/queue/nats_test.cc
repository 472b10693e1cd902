// Message encoding and subjects of the NATS queue (no server needed); the fleet itself is
// tested end to end in tests/scale_cli_test.cc.
#include "tocsin/queue/nats.h"

#include <gtest/gtest.h>

namespace tocsin::queue {
namespace {

TEST(QueueTest, DocumentsSurviveTheRoundTripByteForByte) {
  Document d;
  d.id = "w-1";
  d.title = "Обстріл";
  d.text = "Line one\nline \"two\"\twith tab and é";
  d.date = "2024-01-12";
  d.lang = "uk";
  d.url = "https://example.org/1";
  d.source = "Wire";
  d.origin = "https://example.org/feed.rss#1";
  auto back = DecodeDocument(EncodeDocument(d));
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->id, d.id);
  EXPECT_EQ(back->title, d.title);
  EXPECT_EQ(back->text, d.text);  // evidence offsets point into it: exact bytes
  EXPECT_EQ(back->date, d.date);
  EXPECT_EQ(back->lang, d.lang);
  EXPECT_EQ(back->url, d.url);
  EXPECT_EQ(back->source, d.source);
  EXPECT_EQ(back->origin, d.origin);
}

TEST(QueueTest, UnreadableMessagesAreErrorsNamingWhatIsWrong) {
  EXPECT_EQ(DecodeDocument("not json").status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(DecodeDocument("[1]").status().message().find("not a JSON object"),
            std::string::npos);
  EXPECT_NE(DecodeDocument("{\"text\": 5}").status().message().find("\"text\""),
            std::string::npos);
  EXPECT_NE(DecodeDocument("{\"id\": \"x\"}").status().message().find("neither"),
            std::string::npos);
  auto no_id = DecodeDocument("{\"text\": \"t\"}");
  ASSERT_TRUE(no_id.ok());
  EXPECT_EQ(no_id->id.size(), 16u);  // from the content hash
}

TEST(QueueTest, SubjectsAndNames) {
  EXPECT_EQ(SubjectFor("tocsin", "Kyiv Independent"), "tocsin.kyiv_independent");
  EXPECT_EQ(SubjectFor("tocsin", ""), "tocsin.unknown");
  EXPECT_EQ(SubjectFor("tocsin", "a.b>*"), "tocsin.a_b__");  // no wildcards or levels
  EXPECT_EQ(SubjectFor("tocsin", std::string(100, 'x')).size(), 7u + 64u);
  EXPECT_TRUE(ValidName("tocsin-worker_2"));
  EXPECT_FALSE(ValidName("a.b"));
  EXPECT_FALSE(ValidName(""));
  EXPECT_TRUE(IsNatsUrl("nats://127.0.0.1:4222"));
  EXPECT_FALSE(IsNatsUrl("http://127.0.0.1:4222"));
  // Connection errors never show a password.
  auto p = Publisher::Connect("nats://tocsin:s3cret@127.0.0.1:1", "tocsin");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().message().find("s3cret"), std::string::npos) << p.status().message();
  EXPECT_NE(p.status().message().find("cannot connect to NATS"), std::string::npos);
}

}  // namespace
}  // namespace tocsin::queue
