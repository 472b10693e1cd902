// PostgreSQL + PostGIS implementation of the store (include/tocsin/store/pg_store.h,
// doc/schema.md "PostgreSQL", doc/scale-out.md).
#include "tocsin/store/pg_store.h"

#include <libpq-fe.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>

#include "internal.h"
#include "tocsin/output/json.h"
#include "tocsin/output/json_writer.h"

namespace tocsin::store {

bool IsPostgresLocation(const std::string& location) {
  return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

std::string RedactUrl(const std::string& url) {
  size_t scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  size_t at = url.find('@', scheme + 3);
  if (at == std::string::npos) return url;
  size_t colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

namespace {

// Schema of version 1: the SQLite tables (doc/schema.md) in PostgreSQL types, plus PostGIS
// points on places and events. Each later version adds one entry to kPgMigrations.
const char* kPgSchemaV1 = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources(
  id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL UNIQUE, documents BIGINT NOT NULL DEFAULT 0);
CREATE TABLE documents(
  id BIGSERIAL PRIMARY KEY, doc_id TEXT NOT NULL, content_hash TEXT NOT NULL UNIQUE,
  source_id BIGINT REFERENCES sources(id), title TEXT NOT NULL, text TEXT NOT NULL,
  date TEXT, lang TEXT, url TEXT, origin TEXT, frame TEXT, warnings TEXT,
  mentions INTEGER NOT NULL, claims INTEGER NOT NULL, ingested_at TEXT NOT NULL);
CREATE INDEX documents_doc_id ON documents(doc_id);
CREATE TABLE places(
  id BIGSERIAL PRIMARY KEY, key TEXT NOT NULL UNIQUE, name TEXT, country TEXT, admin1 TEXT,
  lat DOUBLE PRECISION, lon DOUBLE PRECISION, geonameid BIGINT, feature TEXT, precision INTEGER,
  geom geometry(Point, 4326));
CREATE INDEX places_geom ON places USING gist(geom);
CREATE TABLE events(
  id BIGSERIAL PRIMARY KEY, kind TEXT NOT NULL, cameo TEXT, plover_type TEXT,
  acled_event_type TEXT, acled_sub_event_type TEXT, violent INTEGER NOT NULL,
  date_start TEXT NOT NULL, date_end TEXT NOT NULL,
  actor1 TEXT NOT NULL, actor1_name TEXT, actor1_agent TEXT,
  actor2 TEXT NOT NULL, actor2_name TEXT, actor2_agent TEXT,
  place_id BIGINT REFERENCES places(id), country TEXT, lat DOUBLE PRECISION,
  lon DOUBLE PRECISION, precision INTEGER, geom geometry(Point, 4326),
  mentions INTEGER NOT NULL, documents INTEGER NOT NULL, confidence DOUBLE PRECISION,
  fatalities BIGINT NOT NULL DEFAULT 0, fatalities_low BIGINT NOT NULL DEFAULT 0,
  fatalities_high BIGINT NOT NULL DEFAULT 0, fatality_claims INTEGER NOT NULL DEFAULT 0,
  fatalities_by_side TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
  span geometry GENERATED ALWAYS AS (CASE WHEN lat IS NULL OR lon IS NULL THEN NULL ELSE
    ST_MakeLine(ST_MakePoint(lon, lat, make_date(substr(date_start, 1, 4)::int,
        substr(date_start, 6, 2)::int, substr(date_start, 9, 2)::int) - DATE '1970-01-01'),
      ST_MakePoint(lon, lat, make_date(substr(date_end, 1, 4)::int,
        substr(date_end, 6, 2)::int, substr(date_end, 9, 2)::int) - DATE '1970-01-01')) END)
    STORED);
CREATE INDEX events_date ON events(date_start, id);
CREATE INDEX events_kind ON events(kind, date_start);
CREATE INDEX events_country ON events(country, date_start);
CREATE INDEX events_geom ON events USING gist(geom);
-- Space x time: bbox + date queries find their few events without reading the others.
CREATE INDEX events_space_time ON events USING gist(span gist_geometry_ops_nd);
CREATE TABLE mentions(
  id BIGSERIAL PRIMARY KEY, document_id BIGINT NOT NULL REFERENCES documents(id),
  event_id BIGINT REFERENCES events(id), mention_id TEXT NOT NULL, kind TEXT NOT NULL,
  acled_event_type TEXT, violent INTEGER NOT NULL, date TEXT, day INTEGER, modality TEXT,
  actor1 TEXT, actor2 TEXT, actor1_inferred INTEGER NOT NULL DEFAULT 0,
  actor2_inferred INTEGER NOT NULL DEFAULT 0, confidence DOUBLE PRECISION, record TEXT NOT NULL);
CREATE INDEX mentions_event ON mentions(event_id);
CREATE INDEX mentions_document ON mentions(document_id);
CREATE TABLE mention_places(
  mention_id BIGINT NOT NULL REFERENCES mentions(id), ordinal INTEGER NOT NULL,
  place_id BIGINT NOT NULL REFERENCES places(id), PRIMARY KEY(mention_id, ordinal));
CREATE TABLE casualty_claims(
  id BIGSERIAL PRIMARY KEY, document_id BIGINT NOT NULL REFERENCES documents(id),
  mention_id BIGINT REFERENCES mentions(id), event_id BIGINT REFERENCES events(id),
  claim_id TEXT NOT NULL, count BIGINT NOT NULL, min BIGINT, max BIGINT, qualifier TEXT,
  victims TEXT, side TEXT, attribution_actors TEXT, record TEXT NOT NULL);
CREATE INDEX claims_event ON casualty_claims(event_id);
CREATE INDEX claims_document ON casualty_claims(document_id);
CREATE TABLE feeds(
  url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, next_poll BIGINT NOT NULL DEFAULT 0,
  failures INTEGER NOT NULL DEFAULT 0, last_status TEXT, last_poll BIGINT NOT NULL DEFAULT 0,
  items BIGINT NOT NULL DEFAULT 0);
)sql";

// kPgMigrations[i] upgrades schema version i+1 to i+2.
const std::vector<const char*> kPgMigrations = {
    // 2: why each mention joined its event (fuse::MergeReasonJson), NULL for the first one.
    "ALTER TABLE mentions ADD COLUMN merge TEXT",
};

// Advisory lock keys: (namespace of the schema, key). Key -1 guards schema creation; keys >= 0
// are day numbers (fusion).
constexpr int kSchemaLockKey = -1;

std::string NowUtc() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string Join(const std::vector<std::string>& v, char sep = ',') {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) s += sep;
    s += v[i];
  }
  return s;
}

std::vector<std::string> Split(const std::string& s, char sep = ',') {
  std::vector<std::string> out;
  if (s.empty()) return out;
  size_t start = 0;
  for (;;) {
    size_t p = s.find(sep, start);
    out.push_back(s.substr(start, p == std::string::npos ? std::string::npos : p - start));
    if (p == std::string::npos) break;
    start = p + 1;
  }
  return out;
}

std::string Num(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

// Positional parameters ($1, $2, ...) as text; NULL when absent.
class Params {
 public:
  Params& Add(const std::string& v) {
    v_.emplace_back(v);
    return *this;
  }
  Params& Add(const char* v) { return Add(std::string(v)); }
  Params& AddOrNull(const std::string& v) { return v.empty() ? Null() : Add(v); }
  Params& Add(int64_t v) { return Add(std::to_string(v)); }
  Params& Add(int v) { return Add(std::to_string(v)); }
  Params& Add(double v) { return Add(Num(v)); }
  Params& Add(std::optional<double> v) { return v ? Add(*v) : Null(); }
  Params& Add(std::optional<int64_t> v) { return v ? Add(*v) : Null(); }
  Params& Null() {
    v_.emplace_back(std::nullopt);
    return *this;
  }
  int size() const { return static_cast<int>(v_.size()); }
  std::vector<const char*> Pointers() const {
    std::vector<const char*> p;
    for (const auto& v : v_) p.push_back(v ? v->c_str() : nullptr);
    return p;
  }

 private:
  std::vector<std::optional<std::string>> v_;
};

class Result {
 public:
  Result() = default;
  explicit Result(PGresult* r) : r_(r) {}
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;
  Result(Result&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
  Result& operator=(Result&& o) noexcept {
    std::swap(r_, o.r_);
    return *this;
  }
  ~Result() {
    if (r_) PQclear(r_);
  }
  int Rows() const { return r_ ? PQntuples(r_) : 0; }
  bool IsNull(int row, int c) const { return PQgetisnull(r_, row, c); }
  std::string Text(int row, int c) const {
    return IsNull(row, c) ? std::string()
                          : std::string(PQgetvalue(r_, row, c),
                                        static_cast<size_t>(PQgetlength(r_, row, c)));
  }
  int64_t Int(int row, int c) const {
    return IsNull(row, c) ? 0 : std::strtoll(PQgetvalue(r_, row, c), nullptr, 10);
  }
  double Double(int row, int c) const {
    return IsNull(row, c) ? 0 : std::strtod(PQgetvalue(r_, row, c), nullptr);
  }
  std::optional<double> OptDouble(int row, int c) const {
    return IsNull(row, c) ? std::nullopt : std::optional<double>(Double(row, c));
  }
  std::optional<int64_t> OptInt(int row, int c) const {
    return IsNull(row, c) ? std::nullopt : std::optional<int64_t>(Int(row, c));
  }

 private:
  PGresult* r_ = nullptr;
};

// Whether an error is worth retrying the whole transaction for: serialisation failure,
// deadlock, a lost connection or a server shutting down.
bool Retryable(const std::string& sqlstate, bool connection_bad) {
  if (connection_bad) return true;
  return sqlstate == "40001" || sqlstate == "40P01" || sqlstate.rfind("08", 0) == 0 ||
         sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03";
}

std::string PlaceKey(const extract::Place& p) {
  return p.geonameid > 0 ? "g" + std::to_string(p.geonameid) : "n" + p.name + "|" + p.country;
}

class PgStore final : public Store {
 public:
  PgStore(std::string url, OpenOptions options)
      : url_(std::move(url)), shown_(RedactUrl(url_)), options_(std::move(options)) {}
  ~PgStore() override {
    if (conn_) PQfinish(conn_);
  }

  Status Open();
  std::string Location() const override { return shown_; }

  StatusOr<bool> HasContent(const std::string& hash) override;
  StatusOr<IngestOutcome> Ingest(const Document& doc, const extract::Extraction& x) override;
  StatusOr<EventPage> QueryEvents(const EventQuery& q) override;
  Status ForEachEvent(const EventQuery& q,
                      const std::function<bool(const EventDetail&)>& f) override;
  StatusOr<std::optional<EventDetail>> GetEvent(int64_t id) override;
  StatusOr<std::optional<DocumentRecord>> GetDocument(const std::string& key) override;
  Status ForEachMention(const std::function<bool(const StoredMention&)>& f) override;
  Status ForEachClaim(const std::function<bool(const ClaimRecord&)>& f) override;
  StatusOr<Stats> GetStats() override;
  StatusOr<EventCounts> CountEvents(const EventQuery& q) override;
  StatusOr<int64_t> EventOfMention(const std::string& mention_id) override;
  StatusOr<int64_t> ContentVersion() override;
  StatusOr<std::optional<FeedState>> GetFeed(const std::string& url) override;
  Status PutFeed(const FeedState& s) override;

 private:
  Status Connect();
  // Runs `sql` (a literal: prepared once per connection, keyed by its address).
  StatusOr<Result> Q(const char* sql, const Params& p = {}, const char* what = "query");
  // Runs SQL built at run time (not prepared).
  StatusOr<Result> QDyn(const std::string& sql, const Params& p, const char* what);
  Status Exec(const std::string& sql, const char* what);  // no parameters, may be many statements
  Status Error(const std::string& what, PGresult* r);
  Status CreateOrMigrate();
  StatusOr<IngestOutcome> IngestTx(const Document& doc, const extract::Extraction& x,
                                   const std::string& hash);
  Status ReconcileEvent(int64_t event);
  EventRecord ReadEvent(const Result& r, int row);
  Status LoadDetail(EventDetail& d);
  std::string EventWhere(const EventQuery& q, Params& p) const;
  void Rollback() {
    if (conn_ && PQstatus(conn_) == CONNECTION_OK) {
      PGresult* r = PQexec(conn_, "ROLLBACK");
      PQclear(r);
    }
  }

  std::string url_, shown_;
  OpenOptions options_;
  PGconn* conn_ = nullptr;
  std::unordered_map<const char*, std::string> prepared_;
  std::unordered_map<std::string, int64_t> place_ids_, source_ids_;
  int lock_ns_ = 0;  // advisory lock namespace: hash of the schema name
  std::string schema_;
  // Of the last failed statement.
  std::string last_sqlstate_;
  bool last_connection_bad_ = false;
};

Status PgStore::Error(const std::string& what, PGresult* r) {
  std::string msg = conn_ ? PQerrorMessage(conn_) : "no connection";
  last_sqlstate_.clear();
  if (r) {
    const char* st = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    if (st) last_sqlstate_ = st;
    const char* m = PQresultErrorMessage(r);
    if (m && *m) msg = m;
  }
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  last_connection_bad_ = !conn_ || PQstatus(conn_) != CONNECTION_OK;
  std::string out = shown_ + ": " + what + ": " + msg;
  if (last_connection_bad_) out += "; the connection to PostgreSQL was lost (is the server up?)";
  if (last_sqlstate_ == "53100") out += "; the server's disk is full";
  return Status::IoError(out);
}

StatusOr<Result> PgStore::Q(const char* sql, const Params& p, const char* what) {
  if (!conn_ || PQstatus(conn_) != CONNECTION_OK) return Error(what, nullptr);
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) {
    std::string name = "s" + std::to_string(prepared_.size());
    PGresult* r = PQprepare(conn_, name.c_str(), sql, 0, nullptr);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) {
      Status s = Error(std::string("cannot prepare ") + what, r);
      PQclear(r);
      return s;
    }
    PQclear(r);
    it = prepared_.emplace(sql, name).first;
  }
  auto ptrs = p.Pointers();
  PGresult* r = PQexecPrepared(conn_, it->second.c_str(), p.size(), ptrs.data(), nullptr,
                               nullptr, 0);
  ExecStatusType st = PQresultStatus(r);
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
    Status s = Error(what, r);
    PQclear(r);
    return s;
  }
  return Result(r);
}

StatusOr<Result> PgStore::QDyn(const std::string& sql, const Params& p, const char* what) {
  if (!conn_ || PQstatus(conn_) != CONNECTION_OK) return Error(what, nullptr);
  auto ptrs = p.Pointers();
  PGresult* r = PQexecParams(conn_, sql.c_str(), p.size(), nullptr, ptrs.data(), nullptr,
                             nullptr, 0);
  ExecStatusType st = PQresultStatus(r);
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
    Status s = Error(what, r);
    PQclear(r);
    return s;
  }
  return Result(r);
}

Status PgStore::Exec(const std::string& sql, const char* what) {
  if (!conn_ || PQstatus(conn_) != CONNECTION_OK) return Error(what, nullptr);
  PGresult* r = PQexec(conn_, sql.c_str());
  ExecStatusType st = PQresultStatus(r);
  Status s = (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) ? Status::Ok() : Error(what, r);
  PQclear(r);
  return s;
}

Status PgStore::Connect() {
  if (conn_) PQfinish(conn_);
  prepared_.clear();
  conn_ = PQconnectdb(url_.c_str());
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string m = PQerrorMessage(conn_);
    while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
    PQfinish(conn_);
    conn_ = nullptr;
    last_connection_bad_ = true;
    return Status::IoError(shown_ + ": cannot connect to PostgreSQL: " + m +
                           "; check that the server runs and the URL "
                           "(postgresql://USER@HOST:PORT/DATABASE)");
  }
  TOCSIN_RETURN_IF_ERROR(Exec(url_.find("application_name") == std::string::npos
                                  ? "SET client_min_messages = warning; "
                                    "SET application_name = 'tocsin'"
                                  : "SET client_min_messages = warning",
                              "cannot configure the session"));
  return Status::Ok();
}

Status PgStore::Open() {
  TOCSIN_RETURN_IF_ERROR(Connect());
  auto sch = Q("SELECT current_schema(), "
               "(SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND "
               "tablename <> 'spatial_ref_sys'), to_regclass('meta') IS NOT NULL, "
               "to_regtype('geometry') IS NOT NULL",
               {}, "cannot read the schema");
  if (!sch.ok()) return sch.status();
  if (sch->IsNull(0, 0))
    return Status::InvalidArgument(shown_ + ": no schema to write to (the search_path names "
                                            "no existing schema); create one or set "
                                            "search_path");
  schema_ = sch->Text(0, 0);
  int64_t n_tables = sch->Int(0, 1);
  bool has_meta = sch->Text(0, 2) == "t";
  bool has_postgis = sch->Text(0, 3) == "t";
  uint32_t h = 2166136261u;  // FNV-1a of the schema name: its own advisory lock namespace
  for (unsigned char c : schema_) h = (h ^ c) * 16777619u;
  lock_ns_ = static_cast<int>(h & 0x7fffffff);

  int64_t version = 0;
  if (has_meta) {
    auto m = Q("SELECT (SELECT value FROM meta WHERE key = 'application'), "
               "(SELECT value FROM meta WHERE key = 'schema_version')",
               {}, "cannot read the schema version");
    if (!m.ok()) return m.status();
    if (m->Text(0, 0) != "tocsin")
      return Status::Corruption(shown_ + ": not a tocsin database: schema \"" + schema_ +
                                "\" has a table meta of another application; tocsin will not "
                                "touch it. Pass another database or schema");
    version = std::strtoll(m->Text(0, 1).c_str(), nullptr, 10);
  } else if (n_tables > 0) {
    return Status::Corruption(shown_ + ": not a tocsin database: schema \"" + schema_ +
                              "\" holds " + std::to_string(n_tables) +
                              " tables of another application; tocsin will not touch it. Pass "
                              "another database, or a schema of its own (options=-csearch_path="
                              "NAME)");
  }
  if (version > kSchemaVersion)
    return Status::Unsupported(shown_ + ": schema version " + std::to_string(version) +
                               " was written by a newer tocsin (this one knows up to " +
                               std::to_string(kSchemaVersion) + "); upgrade tocsin");
  if (options_.read_only) {
    if (!has_meta)
      return Status::NotFound(shown_ + ": empty database; run `tocsin ingest --db " + shown_ +
                              " ...` first");
    if (version < kSchemaVersion)
      return Status::Unsupported(shown_ + ": schema version " + std::to_string(version) +
                                 " is older than this tocsin's (" +
                                 std::to_string(kSchemaVersion) +
                                 "); open it once for writing (tocsin ingest) to migrate it");
    return Status::Ok();
  }
  if (!has_meta && !options_.create)
    return Status::NotFound(shown_ + ": empty database; run `tocsin ingest --db " + shown_ +
                            " ...` first");
  if (!has_postgis) {
    Status s = Exec("CREATE EXTENSION IF NOT EXISTS postgis", "cannot create PostGIS");
    // IF NOT EXISTS is not atomic: writers creating it together lose the race with 23505
    // (unique violation) and then find it there.
    if (!s.ok() && last_sqlstate_ == "23505")
      s = Exec("CREATE EXTENSION IF NOT EXISTS postgis", "cannot create PostGIS");
    if (!s.ok())
      return Status::Unsupported(
          shown_ + ": PostGIS is not installed in this database and tocsin may not install it (" +
          s.message() + "); install the Debian package postgresql-15-postgis-3 and run "
          "`CREATE EXTENSION postgis;` in the database as a superuser");
  }
  if (version < kSchemaVersion) {
    Status c = CreateOrMigrate();
    // Created meanwhile by a writer that held the lock first: once more, then it is there.
    if (!c.ok() && (last_sqlstate_ == "42P07" || last_sqlstate_ == "23505"))
      c = CreateOrMigrate();
    return c;
  }
  return Status::Ok();
}

Status PgStore::CreateOrMigrate() {
  TOCSIN_RETURN_IF_ERROR(Exec("BEGIN", "cannot begin"));
  auto fail = [&](Status s) {
    Rollback();
    return s;
  };
  // Two writers opening an empty database at once: one creates, the other finds it done.
  auto l = Q("SELECT pg_advisory_xact_lock($1::int, $2::int)",
             Params().Add(lock_ns_).Add(kSchemaLockKey), "cannot lock the schema");
  if (!l.ok()) return fail(l.status());
  // pg_class read with this statement's snapshot: to_regclass() goes through the catalog cache,
  // which an advisory lock does not refresh, and missed a schema another writer had just
  // created ("relation meta already exists").
  auto has = Q("SELECT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON "
               "n.oid = c.relnamespace WHERE n.nspname = current_schema() AND "
               "c.relname = 'meta')",
               {}, "cannot read the schema");
  if (!has.ok()) return fail(has.status());
  int64_t version = 0;
  if (has->Text(0, 0) == "t") {
    auto v = Q("SELECT value FROM meta WHERE key = 'schema_version'", {},
               "cannot read the schema version");
    if (!v.ok()) return fail(v.status());
    version = v->Rows() ? std::strtoll(v->Text(0, 0).c_str(), nullptr, 10) : 0;
  }
  if (version == 0) {
    Status s = Exec(kPgSchemaV1, "cannot create the schema");
    if (!s.ok()) return fail(s);
    auto m = Q("INSERT INTO meta(key, value) VALUES ('application', 'tocsin'), "
               "('created_at', $1), ('created_by', 'tocsin'), ('schema_version', '1'), "
               "('content_version', '0')",
               Params().Add(NowUtc()), "cannot write the schema version");
    if (!m.ok()) return fail(m.status());
    version = 1;
  }
  for (; version < kSchemaVersion; ++version) {
    Status s = Exec(kPgMigrations[static_cast<size_t>(version - 1)], "migration failed");
    if (!s.ok()) return fail(s);
  }
  auto u = Q("UPDATE meta SET value = $1 WHERE key = 'schema_version'",
             Params().Add(kSchemaVersion), "cannot write the schema version");
  if (!u.ok()) return fail(u.status());
  return Exec("COMMIT", "cannot commit the schema");
}

StatusOr<bool> PgStore::HasContent(const std::string& hash) {
  auto r = Q("SELECT 1 FROM documents WHERE content_hash = $1", Params().Add(hash),
             "cannot look up the document");
  if (!r.ok()) {
    if (last_connection_bad_ && Connect().ok())
      r = Q("SELECT 1 FROM documents WHERE content_hash = $1", Params().Add(hash),
            "cannot look up the document");
    if (!r.ok()) return r.status();
  }
  return r->Rows() > 0;
}

Status PgStore::ReconcileEvent(int64_t event) {
  auto s = Q("SELECT count, min, max, qualifier, victims, side, attribution_actors, document_id "
             "FROM casualty_claims WHERE event_id = $1 ORDER BY id",
             Params().Add(event), "cannot read casualty claims");
  if (!s.ok()) return s.status();
  std::vector<fuse::Claim> claims;
  for (int i = 0; i < s->Rows(); ++i) {
    fuse::Claim c;
    c.count = s->Int(i, 0);
    c.min = s->OptInt(i, 1);
    c.max = s->OptInt(i, 2);
    c.qualifier = s->Text(i, 3);
    c.victims = s->Text(i, 4);
    c.side = s->Text(i, 5);
    c.attribution_actors = Split(s->Text(i, 6));
    c.document = s->Int(i, 7);
    claims.push_back(std::move(c));
  }
  fuse::Reconciled r = fuse::ReconcileCasualties(claims, "killed");
  std::string by_side;
  output::JsonWriter w(by_side);
  w.BeginArray();
  for (const auto& f : r.by_side) {
    w.BeginObject();
    w.Key("side").StringOrNull(f.side);
    w.Key("figure").Int(f.figure);
    w.Key("low").Int(f.low);
    w.Key("high").Int(f.high);
    w.Key("claims").Int(f.claims);
    w.Key("partisan_set_aside").Int(f.partisan_dropped);
    w.EndObject();
  }
  w.EndArray();
  auto up = Q("UPDATE events SET fatalities = $2, fatalities_low = $3, fatalities_high = $4, "
              "fatality_claims = $5, fatalities_by_side = $6 WHERE id = $1",
              Params().Add(event).Add(r.figure).Add(r.low).Add(r.high).Add(r.claims)
                  .Add(by_side),
              "cannot update casualties");
  return up.status();
}

StatusOr<IngestOutcome> PgStore::Ingest(const Document& doc, const extract::Extraction& x) {
  const std::string hash = ContentHash(doc);
  // PostgreSQL text cannot hold U+0000 (SQLite can): refused alone, before any write.
  for (auto [name, field] : {std::pair{"title", &doc.title}, {"text", &doc.text},
                             {"id", &doc.id}, {"url", &doc.url}, {"source", &doc.source},
                             {"date", &doc.date}}) {
    size_t nul = field->find('\0');
    if (nul != std::string::npos)
      return Status::InvalidArgument(
          (doc.origin.empty() ? doc.id : doc.origin) + ": field " + name +
          " holds a NUL byte (U+0000) at byte " + std::to_string(nul) +
          ", which PostgreSQL text cannot store; document skipped (remove the byte)");
  }
  // Retried on deadlocks, serialisation failures and lost connections (a server restart):
  // up to about a minute in all.
  int delay_ms = 50;
  for (int attempt = 0;; ++attempt) {
    if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
      Status c = Connect();
      if (!c.ok()) {
        if (attempt >= 12) return c;
        std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
        delay_ms = std::min(delay_ms * 2, 8000);
        continue;
      }
    }
    Status b = Exec("BEGIN", "cannot begin a transaction");
    StatusOr<IngestOutcome> out = b.ok() ? IngestTx(doc, x, hash) : StatusOr<IngestOutcome>(b);
    if (out.ok() && !out->duplicate) {
      Status c = Exec("COMMIT", "cannot commit the document");
      if (c.ok()) return out;
      out = c;
    }
    Rollback();
    place_ids_.clear();
    source_ids_.clear();
    if (out.ok()) return out;  // duplicate
    // A data exception (class 22: bad encoding, a value out of range) is this document's.
    if (last_sqlstate_.rfind("22", 0) == 0)
      return Status::InvalidArgument((doc.origin.empty() ? doc.id : doc.origin) + ": " +
                                     out.status().message() + "; document skipped");
    if (!Retryable(last_sqlstate_, last_connection_bad_) || attempt >= 12) return out;
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    delay_ms = std::min(delay_ms * 2, 8000);
  }
}

StatusOr<IngestOutcome> PgStore::IngestTx(const Document& doc, const extract::Extraction& x,
                                          const std::string& hash) {
  IngestOutcome o;
  const std::string now = NowUtc();
  const fuse::FusionOptions& fo = options_.fusion;
  // The source's row (its counter is updated last: the row is shared by every writer).
  std::optional<int64_t> source;
  if (!doc.source.empty()) {
    auto it = source_ids_.find(doc.source);
    if (it != source_ids_.end()) {
      source = it->second;
    } else {
      auto ins = Q("INSERT INTO sources(name) VALUES ($1) ON CONFLICT (name) DO NOTHING "
                   "RETURNING id",
                   Params().Add(doc.source), "cannot insert a source");
      if (!ins.ok()) return ins.status();
      if (ins->Rows() == 0) {
        ins = Q("SELECT id FROM sources WHERE name = $1", Params().Add(doc.source),
                "cannot look up a source");
        if (!ins.ok()) return ins.status();
      }
      if (ins->Rows() == 0) return Status::IoError(shown_ + ": source row vanished");
      source = ins->Int(0, 0);
      source_ids_[doc.source] = *source;
    }
  }
  // The document first: a concurrent writer of the same content waits here, then finds it.
  auto ins = Q("INSERT INTO documents(doc_id, content_hash, source_id, title, text, date, lang, "
               "url, origin, frame, warnings, mentions, claims, ingested_at) VALUES "
               "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) "
               "ON CONFLICT (content_hash) DO NOTHING RETURNING id",
               Params().Add(doc.id).Add(hash).Add(source).Add(doc.title).Add(doc.text)
                   .AddOrNull(doc.date).AddOrNull(x.lang.empty() ? doc.lang : x.lang)
                   .AddOrNull(doc.url).AddOrNull(doc.origin).Add(Join(x.frame))
                   .Add(Join(x.warnings, '\n')).Add(static_cast<int64_t>(x.events.size()))
                   .Add(static_cast<int64_t>(x.casualties.size())).Add(now),
               "cannot insert the document");
  if (!ins.ok()) return ins.status();
  if (ins->Rows() == 0) {
    o.duplicate = true;
    auto d = Q("SELECT id FROM documents WHERE content_hash = $1", Params().Add(hash),
               "cannot look up the document");
    if (d.ok() && d->Rows()) o.document = d->Int(0, 0);
    return o;
  }
  const int64_t doc_row = ins->Int(0, 0);
  o.document = doc_row;

  // Fusion keys, and the days whose events this document may read or change.
  std::vector<fuse::MentionKey> keys;
  fuse::FusionIndex probe(fo);
  std::set<int> lock_days;
  int lo = 0, hi = 0;
  bool any_fusable = false;
  const int reach = fo.date_window_days + fo.max_span_days;
  for (const extract::Event& e : x.events) {
    keys.push_back(fuse::KeyOf(e, doc.date, doc_row));
    const fuse::MentionKey& k = keys.back();
    if (!probe.Fusable(k)) continue;
    // Two mentions d and d' may touch a common event only if |d - d'| <= window + span: the
    // ranges [d, d + reach] then overlap, and so do the lock sets.
    for (int d = k.day; d <= k.day + reach; ++d) lock_days.insert(d);
    lo = any_fusable ? std::min(lo, k.day) : k.day;
    hi = any_fusable ? std::max(hi, k.day) : k.day;
    any_fusable = true;
  }
  if (!lock_days.empty()) {
    std::string arr = "{";
    for (int d : lock_days) arr += (arr.size() > 1 ? "," : "") + std::to_string(d);
    arr += "}";
    auto l = Q("SELECT pg_advisory_xact_lock($1::int, d) FROM unnest($2::int[]) AS d",
               Params().Add(lock_ns_).Add(arr), "cannot lock the event days");
    if (!l.ok()) return l.status();
  }
  // Places, in key order (two writers inserting the same places never wait on each other in
  // opposite orders).
  std::map<std::string, const extract::Place*> places;
  for (const extract::Event& e : x.events)
    for (const auto& p : e.places) places.emplace(PlaceKey(p), &p);
  for (const auto& [key, pp] : places) {
    if (place_ids_.count(key)) continue;
    const extract::Place& p = *pp;
    auto sel = Q("SELECT id FROM places WHERE key = $1", Params().Add(key),
                 "cannot look up a place");
    if (!sel.ok()) return sel.status();
    if (sel->Rows() == 0) {
      Params pr;
      pr.Add(key).Add(p.name.empty() ? p.text : p.name).AddOrNull(p.country).AddOrNull(p.admin1)
          .Add(p.lat).Add(p.lon);
      if (p.geonameid > 0) pr.Add(p.geonameid); else pr.Null();
      pr.AddOrNull(p.feature).Add(p.precision);
      sel = Q("INSERT INTO places(key, name, country, admin1, lat, lon, geonameid, feature, "
              "precision, geom) VALUES ($1, $2, $3, $4, $5::float8, $6::float8, $7, $8, $9, "
              "CASE WHEN $5::float8 IS NULL OR $6::float8 IS NULL THEN NULL ELSE "
              "ST_SetSRID(ST_MakePoint($6::float8, $5::float8), 4326) END) "
              "ON CONFLICT (key) DO NOTHING RETURNING id",
              pr, "cannot insert a place");
      if (!sel.ok()) return sel.status();
      if (sel->Rows() == 0)
        sel = Q("SELECT id FROM places WHERE key = $1", Params().Add(key),
                "cannot look up a place");
      if (!sel.ok()) return sel.status();
      if (sel->Rows() == 0) return Status::IoError(shown_ + ": place row vanished: " + key);
    }
    place_ids_[key] = sel->Int(0, 0);
  }

  // Candidate events: those that the mentions' days could reach, with every mention's key, as
  // the SQLite store's in-memory index holds them; src/fuse decides.
  fuse::FusionIndex index(fo);
  if (any_fusable) {
    auto c = Q("SELECT m.id, m.event_id, m.kind, m.acled_event_type, m.violent, m.day, "
               "m.modality, m.actor1, m.actor2, m.document_id, p.lat, p.lon, p.country, "
               "m.actor1_inferred, m.actor2_inferred FROM events e "
               "JOIN mentions m ON m.event_id = e.id "
               "LEFT JOIN mention_places mp ON mp.mention_id = m.id "
               "LEFT JOIN places p ON p.id = mp.place_id "
               "WHERE e.date_start >= $1 AND e.date_start <= $2 AND e.date_end >= $3 "
               "ORDER BY m.id, mp.ordinal",
               Params().Add(fuse::DateOfDay(lo - fo.date_window_days - fo.max_span_days))
                   .Add(fuse::DateOfDay(hi + fo.date_window_days))
                   .Add(fuse::DateOfDay(lo - fo.date_window_days)),
               "cannot read candidate events");
    if (!c.ok()) return c.status();
    int64_t cur = -1, cur_event = 0;
    fuse::MentionKey k;
    for (int i = 0; i < c->Rows(); ++i) {
      int64_t id = c->Int(i, 0);
      if (id != cur) {
        if (cur >= 0) index.Add(cur_event, k);
        cur = id;
        cur_event = c->Int(i, 1);
        k = fuse::MentionKey();
        k.kind = c->Text(i, 2);
        k.acled_event_type = c->Text(i, 3);
        k.violent = c->Int(i, 4) != 0;
        k.day = static_cast<int>(c->Int(i, 5));
        k.has_date = !c->IsNull(i, 5);
        k.modality = c->Text(i, 6);
        k.actor1 = c->Text(i, 7);
        k.actor2 = c->Text(i, 8);
        k.document = c->Int(i, 9);
        k.actor1_inferred = c->Int(i, 13) != 0;
        k.actor2_inferred = c->Int(i, 14) != 0;
      }
      if (!c->IsNull(i, 10) && !c->IsNull(i, 11))
        k.points.push_back({c->Double(i, 10), c->Double(i, 11)});
      std::string country = c->Text(i, 12);
      if (!country.empty() &&
          std::find(k.countries.begin(), k.countries.end(), country) == k.countries.end())
        k.countries.push_back(country);
    }
    if (cur >= 0) index.Add(cur_event, k);
  }

  // As the SQLite store: a scratch index of this document's own new events, so its mentions
  // fuse with each other too.
  fuse::FusionIndex local(fo);
  std::unordered_map<std::string, std::pair<int64_t, int64_t>> mention_rows;  // id -> row, event
  std::set<int64_t> touched;
  std::string record;
  for (size_t ei = 0; ei < x.events.size(); ++ei) {
    const extract::Event& e = x.events[ei];
    const fuse::MentionKey& key = keys[ei];
    std::optional<int64_t> event;
    fuse::MergeReason why_stored, why_local;
    const fuse::MergeReason* why = nullptr;
    bool fusable = index.Fusable(key);
    if (fusable) {
      std::optional<int64_t> a = index.Match(key, &why_stored), b = local.Match(key, &why_local);
      event = a ? a : b;
      if (a && b) event = touched.count(*a) ? a : b;
      if (event) why = event == a ? &why_stored : &why_local;
    }
    std::optional<int64_t> place_row;
    const extract::Place* first_located = nullptr;
    std::vector<int64_t> place_rows;
    for (const auto& p : e.places) {
      int64_t pid = place_ids_.at(PlaceKey(p));
      place_rows.push_back(pid);
      if (!first_located && p.lat && p.lon) {
        first_located = &p;
        place_row = pid;
      }
    }
    const extract::Place* country_place = first_located;
    if (!country_place && !e.places.empty()) country_place = &e.places.front();
    if (fusable && !event) {
      Params pr;
      pr.Add(e.kind).Add(e.cameo).Add(e.plover_type).AddOrNull(e.acled_event_type)
          .AddOrNull(e.acled_sub_event_type).Add(e.violent ? 1 : 0)
          .Add(fuse::DateOfDay(key.day))
          .Add(e.actor1 ? e.actor1->code : "").Add(e.actor1 ? e.actor1->name : "")
          .Add(e.actor1 ? e.actor1->agent : "")
          .Add(e.actor2 ? e.actor2->code : "").Add(e.actor2 ? e.actor2->name : "")
          .Add(e.actor2 ? e.actor2->agent : "").Add(place_row)
          .AddOrNull(country_place ? country_place->country : "");
      if (first_located) {
        pr.Add(first_located->lat).Add(first_located->lon).Add(first_located->precision);
      } else {
        pr.Null().Null().Null();
      }
      pr.Add(e.confidence).Add(now);
      auto ev = Q("INSERT INTO events(kind, cameo, plover_type, acled_event_type, "
                  "acled_sub_event_type, violent, date_start, date_end, actor1, actor1_name, "
                  "actor1_agent, actor2, actor2_name, actor2_agent, place_id, country, lat, lon, "
                  "precision, geom, mentions, documents, confidence, created_at, updated_at) "
                  "VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8, $9, $10, $11, $12, $13, $14, $15, "
                  "$16::float8, $17::float8, $18, CASE WHEN $16::float8 IS NULL THEN NULL ELSE "
                  "ST_SetSRID(ST_MakePoint($17::float8, $16::float8), 4326) END, 0, 0, $19, "
                  "$20, $20) RETURNING id",
                  pr, "cannot insert an event");
      if (!ev.ok()) return ev.status();
      event = ev->Int(0, 0);
      ++o.new_events;
    } else if (fusable) {
      ++o.merged;
    } else {
      ++o.unfused;
    }
    if (event) {
      Params pr;
      pr.Add(*event).Add(fuse::DateOfDay(key.day)).Add(touched.count(*event) ? 0 : 1)
          .Add(e.confidence)
          .Add(e.actor1 ? e.actor1->code : "").Add(e.actor1 ? e.actor1->name : "")
          .Add(e.actor1 ? e.actor1->agent : "")
          .Add(e.actor2 ? e.actor2->code : "").Add(e.actor2 ? e.actor2->name : "")
          .Add(e.actor2 ? e.actor2->agent : "");
      if (country_place && !country_place->country.empty()) pr.Add(country_place->country);
      else pr.Null();
      pr.Add(place_row);
      if (first_located) {
        pr.Add(first_located->lat).Add(first_located->lon).Add(first_located->precision);
      } else {
        pr.Null().Null().Null();
      }
      pr.Add(now);
      auto up = Q(
          "UPDATE events SET date_start = least(date_start, $2), "
          "date_end = greatest(date_end, $2), "
          "mentions = mentions + 1, documents = documents + $3::int, "
          "confidence = greatest(coalesce(confidence, 0), $4::float8), "
          "actor1_name = CASE WHEN actor1 = '' THEN $6 ELSE actor1_name END, "
          "actor1_agent = CASE WHEN actor1 = '' THEN $7 ELSE actor1_agent END, "
          "actor1 = CASE WHEN actor1 = '' THEN $5 ELSE actor1 END, "
          "actor2_name = CASE WHEN actor2 = '' THEN $9 ELSE actor2_name END, "
          "actor2_agent = CASE WHEN actor2 = '' THEN $10 ELSE actor2_agent END, "
          "actor2 = CASE WHEN actor2 = '' THEN $8 ELSE actor2 END, "
          "country = coalesce(country, $11), "
          "place_id = CASE WHEN lat IS NULL AND $12::bigint IS NOT NULL THEN $12::bigint "
          "ELSE place_id END, "
          "precision = CASE WHEN lat IS NULL AND $12::bigint IS NOT NULL THEN $15::int "
          "ELSE precision END, "
          "lon = CASE WHEN lat IS NULL THEN $14::float8 ELSE lon END, "
          "geom = CASE WHEN lat IS NULL AND $13::float8 IS NOT NULL THEN "
          "ST_SetSRID(ST_MakePoint($14::float8, $13::float8), 4326) ELSE geom END, "
          "lat = coalesce(lat, $13::float8), updated_at = $16 WHERE id = $1",
          pr, "cannot update an event");
      if (!up.ok()) return up.status();
      touched.insert(*event);
      local.Add(*event, key);
    }
    record.clear();
    output::AppendEventRecord(doc, e, record);
    Params pm;
    pm.Add(doc_row).Add(event).Add(e.id).Add(e.kind).AddOrNull(e.acled_event_type)
        .Add(e.violent ? 1 : 0);
    if (key.has_date) pm.Add(fuse::DateOfDay(key.day)).Add(key.day); else pm.Null().Null();
    pm.Add(e.modality).Add(key.actor1).Add(key.actor2).Add(e.confidence).Add(record)
        .Add(key.actor1_inferred ? 1 : 0).Add(key.actor2_inferred ? 1 : 0);
    if (why) pm.Add(fuse::MergeReasonJson(*why)); else pm.Null();
    auto m = Q("INSERT INTO mentions(document_id, event_id, mention_id, kind, acled_event_type, "
               "violent, date, day, modality, actor1, actor2, confidence, record, "
               "actor1_inferred, actor2_inferred, merge) VALUES "
               "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) "
               "RETURNING id",
               pm, "cannot insert a mention");
    if (!m.ok()) return m.status();
    int64_t mention_row = m->Int(0, 0);
    mention_rows[e.id] = {mention_row, event.value_or(0)};
    for (size_t i = 0; i < place_rows.size(); ++i) {
      auto mp = Q("INSERT INTO mention_places(mention_id, ordinal, place_id) VALUES "
                  "($1, $2, $3) ON CONFLICT DO NOTHING",
                  Params().Add(mention_row).Add(static_cast<int64_t>(i)).Add(place_rows[i]),
                  "cannot link a place");
      if (!mp.ok()) return mp.status();
    }
    ++o.mentions;
  }
  std::set<int64_t> reconcile;
  for (const extract::Casualty& c : x.casualties) {
    std::optional<int64_t> mention, event;
    auto it = mention_rows.find(c.event_id);
    if (it != mention_rows.end()) {
      mention = it->second.first;
      if (it->second.second) event = it->second.second;
    }
    record.clear();
    output::AppendCasualtyRecord(doc, c, record);
    auto s = Q("INSERT INTO casualty_claims(document_id, mention_id, event_id, claim_id, count, "
               "min, max, qualifier, victims, side, attribution_actors, record) VALUES "
               "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
               Params().Add(doc_row).Add(mention).Add(event).Add(c.id).Add(c.count).Add(c.min)
                   .Add(c.max).Add(c.qualifier).Add(c.victims).Add(c.side)
                   .Add(c.attribution ? Join(c.attribution->actors) : "").Add(record),
               "cannot insert a casualty claim");
    if (!s.ok()) return s.status();
    if (event) reconcile.insert(*event);
    ++o.claims;
  }
  for (int64_t ev : reconcile) TOCSIN_RETURN_IF_ERROR(ReconcileEvent(ev));
  // Rows every writer shares, last, so that they are held for the shortest time.
  if (source) {
    auto up = Q("UPDATE sources SET documents = documents + 1 WHERE id = $1",
                Params().Add(*source), "cannot update a source");
    if (!up.ok()) return up.status();
  }
  auto v = Q("UPDATE meta SET value = (value::bigint + 1)::text WHERE key = 'content_version'",
             {}, "cannot update the content version");
  if (!v.ok()) return v.status();
  return o;
}

// ---------------------------------------------------------------- reading

constexpr const char* kEventColumns =
    "e.id, e.kind, e.cameo, e.plover_type, e.acled_event_type, e.acled_sub_event_type, "
    "e.violent, e.date_start, e.date_end, e.actor1, e.actor1_name, e.actor1_agent, e.actor2, "
    "e.actor2_name, e.actor2_agent, p.name, e.country, p.admin1, e.lat, e.lon, e.precision, "
    "e.mentions, e.documents, e.confidence, e.fatalities, e.fatalities_low, e.fatalities_high, "
    "e.fatality_claims, e.fatalities_by_side, e.created_at, e.updated_at";

EventRecord PgStore::ReadEvent(const Result& s, int i) {
  EventRecord r;
  r.id = s.Int(i, 0);
  r.kind = s.Text(i, 1);
  r.cameo = s.Text(i, 2);
  r.plover_type = s.Text(i, 3);
  r.acled_event_type = s.Text(i, 4);
  r.acled_sub_event_type = s.Text(i, 5);
  r.violent = s.Int(i, 6) != 0;
  r.date_start = s.Text(i, 7);
  r.date_end = s.Text(i, 8);
  r.actor1 = s.Text(i, 9);
  r.actor1_name = s.Text(i, 10);
  r.actor1_agent = s.Text(i, 11);
  r.actor2 = s.Text(i, 12);
  r.actor2_name = s.Text(i, 13);
  r.actor2_agent = s.Text(i, 14);
  r.place = s.Text(i, 15);
  r.country = s.Text(i, 16);
  r.admin1 = s.Text(i, 17);
  r.lat = s.OptDouble(i, 18);
  r.lon = s.OptDouble(i, 19);
  r.precision = static_cast<int>(s.Int(i, 20));
  r.mentions = static_cast<int>(s.Int(i, 21));
  r.documents = static_cast<int>(s.Int(i, 22));
  r.confidence = s.Double(i, 23);
  r.fatalities.victims = "killed";
  r.fatalities.figure = s.Int(i, 24);
  r.fatalities.low = s.Int(i, 25);
  r.fatalities.high = s.Int(i, 26);
  r.fatalities.claims = static_cast<int>(s.Int(i, 27));
  std::string by_side = s.Text(i, 28);
  if (!by_side.empty() && by_side != "[]") {
    auto j = nlohmann::json::parse(by_side, nullptr, false);
    if (j.is_array())
      for (const auto& x : j) {
        fuse::SideFigure f;
        f.side = x.value("side", nlohmann::json()).is_string() ? x["side"].get<std::string>() : "";
        f.figure = x.value("figure", int64_t{0});
        f.low = x.value("low", int64_t{0});
        f.high = x.value("high", int64_t{0});
        f.claims = x.value("claims", 0);
        f.partisan_dropped = x.value("partisan_set_aside", 0);
        r.fatalities.by_side.push_back(f);
      }
  }
  r.created_at = s.Text(i, 29);
  r.updated_at = s.Text(i, 30);
  return r;
}

std::string PgStore::EventWhere(const EventQuery& q, Params& p) const {
  std::string w = " WHERE TRUE";
  auto next = [&] { return "$" + std::to_string(p.size()); };
  if (!q.since.empty()) {
    p.Add(q.since);
    w += " AND e.date_end >= " + next();
  }
  if (!q.until.empty()) {
    p.Add(q.until);
    w += " AND e.date_start <= " + next();
  }
  if (!q.kinds.empty()) {
    w += " AND e.kind IN (";
    for (size_t i = 0; i < q.kinds.size(); ++i) {
      p.Add(q.kinds[i]);
      w += (i ? ", " : "") + next();
    }
    w += ")";
  }
  if (!q.country.empty()) {
    std::string c = q.country;
    for (char& ch : c) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    p.Add(c);
    w += " AND e.country = " + next();
  }
  if (q.bbox) {
    // The n-D GiST index on events.span (lon, lat, day from date_start to date_end): the box
    // and the dates in one index scan. &&& on bounding boxes is inclusive like the SQLite
    // comparison; the exact date tests above stay.
    const auto& b = *q.bbox;
    std::optional<int> d0 = q.since.empty() ? std::nullopt : fuse::DayNumber(q.since);
    std::optional<int> d1 = q.until.empty() ? std::nullopt : fuse::DayNumber(q.until);
    p.Add(b[0]);
    std::string x0 = next();
    p.Add(b[1]);
    std::string y0 = next();
    p.Add(b[2]);
    std::string x1 = next();
    p.Add(b[3]);
    std::string y1 = next();
    p.Add(static_cast<double>(d0.value_or(-10000000)));
    std::string t0 = next();
    p.Add(static_cast<double>(d1.value_or(10000000)));
    std::string t1 = next();
    w += " AND e.span &&& ST_MakeLine(ST_MakePoint(" + x0 + "::float8, " + y0 + "::float8, " +
         t0 + "::float8), ST_MakePoint(" + x1 + "::float8, " + y1 + "::float8, " + t1 +
         "::float8))";
  }
  if (q.min_documents > 0) {
    p.Add(q.min_documents);
    w += " AND e.documents >= " + next() + "::int";
  }
  if (!q.actors.empty()) {
    std::string in;
    for (size_t i = 0; i < q.actors.size(); ++i) {
      p.Add(q.actors[i]);
      in += (i ? ", " : "") + next();
    }
    w += " AND (e.actor1 IN (" + in + ") OR e.actor2 IN (" + in + "))";
  }
  if (q.violent_only) w += " AND e.violent = 1";
  return w;
}

StatusOr<EventPage> PgStore::QueryEvents(const EventQuery& q) {
  Params p;
  std::string where = EventWhere(q, p);
  EventPage page;
  if (q.count_total) {
    auto c = QDyn("SELECT count(*) FROM events e" + where, p, "cannot count events");
    if (!c.ok()) return c.status();
    page.total = c->Int(0, 0);
  }
  std::string sql = std::string("SELECT ") + kEventColumns +
                    " FROM events e LEFT JOIN places p ON p.id = e.place_id" + where;
  if (!q.after_date.empty() || q.after_id > 0) {
    p.Add(q.after_date);
    std::string d = "$" + std::to_string(p.size());
    p.Add(q.after_id);
    std::string id = "$" + std::to_string(p.size());
    const std::string after = q.descending ? " < " : " > ";
    sql += " AND (e.date_start" + after + d + " OR (e.date_start = " + d + " AND e.id" + after +
           id + "::bigint))";
  }
  sql += q.descending ? " ORDER BY e.date_start DESC, e.id DESC" : " ORDER BY e.date_start, e.id";
  if (q.limit > 0) sql += " LIMIT " + std::to_string(q.limit + 1);
  if (q.offset > 0) sql += " OFFSET " + std::to_string(q.offset);
  auto r = QDyn(sql, p, "cannot read events");
  if (!r.ok()) return r.status();
  for (int i = 0; i < r->Rows(); ++i) {
    if (q.limit > 0 && static_cast<int64_t>(page.events.size()) == q.limit) {
      page.more = true;
      break;
    }
    page.events.push_back(ReadEvent(*r, i));
  }
  return page;
}

StatusOr<EventCounts> PgStore::CountEvents(const EventQuery& q) {
  Params p;
  const std::string where = EventWhere(q, p);
  EventCounts out;
  {
    auto r = QDyn("SELECT e.date_start, count(*), coalesce(sum(e.fatalities), 0) FROM events e" +
                      where + " GROUP BY e.date_start ORDER BY e.date_start",
                  p, "cannot count events");
    if (!r.ok()) return r.status();
    for (int i = 0; i < r->Rows(); ++i) {
      EventCounts::Day d{r->Text(i, 0), r->Int(i, 1), r->Int(i, 2)};
      out.events += d.events;
      out.fatalities += d.fatalities;
      if (!d.date.empty()) out.by_day.push_back(std::move(d));
    }
  }
  // The three facets in one scan of the matching events.
  auto r = QDyn("SELECT f, v, count(*) FROM events e CROSS JOIN LATERAL (VALUES ('k', e.kind), "
                "('c', coalesce(e.country, '')), ('a', e.actor1), ('a', e.actor2)) AS t(f, v)" +
                    where + " GROUP BY f, v",
                p, "cannot count events");
  if (!r.ok()) return r.status();
  for (int i = 0; i < r->Rows(); ++i) {
    const std::string f = r->Text(i, 0), v = r->Text(i, 1);
    if (v.empty()) continue;
    auto& map = f == "k" ? out.by_kind : f == "c" ? out.by_country : out.by_actor;
    map[v] += r->Int(i, 2);
  }
  return out;
}

StatusOr<int64_t> PgStore::EventOfMention(const std::string& mention_id) {
  const size_t hash = mention_id.rfind("#e");
  if (hash == std::string::npos || hash == 0) return int64_t{0};
  auto r = Q("SELECT coalesce(m.event_id, 0) FROM mentions m WHERE m.document_id = (SELECT d.id "
             "FROM documents d WHERE d.doc_id = $1 ORDER BY d.id DESC LIMIT 1) AND "
             "m.mention_id = $2",
             Params().Add(mention_id.substr(0, hash)).Add(mention_id), "cannot read the mention");
  if (!r.ok()) return r.status();
  return r->Rows() ? r->Int(0, 0) : int64_t{0};
}

Status PgStore::LoadDetail(EventDetail& d) {
  auto m = Q("SELECT m.id, m.mention_id, m.document_id, d.doc_id, d.title, d.url, s.name, "
             "d.date, d.lang, m.kind, m.modality, m.date, m.confidence, m.record, m.merge "
             "FROM mentions m JOIN documents d ON d.id = m.document_id "
             "LEFT JOIN sources s ON s.id = d.source_id WHERE m.event_id = $1 ORDER BY m.id",
             Params().Add(d.event.id), "cannot read mentions");
  if (!m.ok()) return m.status();
  for (int i = 0; i < m->Rows(); ++i) {
    SourceRef r;
    r.mention = m->Int(i, 0);
    r.mention_id = m->Text(i, 1);
    r.document = m->Int(i, 2);
    r.doc_id = m->Text(i, 3);
    r.title = m->Text(i, 4);
    r.url = m->Text(i, 5);
    r.source = m->Text(i, 6);
    r.date = m->Text(i, 7);
    r.lang = m->Text(i, 8);
    r.kind = m->Text(i, 9);
    r.modality = m->Text(i, 10);
    r.event_date = m->Text(i, 11);
    r.confidence = m->Double(i, 12);
    r.merge = fuse::ParseMergeReason(m->Text(i, 14));
    auto e = internal::ParseEventRecord(m->Text(i, 13));
    if (!e.ok()) return e.status();
    r.evidence = e->evidence;
    r.attribution = e->attribution;
    for (auto& p : e->places) {
      bool seen = false;
      for (const auto& q : d.places)
        seen = seen || (q.geonameid == p.geonameid && q.name == p.name && q.country == p.country);
      if (!seen) d.places.push_back(p);
    }
    d.sources.push_back(std::move(r));
  }
  auto c = Q("SELECT c.id, c.document_id, d.doc_id, d.date, c.record FROM casualty_claims c "
             "JOIN documents d ON d.id = c.document_id WHERE c.event_id = $1 ORDER BY c.id",
             Params().Add(d.event.id), "cannot read casualty claims");
  if (!c.ok()) return c.status();
  for (int i = 0; i < c->Rows(); ++i) {
    ClaimRecord r;
    r.id = c->Int(i, 0);
    r.document = c->Int(i, 1);
    r.doc_id = c->Text(i, 2);
    r.doc_date = c->Text(i, 3);
    r.event = d.event.id;
    auto k = internal::ParseCasualtyRecord(c->Text(i, 4));
    if (!k.ok()) return k.status();
    r.casualty = std::move(*k);
    d.claims.push_back(std::move(r));
  }
  return Status::Ok();
}

Status PgStore::ForEachEvent(const EventQuery& q,
                             const std::function<bool(const EventDetail&)>& f) {
  // Keyset pages of events, each event's details read after its page.
  EventQuery page_q = q;
  page_q.limit = 1000;
  page_q.offset = 0;
  for (;;) {
    auto page = QueryEvents(page_q);
    if (!page.ok()) return page.status();
    for (EventRecord& e : page->events) {
      EventDetail d;
      d.event = std::move(e);
      TOCSIN_RETURN_IF_ERROR(LoadDetail(d));
      if (!f(d)) return Status::Ok();
    }
    if (!page->more || page->events.empty()) return Status::Ok();
    page_q.after_date = page->events.back().date_start;
    page_q.after_id = page->events.back().id;
  }
}

StatusOr<std::optional<EventDetail>> PgStore::GetEvent(int64_t id) {
  std::string sql = std::string("SELECT ") + kEventColumns +
                    " FROM events e LEFT JOIN places p ON p.id = e.place_id WHERE e.id = $1";
  auto r = QDyn(sql, Params().Add(id), "cannot read the event");
  if (!r.ok()) return r.status();
  if (r->Rows() == 0) return std::optional<EventDetail>();
  EventDetail d;
  d.event = ReadEvent(*r, 0);
  TOCSIN_RETURN_IF_ERROR(LoadDetail(d));
  return std::optional<EventDetail>(std::move(d));
}

StatusOr<std::optional<DocumentRecord>> PgStore::GetDocument(const std::string& key) {
  const char* by_id =
      "SELECT d.id, d.doc_id, d.content_hash, d.title, d.text, d.date, d.lang, d.url, s.name, "
      "d.origin, d.ingested_at, d.frame, d.warnings, d.mentions, d.claims FROM documents d "
      "LEFT JOIN sources s ON s.id = d.source_id WHERE d.id = $1";
  const char* by_doc_id =
      "SELECT d.id, d.doc_id, d.content_hash, d.title, d.text, d.date, d.lang, d.url, s.name, "
      "d.origin, d.ingested_at, d.frame, d.warnings, d.mentions, d.claims FROM documents d "
      "LEFT JOIN sources s ON s.id = d.source_id WHERE d.doc_id = $1 ORDER BY d.id DESC LIMIT 1";
  bool row = key.size() > 1 && key.size() < 19 && key[0] == '#' &&
             key.find_first_not_of("0123456789", 1) == std::string::npos;
  auto s = row ? Q(by_id, Params().Add(key.substr(1)), "cannot read the document")
               : Q(by_doc_id, Params().Add(key), "cannot read the document");
  if (!s.ok()) return s.status();
  if (s->Rows() == 0) return std::optional<DocumentRecord>();
  DocumentRecord d;
  d.id = s->Int(0, 0);
  d.doc_id = s->Text(0, 1);
  d.content_hash = s->Text(0, 2);
  d.title = s->Text(0, 3);
  d.text = s->Text(0, 4);
  d.date = s->Text(0, 5);
  d.lang = s->Text(0, 6);
  d.url = s->Text(0, 7);
  d.source = s->Text(0, 8);
  d.origin = s->Text(0, 9);
  d.ingested_at = s->Text(0, 10);
  d.frame = Split(s->Text(0, 11));
  d.warnings = Split(s->Text(0, 12), '\n');
  d.mentions = static_cast<int>(s->Int(0, 13));
  d.claims = static_cast<int>(s->Int(0, 14));
  return std::optional<DocumentRecord>(std::move(d));
}

Status PgStore::ForEachMention(const std::function<bool(const StoredMention&)>& f) {
  // Pages of 5000 mentions by id; the callback may use the store between pages.
  int64_t last = 0;
  for (;;) {
    auto s = Q("SELECT m.id, coalesce(m.event_id, 0), m.document_id, d.doc_id, d.date, d.lang, "
               "m.violent, m.record, d.title, d.url, s.name, d.frame, m.merge FROM mentions m "
               "JOIN documents d ON d.id = m.document_id "
               "LEFT JOIN sources s ON s.id = d.source_id WHERE m.id > $1 ORDER BY m.id "
               "LIMIT 5000",
               Params().Add(last), "cannot read mentions");
    if (!s.ok()) return s.status();
    if (s->Rows() == 0) return Status::Ok();
    for (int i = 0; i < s->Rows(); ++i) {
      StoredMention m;
      m.mention = s->Int(i, 0);
      m.event = s->Int(i, 1);
      m.document = s->Int(i, 2);
      m.doc_id = s->Text(i, 3);
      m.doc_date = s->Text(i, 4);
      m.lang = s->Text(i, 5);
      auto e = internal::ParseEventRecord(s->Text(i, 7));
      if (!e.ok()) return e.status();
      m.extracted = std::move(*e);
      m.extracted.violent = s->Int(i, 6) != 0;
      m.doc_title = s->Text(i, 8);
      m.doc_url = s->Text(i, 9);
      m.doc_source = s->Text(i, 10);
      m.frame = Split(s->Text(i, 11));
      m.merge = fuse::ParseMergeReason(s->Text(i, 12));
      last = m.mention;
      if (!f(m)) return Status::Ok();
    }
  }
}

Status PgStore::ForEachClaim(const std::function<bool(const ClaimRecord&)>& f) {
  int64_t last = 0;
  for (;;) {
    auto s = Q("SELECT c.id, c.document_id, d.doc_id, d.date, coalesce(c.event_id, 0), c.record "
               "FROM casualty_claims c JOIN documents d ON d.id = c.document_id "
               "WHERE c.id > $1 ORDER BY c.id LIMIT 5000",
               Params().Add(last), "cannot read casualty claims");
    if (!s.ok()) return s.status();
    if (s->Rows() == 0) return Status::Ok();
    for (int i = 0; i < s->Rows(); ++i) {
      ClaimRecord r;
      r.id = s->Int(i, 0);
      r.document = s->Int(i, 1);
      r.doc_id = s->Text(i, 2);
      r.doc_date = s->Text(i, 3);
      r.event = s->Int(i, 4);
      auto k = internal::ParseCasualtyRecord(s->Text(i, 5));
      if (!k.ok()) return k.status();
      r.casualty = std::move(*k);
      last = r.id;
      if (!f(r)) return Status::Ok();
    }
  }
}

StatusOr<int64_t> PgStore::ContentVersion() {
  // A counter every ingest transaction increments just before it commits: unlike the largest
  // document id, it grows even when a writer that took a smaller id commits last.
  const char* sql = "SELECT value::bigint FROM meta WHERE key = 'content_version'";
  auto r = Q(sql, {}, "cannot read the version");
  if (!r.ok() && last_connection_bad_ && Connect().ok()) r = Q(sql, {}, "cannot read the version");
  if (!r.ok()) return r.status();
  return r->Rows() ? r->Int(0, 0) : 0;
}

StatusOr<Stats> PgStore::GetStats() {
  Stats st;
  st.schema_version = kSchemaVersion;
  auto s = Q("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM mentions), "
             "(SELECT count(*) FROM events), (SELECT count(*) FROM events WHERE documents > 1), "
             "(SELECT count(*) FROM casualty_claims), (SELECT count(*) FROM places), "
             "(SELECT count(*) FROM sources), (SELECT count(*) FROM feeds), "
             "(SELECT min(date_start) FROM events), (SELECT max(date_end) FROM events)",
             {}, "cannot read stats");
  if (!s.ok()) return s.status();
  st.documents = s->Int(0, 0);
  st.mentions = s->Int(0, 1);
  st.events = s->Int(0, 2);
  st.multi_source_events = s->Int(0, 3);
  st.claims = s->Int(0, 4);
  st.places = s->Int(0, 5);
  st.sources = s->Int(0, 6);
  st.feeds = s->Int(0, 7);
  st.first_date = s->Text(0, 8);
  st.last_date = s->Text(0, 9);
  auto k = Q("SELECT kind, count(*) FROM events GROUP BY kind", {}, "cannot read stats");
  if (!k.ok()) return k.status();
  for (int i = 0; i < k->Rows(); ++i) st.events_by_kind[k->Text(i, 0)] = k->Int(i, 1);
  auto c = Q("SELECT coalesce(country, ''), count(*) FROM events GROUP BY 1", {},
             "cannot read stats");
  if (!c.ok()) return c.status();
  for (int i = 0; i < c->Rows(); ++i) st.events_by_country[c->Text(i, 0)] = c->Int(i, 1);
  return st;
}

StatusOr<std::optional<FeedState>> PgStore::GetFeed(const std::string& url) {
  auto s = Q("SELECT url, etag, last_modified, next_poll, failures, last_status, last_poll, "
             "items FROM feeds WHERE url = $1",
             Params().Add(url), "cannot read feed state");
  if (!s.ok()) return s.status();
  if (s->Rows() == 0) return std::optional<FeedState>();
  FeedState f;
  f.url = s->Text(0, 0);
  f.etag = s->Text(0, 1);
  f.last_modified = s->Text(0, 2);
  f.next_poll = s->Int(0, 3);
  f.failures = static_cast<int>(s->Int(0, 4));
  f.last_status = s->Text(0, 5);
  f.last_poll = s->Int(0, 6);
  f.items = s->Int(0, 7);
  return std::optional<FeedState>(std::move(f));
}

Status PgStore::PutFeed(const FeedState& f) {
  auto s = Q("INSERT INTO feeds(url, etag, last_modified, next_poll, failures, last_status, "
             "last_poll, items) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (url) DO "
             "UPDATE SET etag = $2, last_modified = $3, next_poll = $4, failures = $5, "
             "last_status = $6, last_poll = $7, items = $8",
             Params().Add(f.url).Add(f.etag).Add(f.last_modified).Add(f.next_poll)
                 .Add(f.failures).Add(f.last_status).Add(f.last_poll).Add(f.items),
             "cannot save feed state");
  return s.status();
}

}  // namespace

StatusOr<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url, const OpenOptions& o) {
  auto store = std::make_unique<PgStore>(url, o);
  Status s = store->Open();
  if (!s.ok()) return s;
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace tocsin::store
