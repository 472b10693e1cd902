// Paged mode of the store backend (store_backend.h): the API's JSON built from the store's
// fused-event rows and aggregate queries, for stores too large to hold as an in-memory index.
//
// The summaries carry the fields of the index's summaries that a fused-event row knows (kind,
// codes, dates, actors, representative place, reconciled fatalities, sources, documents,
// confidence); the details add every mention with its evidence and every casualty claim, as
// GET /api/events/{id} does in index mode.
#ifndef TOCSIN_SERVE_PAGED_VIEW_H_
#define TOCSIN_SERVE_PAGED_VIEW_H_

#include <cstdint>
#include <string>

#include "tocsin/core/status.h"
#include "tocsin/serve/backend.h"
#include "tocsin/store/store.h"

namespace tocsin::serve {

// The store query of an API filter. InvalidArgument, naming the parameter, for the filters
// paged mode cannot answer by SQL (territory, lang, q, doc, several countries, a box across
// the antimeridian).
StatusOr<store::EventQuery> PagedQuery(const EventFilter& f);

std::string PagedSummary(const store::EventRecord& e);
std::string PagedDetail(const store::EventDetail& d);

// The "facets" object of /api/stats from the counts over every event.
std::string PagedFacets(const store::EventCounts& all, const std::string& first_date,
                        const std::string& last_date);
// The whole /api/stats object.
std::string PagedStats(const store::EventCounts& matching, const std::string& facets,
                       int64_t documents, int64_t version);

}  // namespace tocsin::serve

#endif  // TOCSIN_SERVE_PAGED_VIEW_H_
