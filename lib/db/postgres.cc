#include "db/postgres.h"

#include <fmt/format.h>
#include <libpq-fe.h>

#include <atomic>
#include <charconv>
#include <mutex>
#include <string>
#include <vector>

#include "db/copy_text.h"
#include "db/pg_error.h"
#include "db/sql_template.h"

namespace conflictctl::db {
namespace {

constexpr std::size_t kCopyBlockBytes = 1 << 20;

// libpq's messages end with a newline; messages here are one line.
std::string trimmed(const char* text) {
  std::string s = text ? text : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// Belt and braces: libpq never quotes the password, but a message must not hold it either.
std::string without_secret(std::string message, const std::string& secret) {
  if (secret.empty()) return message;
  for (std::size_t at = message.find(secret); at != std::string::npos;
       at = message.find(secret, at))
    message.replace(at, secret.size(), "********");
  return message;
}

// libpq's multi-line messages ("…refused\n\tIs the server running…") on one line.
std::string one_line(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n') {
      out += text[i];
      continue;
    }
    while (i + 1 < text.size() && (text[i + 1] == ' ' || text[i + 1] == '\t')) ++i;
    out += ' ';
  }
  return out;
}

struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

class PgSession final : public Session {
 public:
  explicit PgSession(PGconn* conn) : conn_(conn), cancel_(PQgetCancel(conn)) {
    PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
  }

  ~PgSession() override {
    {
      std::lock_guard lock(cancel_mutex_);
      if (cancel_) PQfreeCancel(cancel_);
      cancel_ = nullptr;
    }
    PQfinish(conn_);
  }

  PgSession(const PgSession&) = delete;
  PgSession& operator=(const PgSession&) = delete;

  Result<Rows> query(std::string_view sql, const Params& params) override {
    if (auto usable = check_usable(); !usable) return usable.error();
    const std::string text(sql);
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const Param& param : params) values.push_back(param ? param->c_str() : nullptr);
    Busy busy(*this);
    ResultPtr result = run([&] {
      return PQsendQueryParams(conn_, text.c_str(), static_cast<int>(values.size()), nullptr,
                               values.data(), nullptr, nullptr, 0);
    });
    switch (status_of(result.get())) {
      case PGRES_COMMAND_OK:
      case PGRES_TUPLES_OK:
        return rows_of(result.get());
      case PGRES_COPY_IN:
        PQputCopyEnd(conn_, "COPY FROM STDIN is only possible through copy_in");
        return drain("COPY FROM STDIN through query()");
      case PGRES_COPY_OUT:
        return drain("COPY TO STDOUT through query()");
      default:
        return error_of(result.get());
    }
  }

  Result<void> execute_script(std::string_view sql) override {
    if (auto usable = check_usable(); !usable) return usable.error();
    const std::string text(sql);
    Busy busy(*this);
    ResultPtr result = run([&] { return PQsendQuery(conn_, text.c_str()); });
    const ExecStatusType status = status_of(result.get());
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return {};
    return error_of(result.get());
  }

  Result<std::int64_t> copy_in(std::string_view table, const std::vector<std::string>& columns,
                               const RowSource& rows) override {
    if (auto usable = check_usable(); !usable) return usable.error();
    std::string sql = fmt::format("COPY {} (", table);
    for (std::size_t i = 0; i < columns.size(); ++i)
      sql += (i ? ", " : "") + quote_identifier(columns[i]);
    sql += ") FROM STDIN";
    Busy busy(*this);
    ResultPtr started = run([&] { return PQsendQuery(conn_, sql.c_str()); });
    if (status_of(started.get()) != PGRES_COPY_IN) return error_of(started.get());
    started.reset();

    std::string block;
    block.reserve(kCopyBlockBytes + (64 << 10));
    std::vector<Param> row;
    std::string abort_reason;
    bool sent = true;
    for (std::int64_t number = 1;; ++number) {
      row.clear();
      if (!rows(row)) break;
      if (row.size() != columns.size()) {
        abort_reason = fmt::format("row {} has {} values for {} columns", number, row.size(),
                                   columns.size());
        break;
      }
      if (cancel_requested_.load()) {
        abort_reason = "canceled";
        break;
      }
      append_copy_row(block, row);
      if (block.size() >= kCopyBlockBytes) {
        if (!(sent = put_copy_data(block))) break;
        block.clear();
      }
    }
    if (sent && abort_reason.empty() && !block.empty()) sent = put_copy_data(block);
    if (sent) PQputCopyEnd(conn_, abort_reason.empty() ? nullptr : abort_reason.c_str());

    // The COPY's own result, then the end of the command.
    ResultPtr finished(PQgetResult(conn_));
    while (PGresult* extra = PQgetResult(conn_)) PQclear(extra);
    if (status_of(finished.get()) != PGRES_COMMAND_OK) {
      Error error = error_of(finished.get());
      if (!abort_reason.empty() && abort_reason != "canceled") error.name = error_names::kQueryFailed;
      return error;
    }
    return count_of(finished.get());
  }

  void cancel() override {
    std::lock_guard lock(cancel_mutex_);
    if (!busy_ || !cancel_) return;
    cancel_requested_ = true;
    char message[256];
    (void)PQcancel(cancel_, message, sizeof message);  // best effort: the statement may end first
  }

  bool healthy() const override { return healthy_.load(); }

 private:
  // Marks the session busy (cancel() acts only then) for the duration of one statement.
  class Busy {
   public:
    explicit Busy(PgSession& session) : session_(session) {
      std::lock_guard lock(session_.cancel_mutex_);
      session_.busy_ = true;
      session_.cancel_requested_ = false;
    }
    ~Busy() {
      std::lock_guard lock(session_.cancel_mutex_);
      session_.busy_ = false;
    }
    Busy(const Busy&) = delete;
    Busy& operator=(const Busy&) = delete;

   private:
    PgSession& session_;
  };

  // Sends a statement with `send` (a PQsend* call) and waits for its result: the first error,
  // else the last result, or the COPY state it entered. A cancel() that came while the
  // statement was being sent is repeated once it is on its way: a cancel request that reaches
  // an idle backend is ignored by the server. nullptr when nothing could be sent.
  template <class Send>
  ResultPtr run(Send send) {
    if (!send()) return nullptr;
    {
      std::lock_guard lock(cancel_mutex_);
      char message[256];
      if (cancel_requested_.load() && cancel_) (void)PQcancel(cancel_, message, sizeof message);
    }
    ResultPtr kept;
    while (PGresult* next = PQgetResult(conn_)) {
      ResultPtr result(next);
      const ExecStatusType status = PQresultStatus(next);
      if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH)
        return result;  // the caller drives the COPY
      if (!kept || PQresultStatus(kept.get()) != PGRES_FATAL_ERROR) kept = std::move(result);
    }
    return kept;
  }

  Result<void> check_usable() {
    if (healthy_.load() && PQstatus(conn_) == CONNECTION_OK) return {};
    healthy_ = false;
    return Error{std::string(error_names::kConnectionLost),
                 "the connection to the database was lost earlier"};
  }

  ExecStatusType status_of(const PGresult* result) const {
    return result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  }

  bool put_copy_data(const std::string& block) {
    return PQputCopyData(conn_, block.data(), static_cast<int>(block.size())) == 1;
  }

  // Reads and discards everything up to the end of an unwanted COPY; always an error.
  Error drain(std::string_view what) {
    char* buffer = nullptr;
    while (PQgetCopyData(conn_, &buffer, 0) > 0) PQfreemem(buffer);
    while (PGresult* extra = PQgetResult(conn_)) PQclear(extra);
    if (PQstatus(conn_) != CONNECTION_OK) healthy_ = false;
    return Error{std::string(error_names::kQueryFailed), fmt::format("{} is not supported", what)};
  }

  Error error_of(const PGresult* result) {
    const char* sqlstate = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const bool broken = PQstatus(conn_) != CONNECTION_OK;
    if (broken || (sqlstate && is_connection_lost(sqlstate))) {
      healthy_ = false;
      std::string message = trimmed(result ? PQresultErrorMessage(result) : "");
      if (message.empty()) message = trimmed(PQerrorMessage(conn_));
      if (message.empty()) message = "the server closed the connection";
      return Error{std::string(error_names::kConnectionLost),
                   sqlstate ? fmt::format("SQLSTATE {}: {}", sqlstate,
                                          trimmed(PQresultErrorField(result,
                                                                     PG_DIAG_MESSAGE_PRIMARY)))
                            : message};
    }
    if (!sqlstate) {
      std::string message = trimmed(result ? PQresultErrorMessage(result) : "");
      if (message.empty()) message = trimmed(PQerrorMessage(conn_));
      return Error{std::string(error_names::kQueryFailed), message};
    }
    // Never PG_DIAG_MESSAGE_DETAIL: it holds row values (db/pg_error.h).
    const char* table = PQresultErrorField(result, PG_DIAG_TABLE_NAME);
    const char* constraint = PQresultErrorField(result, PG_DIAG_CONSTRAINT_NAME);
    return error_from_sqlstate(sqlstate,
                               trimmed(PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY)),
                               {table ? table : "", constraint ? constraint : ""});
  }

  static std::int64_t count_of(const PGresult* result) {
    const char* text = PQcmdTuples(const_cast<PGresult*>(result));
    std::int64_t count = 0;
    if (text && *text) std::from_chars(text, text + std::char_traits<char>::length(text), count);
    return count;
  }

  static Rows rows_of(const PGresult* result) {
    const int column_count = PQnfields(result);
    const int row_count = PQntuples(result);
    std::vector<std::string> columns;
    columns.reserve(column_count);
    for (int c = 0; c < column_count; ++c) columns.emplace_back(PQfname(result, c));
    std::vector<std::vector<Param>> cells(row_count);
    for (int r = 0; r < row_count; ++r) {
      cells[r].reserve(column_count);
      for (int c = 0; c < column_count; ++c) {
        if (PQgetisnull(result, r, c))
          cells[r].emplace_back(std::nullopt);
        else
          cells[r].emplace_back(std::string(PQgetvalue(result, r, c), PQgetlength(result, r, c)));
      }
    }
    return Rows(std::move(columns), std::move(cells), count_of(result));
  }

  PGconn* conn_;
  std::mutex cancel_mutex_;  // guards cancel_ and busy_
  PGcancel* cancel_;
  bool busy_ = false;
  std::atomic<bool> cancel_requested_{false};
  std::atomic<bool> healthy_{true};
};

}  // namespace

Result<std::unique_ptr<Session>> connect(const ConnectionSettings& settings) {
  const std::string port = std::to_string(settings.port);
  const std::string timeout = std::to_string(kConnectTimeoutSeconds);
  std::vector<const char*> keywords;
  std::vector<const char*> values;
  auto add = [&](const char* keyword, const std::string& value) {
    if (value.empty()) return;  // libpq's default (e.g. the OS user) applies
    keywords.push_back(keyword);
    values.push_back(value.c_str());
  };
  add("host", settings.host);
  add("port", port);
  add("dbname", settings.database);
  add("user", settings.user);
  add("password", settings.password);
  add("connect_timeout", timeout);
  add("sslmode", settings.sslmode);
  add("sslrootcert", settings.sslrootcert);
  keywords.push_back("application_name");
  values.push_back("conflictctl");
  keywords.push_back("client_encoding");
  values.push_back("UTF8");
  keywords.push_back(nullptr);
  values.push_back(nullptr);

  PGconn* conn = PQconnectdbParams(keywords.data(), values.data(), /*expand_dbname=*/0);
  if (!conn)
    return Error{std::string(error_names::kConnectionFailed),
                 fmt::format("could not connect to {}: out of memory", settings.describe())};
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string reason = without_secret(trimmed(PQerrorMessage(conn)), settings.password);
    PQfinish(conn);
    reason = one_line(reason);
    return Error{std::string(error_names::kConnectionFailed),
                 fmt::format("could not connect to {}: {}", settings.describe(), reason)};
  }
  auto session = std::make_unique<PgSession>(conn);
  if (auto utc = session->execute_script("SET TIME ZONE 'UTC'"); !utc)
    return Error{std::string(error_names::kConnectionFailed),
                 fmt::format("connected to {} but could not set the time zone: {}",
                             settings.describe(), utc.error().cause)};
  return std::unique_ptr<Session>(std::move(session));
}

}  // namespace conflictctl::db
