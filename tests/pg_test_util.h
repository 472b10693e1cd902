// Tests against a real PostgreSQL (TOCSIN_TEST_PG, a database with PostGIS) and NATS
// JetStream (TOCSIN_TEST_NATS): scripts/services.sh starts throw-away servers and sets both.
// Header-only; for tests only.
#pragma once

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <string>

namespace tocsin::test {

inline std::string EnvOr(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

// GTEST_SKIP() unless TOCSIN_TEST_PG is set (the message says how to set it).
#define TOCSIN_REQUIRE_PG()                                                                \
  do {                                                                                     \
    if (::tocsin::test::EnvOr("TOCSIN_TEST_PG").empty())                                   \
      GTEST_SKIP() << "PostgreSQL tests skipped: TOCSIN_TEST_PG is not set (run "         \
                      "`eval \"$(bash scripts/services.sh start /tmp/tocsin-svc)\"` first)"; \
  } while (0)
#define TOCSIN_REQUIRE_NATS()                                                               \
  do {                                                                                      \
    if (::tocsin::test::EnvOr("TOCSIN_TEST_NATS").empty() ||                                \
        ::tocsin::test::EnvOr("TOCSIN_TEST_PG").empty())                                    \
      GTEST_SKIP() << "NATS tests skipped: TOCSIN_TEST_NATS or TOCSIN_TEST_PG is not set "  \
                      "(run `eval \"$(bash scripts/services.sh start /tmp/tocsin-svc)\"`)";  \
  } while (0)

// Runs one SQL command on `url`; the error message, "" when it worked.
inline std::string PgExec(const std::string& url, const std::string& sql) {
  PGconn* c = PQconnectdb(url.c_str());
  std::string err;
  if (PQstatus(c) != CONNECTION_OK) {
    err = PQerrorMessage(c);
  } else {
    PQsetNoticeProcessor(c, [](void*, const char*) {}, nullptr);  // "drop cascades to ..."
    PGresult* r = PQexec(c, sql.c_str());
    if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
      err = PQresultErrorMessage(r);
    PQclear(r);
  }
  PQfinish(c);
  return err;
}

// The first column of the first row of a query, "" on error.
inline std::string PgValue(const std::string& url, const std::string& sql) {
  PGconn* c = PQconnectdb(url.c_str());
  std::string v;
  if (PQstatus(c) == CONNECTION_OK) {
    PGresult* r = PQexec(c, sql.c_str());
    if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0) v = PQgetvalue(r, 0, 0);
    PQclear(r);
  }
  PQfinish(c);
  return v;
}

// A fresh schema in the TOCSIN_TEST_PG database, dropped at the end: url() is a store
// location whose search_path is that schema (then public, where PostGIS lives). Tests that run
// side by side (ctest -j) each get their own.
class PgSchema {
 public:
  PgSchema() {
    static std::atomic<int> n{0};
    base_ = EnvOr("TOCSIN_TEST_PG");
    name_ = "t" + std::to_string(getpid()) + "_" + std::to_string(n++);
    error_ = PgExec(base_, "CREATE SCHEMA " + name_);
    url_ = base_ + (base_.find('?') == std::string::npos ? "?" : "&") +
           "options=-csearch_path%3D" + name_ + "%2Cpublic";
  }
  ~PgSchema() { PgExec(base_, "DROP SCHEMA IF EXISTS " + name_ + " CASCADE"); }
  PgSchema(const PgSchema&) = delete;
  PgSchema& operator=(const PgSchema&) = delete;
  const std::string& url() const { return url_; }
  const std::string& name() const { return name_; }
  const std::string& error() const { return error_; }  // "" when the schema was made

 private:
  std::string base_, name_, url_, error_;
};

}  // namespace tocsin::test
