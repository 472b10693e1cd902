// Where tocsin finds its run-time data.
#ifndef TOCSIN_CORE_DATA_DIR_H_
#define TOCSIN_CORE_DATA_DIR_H_

#include <string>

namespace tocsin {

// Directory of curated, version-controlled data (data/ in the source tree):
// $TOCSIN_SOURCE_DATA if set, else the source tree's data/ folder.
std::string CuratedDataDir();

// Directory of compiled data built from registry packages (gazetteer index, polygons):
// $TOCSIN_DATA_DIR if set, else <build>/data.
std::string CompiledDataDir();

}  // namespace tocsin

#endif  // TOCSIN_CORE_DATA_DIR_H_
