// Toponyms pass: the geoparser's resolved toponyms of the title and the text (fr, en).
#include "document_analysis.h"
#include "passes.h"

namespace tocsin::extract {

// One place detector (issue 11): in French and English the places of the sentences are the
// toponyms of the geoparser, with its filters for people, organisations, months, compass
// words, common words and weak alternate names, so that `extract` and `geoparse` agree.
void PassToponyms(DocumentAnalysis& da) {
  const geoparse::Geoparser* geoparser = da.resources.geoparser.get();
  if (!geoparser || (da.lang != "fr" && da.lang != "en")) return;
  Document d;
  d.title = da.doc.title;
  d.text = da.doc.text;
  d.date = da.doc.date;
  d.lang = da.lang;
  da.geo = geoparser->Parse(d, da.title_tokens, da.text_tokens);
  for (const auto& t : da.geo.toponyms)
    if (!t.demonym && t.entry) (t.field == "title" ? da.title_toponyms : da.text_toponyms).push_back(&t);
  da.has_toponyms = true;
}

}  // namespace tocsin::extract
