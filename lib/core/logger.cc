#include "core/logger.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <mutex>

namespace conflictctl {

namespace {
std::string_view level_name(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug: return "debug";
    case LogLevel::kInfo: return "info";
    case LogLevel::kWarning: return "warning";
    case LogLevel::kError: return "error";
  }
  return "info";
}
std::mutex stderr_mutex;
}  // namespace

LogLevel parse_log_level(std::string_view text) {
  std::string upper(text);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (upper == "DEBUG") return LogLevel::kDebug;
  if (upper == "WARNING" || upper == "WARN") return LogLevel::kWarning;
  if (upper == "ERROR") return LogLevel::kError;
  return LogLevel::kInfo;
}

void StderrLogger::log(LogLevel level, std::string_view message) {
  if (level < threshold_) return;
  std::lock_guard lock(stderr_mutex);
  fmt::print(stderr, "{}: {}\n", level_name(level), message);
}

void MemoryLogger::log(LogLevel level, std::string_view message) {
  std::lock_guard lock(mutex_);
  lines_.push_back(fmt::format("{}: {}", level_name(level), message));
}

std::vector<std::string> MemoryLogger::lines() const {
  std::lock_guard lock(mutex_);
  return lines_;
}

std::string mask_secret(std::string_view secret) { return secret.empty() ? "" : "********"; }

}  // namespace conflictctl
