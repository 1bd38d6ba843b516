#pragma once
// For integration tests against a real PostgreSQL (not part of the library's API).
//
// test/run.sh (and test/throwaway-postgres.sh) export CONFLICTCTL_TEST_DATABASE_URL and
// POSTGRES_HOST/PORT/DATABASE/USER/PASSWORD. Without CONFLICTCTL_TEST_DATABASE_URL a test
// skips itself:
//
//   REQUIRE_TEST_DATABASE(settings);   // `settings`, or WARN and return from the test
//   db::testing::ScratchSchemas scratch(*settings, "pool");   // unique names, dropped at the end
//   auto session = db::testing::connected(scratch.settings()); // or the test FAILs
//
// Schema names are unique per process and call (tests run in parallel under ctest -j).
#include <catch2/catch.hpp>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>

#include "db/postgres.h"
#include "db/settings.h"

// Declares `settings` (an optional ConnectionSettings) in the current test, or — without
// CONFLICTCTL_TEST_DATABASE_URL — WARNs and returns from it.
#define REQUIRE_TEST_DATABASE(settings)                                           \
  auto settings = ::conflictctl::db::testing::test_database_settings();           \
  if (!settings) {                                                                \
    WARN("CONFLICTCTL_TEST_DATABASE_URL is not set: integration test skipped");   \
    return;                                                                       \
  }

namespace conflictctl::db::testing {

inline std::optional<ConnectionSettings> test_database_settings() {
  if (!std::getenv("CONFLICTCTL_TEST_DATABASE_URL")) return std::nullopt;
  ConnectionSettings settings;
  auto get = [](const char* name, std::string& into) {
    if (const char* value = std::getenv(name)) into = value;
  };
  get("POSTGRES_HOST", settings.host);
  get("POSTGRES_DATABASE", settings.database);
  get("POSTGRES_USER", settings.user);
  get("POSTGRES_PASSWORD", settings.password);
  if (const char* port = std::getenv("POSTGRES_PORT")) settings.port = std::atoi(port);
  return settings;
}

// A session to `settings`; FAILs the test when the server cannot be reached.
inline std::unique_ptr<Session> connected(const ConnectionSettings& settings) {
  auto session = connect(settings);
  if (!session) FAIL(session.error());
  return std::move(session.value());
}

// Schema names "<prefix>_<pid>_<n>_conflict" and "…_analytics", new on every call.
inline Schemas unique_schemas(const std::string& prefix) {
  static std::atomic<int> counter{0};
  const std::string stem = prefix + "_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
  return Schemas{stem + "_conflict", stem + "_analytics"};
}

// Owns a pair of unique schema names: drops them (CASCADE) before use, in case a crashed
// run left them, and when destroyed.
class ScratchSchemas {
 public:
  ScratchSchemas(ConnectionSettings settings, const std::string& prefix)
      : ScratchSchemas(std::move(settings), unique_schemas(prefix)) {}
  ScratchSchemas(ConnectionSettings settings, Schemas schemas) : settings_(std::move(settings)) {
    settings_.schemas = std::move(schemas);
    drop();
  }
  ~ScratchSchemas() { drop(); }
  ScratchSchemas(const ScratchSchemas&) = delete;
  ScratchSchemas& operator=(const ScratchSchemas&) = delete;

  // The test server's settings with these schema names.
  const ConnectionSettings& settings() const { return settings_; }
  const Schemas& schemas() const { return settings_.schemas; }

 private:
  void drop() {
    auto session = connect(settings_);
    if (!session) return;
    (void)(*session)->execute_script(
        "DROP SCHEMA IF EXISTS " + quote_identifier(settings_.schemas.conflict) + " CASCADE; " +
        "DROP SCHEMA IF EXISTS " + quote_identifier(settings_.schemas.analytics) + " CASCADE");
  }

  ConnectionSettings settings_;
};

}  // namespace conflictctl::db::testing
