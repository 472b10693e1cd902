#include "tocsin/eval/geoparse_eval.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace tocsin::eval {
namespace {

// A CLEF HIPE document: tokens rebuilt into text (NoSpaceAfter joins), loc entities as gold
// toponyms without coordinates, the language from the header.
TEST(HipeGold, RebuildsTheTextAndItsPlaceMentions) {
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("tocsin-hipe-" + std::to_string(getpid()) + ".tsv")).string();
  {
    std::ofstream out(path);
    out << "TOKEN\tNE-COARSE-LIT\tNE-COARSE-METO\tNE-FINE-LIT\tNE-FINE-METO\tNE-FINE-COMP\t"
           "NE-NESTED\tNEL-LIT\tNEL-METO\tMISC\n"
        << "# hipe2022:document_id = GDL-1900-01-01-a-i0001\n"
        << "# hipe2022:language = fr\n"
        << "On\tO\tO\tO\tO\tO\tO\t_\t_\t_\n"
        << "écrit\tO\tO\tO\tO\tO\tO\t_\t_\t_\n"
        << "de\tO\tO\tO\tO\tO\tO\t_\t_\t_\n"
        << "Val\tB-loc\tO\tB-loc.adm.town\tO\tO\tO\tQ70526\t_\tNoSpaceAfter\n"
        << "-\tI-loc\tO\tI-loc.adm.town\tO\tO\tO\tQ70526\t_\tNoSpaceAfter\n"
        << "de\tI-loc\tO\tI-loc.adm.town\tO\tO\tO\tQ70526\t_\tNoSpaceAfter\n"
        << "-\tI-loc\tO\tI-loc.adm.town\tO\tO\tO\tQ70526\t_\tNoSpaceAfter\n"
        << "Travers\tI-loc\tO\tI-loc.adm.town\tO\tO\tO\tQ70526\t_\t_\n"
        << "et\tO\tO\tO\tO\tO\tO\t_\t_\t_\n"
        << "de\tO\tO\tO\tO\tO\tO\t_\t_\t_\n"
        << "Genève\tB-loc\tO\tB-loc.adm.town\tO\tO\tO\tQ71\t_\tNoSpaceAfter\n"
        << ".\tO\tO\tO\tO\tO\tO\t_\t_\tEndOfSentence\n";
  }
  std::string lang;
  auto gold = ReadHipeGold(path, &lang);
  std::remove(path.c_str());
  ASSERT_TRUE(gold.ok()) << gold.status().ToString();
  EXPECT_EQ(lang, "fr");
  ASSERT_EQ(gold->articles.size(), 1u);
  const GoldArticle& a = gold->articles[0];
  EXPECT_EQ(a.id, "GDL-1900-01-01-a-i0001");
  EXPECT_EQ(a.text, "On écrit de Val-de-Travers et de Genève.");
  ASSERT_EQ(a.toponyms.size(), 2u);
  EXPECT_EQ(a.toponyms[0].name, "Val-de-Travers");
  EXPECT_EQ(a.text.substr(a.toponyms[1].start, a.toponyms[1].end - a.toponyms[1].start), "Genève");
  EXPECT_FALSE(a.toponyms[1].has_coords);
}

TEST(HipeGold, TokensBeforeAnyDocumentAreAnErrorNamingTheLine) {
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("tocsin-hipe-bad-" + std::to_string(getpid()) + ".tsv")).string();
  { std::ofstream(path) << "Genève\tB-loc\t_\n"; }
  auto gold = ReadHipeGold(path);
  std::remove(path.c_str());
  ASSERT_FALSE(gold.ok());
  EXPECT_NE(gold.status().message().find(":1:"), std::string::npos) << gold.status().message();
}

}  // namespace
}  // namespace tocsin::eval
