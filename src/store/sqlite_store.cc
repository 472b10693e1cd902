// SQLite implementation of the store (doc/schema.md).
#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <set>
#include <unordered_map>

#include "internal.h"
#include "tocsin/output/json.h"
#include "tocsin/output/json_writer.h"
#include "tocsin/store/pg_store.h"
#include "tocsin/store/store.h"

namespace tocsin::store {

std::string ContentHash(const Document& doc) {
  internal::Sha256 h;
  for (const std::string* s : {&doc.title, &doc.text, &doc.date, &doc.url, &doc.source}) {
    h.Update(*s);
    h.Update(std::string_view("\0", 1));
  }
  return h.HexDigest();
}

namespace {

constexpr int32_t kApplicationId = 0x54435331;  // "TCS1"

// Schema of version 1. Each later version adds one entry to kMigrations (doc/schema.md).
const char* kSchemaV1 = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources(
  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, documents INTEGER NOT NULL DEFAULT 0);
CREATE TABLE documents(
  id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL, content_hash TEXT NOT NULL UNIQUE,
  source_id INTEGER REFERENCES sources(id), title TEXT NOT NULL, text TEXT NOT NULL,
  date TEXT, lang TEXT, url TEXT, origin TEXT, frame TEXT, warnings TEXT,
  mentions INTEGER NOT NULL, claims INTEGER NOT NULL, ingested_at TEXT NOT NULL);
CREATE INDEX documents_doc_id ON documents(doc_id);
CREATE TABLE places(
  id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, name TEXT, country TEXT, admin1 TEXT,
  lat REAL, lon REAL, geonameid INTEGER, feature TEXT, precision INTEGER);
CREATE TABLE events(
  id INTEGER PRIMARY KEY, kind TEXT NOT NULL, cameo TEXT, plover_type TEXT,
  acled_event_type TEXT, acled_sub_event_type TEXT, violent INTEGER NOT NULL,
  date_start TEXT NOT NULL, date_end TEXT NOT NULL,
  actor1 TEXT NOT NULL, actor1_name TEXT, actor1_agent TEXT,
  actor2 TEXT NOT NULL, actor2_name TEXT, actor2_agent TEXT,
  place_id INTEGER REFERENCES places(id), country TEXT, lat REAL, lon REAL, precision INTEGER,
  mentions INTEGER NOT NULL, documents INTEGER NOT NULL, confidence REAL,
  fatalities INTEGER NOT NULL DEFAULT 0, fatalities_low INTEGER NOT NULL DEFAULT 0,
  fatalities_high INTEGER NOT NULL DEFAULT 0, fatality_claims INTEGER NOT NULL DEFAULT 0,
  fatalities_by_side TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX events_date ON events(date_start, id);
CREATE INDEX events_kind ON events(kind, date_start);
CREATE INDEX events_country ON events(country, date_start);
CREATE TABLE mentions(
  id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id),
  event_id INTEGER REFERENCES events(id), mention_id TEXT NOT NULL, kind TEXT NOT NULL,
  acled_event_type TEXT, violent INTEGER NOT NULL, date TEXT, day INTEGER, modality TEXT,
  actor1 TEXT, actor2 TEXT, actor1_inferred INTEGER NOT NULL DEFAULT 0,
  actor2_inferred INTEGER NOT NULL DEFAULT 0, confidence REAL, record TEXT NOT NULL);
CREATE INDEX mentions_event ON mentions(event_id);
CREATE INDEX mentions_document ON mentions(document_id);
CREATE TABLE mention_places(
  mention_id INTEGER NOT NULL REFERENCES mentions(id), ordinal INTEGER NOT NULL,
  place_id INTEGER NOT NULL REFERENCES places(id), PRIMARY KEY(mention_id, ordinal))
  WITHOUT ROWID;
CREATE TABLE casualty_claims(
  id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id),
  mention_id INTEGER REFERENCES mentions(id), event_id INTEGER REFERENCES events(id),
  claim_id TEXT NOT NULL, count INTEGER NOT NULL, min INTEGER, max INTEGER, qualifier TEXT,
  victims TEXT, side TEXT, attribution_actors TEXT, record TEXT NOT NULL);
CREATE INDEX claims_event ON casualty_claims(event_id);
CREATE INDEX claims_document ON casualty_claims(document_id);
CREATE TABLE feeds(
  url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, next_poll INTEGER NOT NULL DEFAULT 0,
  failures INTEGER NOT NULL DEFAULT 0, last_status TEXT, last_poll INTEGER NOT NULL DEFAULT 0,
  items INTEGER NOT NULL DEFAULT 0);
)sql";

// kMigrations[i] upgrades a database of schema version i+1 to i+2 (doc/schema.md). A migration
// runs in one transaction with the user_version update.
const std::vector<const char*> kMigrations = {
    // 2: why each mention joined its event (fuse::MergeReasonJson), NULL for the first one.
    "ALTER TABLE mentions ADD COLUMN merge TEXT;",
};

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

// How long a statement waits for another connection's lock (another process writing)
// before it fails with SQLITE_BUSY.
constexpr int kBusyTimeoutMs = 30000;

class Stmt {
 public:
  Stmt() = default;
  Stmt(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s_, nullptr) != SQLITE_OK)
      s_ = nullptr;
  }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt(Stmt&& o) noexcept : db_(o.db_), s_(o.s_) { o.s_ = nullptr; }
  Stmt& operator=(Stmt&& o) noexcept {
    std::swap(db_, o.db_);
    std::swap(s_, o.s_);
    return *this;
  }
  ~Stmt() { sqlite3_finalize(s_); }
  bool ok() const { return s_ != nullptr; }
  sqlite3_stmt* get() { return s_; }

  Stmt& Reset() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
    return *this;
  }
  Stmt& Bind(int i, const std::string& v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& Bind(int i, const char* v) { return Bind(i, std::string(v)); }
  Stmt& BindOrNull(int i, const std::string& v) {
    if (v.empty()) return Null(i);
    return Bind(i, v);
  }
  Stmt& Bind(int i, int64_t v) {
    sqlite3_bind_int64(s_, i, v);
    return *this;
  }
  Stmt& Bind(int i, int v) { return Bind(i, static_cast<int64_t>(v)); }
  Stmt& Bind(int i, double v) {
    sqlite3_bind_double(s_, i, v);
    return *this;
  }
  Stmt& Bind(int i, std::optional<double> v) { return v ? Bind(i, *v) : Null(i); }
  Stmt& Bind(int i, std::optional<int64_t> v) { return v ? Bind(i, *v) : Null(i); }
  Stmt& Null(int i) {
    sqlite3_bind_null(s_, i);
    return *this;
  }
  // SQLITE_ROW, SQLITE_DONE or an error code.
  int Step() { return sqlite3_step(s_); }

  std::string Text(int c) {
    const unsigned char* t = sqlite3_column_text(s_, c);
    return t ? std::string(reinterpret_cast<const char*>(t),
                           static_cast<size_t>(sqlite3_column_bytes(s_, c)))
             : std::string();
  }
  int64_t Int(int c) { return sqlite3_column_int64(s_, c); }
  double Double(int c) { return sqlite3_column_double(s_, c); }
  bool IsNull(int c) { return sqlite3_column_type(s_, c) == SQLITE_NULL; }
  std::optional<double> OptDouble(int c) {
    return IsNull(c) ? std::nullopt : std::optional<double>(Double(c));
  }
  std::optional<int64_t> OptInt(int c) {
    return IsNull(c) ? std::nullopt : std::optional<int64_t>(Int(c));
  }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* s_ = nullptr;
};

class SqliteStore final : public Store {
 public:
  SqliteStore(std::string path, OpenOptions options)
      : path_(std::move(path)), options_(std::move(options)), index_(options_.fusion) {}
  ~SqliteStore() override {
    stmts_.clear();
    if (db_) sqlite3_close_v2(db_);
  }

  Status Open();
  std::string Location() const override { return path_; }

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
  Status Error(const std::string& what, int rc = 0);
  Status Exec(const char* sql);
  Stmt& S(const char* sql);
  void ResetStatements() {
    for (auto& [sql, stmt] : stmts_) sqlite3_reset(stmt.get());
  }  // cached prepared statement (keyed by the literal's address)
  Status Done(Stmt& s, const char* what);
  Status CreateOrMigrate();
  Status LoadIndex();
  StatusOr<int64_t> PlaceId(const extract::Place& p);
  StatusOr<int64_t> SourceId(const std::string& name);
  Status ReconcileEvent(int64_t event);
  StatusOr<IngestOutcome> IngestTx(const Document& doc, const extract::Extraction& x,
                                   const std::string& hash,
                                   std::vector<std::pair<int64_t, fuse::MentionKey>>& adds);
  EventRecord ReadEvent(Stmt& s);  // from the columns of kEventColumns
  Status LoadDetail(EventDetail& d);
  std::string EventWhere(const EventQuery& q, std::vector<std::string>& binds_text,
                         std::vector<double>& binds_num, std::vector<int>& order) const;

  std::string path_;
  OpenOptions options_;
  sqlite3* db_ = nullptr;
  std::unordered_map<const char*, Stmt> stmts_;
  fuse::FusionIndex index_;
  std::unordered_map<std::string, int64_t> place_ids_, source_ids_;
};

Status SqliteStore::Error(const std::string& what, int rc) {
  int code = rc ? rc : (db_ ? sqlite3_errcode(db_) : 0);
  std::string msg = path_ + ": " + what + ": " + (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(code));
  int primary = code & 0xff;
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
    return Status::Corruption(msg + "; the database file is damaged: restore a backup, or salvage "
                                    "it with `sqlite3 " + path_ + " .recover | sqlite3 new.db`");
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    return Status::IoError(msg + "; another process kept this database locked for more than " +
                           std::to_string(kBusyTimeoutMs / 1000) +
                           " s (busy timeout): retry when the other writer is done");
  if (primary == SQLITE_FULL) return Status::IoError(msg + "; the disk is full");
  return Status::IoError(msg);
}

Status SqliteStore::Exec(const char* sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string m = err ? err : "";
    sqlite3_free(err);
    return Error(std::string("SQL failed (") + m + ")", rc);
  }
  return Status::Ok();
}

Stmt& SqliteStore::S(const char* sql) {
  auto it = stmts_.find(sql);
  if (it == stmts_.end()) it = stmts_.emplace(sql, Stmt(db_, sql)).first;
  return it->second.Reset();
}

Status SqliteStore::Done(Stmt& s, const char* what) {
  if (!s.ok()) return Error(std::string("cannot prepare ") + what);
  int rc = s.Step();
  if (rc != SQLITE_DONE && rc != SQLITE_ROW) return Error(what, rc);
  return Status::Ok();
}

Status SqliteStore::Open() {
  namespace fs = std::filesystem;
  std::error_code ec;
  bool exists = fs::exists(path_, ec);
  if (!exists && (!options_.create || options_.read_only))
    return Status::NotFound(path_ + ": no such database; run `tocsin ingest --db " + path_ +
                            " ...` first");
  if (exists && fs::is_directory(path_, ec))
    return Status::InvalidArgument(path_ + ": is a directory; --db takes a database file");
  // The header is checked through SQLite (SQLITE_NOTADB below), never with a descriptor of our
  // own: closing any descriptor on the file drops every POSIX lock this process holds on it,
  // and another process's writer then deletes the WAL under our other connections.
  auto not_sqlite = [&] {
    return Status::Corruption(
        path_ + ": not a tocsin database: the file is not an SQLite database (wrong header); "
                "tocsin will not touch it. Pass another --db path, or move the file away");
  };
  int flags = options_.read_only ? SQLITE_OPEN_READONLY
                                 : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  int rc = sqlite3_open_v2(path_.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) return Error("cannot open", rc);
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);
  // Identify the file before anything else.
  int64_t app_id = 0, version = 0, n_tables = 0;
  {
  Stmt app(db_, "PRAGMA application_id");
  if (!app.ok()) {
    if ((sqlite3_errcode(db_) & 0xff) == SQLITE_NOTADB) return not_sqlite();
    return Error("cannot read the database header");
  }
  rc = app.Step();
  if ((rc & 0xff) == SQLITE_NOTADB) return not_sqlite();
  if (rc != SQLITE_ROW) return Error("cannot read the database header", rc);
  app_id = app.Int(0);
  Stmt ver(db_, "PRAGMA user_version");
  if (!ver.ok() || ver.Step() != SQLITE_ROW) return Error("cannot read the schema version");
  version = ver.Int(0);
  Stmt tables(db_, "SELECT count(*) FROM sqlite_master");
  if (!tables.ok()) return Error("cannot read the schema");
  rc = tables.Step();
  if (rc != SQLITE_ROW) return Error("cannot read the schema", rc);
  n_tables = tables.Int(0);
  }
  if (app_id != kApplicationId && !(app_id == 0 && n_tables == 0)) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%08x", static_cast<unsigned>(app_id));
    return Status::Corruption(path_ + ": not a tocsin database: an SQLite database of another "
                                      "application (application_id " + buf + ", " +
                              std::to_string(n_tables) +
                              " schema objects); tocsin will not touch it. Pass another --db "
                              "path");
  }
  if (version > kSchemaVersion)
    return Status::Unsupported(path_ + ": schema version " + std::to_string(version) +
                               " was written by a newer tocsin (this one knows up to " +
                               std::to_string(kSchemaVersion) + "); upgrade tocsin");
  if (!options_.read_only) {
    if (options_.check_integrity && n_tables > 0) {
      Stmt qc(db_, "PRAGMA quick_check(5)");
      if (!qc.ok()) return Error("integrity check failed");
      std::string problems;
      for (rc = qc.Step(); rc == SQLITE_ROW; rc = qc.Step()) {
        std::string r = qc.Text(0);
        if (r != "ok") problems += (problems.empty() ? "" : "; ") + r;
      }
      if (rc != SQLITE_DONE) return Error("integrity check failed", rc);
      if (!problems.empty())
        return Status::Corruption(path_ + ": the database file is damaged (" + problems +
                                  "); restore a backup, or salvage it with `sqlite3 " + path_ +
                                  " .recover | sqlite3 new.db`");
    }
    TOCSIN_RETURN_IF_ERROR(Exec("PRAGMA journal_mode=WAL"));
    std::string sync = "PRAGMA synchronous=" +
                       std::string(options_.synchronous == "full" ? "FULL" : "NORMAL");
    TOCSIN_RETURN_IF_ERROR(Exec(sync.c_str()));
    // A writer's page cache of 32 MiB (SQLite's default is 2 MiB): a long document's
    // transaction (hundreds of thousands of mentions) otherwise spills dirty pages to the WAL
    // before its commit (sqlite3PcacheFetchStress, 6% of the ingest of a 4 MB document).
    TOCSIN_RETURN_IF_ERROR(Exec("PRAGMA cache_size=-32768"));
    TOCSIN_RETURN_IF_ERROR(CreateOrMigrate());
    TOCSIN_RETURN_IF_ERROR(LoadIndex());
  } else if (n_tables == 0) {
    return Status::NotFound(path_ + ": empty database; run `tocsin ingest` first");
  } else if (version < kSchemaVersion) {
    return Status::Unsupported(path_ + ": schema version " + std::to_string(version) +
                               " is older than this tocsin's (" +
                               std::to_string(kSchemaVersion) +
                               "); open it once for writing (tocsin ingest) to migrate it");
  }
  return Status::Ok();
}

Status SqliteStore::CreateOrMigrate() {
  Stmt ver(db_, "PRAGMA user_version");
  if (!ver.ok() || ver.Step() != SQLITE_ROW) return Error("cannot read the schema version");
  int64_t version = ver.Int(0);
  if (version == kSchemaVersion) return Status::Ok();
  TOCSIN_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
  auto fail = [&](Status s) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    return s;
  };
  if (version == 0) {
    Status s = Exec(kSchemaV1);
    if (!s.ok()) return fail(s);
    std::string meta = "INSERT INTO meta(key, value) VALUES ('created_at', '" + NowUtc() +
                       "'), ('created_by', 'tocsin')";
    s = Exec(meta.c_str());
    if (!s.ok()) return fail(s);
    version = 1;
  }
  for (; version < kSchemaVersion; ++version) {
    Status s = Exec(kMigrations[static_cast<size_t>(version - 1)]);
    if (!s.ok()) return fail(s);
  }
  std::string pragmas = "PRAGMA application_id=" + std::to_string(kApplicationId) +
                        "; PRAGMA user_version=" + std::to_string(kSchemaVersion);
  Status s = Exec(pragmas.c_str());
  if (!s.ok()) return fail(s);
  return Exec("COMMIT");
}

Status SqliteStore::LoadIndex() {
  // Every fused mention's key, with its located places, in ingest order.
  Stmt s(db_,
         "SELECT m.id, m.event_id, m.kind, m.acled_event_type, m.violent, m.day, m.modality, "
         "m.actor1, m.actor2, m.document_id, p.lat, p.lon, p.country, m.actor1_inferred, "
         "m.actor2_inferred FROM mentions m "
         "LEFT JOIN mention_places mp ON mp.mention_id = m.id "
         "LEFT JOIN places p ON p.id = mp.place_id "
         "WHERE m.event_id IS NOT NULL ORDER BY m.id, mp.ordinal");
  if (!s.ok()) return Error("cannot read mentions");
  int64_t cur = -1, cur_event = 0;
  fuse::MentionKey k;
  auto flush = [&] {
    if (cur >= 0) index_.Add(cur_event, k);
  };
  int rc;
  for (rc = s.Step(); rc == SQLITE_ROW; rc = s.Step()) {
    int64_t id = s.Int(0);
    if (id != cur) {
      flush();
      cur = id;
      cur_event = s.Int(1);
      k = fuse::MentionKey();
      k.kind = s.Text(2);
      k.acled_event_type = s.Text(3);
      k.violent = s.Int(4) != 0;
      k.day = static_cast<int>(s.Int(5));
      k.has_date = !s.IsNull(5);
      k.modality = s.Text(6);
      k.actor1 = s.Text(7);
      k.actor2 = s.Text(8);
      k.document = s.Int(9);
      k.actor1_inferred = s.Int(13) != 0;
      k.actor2_inferred = s.Int(14) != 0;
    }
    if (!s.IsNull(10) && !s.IsNull(11)) k.points.push_back({s.Double(10), s.Double(11)});
    std::string c = s.Text(12);
    if (!c.empty() && std::find(k.countries.begin(), k.countries.end(), c) == k.countries.end())
      k.countries.push_back(c);
  }
  if (rc != SQLITE_DONE) return Error("cannot read mentions", rc);
  flush();
  return Status::Ok();
}

StatusOr<bool> SqliteStore::HasContent(const std::string& hash) {
  Stmt& s = S("SELECT 1 FROM documents WHERE content_hash = ?1");
  if (!s.ok()) return Error("cannot prepare lookup");
  s.Bind(1, hash);
  int rc = s.Step();
  s.Reset();  // an unfinished statement would pin this connection's read snapshot
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return Error("cannot look up the document", rc);
}

StatusOr<int64_t> SqliteStore::PlaceId(const extract::Place& p) {
  std::string key = p.geonameid > 0 ? "g" + std::to_string(p.geonameid)
                                    : "n" + p.name + "|" + p.country;
  auto it = place_ids_.find(key);
  if (it != place_ids_.end()) return it->second;
  Stmt& sel = S("SELECT id FROM places WHERE key = ?1");
  sel.Bind(1, key);
  int rc = sel.Step();
  int64_t id;
  if (rc == SQLITE_ROW) {
    id = sel.Int(0);
  } else if (rc == SQLITE_DONE) {
    Stmt& ins = S(
        "INSERT INTO places(key, name, country, admin1, lat, lon, geonameid, feature, precision) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    ins.Bind(1, key).Bind(2, p.name.empty() ? p.text : p.name).BindOrNull(3, p.country)
        .BindOrNull(4, p.admin1).Bind(5, p.lat).Bind(6, p.lon);
    if (p.geonameid > 0) ins.Bind(7, p.geonameid); else ins.Null(7);
    ins.BindOrNull(8, p.feature).Bind(9, p.precision);
    TOCSIN_RETURN_IF_ERROR(Done(ins, "cannot insert a place"));
    id = sqlite3_last_insert_rowid(db_);
  } else {
    return Error("cannot look up a place", rc);
  }
  place_ids_[key] = id;
  return id;
}

StatusOr<int64_t> SqliteStore::SourceId(const std::string& name) {
  auto it = source_ids_.find(name);
  int64_t id;
  if (it != source_ids_.end()) {
    id = it->second;
  } else {
    Stmt& sel = S("SELECT id FROM sources WHERE name = ?1");
    sel.Bind(1, name);
    int rc = sel.Step();
    if (rc == SQLITE_ROW) {
      id = sel.Int(0);
    } else if (rc == SQLITE_DONE) {
      Stmt& ins = S("INSERT INTO sources(name) VALUES (?1)");
      ins.Bind(1, name);
      TOCSIN_RETURN_IF_ERROR(Done(ins, "cannot insert a source"));
      id = sqlite3_last_insert_rowid(db_);
    } else {
      return Error("cannot look up a source", rc);
    }
    source_ids_[name] = id;
  }
  Stmt& up = S("UPDATE sources SET documents = documents + 1 WHERE id = ?1");
  up.Bind(1, id);
  TOCSIN_RETURN_IF_ERROR(Done(up, "cannot update a source"));
  return id;
}

Status SqliteStore::ReconcileEvent(int64_t event) {
  Stmt& s = S("SELECT count, min, max, qualifier, victims, side, attribution_actors, document_id "
              "FROM casualty_claims WHERE event_id = ?1");
  s.Bind(1, event);
  std::vector<fuse::Claim> claims;
  int rc;
  for (rc = s.Step(); rc == SQLITE_ROW; rc = s.Step()) {
    fuse::Claim c;
    c.count = s.Int(0);
    c.min = s.OptInt(1);
    c.max = s.OptInt(2);
    c.qualifier = s.Text(3);
    c.victims = s.Text(4);
    c.side = s.Text(5);
    c.attribution_actors = Split(s.Text(6));
    c.document = s.Int(7);
    claims.push_back(std::move(c));
  }
  if (rc != SQLITE_DONE) return Error("cannot read casualty claims", rc);
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
  Stmt& up = S("UPDATE events SET fatalities = ?2, fatalities_low = ?3, fatalities_high = ?4, "
               "fatality_claims = ?5, fatalities_by_side = ?6 WHERE id = ?1");
  up.Bind(1, event).Bind(2, r.figure).Bind(3, r.low).Bind(4, r.high).Bind(5, r.claims)
      .Bind(6, by_side);
  return Done(up, "cannot update casualties");
}

// What one document's mentions add to one fused event, folded in mention order (IngestTx):
// the same result as one UPDATE per mention, written once.
struct Widening {
  struct ActorFill {
    std::string code, name, agent;
    bool named = false;  // code is that of the first mention naming an actor
  };
  int mentions = 0;
  bool new_document = false;  // the event had no mention of this document before
  std::string date_start, date_end;
  double confidence = 0;
  ActorFill actor1, actor2;
  std::optional<std::string> country;
  std::optional<int64_t> place_row;  // the first located place, with its point
  double lat = 0, lon = 0;
  int precision = 0;
};

StatusOr<IngestOutcome> SqliteStore::Ingest(const Document& doc, const extract::Extraction& x) {
  // Every statement of the last transaction is reset before and after this one: a cached
  // statement left on a row (PlaceId, SourceId) keeps a read snapshot open, and once another
  // process has written, BEGIN IMMEDIATE on that stale snapshot fails at once with
  // SQLITE_BUSY_SNAPSHOT instead of waiting the busy timeout (POSTs answered 500 "database is
  // locked" beside an ingest).
  ResetStatements();
  struct ResetAfter {
    SqliteStore* store;
    ~ResetAfter() { store->ResetStatements(); }
  } reset_after{this};
  std::string hash = ContentHash(doc);
  auto has = HasContent(hash);
  if (!has.ok()) return has.status();
  if (*has) {
    IngestOutcome o;
    o.duplicate = true;
    return o;
  }
  TOCSIN_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
  // Again under the write lock: another process may have stored the same content since.
  auto again = HasContent(hash);
  if (!again.ok() || *again) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    if (!again.ok()) return again.status();
    IngestOutcome o;
    o.duplicate = true;
    return o;
  }
  std::vector<std::pair<int64_t, fuse::MentionKey>> adds;
  auto out = IngestTx(doc, x, hash, adds);
  if (!out.ok()) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    place_ids_.clear();
    source_ids_.clear();
    return out;
  }
  Status c = Exec("COMMIT");
  if (!c.ok()) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    place_ids_.clear();
    source_ids_.clear();
    return c;
  }
  for (auto& [id, key] : adds) index_.Add(id, key);
  return out;
}

StatusOr<IngestOutcome> SqliteStore::IngestTx(
    const Document& doc, const extract::Extraction& x, const std::string& hash,
    std::vector<std::pair<int64_t, fuse::MentionKey>>& adds) {
  IngestOutcome o;
  const std::string now = NowUtc();
  std::optional<int64_t> source;
  if (!doc.source.empty()) {
    auto s = SourceId(doc.source);
    if (!s.ok()) return s.status();
    source = *s;
  }
  Stmt& ins = S("INSERT INTO documents(doc_id, content_hash, source_id, title, text, date, lang, "
                "url, origin, frame, warnings, mentions, claims, ingested_at) VALUES "
                "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
  ins.Bind(1, doc.id).Bind(2, hash).Bind(3, source).Bind(4, doc.title).Bind(5, doc.text)
      .BindOrNull(6, doc.date).BindOrNull(7, x.lang.empty() ? doc.lang : x.lang)
      .BindOrNull(8, doc.url).BindOrNull(9, doc.origin).Bind(10, Join(x.frame))
      .Bind(11, Join(x.warnings, '\n')).Bind(12, static_cast<int64_t>(x.events.size()))
      .Bind(13, static_cast<int64_t>(x.casualties.size())).Bind(14, now);
  TOCSIN_RETURN_IF_ERROR(Done(ins, "cannot insert the document"));
  const int64_t doc_row = sqlite3_last_insert_rowid(db_);
  o.document = doc_row;

  // A scratch index of this document's own new events, so its mentions fuse with each other
  // too (the store's index learns them after the commit).
  fuse::FusionIndex local(index_.options());
  std::unordered_map<std::string, std::pair<int64_t, int64_t>> mention_rows;  // id -> row, event
  std::set<int64_t> touched;  // events this document contributed to
  std::unordered_map<int64_t, Widening> widen;  // what this document adds to each event
  std::vector<int64_t> widen_order;             // those events, in the order first touched
  std::string record;
  for (const extract::Event& e : x.events) {
    fuse::MentionKey key = fuse::KeyOf(e, doc.date, doc_row);
    std::optional<int64_t> event;
    fuse::MergeReason why_stored, why_local;
    const fuse::MergeReason* why = nullptr;
    bool fusable = index_.Fusable(key);
    if (fusable) {
      // Best of: an event already stored, or one this document started.
      std::optional<int64_t> a = index_.Match(key, &why_stored), b = local.Match(key, &why_local);
      event = a ? a : b;
      if (a && b) {
        // Prefer the event this document already joined or started.
        event = touched.count(*a) ? a : b;
      }
      if (event) why = event == a ? &why_stored : &why_local;
    }
    std::optional<int64_t> place_row;
    const extract::Place* first_located = nullptr;
    std::vector<int64_t> place_rows;
    for (const auto& p : e.places) {
      auto pid = PlaceId(p);
      if (!pid.ok()) return pid.status();
      place_rows.push_back(*pid);
      if (!first_located && p.lat && p.lon) {
        first_located = &p;
        place_row = *pid;
      }
    }
    if (fusable && !event) {
      Stmt& ev = S(
          "INSERT INTO events(kind, cameo, plover_type, acled_event_type, acled_sub_event_type, "
          "violent, date_start, date_end, actor1, actor1_name, actor1_agent, actor2, actor2_name, "
          "actor2_agent, place_id, country, lat, lon, precision, mentions, documents, confidence, "
          "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8, ?9, ?10, ?11, ?12, "
          "?13, ?14, ?15, ?16, ?17, ?18, 0, 0, ?19, ?20, ?20)");
      ev.Bind(1, e.kind).Bind(2, e.cameo).Bind(3, e.plover_type).BindOrNull(4, e.acled_event_type)
          .BindOrNull(5, e.acled_sub_event_type).Bind(6, e.violent ? 1 : 0)
          .Bind(7, fuse::DateOfDay(key.day))
          .Bind(8, e.actor1 ? e.actor1->code : "").Bind(9, e.actor1 ? e.actor1->name : "")
          .Bind(10, e.actor1 ? e.actor1->agent : "")
          .Bind(11, e.actor2 ? e.actor2->code : "").Bind(12, e.actor2 ? e.actor2->name : "")
          .Bind(13, e.actor2 ? e.actor2->agent : "").Bind(14, place_row);
      const extract::Place* country_place = first_located;
      if (!country_place && !e.places.empty()) country_place = &e.places.front();
      ev.BindOrNull(15, country_place ? country_place->country : "");
      if (first_located) {
        ev.Bind(16, first_located->lat).Bind(17, first_located->lon)
            .Bind(18, first_located->precision);
      } else {
        ev.Null(16).Null(17).Null(18);
      }
      ev.Bind(19, e.confidence).Bind(20, now);
      TOCSIN_RETURN_IF_ERROR(Done(ev, "cannot insert an event"));
      event = sqlite3_last_insert_rowid(db_);
      ++o.new_events;
    } else if (fusable) {
      ++o.merged;
    } else {
      ++o.unfused;
    }
    if (event) {
      // Widen the event: dates, counts, confidence; fill what it lacked. Folded here and
      // written once per event after the loop (WidenEvents): an UPDATE per mention rewrote the
      // row and its three indexes each time, most of the ingest of a long document.
      Widening& w = widen[*event];
      const std::string day = fuse::DateOfDay(key.day);
      if (w.mentions == 0) {
        widen_order.push_back(*event);
        w.date_start = w.date_end = day;
        w.confidence = e.confidence;
        w.new_document = !touched.count(*event);
      } else {
        w.date_start = std::min(w.date_start, day);
        w.date_end = std::max(w.date_end, day);
        w.confidence = std::max(w.confidence, e.confidence);
      }
      ++w.mentions;
      // The first mention that names an actor fills an unknown one (while none does, the
      // last mention's name and agent, as successive updates left them).
      auto fill_actor = [](Widening::ActorFill& f, const std::optional<extract::Actor>& a) {
        if (f.named) return;
        f.code = a ? a->code : "";
        f.name = a ? a->name : "";
        f.agent = a ? a->agent : "";
        f.named = !f.code.empty();
      };
      fill_actor(w.actor1, e.actor1);
      fill_actor(w.actor2, e.actor2);
      const extract::Place* country_place = first_located;
      if (!country_place && !e.places.empty()) country_place = &e.places.front();
      if (!w.country && country_place && !country_place->country.empty())
        w.country = country_place->country;
      if (!w.place_row && first_located) {
        w.place_row = place_row;
        w.lat = *first_located->lat;
        w.lon = *first_located->lon;
        w.precision = first_located->precision;
      }
      touched.insert(*event);
      local.Add(*event, key);
      // The store's index learns these after the commit; a key equal to the one just kept for
      // the same event would change nothing there (a long list of the same report of the same
      // event kept 250,000 copies of one key).
      if (adds.empty() || adds.back().first != *event || !fuse::SameKey(adds.back().second, key))
        adds.emplace_back(*event, key);
    }
    record.clear();
    output::AppendEventRecord(doc, e, record);
    Stmt& m = S("INSERT INTO mentions(document_id, event_id, mention_id, kind, acled_event_type, "
                "violent, date, day, modality, actor1, actor2, confidence, record, actor1_inferred, "
                "actor2_inferred, merge) VALUES "
                "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
    m.Bind(1, doc_row).Bind(2, event).Bind(3, e.id).Bind(4, e.kind)
        .BindOrNull(5, e.acled_event_type).Bind(6, e.violent ? 1 : 0);
    if (key.has_date) m.Bind(7, fuse::DateOfDay(key.day)).Bind(8, key.day); else m.Null(7).Null(8);
    m.Bind(9, e.modality).Bind(10, key.actor1).Bind(11, key.actor2).Bind(12, e.confidence)
        .Bind(13, record).Bind(14, key.actor1_inferred ? 1 : 0)
        .Bind(15, key.actor2_inferred ? 1 : 0);
    if (why) m.Bind(16, fuse::MergeReasonJson(*why)); else m.Null(16);
    TOCSIN_RETURN_IF_ERROR(Done(m, "cannot insert a mention"));
    int64_t mention_row = sqlite3_last_insert_rowid(db_);
    mention_rows[e.id] = {mention_row, event.value_or(0)};
    for (size_t i = 0; i < place_rows.size(); ++i) {
      Stmt& mp = S("INSERT OR IGNORE INTO mention_places(mention_id, ordinal, place_id) "
                   "VALUES (?1, ?2, ?3)");
      mp.Bind(1, mention_row).Bind(2, static_cast<int64_t>(i)).Bind(3, place_rows[i]);
      TOCSIN_RETURN_IF_ERROR(Done(mp, "cannot link a place"));
    }
    ++o.mentions;
  }
  // One UPDATE per event this document contributed to, with what its mentions add (the SQL
  // keeps what the event already had: known actors, place, country).
  for (int64_t id : widen_order) {
    const Widening& w = widen[id];
    Stmt& up = S(
        "UPDATE events SET date_start = min(date_start, ?2), date_end = max(date_end, ?17), "
        "mentions = mentions + ?18, documents = documents + ?3, "
        "confidence = max(ifnull(confidence, 0), ?4), "
        "actor1_name = CASE WHEN actor1 = '' THEN ?6 ELSE actor1_name END, "
        "actor1_agent = CASE WHEN actor1 = '' THEN ?7 ELSE actor1_agent END, "
        "actor1 = CASE WHEN actor1 = '' THEN ?5 ELSE actor1 END, "
        "actor2_name = CASE WHEN actor2 = '' THEN ?9 ELSE actor2_name END, "
        "actor2_agent = CASE WHEN actor2 = '' THEN ?10 ELSE actor2_agent END, "
        "actor2 = CASE WHEN actor2 = '' THEN ?8 ELSE actor2 END, "
        "country = ifnull(country, ?11), "
        "place_id = CASE WHEN lat IS NULL AND ?12 IS NOT NULL THEN ?12 ELSE place_id END, "
        "precision = CASE WHEN lat IS NULL AND ?12 IS NOT NULL THEN ?15 ELSE precision END, "
        "lon = CASE WHEN lat IS NULL THEN ?14 ELSE lon END, "
        "lat = ifnull(lat, ?13), updated_at = ?16 WHERE id = ?1");
    up.Bind(1, id).Bind(2, w.date_start).Bind(17, w.date_end)
        .Bind(18, static_cast<int64_t>(w.mentions)).Bind(3, w.new_document ? 1 : 0)
        .Bind(4, w.confidence)
        .Bind(5, w.actor1.code).Bind(6, w.actor1.name).Bind(7, w.actor1.agent)
        .Bind(8, w.actor2.code).Bind(9, w.actor2.name).Bind(10, w.actor2.agent);
    if (w.country) up.Bind(11, *w.country);
    else up.Null(11);
    up.Bind(12, w.place_row);
    if (w.place_row) {
      up.Bind(13, w.lat).Bind(14, w.lon).Bind(15, w.precision);
    } else {
      up.Null(13).Null(14).Null(15);
    }
    up.Bind(16, now);
    TOCSIN_RETURN_IF_ERROR(Done(up, "cannot update an event"));
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
    Stmt& s = S("INSERT INTO casualty_claims(document_id, mention_id, event_id, claim_id, count, "
                "min, max, qualifier, victims, side, attribution_actors, record) VALUES "
                "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
    s.Bind(1, doc_row).Bind(2, mention).Bind(3, event).Bind(4, c.id).Bind(5, c.count)
        .Bind(6, c.min).Bind(7, c.max).Bind(8, c.qualifier).Bind(9, c.victims).Bind(10, c.side)
        .Bind(11, c.attribution ? Join(c.attribution->actors) : "").Bind(12, record);
    TOCSIN_RETURN_IF_ERROR(Done(s, "cannot insert a casualty claim"));
    if (event) reconcile.insert(*event);
    ++o.claims;
  }
  for (int64_t ev : reconcile) TOCSIN_RETURN_IF_ERROR(ReconcileEvent(ev));
  return o;
}

// ---------------------------------------------------------------- reading

constexpr const char* kEventColumns =
    "e.id, e.kind, e.cameo, e.plover_type, e.acled_event_type, e.acled_sub_event_type, "
    "e.violent, e.date_start, e.date_end, e.actor1, e.actor1_name, e.actor1_agent, e.actor2, "
    "e.actor2_name, e.actor2_agent, p.name, e.country, p.admin1, e.lat, e.lon, e.precision, "
    "e.mentions, e.documents, e.confidence, e.fatalities, e.fatalities_low, e.fatalities_high, "
    "e.fatality_claims, e.fatalities_by_side, e.created_at, e.updated_at";

EventRecord SqliteStore::ReadEvent(Stmt& s) {
  EventRecord r;
  r.id = s.Int(0);
  r.kind = s.Text(1);
  r.cameo = s.Text(2);
  r.plover_type = s.Text(3);
  r.acled_event_type = s.Text(4);
  r.acled_sub_event_type = s.Text(5);
  r.violent = s.Int(6) != 0;
  r.date_start = s.Text(7);
  r.date_end = s.Text(8);
  r.actor1 = s.Text(9);
  r.actor1_name = s.Text(10);
  r.actor1_agent = s.Text(11);
  r.actor2 = s.Text(12);
  r.actor2_name = s.Text(13);
  r.actor2_agent = s.Text(14);
  r.place = s.Text(15);
  r.country = s.Text(16);
  r.admin1 = s.Text(17);
  r.lat = s.OptDouble(18);
  r.lon = s.OptDouble(19);
  r.precision = static_cast<int>(s.Int(20));
  r.mentions = static_cast<int>(s.Int(21));
  r.documents = static_cast<int>(s.Int(22));
  r.confidence = s.Double(23);
  r.fatalities.victims = "killed";
  r.fatalities.figure = s.Int(24);
  r.fatalities.low = s.Int(25);
  r.fatalities.high = s.Int(26);
  r.fatalities.claims = static_cast<int>(s.Int(27));
  std::string by_side = s.Text(28);
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
  r.created_at = s.Text(29);
  r.updated_at = s.Text(30);
  return r;
}

std::string SqliteStore::EventWhere(const EventQuery& q, std::vector<std::string>& texts,
                                    std::vector<double>& nums, std::vector<int>& order) const {
  // order: 0 = next text bind, 1 = next numeric bind
  std::string w = " WHERE 1";
  auto text = [&](const std::string& v) {
    texts.push_back(v);
    order.push_back(0);
  };
  auto num = [&](double v) {
    nums.push_back(v);
    order.push_back(1);
  };
  if (!q.since.empty()) {
    w += " AND e.date_end >= ?";
    text(q.since);
  }
  if (!q.until.empty()) {
    w += " AND e.date_start <= ?";
    text(q.until);
  }
  if (!q.kinds.empty()) {
    w += " AND e.kind IN (";
    for (size_t i = 0; i < q.kinds.size(); ++i) {
      w += i ? ", ?" : "?";
      text(q.kinds[i]);
    }
    w += ")";
  }
  if (!q.country.empty()) {
    w += " AND e.country = ?";
    std::string c = q.country;
    for (char& ch : c) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    text(c);
  }
  if (q.bbox) {
    w += " AND e.lon >= ? AND e.lat >= ? AND e.lon <= ? AND e.lat <= ?";
    for (double v : *q.bbox) num(v);
  }
  if (q.min_documents > 0) {
    w += " AND e.documents >= ?";
    num(q.min_documents);
  }
  if (!q.actors.empty()) {
    std::string in;
    for (size_t i = 0; i < q.actors.size(); ++i) in += i ? ", ?" : "?";
    w += " AND (e.actor1 IN (" + in + ") OR e.actor2 IN (" + in + "))";
    for (int twice = 0; twice < 2; ++twice)
      for (const auto& a : q.actors) text(a);
  }
  if (q.violent_only) w += " AND e.violent = 1";
  return w;
}

namespace {
void BindAll(Stmt& s, const std::vector<std::string>& texts, const std::vector<double>& nums,
             const std::vector<int>& order, int first = 1) {
  size_t t = 0, n = 0;
  int i = first;
  for (int o : order) {
    if (o == 0) s.Bind(i++, texts[t++]);
    else s.Bind(i++, nums[n++]);
  }
}
}  // namespace

StatusOr<EventPage> SqliteStore::QueryEvents(const EventQuery& q) {
  std::vector<std::string> texts;
  std::vector<double> nums;
  std::vector<int> order;
  std::string where = EventWhere(q, texts, nums, order);
  EventPage page;
  if (q.count_total) {
    std::string sql = "SELECT count(*) FROM events e" + where;
    Stmt c(db_, sql.c_str());
    if (!c.ok()) return Error("cannot prepare the event query");
    BindAll(c, texts, nums, order);
    int rc = c.Step();
    if (rc != SQLITE_ROW) return Error("cannot count events", rc);
    page.total = c.Int(0);
  }
  std::string sql = std::string("SELECT ") + kEventColumns +
                    " FROM events e LEFT JOIN places p ON p.id = e.place_id" + where;
  const char* after = q.descending ? "<" : ">";
  if (!q.after_date.empty() || q.after_id > 0) {
    sql += std::string(" AND (e.date_start ") + after + " ? OR (e.date_start = ? AND e.id " +
           after + " ?))";
  }
  sql += q.descending ? " ORDER BY e.date_start DESC, e.id DESC" : " ORDER BY e.date_start, e.id";
  if (q.limit > 0) sql += " LIMIT " + std::to_string(q.limit + 1);
  if (q.offset > 0) sql += (q.limit > 0 ? "" : " LIMIT -1") + std::string(" OFFSET ") +
                           std::to_string(q.offset);
  Stmt s(db_, sql.c_str());
  if (!s.ok()) return Error("cannot prepare the event query");
  BindAll(s, texts, nums, order);
  if (!q.after_date.empty() || q.after_id > 0) {
    int i = static_cast<int>(order.size()) + 1;
    s.Bind(i, q.after_date).Bind(i + 1, q.after_date).Bind(i + 2, q.after_id);
  }
  int rc;
  for (rc = s.Step(); rc == SQLITE_ROW; rc = s.Step()) {
    if (q.limit > 0 && static_cast<int64_t>(page.events.size()) == q.limit) {
      page.more = true;
      break;
    }
    page.events.push_back(ReadEvent(s));
  }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return Error("cannot read events", rc);
  return page;
}

Status SqliteStore::LoadDetail(EventDetail& d) {
  Stmt& m = S("SELECT m.id, m.mention_id, m.document_id, d.doc_id, d.title, d.url, s.name, "
              "d.date, d.lang, m.kind, m.modality, m.date, m.confidence, m.record, m.merge "
              "FROM mentions m JOIN documents d ON d.id = m.document_id "
              "LEFT JOIN sources s ON s.id = d.source_id WHERE m.event_id = ?1 ORDER BY m.id");
  m.Bind(1, d.event.id);
  int rc;
  for (rc = m.Step(); rc == SQLITE_ROW; rc = m.Step()) {
    SourceRef r;
    r.mention = m.Int(0);
    r.mention_id = m.Text(1);
    r.document = m.Int(2);
    r.doc_id = m.Text(3);
    r.title = m.Text(4);
    r.url = m.Text(5);
    r.source = m.Text(6);
    r.date = m.Text(7);
    r.lang = m.Text(8);
    r.kind = m.Text(9);
    r.modality = m.Text(10);
    r.event_date = m.Text(11);
    r.confidence = m.Double(12);
    r.merge = fuse::ParseMergeReason(m.Text(14));
    auto e = internal::ParseEventRecord(m.Text(13));
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
  if (rc != SQLITE_DONE) return Error("cannot read mentions", rc);
  Stmt& c = S("SELECT c.id, c.document_id, d.doc_id, d.date, c.record FROM casualty_claims c "
              "JOIN documents d ON d.id = c.document_id WHERE c.event_id = ?1 ORDER BY c.id");
  c.Bind(1, d.event.id);
  for (rc = c.Step(); rc == SQLITE_ROW; rc = c.Step()) {
    ClaimRecord r;
    r.id = c.Int(0);
    r.document = c.Int(1);
    r.doc_id = c.Text(2);
    r.doc_date = c.Text(3);
    r.event = d.event.id;
    auto k = internal::ParseCasualtyRecord(c.Text(4));
    if (!k.ok()) return k.status();
    r.casualty = std::move(*k);
    d.claims.push_back(std::move(r));
  }
  if (rc != SQLITE_DONE) return Error("cannot read casualty claims", rc);
  return Status::Ok();
}

Status SqliteStore::ForEachEvent(const EventQuery& q,
                                 const std::function<bool(const EventDetail&)>& f) {
  std::vector<std::string> texts;
  std::vector<double> nums;
  std::vector<int> order;
  std::string sql = std::string("SELECT ") + kEventColumns +
                    " FROM events e LEFT JOIN places p ON p.id = e.place_id" +
                    EventWhere(q, texts, nums, order) + " ORDER BY e.date_start, e.id";
  Stmt s(db_, sql.c_str());
  if (!s.ok()) return Error("cannot prepare the event query");
  BindAll(s, texts, nums, order);
  int rc;
  for (rc = s.Step(); rc == SQLITE_ROW; rc = s.Step()) {
    EventDetail d;
    d.event = ReadEvent(s);
    TOCSIN_RETURN_IF_ERROR(LoadDetail(d));
    if (!f(d)) return Status::Ok();
  }
  if (rc != SQLITE_DONE) return Error("cannot read events", rc);
  return Status::Ok();
}

StatusOr<std::optional<EventDetail>> SqliteStore::GetEvent(int64_t id) {
  std::string sql = std::string("SELECT ") + kEventColumns +
                    " FROM events e LEFT JOIN places p ON p.id = e.place_id WHERE e.id = ?1";
  Stmt s(db_, sql.c_str());
  if (!s.ok()) return Error("cannot prepare the event query");
  s.Bind(1, id);
  int rc = s.Step();
  if (rc == SQLITE_DONE) return std::optional<EventDetail>();
  if (rc != SQLITE_ROW) return Error("cannot read the event", rc);
  EventDetail d;
  d.event = ReadEvent(s);
  TOCSIN_RETURN_IF_ERROR(LoadDetail(d));
  return std::optional<EventDetail>(std::move(d));
}

StatusOr<EventCounts> SqliteStore::CountEvents(const EventQuery& q) {
  std::vector<std::string> texts;
  std::vector<double> nums;
  std::vector<int> order;
  const std::string where = EventWhere(q, texts, nums, order);
  EventCounts out;
  // One pass for the days (and the totals), one GROUP BY per facet.
  {
    std::string sql = "SELECT e.date_start, count(*), sum(e.fatalities) FROM events e" + where +
                      " GROUP BY e.date_start ORDER BY e.date_start";
    Stmt s(db_, sql.c_str());
    if (!s.ok()) return Error("cannot prepare the event counts");
    BindAll(s, texts, nums, order);
    int rc;
    for (rc = s.Step(); rc == SQLITE_ROW; rc = s.Step()) {
      EventCounts::Day d{s.Text(0), s.Int(1), s.Int(2)};
      out.events += d.events;
      out.fatalities += d.fatalities;
      if (!d.date.empty()) out.by_day.push_back(std::move(d));
    }
    if (rc != SQLITE_DONE) return Error("cannot count events", rc);
  }
  const std::string facets[][2] = {
      {"SELECT e.kind, count(*) FROM events e" + where + " GROUP BY 1", "kind"},
      {"SELECT ifnull(e.country, ''), count(*) FROM events e" + where + " GROUP BY 1", "country"},
      {"SELECT e.actor1, count(*) FROM events e" + where + " GROUP BY 1", "actor"},
      {"SELECT e.actor2, count(*) FROM events e" + where + " GROUP BY 1", "actor"}};
  for (const auto& [sql, facet] : facets) {
    auto& map = facet == "kind" ? out.by_kind : facet == "country" ? out.by_country : out.by_actor;
    Stmt s(db_, sql.c_str());
    if (!s.ok()) return Error("cannot prepare the event counts");
    BindAll(s, texts, nums, order);
    int rc;
    for (rc = s.Step(); rc == SQLITE_ROW; rc = s.Step())
      if (!s.Text(0).empty()) map[s.Text(0)] += s.Int(1);
    if (rc != SQLITE_DONE) return Error("cannot count events", rc);
  }
  return out;
}

StatusOr<int64_t> SqliteStore::EventOfMention(const std::string& mention_id) {
  // Through the document's doc_id (indexed): "<doc_id>#e<N>".
  const size_t hash = mention_id.rfind("#e");
  if (hash == std::string::npos || hash == 0) return int64_t{0};
  Stmt& s = S("SELECT ifnull(m.event_id, 0) FROM mentions m WHERE m.document_id = (SELECT "
              "d.id FROM documents d WHERE d.doc_id = ?1 ORDER BY d.id DESC LIMIT 1) AND "
              "m.mention_id = ?2");
  s.Bind(1, mention_id.substr(0, hash)).Bind(2, mention_id);
  int rc = s.Step();
  int64_t event = rc == SQLITE_ROW ? s.Int(0) : 0;
  s.Reset();
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return Error("cannot read the mention", rc);
  return event;
}

StatusOr<std::optional<DocumentRecord>> SqliteStore::GetDocument(const std::string& key) {
  const char* by_id =
      "SELECT d.id, d.doc_id, d.content_hash, d.title, d.text, d.date, d.lang, d.url, s.name, "
      "d.origin, d.ingested_at, d.frame, d.warnings, d.mentions, d.claims FROM documents d "
      "LEFT JOIN sources s ON s.id = d.source_id WHERE d.id = ?1";
  const char* by_doc_id =
      "SELECT d.id, d.doc_id, d.content_hash, d.title, d.text, d.date, d.lang, d.url, s.name, "
      "d.origin, d.ingested_at, d.frame, d.warnings, d.mentions, d.claims FROM documents d "
      "LEFT JOIN sources s ON s.id = d.source_id WHERE d.doc_id = ?1 ORDER BY d.id DESC LIMIT 1";
  bool row = key.size() > 1 && key[0] == '#' &&
             key.find_first_not_of("0123456789", 1) == std::string::npos;
  Stmt& s = S(row ? by_id : by_doc_id);
  if (row) s.Bind(1, static_cast<int64_t>(std::stoll(key.substr(1)))); else s.Bind(1, key);
  int rc = s.Step();
  if (rc == SQLITE_DONE) return std::optional<DocumentRecord>();
  if (rc != SQLITE_ROW) return Error("cannot read the document", rc);
  DocumentRecord d;
  d.id = s.Int(0);
  d.doc_id = s.Text(1);
  d.content_hash = s.Text(2);
  d.title = s.Text(3);
  d.text = s.Text(4);
  d.date = s.Text(5);
  d.lang = s.Text(6);
  d.url = s.Text(7);
  d.source = s.Text(8);
  d.origin = s.Text(9);
  d.ingested_at = s.Text(10);
  d.frame = Split(s.Text(11));
  d.warnings = Split(s.Text(12), '\n');
  d.mentions = static_cast<int>(s.Int(13));
  d.claims = static_cast<int>(s.Int(14));
  s.Reset();  // an unfinished statement would pin this connection's read snapshot
  return std::optional<DocumentRecord>(std::move(d));
}

Status SqliteStore::ForEachMention(const std::function<bool(const StoredMention&)>& f) {
  Stmt s(db_, "SELECT m.id, ifnull(m.event_id, 0), m.document_id, d.doc_id, d.date, d.lang, "
              "m.violent, m.record, d.title, d.url, s.name, d.frame, m.merge FROM mentions m "
              "JOIN documents d ON d.id = m.document_id "
              "LEFT JOIN sources s ON s.id = d.source_id ORDER BY m.id");
  if (!s.ok()) return Error("cannot prepare the mention query");
  int rc;
  for (rc = s.Step(); rc == SQLITE_ROW; rc = s.Step()) {
    StoredMention m;
    m.mention = s.Int(0);
    m.event = s.Int(1);
    m.document = s.Int(2);
    m.doc_id = s.Text(3);
    m.doc_date = s.Text(4);
    m.lang = s.Text(5);
    auto e = internal::ParseEventRecord(s.Text(7));
    if (!e.ok()) return e.status();
    m.extracted = std::move(*e);
    m.extracted.violent = s.Int(6) != 0;
    m.doc_title = s.Text(8);
    m.doc_url = s.Text(9);
    m.doc_source = s.Text(10);
    m.frame = Split(s.Text(11));
    m.merge = fuse::ParseMergeReason(s.Text(12));
    if (!f(m)) return Status::Ok();
  }
  if (rc != SQLITE_DONE) return Error("cannot read mentions", rc);
  return Status::Ok();
}

Status SqliteStore::ForEachClaim(const std::function<bool(const ClaimRecord&)>& f) {
  Stmt s(db_, "SELECT c.id, c.document_id, d.doc_id, d.date, ifnull(c.event_id, 0), c.record "
              "FROM casualty_claims c JOIN documents d ON d.id = c.document_id ORDER BY c.id");
  if (!s.ok()) return Error("cannot prepare the claim query");
  int rc;
  for (rc = s.Step(); rc == SQLITE_ROW; rc = s.Step()) {
    ClaimRecord r;
    r.id = s.Int(0);
    r.document = s.Int(1);
    r.doc_id = s.Text(2);
    r.doc_date = s.Text(3);
    r.event = s.Int(4);
    auto k = internal::ParseCasualtyRecord(s.Text(5));
    if (!k.ok()) return k.status();
    r.casualty = std::move(*k);
    if (!f(r)) return Status::Ok();
  }
  if (rc != SQLITE_DONE) return Error("cannot read casualty claims", rc);
  return Status::Ok();
}

StatusOr<int64_t> SqliteStore::ContentVersion() {
  Stmt& s = S("SELECT ifnull(max(id), 0) FROM documents");
  if (!s.ok()) return Error("cannot prepare the version query");
  int rc = s.Step();
  if (rc != SQLITE_ROW) return Error("cannot read the version", rc);
  int64_t v = s.Int(0);
  s.Reset();
  return v;
}

StatusOr<Stats> SqliteStore::GetStats() {
  Stats st;
  st.schema_version = kSchemaVersion;
  Stmt s(db_,
         "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM mentions), "
         "(SELECT count(*) FROM events), (SELECT count(*) FROM events WHERE documents > 1), "
         "(SELECT count(*) FROM casualty_claims), (SELECT count(*) FROM places), "
         "(SELECT count(*) FROM sources), (SELECT count(*) FROM feeds), "
         "(SELECT min(date_start) FROM events), (SELECT max(date_end) FROM events)");
  if (!s.ok()) return Error("cannot prepare the stats query");
  int rc = s.Step();
  if (rc != SQLITE_ROW) return Error("cannot read stats", rc);
  st.documents = s.Int(0);
  st.mentions = s.Int(1);
  st.events = s.Int(2);
  st.multi_source_events = s.Int(3);
  st.claims = s.Int(4);
  st.places = s.Int(5);
  st.sources = s.Int(6);
  st.feeds = s.Int(7);
  st.first_date = s.Text(8);
  st.last_date = s.Text(9);
  for (auto [sql, map] : {std::pair{"SELECT kind, count(*) FROM events GROUP BY kind",
                                    &st.events_by_kind},
                          std::pair{"SELECT ifnull(country, ''), count(*) FROM events "
                                    "GROUP BY 1",
                                    &st.events_by_country}}) {
    Stmt g(db_, sql);
    if (!g.ok()) return Error("cannot prepare the stats query");
    for (rc = g.Step(); rc == SQLITE_ROW; rc = g.Step()) (*map)[g.Text(0)] = g.Int(1);
    if (rc != SQLITE_DONE) return Error("cannot read stats", rc);
  }
  return st;
}

StatusOr<std::optional<FeedState>> SqliteStore::GetFeed(const std::string& url) {
  Stmt& s = S("SELECT url, etag, last_modified, next_poll, failures, last_status, last_poll, "
              "items FROM feeds WHERE url = ?1");
  s.Bind(1, url);
  int rc = s.Step();
  if (rc == SQLITE_DONE) return std::optional<FeedState>();
  if (rc != SQLITE_ROW) return Error("cannot read feed state", rc);
  FeedState f;
  f.url = s.Text(0);
  f.etag = s.Text(1);
  f.last_modified = s.Text(2);
  f.next_poll = s.Int(3);
  f.failures = static_cast<int>(s.Int(4));
  f.last_status = s.Text(5);
  f.last_poll = s.Int(6);
  f.items = s.Int(7);
  s.Reset();  // an unfinished statement would pin this connection's read snapshot
  return std::optional<FeedState>(std::move(f));
}

Status SqliteStore::PutFeed(const FeedState& f) {
  Stmt& s = S("INSERT INTO feeds(url, etag, last_modified, next_poll, failures, last_status, "
              "last_poll, items) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(url) DO "
              "UPDATE SET etag = ?2, last_modified = ?3, next_poll = ?4, failures = ?5, "
              "last_status = ?6, last_poll = ?7, items = ?8");
  s.Bind(1, f.url).Bind(2, f.etag).Bind(3, f.last_modified).Bind(4, f.next_poll)
      .Bind(5, f.failures).Bind(6, f.last_status).Bind(7, f.last_poll).Bind(8, f.items);
  return Done(s, "cannot save feed state");
}

}  // namespace

StatusOr<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, const OpenOptions& o) {
  auto store = std::make_unique<SqliteStore>(path, o);
  Status s = store->Open();
  if (!s.ok()) return s;
  return std::unique_ptr<Store>(std::move(store));
}

StatusOr<std::unique_ptr<Store>> OpenStore(const std::string& location, const OpenOptions& o) {
  if (IsPostgresLocation(location)) return OpenPostgresStore(location, o);  // pg_store.cc
  if (location.rfind("sqlite:", 0) == 0) return OpenSqliteStore(location.substr(7), o);
  return OpenSqliteStore(location, o);
}

}  // namespace tocsin::store
