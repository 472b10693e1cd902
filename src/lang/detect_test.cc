#include "tocsin/lang/detect.h"

#include <gtest/gtest.h>

namespace tocsin::lang {
namespace {

TEST(DetectLanguageTest, French) {
  LanguageGuess g = DetectLanguage(
      "L'Arménie accuse l'Azerbaïdjan d'avoir bombardé Jermuk",
      "Le ministère arménien de la Défense a indiqué mardi que des tirs d'artillerie et de "
      "drones avaient visé plusieurs localités frontalières pendant la nuit. Au moins "
      "quarante-neuf soldats ont été tués, selon le Premier ministre Nikol Pachinian, qui a "
      "demandé l'aide de l'Organisation du traité de sécurité collective.");
  EXPECT_EQ(g.code, "fr");
  EXPECT_TRUE(g.reliable);
  EXPECT_GT(g.percent, 80);
}

TEST(DetectLanguageTest, English) {
  LanguageGuess g = DetectLanguage(
      "Armenia says 49 soldiers killed in clashes with Azerbaijan",
      "Armenia's defence ministry said on Tuesday that Azerbaijani forces had shelled several "
      "towns near the border overnight with artillery and drones. Prime Minister Nikol "
      "Pashinyan told parliament that at least 49 soldiers had been killed and asked the "
      "Collective Security Treaty Organization for help.");
  EXPECT_EQ(g.code, "en");
  EXPECT_TRUE(g.reliable);
}

TEST(DetectLanguageTest, Russian) {
  LanguageGuess g = DetectLanguage(
      "Армения заявила о гибели 49 военнослужащих",
      "Министерство обороны Армении сообщило во вторник, что азербайджанские войска ночью "
      "обстреляли несколько приграничных населённых пунктов из артиллерии и беспилотников. "
      "Премьер-министр Никол Пашинян заявил, что погибли по меньшей мере 49 военнослужащих.");
  EXPECT_EQ(g.code, "ru");
  EXPECT_TRUE(g.reliable);
}

TEST(DetectLanguageTest, Armenian) {
  LanguageGuess g = DetectLanguage(
      "Ադրբեջանը հրետակոծել է Ջերմուկը",
      "Հայաստանի պաշտպանության նախարարությունը հայտնել է, որ գիշերը ադրբեջանական զինված "
      "ուժերը հրետակոծել են սահմանամերձ մի քանի բնակավայրեր։ Զոհվել է առնվազն քառասունինը "
      "զինծառայող։");
  EXPECT_EQ(g.code, "hy");
  EXPECT_TRUE(g.reliable);
}

TEST(DetectLanguageTest, EmptyAndSymbolsAreUnknown) {
  LanguageGuess g = DetectLanguage("", "");
  EXPECT_EQ(g.code, "und");
  EXPECT_FALSE(g.reliable);
  EXPECT_EQ(g.percent, 0);
  EXPECT_EQ(DetectLanguage("", "12 345 -- 2022-09-13 !!!").code, "und");
}

TEST(DetectLanguageTest, InvalidUtf8DoesNotCrash) {
  LanguageGuess g = DetectLanguage("", "Le ministère a indiqué \xff\xfe des tirs");
  EXPECT_FALSE(g.code.empty());
}

}  // namespace
}  // namespace tocsin::lang
