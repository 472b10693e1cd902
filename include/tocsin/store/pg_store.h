// PostgreSQL 15 + PostGIS implementation of the store (doc/scale-out.md, doc/schema.md
// "PostgreSQL"), through libpq. OpenStore() picks it for "postgresql://" and "postgres://"
// locations.
//
// Same tables and schema version as the SQLite store, in the connection's current schema
// (the first of its search_path), plus PostGIS points (`geom`, SRID 4326) on places and events
// with GiST indexes: QueryEvents' bbox filter uses the events index.
//
// Several processes may write one PostgreSQL store at the same time. Ingest() is one
// transaction per document: the content hash is UNIQUE (a document stored twice at once is
// stored once, the other writer gets `duplicate`), and fusion reads its candidate events from
// the database under transaction-scoped advisory locks, one per day, taken in ascending order
// for every day a mention of the document could touch: writers whose mentions are days apart
// run in parallel, the others one after the other, so fusion gives what a serial ingest in
// commit order gives. Deadlocks, serialisation failures and lost connections (a restarted
// server) are retried (the document is written once or not at all).
//
// Thread-safety: as Store, a PgStore object (one connection) is used by one thread at a time.
#ifndef TOCSIN_STORE_PG_STORE_H_
#define TOCSIN_STORE_PG_STORE_H_

#include <memory>
#include <string>

#include "tocsin/store/store.h"

namespace tocsin::store {

// Whether `location` names a PostgreSQL store ("postgresql://..." or "postgres://...").
bool IsPostgresLocation(const std::string& location);

// The URL with its password replaced by "***", for messages.
std::string RedactUrl(const std::string& url);

// Errors: the server cannot be reached (kIoError: check the URL, that the server runs), a
// schema holding another application's tables (kCorruption: "not a tocsin database"), a newer
// schema (kUnsupported), PostGIS missing (kUnsupported: what to install and run), an empty
// database opened read-only (kNotFound: run `tocsin ingest --db URL` first).
StatusOr<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url, const OpenOptions& o);

}  // namespace tocsin::store

#endif  // TOCSIN_STORE_PG_STORE_H_
