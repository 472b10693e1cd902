#include "tocsin/core/data_dir.h"

#include <cstdlib>

namespace tocsin {

std::string CuratedDataDir() {
  if (const char* env = std::getenv("TOCSIN_SOURCE_DATA"); env && *env) return env;
  return TOCSIN_SOURCE_DATA_DIR;
}

std::string CompiledDataDir() {
  if (const char* env = std::getenv("TOCSIN_DATA_DIR"); env && *env) return env;
  return TOCSIN_BUILD_DATA_DIR;
}

}  // namespace tocsin
