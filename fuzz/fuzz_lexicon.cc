// libFuzzer target: the lexicon's TSV syntax (lexicon::Lexicon::Load, lines given in memory).
#include "fuzz_util.h"
#include "tocsin/lexicon/lexicon.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto lex = tocsin::lexicon::Lexicon::Load({}, tocsin::fuzz::Bytes(data, size));
  if (!lex.ok()) TOCSIN_FUZZ_CHECK(lex.status().message().size() < 2000);
  return 0;
}
