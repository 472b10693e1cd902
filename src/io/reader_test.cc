#include "tocsin/io/reader.h"

#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace tocsin::io {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

const std::string kDataDir = std::string(TOCSIN_TEST_DIR) + "/data/io/";

std::vector<DocumentOrError> ReadAll(const std::string& path, const ReadOptions& options = {}) {
  std::vector<DocumentOrError> out;
  Status s = ReadDocuments(path, options, [&](DocumentOrError d) { out.push_back(std::move(d)); });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return out;
}

std::vector<DocumentOrError> ReadString(const std::string& bytes, const ReadOptions& options = {},
                                        InputFormat format = InputFormat::kUnknown) {
  std::istringstream in(bytes);
  std::vector<DocumentOrError> out;
  Status s = ReadDocumentsFromStream(in, "<stdin>", format, options,
                                     [&](DocumentOrError d) { out.push_back(std::move(d)); });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return out;
}

// A scratch file removed at the end of the test.
// A folder of this process's own: CTest runs tests in parallel processes, and file names are
// part of what some tests check (default ids).
std::string ProcessDir() {
  std::string dir = testing::TempDir() + "/tocsin_io_" + std::to_string(::getpid());
  std::filesystem::create_directories(dir);
  return dir;
}

class TempFile {
 public:
  TempFile(const std::string& name, const std::string& content)
      : path_(ProcessDir() + "/tocsin_io_" + name) {
    std::ofstream(path_, std::ios::binary) << content;
  }
  ~TempFile() { std::filesystem::remove(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// ---------------------------------------------------------------------------------------
// Plain text.

TEST(TextReaderTest, FixtureWithBomCrlfAndLeadingBlankLine) {
  auto docs = ReadAll(kDataDir + "article.txt");
  ASSERT_EQ(docs.size(), 1u);
  ASSERT_TRUE(docs[0].document.ok()) << docs[0].document.status().ToString();
  const Document& d = *docs[0].document;
  EXPECT_EQ(d.title, "L’Arménie accuse l’Azerbaïdjan");
  EXPECT_THAT(d.text, StartsWith("Des tirs d’artillerie ont visé Jermuk"));
  EXPECT_THAT(d.text, HasSubstr("\r\n"));  // bytes kept as they are
  EXPECT_EQ(d.id, "article.txt");
  EXPECT_EQ(d.origin, kDataDir + "article.txt");
  EXPECT_EQ(docs[0].origin, d.origin);
  EXPECT_EQ(d.date, "");
  EXPECT_EQ(d.lang, "");
}

TEST(TextReaderTest, TextKeepsOriginalBytesAfterTitleLine) {
  const std::string text = "  Premier paragraphe.\n\n\tSecond  paragraphe, espaces gardés.\n";
  auto doc = ParseTextDocument("\n\nTitre\n" + text, "a.txt", {});
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->title, "Titre");
  EXPECT_EQ(doc->text, text);
}

// Regression: a file of one 8 MB line became an 8 MB title, which extraction never cuts into
// parts: 13 s instead of 4 (16 MiB: 50 s instead of 4). A first line longer than any headline
// is text.
TEST(TextReaderTest, AFirstLineLongerThanAnyHeadlineIsText) {
  std::string line;
  while (line.size() <= 1000) line += "Russian forces shelled Kharkiv on Monday. ";
  for (const std::string& bytes : {line, "\n\n" + line + "\nMore.\n"}) {
    auto doc = ParseTextDocument(bytes, "long.txt", {});
    ASSERT_TRUE(doc.ok());
    EXPECT_EQ(doc->title, "");
    EXPECT_EQ(doc->text.substr(0, line.size()), line);
  }
  // A long headline is still a title.
  auto doc = ParseTextDocument(line.substr(0, 900) + "\ntext", "t.txt", {});
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->text, "text");
}

TEST(TextReaderTest, TitleOnlyFileHasEmptyText) {
  for (const char* bytes : {"Just a title", "Just a title\n", "Just a title\r\n\r\n  \n"}) {
    auto doc = ParseTextDocument(bytes, "t.txt", {});
    ASSERT_TRUE(doc.ok()) << bytes;
    EXPECT_EQ(doc->title, "Just a title");
    EXPECT_EQ(doc->text, "");
  }
}

TEST(TextReaderTest, OptionsFillDateAndLang) {
  ReadOptions options;
  options.default_date = "2022-09-13";
  options.forced_lang = "fr";
  auto doc = ParseTextDocument("T\nbody", "t.txt", options);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->date, "2022-09-13");
  EXPECT_EQ(doc->lang, "fr");
  EXPECT_EQ(doc->id, "t.txt");
}

TEST(TextReaderTest, EmptyAndBlankFilesAreErrors) {
  auto docs = ReadAll(kDataDir + "blank.txt");
  ASSERT_EQ(docs.size(), 1u);
  ASSERT_FALSE(docs[0].document.ok());
  EXPECT_THAT(docs[0].document.status().message(),
              StartsWith(kDataDir + "blank.txt: empty document; "));
  EXPECT_FALSE(ParseTextDocument("", "e.txt", {}).ok());
  EXPECT_FALSE(ParseTextDocument("\xEF\xBB\xBF \n", "e.txt", {}).ok());
}

TEST(TextReaderTest, Latin1FileGetsTheUtf8Error) {
  auto docs = ReadAll(kDataDir + "latin1.txt");
  ASSERT_EQ(docs.size(), 1u);
  const Status s = docs[0].document.status();
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), kDataDir +
                             "latin1.txt: invalid UTF-8 at byte 3 (line 1); re-encode the file "
                             "as UTF-8 (e.g. iconv -f latin1 -t utf-8)");
}

TEST(TextReaderTest, BinaryWithNulBytesIsRefused) {
  const std::string binary("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  auto doc = ParseTextDocument(binary, "image.txt", {});
  ASSERT_FALSE(doc.ok());
  EXPECT_THAT(doc.status().message(), HasSubstr("invalid UTF-8 at byte"));
  auto nul = ParseTextDocument(std::string("Title\ntext\0more", 15), "n.txt", {});
  ASSERT_FALSE(nul.ok());
  EXPECT_THAT(nul.status().message(), HasSubstr("invalid UTF-8 at byte 10 (line 2)"));
}

TEST(TextReaderTest, DocumentOverTheLimitIsResourceExhausted) {
  ReadOptions options;
  options.max_document_bytes = 100;
  const std::string big = "Title\n" + std::string(200, 'x');
  auto doc = ParseTextDocument(big, "big.txt", options);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), StatusCode::kResourceExhausted);
  EXPECT_THAT(doc.status().message(), AllOf(StartsWith("big.txt: "), HasSubstr("206 bytes"),
                                            HasSubstr("limit of 100 bytes")));

  TempFile file("big.txt", big);
  auto docs = ReadAll(file.path(), options);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].document.status().code(), StatusCode::kResourceExhausted);
  EXPECT_THAT(docs[0].document.status().message(), HasSubstr("206 bytes"));

  // Same from a stream, whose size is not known in advance.
  auto streamed = ReadString(big, options, InputFormat::kText);
  ASSERT_EQ(streamed.size(), 1u);
  EXPECT_EQ(streamed[0].document.status().code(), StatusCode::kResourceExhausted);
  EXPECT_THAT(streamed[0].document.status().message(), HasSubstr("206 bytes"));
}

// ---------------------------------------------------------------------------------------
// JSON.

TEST(JsonReaderTest, FixtureWithAliases) {
  auto docs = ReadAll(kDataDir + "article.json");
  ASSERT_EQ(docs.size(), 1u);
  ASSERT_TRUE(docs[0].document.ok()) << docs[0].document.status().ToString();
  const Document& d = *docs[0].document;
  EXPECT_EQ(d.id, "afp-2022-0913-001");
  EXPECT_EQ(d.title, "Armenia says 49 soldiers killed in Azerbaijani shelling");
  EXPECT_THAT(d.text, StartsWith("Azerbaijani forces shelled Jermuk"));
  EXPECT_THAT(d.text, HasSubstr(".\nAt least"));
  EXPECT_EQ(d.date, "2022-09-13");  // from "published", datetime cut to the date
  EXPECT_EQ(d.lang, "en");          // "en-GB" normalised
  EXPECT_EQ(d.url, "https://example.org/armenia-shelling");
  EXPECT_EQ(d.source, "Example Wire");
}

TEST(JsonReaderTest, DefaultIdIsTheFileNameAndDatesAreOptional) {
  TempFile file("noid.json", R"({"text": "Shelling near Kapan.", "content": "ignored"})");
  ReadOptions options;
  options.default_date = "2022-09-15";
  auto docs = ReadAll(file.path(), options);
  ASSERT_EQ(docs.size(), 1u);
  ASSERT_TRUE(docs[0].document.ok());
  EXPECT_EQ(docs[0].document->id, "tocsin_io_noid.json");
  EXPECT_EQ(docs[0].document->text, "Shelling near Kapan.");  // "text" wins over aliases
  EXPECT_EQ(docs[0].document->date, "2022-09-15");
  EXPECT_EQ(docs[0].document->origin, file.path());
}

TEST(JsonReaderTest, ForcedLangOverridesTheDocument) {
  ReadOptions options;
  options.forced_lang = "ru";
  auto doc = ParseJsonDocument(R"({"text": "x", "lang": "fr"})", "d.json", options);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->lang, "ru");
}

TEST(JsonReaderTest, DateForms) {
  auto date_of = [](const std::string& field) {
    auto doc = ParseJsonDocument(R"({"text": "x", )" + field + "}", "d.json", {});
    return doc.ok() ? doc->date : "ERROR: " + doc.status().message();
  };
  EXPECT_EQ(date_of(R"("date": "2022-09-13")"), "2022-09-13");
  EXPECT_EQ(date_of(R"("date": "2022-09-13T08:00:00Z")"), "2022-09-13");
  EXPECT_EQ(date_of(R"("publication_date": "2022-09-13T23:59:00-05:00")"), "2022-09-13");
  EXPECT_EQ(date_of(R"("date": "")"), "");
  EXPECT_EQ(date_of(R"("date": null)"), "");
  EXPECT_THAT(date_of(R"("date": "13/09/2022")"),
              HasSubstr("d.json: field \"date\" is not a date: \"13/09/2022\""));
  EXPECT_THAT(date_of(R"("published": "2022-02-30")"), HasSubstr("field \"published\""));
}

TEST(JsonReaderTest, MissingTextNamesTheField) {
  auto doc = ParseJsonDocument(R"({"title": "no text"})", "file.json", {});
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(doc.status().message(),
            "file.json: field \"text\" is missing; each document needs a \"text\" string");
}

TEST(JsonReaderTest, WrongTypesNameTheField) {
  for (const char* field : {"id", "title", "text", "date", "lang", "url", "source"}) {
    const std::string json = std::string("{\"text\": \"x\", \"") + field + "\": 12}";
    auto doc = ParseJsonDocument(json, "file.json", {});
    ASSERT_FALSE(doc.ok()) << field;
    EXPECT_THAT(doc.status().message(), StartsWith(std::string("file.json: field \"") + field +
                                                   "\" must be a string, found number"))
        << field;
  }
  // An alias is read (and type-checked) only when the main field is absent.
  auto alias = ParseJsonDocument(R"({"body": 12, "content": "x"})", "file.json", {});
  EXPECT_THAT(alias.status().message(), HasSubstr("field \"body\" must be a string"));
  auto shadowed = ParseJsonDocument(R"({"text": "x", "body": 12})", "file.json", {});
  EXPECT_TRUE(shadowed.ok());
  auto array_text = ParseJsonDocument(R"({"text": ["a", "b"]})", "file.json", {});
  EXPECT_THAT(array_text.status().message(), HasSubstr("\"text\" must be a string, found array"));
}

TEST(JsonReaderTest, MalformedJsonGivesLineAndColumn) {
  auto doc = ParseJsonDocument("{\n  \"text\": \"x\",\n  \"title\" \"y\"\n}", "file.json", {});
  ASSERT_FALSE(doc.ok());
  EXPECT_THAT(doc.status().message(), StartsWith("file.json: malformed JSON at line 3, column "));
}

TEST(JsonReaderTest, TopLevelMustBeAnObject) {
  auto doc = ParseJsonDocument(R"([{"text": "a"}])", "file.json", {});
  ASSERT_FALSE(doc.ok());
  EXPECT_THAT(doc.status().message(),
              AllOf(HasSubstr("expected one JSON object, found array"), HasSubstr(".jsonl")));
}

TEST(JsonReaderTest, EscapedNulAndLoneSurrogatesAreRejected) {
  auto nul = ParseJsonDocument(R"({"text": "a\u0000b"})", "file.json", {});
  ASSERT_FALSE(nul.ok());
  EXPECT_THAT(nul.status().message(), HasSubstr("field \"text\" contains a NUL character"));
  auto surrogate = ParseJsonDocument(R"({"text": "a\ud800b"})", "file.json", {});
  ASSERT_FALSE(surrogate.ok());
  EXPECT_THAT(surrogate.status().message(), HasSubstr("malformed JSON"));
  auto escaped = ParseJsonDocument(R"({"text": "Arm\u00e9nie \ud83d\ude00"})", "file.json", {});
  ASSERT_TRUE(escaped.ok());
  EXPECT_EQ(escaped->text, "Arménie 😀");
}

TEST(JsonReaderTest, InvalidUtf8AndEmpty) {
  auto bad = ParseJsonDocument("{\"text\": \"Arm\xe9nie\"}", "file.json", {});
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), StartsWith("file.json: invalid UTF-8 at byte 13 (line 1)"));
  auto empty = ParseJsonDocument("  \n", "file.json", {});
  EXPECT_THAT(empty.status().message(), StartsWith("file.json: empty document; "));
  auto blank = ParseJsonDocument(R"({"text": "  "})", "file.json", {});
  EXPECT_THAT(blank.status().message(), StartsWith("file.json: empty document; "));
}

// ---------------------------------------------------------------------------------------
// JSONL.

TEST(JsonlReaderTest, BadLinesDoNotStopTheOthers) {
  const std::string path = kDataDir + "batch.jsonl";
  auto docs = ReadAll(path);
  ASSERT_EQ(docs.size(), 5u);  // line 2 is blank

  EXPECT_EQ(docs[0].origin, path + ":1");
  ASSERT_TRUE(docs[0].document.ok());
  EXPECT_EQ(docs[0].document->id, "n1");
  EXPECT_EQ(docs[0].document->lang, "ru");
  EXPECT_EQ(docs[0].document->origin, path + ":1");

  EXPECT_EQ(docs[1].origin, path + ":3");
  ASSERT_TRUE(docs[1].document.ok());
  EXPECT_EQ(docs[1].document->id, "batch.jsonl:3");
  EXPECT_EQ(docs[1].document->date, "2022-09-14");

  EXPECT_EQ(docs[2].origin, path + ":4");
  ASSERT_FALSE(docs[2].document.ok());
  EXPECT_THAT(docs[2].document.status().message(),
              StartsWith(path + ":4: malformed JSON at column "));

  EXPECT_EQ(docs[3].origin, path + ":5");
  EXPECT_THAT(docs[3].document.status().message(),
              StartsWith(path + ":5: field \"text\" must be a string, found number"));

  ASSERT_TRUE(docs[4].document.ok());
  EXPECT_EQ(docs[4].document->id, "n6");
  EXPECT_EQ(docs[4].document->date, "2022-09-14");
}

TEST(JsonlReaderTest, InvalidUtf8LineGivesTheFileOffset) {
  const std::string first = "{\"text\": \"ok\"}\n";
  TempFile file("bad.jsonl", first + "{\"text\": \"Arm\xe9nie\"}\r\n{\"text\": \"ok too\"}\r\n");
  auto docs = ReadAll(file.path());
  ASSERT_EQ(docs.size(), 3u);
  EXPECT_TRUE(docs[0].document.ok());
  ASSERT_FALSE(docs[1].document.ok());
  EXPECT_EQ(docs[1].document.status().message(),
            file.path() + ": invalid UTF-8 at byte " + std::to_string(first.size() + 13) +
                " (line 2); re-encode the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)");
  ASSERT_TRUE(docs[2].document.ok());
  EXPECT_EQ(docs[2].document->text, "ok too");
}

TEST(JsonlReaderTest, HugeFileOfSmallLinesStreamsAndLongLineFailsAlone) {
  ReadOptions options;
  options.max_document_bytes = 1000;  // far smaller than the file
  std::string content = "\xEF\xBB\xBF";
  for (int i = 1; i <= 5000; ++i) {
    if (i == 2500) {
      content += "{\"text\": \"" + std::string(300000, 'x') + "\"}\n";
    } else {
      content += "{\"id\": \"d" + std::to_string(i) + "\", \"text\": \"event " + std::to_string(i) +
                 "\"}\n";
    }
  }
  content += "{\"id\": \"last\", \"text\": \"no final newline\"}";
  TempFile file("huge.jsonl", content);
  ASSERT_GT(content.size(), 100 * options.max_document_bytes);

  int ok = 0;
  std::vector<DocumentOrError> errors;
  std::string last_id;
  Status s = ReadDocuments(file.path(), options, [&](DocumentOrError d) {
    if (d.document.ok()) {
      ++ok;
      last_id = d.document->id;
    } else {
      errors.push_back(std::move(d));
    }
  });
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(ok, 5000);
  EXPECT_EQ(last_id, "last");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].origin, file.path() + ":2500");
  EXPECT_EQ(errors[0].document.status().code(), StatusCode::kResourceExhausted);
  EXPECT_THAT(errors[0].document.status().message(),
              AllOf(HasSubstr("line is 300012 bytes"), HasSubstr("limit of 1000 bytes")));
}

TEST(JsonlReaderTest, EmptyJsonlFileIsOneError) {
  TempFile file("empty.jsonl", "\n\n   \n");
  auto docs = ReadAll(file.path());
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_THAT(docs[0].document.status().message(), HasSubstr("empty document"));
}

// ---------------------------------------------------------------------------------------
// HTML.

TEST(HtmlReaderTest, FixtureArticleWithScriptsAndChrome) {
  auto docs = ReadAll(kDataDir + "article.html");
  ASSERT_EQ(docs.size(), 1u);
  ASSERT_TRUE(docs[0].document.ok()) << docs[0].document.status().ToString();
  const Document& d = *docs[0].document;
  EXPECT_EQ(d.title, "Arménie : l’Azerbaïdjan bombarde Jermuk & Goris");
  EXPECT_EQ(d.text,
            "L’Azerbaïdjan bombarde Jermuk\n"
            "Des tirs d’artillerie ont visé Jermuk et Goris\u00a0dans la nuit.\n"
            "Le ministère arménien de la Défense fait état de 49 soldats tués.");
  EXPECT_EQ(d.date, "2022-09-13");
  EXPECT_EQ(d.lang, "fr");
  EXPECT_EQ(d.url, "https://exemple.fr/armenie-jermuk");
  EXPECT_EQ(d.source, "Exemple Infos");
  EXPECT_EQ(d.id, "article.html");
  for (const char* dropped :
       {"tracker", "publicité", "Accueil", "Abonnez", "autre chose", "Chercher", "©", "color"}) {
    EXPECT_THAT(d.text, Not(HasSubstr(dropped)));
  }
}

TEST(HtmlReaderTest, MalformedHtmlIsRecovered) {
  auto docs = ReadAll(kDataDir + "broken.html");
  ASSERT_EQ(docs.size(), 1u);
  ASSERT_TRUE(docs[0].document.ok()) << docs[0].document.status().ToString();
  const Document& d = *docs[0].document;
  EXPECT_EQ(d.title, "Broken page");
  EXPECT_THAT(d.text, HasSubstr("First paragraph with unclosed bold"));
  EXPECT_THAT(d.text, HasSubstr("Second paragraph & an unknown"));
  EXPECT_THAT(d.text, HasSubstr("cell one\ncell two"));
  EXPECT_THAT(d.text, HasSubstr("Last one"));
}

TEST(HtmlReaderTest, BodyWithoutArticleTitleFromH1AndTimeDate) {
  const char* html =
      "<html><body><nav>Menu</nav><h1>Frappe sur Kharkiv</h1>"
      "<p>Une frappe a touché <em>Kharkiv</em>.</p><div>Deux blessés.<br>Bilan provisoire.</div>"
      "<p><time datetime=\"2022-09-14T10:00\">14 septembre</time></p>"
      "<script>alert(1)</script><style>x{}</style></body></html>";
  auto doc = ParseHtmlDocument(html, "page.html", {});
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->title, "Frappe sur Kharkiv");
  EXPECT_EQ(doc->text,
            "Frappe sur Kharkiv\nUne frappe a touché Kharkiv.\nDeux blessés.\nBilan provisoire.\n"
            "14 septembre");
  EXPECT_EQ(doc->date, "2022-09-14");
  EXPECT_EQ(doc->id, "page.html");
}

TEST(HtmlReaderTest, ForcedUtf8DespiteAStaleCharsetDeclaration) {
  auto doc = ParseHtmlDocument(
      "<html><head><meta charset=\"iso-8859-1\"></head><body><p>Arménie</p></body></html>",
      "p.html", {});
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->text, "Arménie");
}

TEST(HtmlReaderTest, PagesWithoutTextAreErrors) {
  auto scripts_only = ParseHtmlDocument(
      "<html><head><title>App</title><script>render()</script></head><body><div id=root>"
      "</div><script>more()</script></body></html>",
      "app.html", {});
  ASSERT_FALSE(scripts_only.ok());
  EXPECT_THAT(scripts_only.status().message(), StartsWith("app.html: no article text"));
  auto nothing = ParseHtmlDocument("<html><body><script>x()</script></body></html>", "n.html", {});
  EXPECT_THAT(nothing.status().message(), StartsWith("n.html: empty document; "));
  EXPECT_THAT(ParseHtmlDocument("", "e.html", {}).status().message(), HasSubstr("empty document"));
  auto latin1 = ParseHtmlDocument("<p>Arm\xe9nie</p>", "l.html", {});
  EXPECT_THAT(latin1.status().message(), HasSubstr("invalid UTF-8 at byte 6 (line 1)"));
}

std::string NestedHtml(int depth, const std::string& text) {
  std::string html = "<html><body>";
  for (int i = 0; i < depth; ++i) html += "<div>";
  html += text;
  for (int i = 0; i < depth; ++i) html += "</div>";
  return html + "</body></html>";
}

// Issue 15: 255 nested elements or more lost all the text, with the misleading error "the
// file holds no text". Either the text is kept, or the error says why.
TEST(HtmlReaderTest, DeepNestingKeepsTheTextOrSaysWhy) {
  auto shallow = ParseHtmlDocument(NestedHtml(200, "Shelling hit Goris."), "200.html", {});
  ASSERT_TRUE(shallow.ok()) << shallow.status().message();
  EXPECT_EQ(shallow->text, "Shelling hit Goris.");
  for (int depth : {255, 300, 5000}) {
    auto deep = ParseHtmlDocument(NestedHtml(depth, "Shelling hit Goris."), "deep.html", {});
    if (deep.ok()) {
      EXPECT_EQ(deep->text, "Shelling hit Goris.") << depth;
      continue;
    }
    EXPECT_THAT(deep.status().message(), Not(HasSubstr("holds no text"))) << depth;
    EXPECT_THAT(deep.status().message(),
                AllOf(StartsWith("deep.html: "), HasSubstr("nested more than 256 deep")))
        << depth;
  }
}

// ---------------------------------------------------------------------------------------
// Sniffing, stdin and files.

TEST(SniffTest, Formats) {
  EXPECT_EQ(SniffFormat(""), InputFormat::kText);
  EXPECT_EQ(SniffFormat("Title\nText"), InputFormat::kText);
  EXPECT_EQ(SniffFormat("\xEF\xBB\xBF  <!DOCTYPE html>"), InputFormat::kHtml);
  EXPECT_EQ(SniffFormat("{\"text\": \"a\"}"), InputFormat::kJson);
  EXPECT_EQ(SniffFormat("{\"text\": \"a\"}\n\n"), InputFormat::kJson);
  EXPECT_EQ(SniffFormat("{\n  \"text\": \"a\"\n}\n"), InputFormat::kJson);
  EXPECT_EQ(SniffFormat("{\"text\": \"a\"}\n{\"text\": \"b\"}\n"), InputFormat::kJsonl);
  EXPECT_EQ(SniffFormat("{\"text\": \"a\"\n\n{\"text\": \"b\"}\n"), InputFormat::kJsonl);
  EXPECT_EQ(SniffFormat("[{\"text\": \"a\"}]"), InputFormat::kJson);
  EXPECT_EQ(FormatFromExtension("a/b/C.JSONL"), InputFormat::kJsonl);
  EXPECT_EQ(FormatFromExtension("x.htm"), InputFormat::kHtml);
  EXPECT_EQ(FormatFromExtension("x.txt"), InputFormat::kText);
  EXPECT_EQ(FormatFromExtension("x.json"), InputFormat::kJson);
  EXPECT_EQ(FormatFromExtension("dir.d/README"), InputFormat::kUnknown);
}

TEST(StdinTest, SniffsEachFormat) {
  auto text = ReadString("Titre\nCorps du texte.");
  ASSERT_EQ(text.size(), 1u);
  ASSERT_TRUE(text[0].document.ok());
  EXPECT_EQ(text[0].document->title, "Titre");
  EXPECT_EQ(text[0].document->id, "<stdin>");
  EXPECT_EQ(text[0].document->origin, "<stdin>");

  auto json = ReadString("{\n \"text\": \"Corps\",\n \"title\": \"T\"\n}\n");
  ASSERT_EQ(json.size(), 1u);
  ASSERT_TRUE(json[0].document.ok());
  EXPECT_EQ(json[0].document->id, "<stdin>");

  auto jsonl = ReadString("{\"text\": \"a\"}\nnot json\n{\"text\": \"c\"}\n");
  ASSERT_EQ(jsonl.size(), 3u);
  EXPECT_TRUE(jsonl[0].document.ok());
  EXPECT_EQ(jsonl[0].document->id, "<stdin>:1");
  EXPECT_THAT(jsonl[1].document.status().message(), StartsWith("<stdin>:2: malformed JSON"));
  EXPECT_EQ(jsonl[2].document->origin, "<stdin>:3");

  auto html = ReadString("<html><body><p>Corps</p></body></html>");
  ASSERT_EQ(html.size(), 1u);
  ASSERT_TRUE(html[0].document.ok());
  EXPECT_EQ(html[0].document->text, "Corps");

  auto empty = ReadString("");
  ASSERT_EQ(empty.size(), 1u);
  EXPECT_THAT(empty[0].document.status().message(), StartsWith("<stdin>: empty document"));
}

TEST(FileTest, UnknownExtensionsAreSniffed) {
  auto jsonl = ReadAll(kDataDir + "sniff-jsonl.data");
  ASSERT_EQ(jsonl.size(), 2u);
  EXPECT_EQ(jsonl[1].document->id, "s2");
  EXPECT_EQ(jsonl[1].origin, kDataDir + "sniff-jsonl.data:2");
  auto html = ReadAll(kDataDir + "sniff-html.data");
  ASSERT_EQ(html.size(), 1u);
  ASSERT_TRUE(html[0].document.ok());
  EXPECT_EQ(html[0].document->text, "Sniffed HTML page.");
}

TEST(FileTest, MissingFileAndDirectoryFailWithoutEmitting) {
  int emitted = 0;
  auto count = [&](DocumentOrError) { ++emitted; };
  Status missing = ReadDocuments(kDataDir + "no-such-file.txt", {}, count);
  EXPECT_EQ(missing.code(), StatusCode::kNotFound);
  EXPECT_THAT(missing.message(), HasSubstr("no-such-file.txt: no such file"));
  Status dir = ReadDocuments(kDataDir, {}, count);
  EXPECT_FALSE(dir.ok());
  EXPECT_THAT(dir.message(), HasSubstr("is a directory"));
  EXPECT_EQ(emitted, 0);
}

// Regression: a JSONL line cut in the middle of a long text quoted the whole text (2 KB and
// more) in the error message. The message now keeps only the end of what was read.
TEST(JsonReaderTest, MalformedLongStringGivesAShortMessage) {
  std::string line = "{\"text\": \"" + std::string(5000, 'a');  // no closing quote
  auto doc = ParseJsonDocument(line, "cut.jsonl:7", ReadOptions{});
  ASSERT_FALSE(doc.ok());
  EXPECT_LT(doc.status().message().size(), 400u) << doc.status().message();
  EXPECT_NE(doc.status().message().find("cut.jsonl:7"), std::string::npos);
}

// Documents given field by field (the Python module) get the checks of .json documents.
TEST(DocumentFromFieldsTest, ChecksFieldsAsJsonDocuments) {
  ReadOptions read;
  read.default_date = "2022-09-14";
  DocumentFields f;
  f.text = "Goris was shelled.";
  f.has_text = true;
  f.date = "2022-09-13T08:00:00Z";
  f.lang = "FR-fr";
  auto doc = DocumentFromFields(f, "documents[2]", read);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->date, "2022-09-13");
  EXPECT_EQ(doc->lang, "fr");
  EXPECT_EQ(doc->id, "documents[2]");
  f.date = "";
  EXPECT_EQ(DocumentFromFields(f, "d", read)->date, "2022-09-14");

  DocumentFields bad_date = f;
  bad_date.date = "13/09/2022";
  bad_date.date_field = "published";
  EXPECT_THAT(DocumentFromFields(bad_date, "d", read).status().message(),
              HasSubstr("d: field \"published\" is not a date: \"13/09/2022\""));
  DocumentFields no_text;
  EXPECT_THAT(DocumentFromFields(no_text, "d", read).status().message(),
              HasSubstr("field \"text\" is missing"));
  DocumentFields blank = f;
  blank.text = "  \n";
  EXPECT_THAT(DocumentFromFields(blank, "d", read).status().message(), HasSubstr("empty document"));
  DocumentFields nul = f;
  nul.title = std::string("a\0b", 3);
  EXPECT_THAT(DocumentFromFields(nul, "d", read).status().message(),
              HasSubstr("field \"title\" contains a NUL"));
  ReadOptions small;
  small.max_document_bytes = 4;
  EXPECT_EQ(DocumentFromFields(f, "d", small).status().code(), StatusCode::kResourceExhausted);
}

// Issue 15: `tocsin extract /dev/zero` waited forever.
TEST(FileTest, DevicesAreRefused) {
  std::vector<std::string> errors;
  size_t docs = 0;
  Status st = ReadDocuments("/dev/zero", {}, [&](DocumentOrError d) { ++docs; });
  ASSERT_FALSE(st.ok());
  EXPECT_THAT(st.message(), AllOf(StartsWith("/dev/zero: "), HasSubstr("device")));
  EXPECT_EQ(docs, 0u);
}

// An endless stream (a pipe from /dev/zero) is bounded: read up to the limit plus a bounded
// amount, then one error.
TEST(StdinTest, EndlessStreamIsBounded) {
  // A streambuf that never ends, like a pipe from /dev/zero or yes(1).
  struct Endless : std::streambuf {
    char buf[4096];
    explicit Endless(char c) { std::fill(buf, buf + sizeof buf, c); }
    int_type underflow() override {
      setg(buf, buf, buf + sizeof buf);
      return traits_type::to_int_type(buf[0]);
    }
  };
  ReadOptions small;
  small.max_document_bytes = 1 << 20;
  for (InputFormat format : {InputFormat::kText, InputFormat::kJsonl, InputFormat::kUnknown}) {
    Endless zeros(format == InputFormat::kJsonl ? '{' : 'a');
    std::istream in(&zeros);
    std::vector<std::string> errors;
    Status st = ReadDocumentsFromStream(in, "<stdin>", format, small, [&](DocumentOrError d) {
      if (!d.document.ok()) errors.push_back(d.document.status().message());
    });
    EXPECT_TRUE(st.ok()) << st.message();
    ASSERT_EQ(errors.size(), 1u) << static_cast<int>(format);
    EXPECT_THAT(errors[0], HasSubstr("more than")) << errors[0];
    EXPECT_LT(errors[0].size(), 400u);
  }
}

TEST(JsonReaderTest, ABadDateIsQuotedShort) {
  const std::string date(100000, '9');
  auto d = ParseJsonDocument("{\"text\":\"x\",\"date\":\"" + date + "\"}", "d.json", {});
  ASSERT_FALSE(d.ok());
  EXPECT_THAT(d.status().message(), HasSubstr("is not a date"));
  EXPECT_LT(d.status().message().size(), 600u);
}

}  // namespace
}  // namespace tocsin::io
