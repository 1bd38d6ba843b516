#pragma once
// Logging for tasks and the engine. A Logger is passed in, never global.
// Messages must never hold secrets; `mask_secret` gives the form to print instead.
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace conflictctl {

enum class LogLevel { kDebug, kInfo, kWarning, kError };

// Parses "DEBUG", "INFO", "WARNING"/"WARN", "ERROR" (any case); unknown → kInfo.
LogLevel parse_log_level(std::string_view text);

class Logger {
 public:
  virtual ~Logger() = default;
  virtual void log(LogLevel level, std::string_view message) = 0;
  // Whether a message at `level` is kept: callers skip formatting one that would not be (a
  // debug line formatted per task attempt was 6 % of a retrying Map's run).
  virtual bool enabled(LogLevel) const { return true; }
  void debug(std::string_view m) { log(LogLevel::kDebug, m); }
  void info(std::string_view m) { log(LogLevel::kInfo, m); }
  void warning(std::string_view m) { log(LogLevel::kWarning, m); }
  void error(std::string_view m) { log(LogLevel::kError, m); }
};

// Discards everything.
class NullLogger final : public Logger {
 public:
  void log(LogLevel, std::string_view) override {}
  bool enabled(LogLevel) const override { return false; }
};

// Writes "level: message" lines to stderr at or above a threshold. Thread-safe.
class StderrLogger final : public Logger {
 public:
  explicit StderrLogger(LogLevel threshold) : threshold_(threshold) {}
  void log(LogLevel level, std::string_view message) override;
  bool enabled(LogLevel level) const override { return level >= threshold_; }

 private:
  LogLevel threshold_;
};

// Keeps every message; for tests. Thread-safe.
class MemoryLogger final : public Logger {
 public:
  void log(LogLevel level, std::string_view message) override;
  std::vector<std::string> lines() const;

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> lines_;
};

// "********" for any non-empty secret, "" for an empty one: what logs and reports print.
std::string mask_secret(std::string_view secret);

}  // namespace conflictctl
