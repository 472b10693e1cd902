// libFuzzer target: the knowledge-base loader (assess::KnowledgeBase::Load). The first byte
// picks which of the five files the rest of the input replaces; the other four are the
// curated ones (data/kb), so that references between files are exercised too.
#include "fuzz_util.h"
#include "tocsin/assess/knowledge_base.h"
#include "tocsin/core/data_dir.h"

namespace {
const char* const kFiles[] = {"states.tsv", "organisations.tsv", "treaties.tsv", "clauses.tsv",
                              "alliances.tsv"};
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace fs = std::filesystem;
  static const fs::path dir = [] {
    const fs::path d = tocsin::fuzz::ScratchDir() / "kb";
    fs::create_directories(d);
    return d;
  }();
  if (size == 0) return 0;
  const size_t which = data[0] % 5;
  for (size_t i = 0; i < 5; ++i)
    fs::copy_file(fs::path(tocsin::CuratedDataDir()) / "kb" / kFiles[i], dir / kFiles[i],
                  fs::copy_options::overwrite_existing);
  tocsin::fuzz::WriteFile(dir / kFiles[which], tocsin::fuzz::Bytes(data + 1, size - 1));
  auto kb = tocsin::assess::KnowledgeBase::Load(dir.string());
  if (!kb.ok()) TOCSIN_FUZZ_CHECK(kb.status().message().size() < 2000);
  return 0;
}
