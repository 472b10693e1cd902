// libFuzzer target: the event-kind table (codes::KindTable::Load, data/codes/kinds.tsv syntax).
#include "fuzz_util.h"
#include "tocsin/codes/kinds.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto path = tocsin::fuzz::ScratchDir() / "kinds.tsv";
  tocsin::fuzz::WriteFile(path, tocsin::fuzz::Bytes(data, size));
  auto table = tocsin::codes::KindTable::Load(path.string());
  if (!table.ok()) TOCSIN_FUZZ_CHECK(table.status().message().size() < 2000);
  return 0;
}
