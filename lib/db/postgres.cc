#include "db/postgres.h"

#include <fmt/format.h>
#include <libpq-fe.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "db/copy_text.h"
#include "db/libpq_loader.h"
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

// Sends one cancel request for `handle` on a thread of its own, so that the caller (the
// engine's loop, through a CancellationToken) never waits for the server: PQcancel opens a
// new connection and waits for the server to close it, which against an unreachable or
// silent server takes as long as the operating system lets a connect or a read hang. The
// thread owns what it uses (the handle, the in-flight flag), so it may outlive the session;
// at most one runs per session at a time (`in_flight`).
void send_cancel_detached(std::shared_ptr<PGcancel> handle,
                          std::shared_ptr<std::atomic<bool>> in_flight) {
  if (in_flight->exchange(true)) return;  // one already on its way
  try {
    std::thread([handle = std::move(handle), in_flight] {
      char message[256];
      (void)PQcancel(handle.get(), message, sizeof message);  // best effort
      in_flight->store(false);
    }).detach();
  } catch (const std::system_error&) {
    in_flight->store(false);  // no thread to spare: the grace period still ends the wait
  }
}

struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

class PgSession final : public Session {
 public:
  explicit PgSession(PGconn* conn)
      : conn_(conn),
        cancel_(PQgetCancel(conn), [](PGcancel* handle) { if (handle) PQfreeCancel(handle); }),
        wake_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
    PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
  }

  ~PgSession() override {
    PQfinish(conn_);
    if (wake_ >= 0) ::close(wake_);
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
    // A cancel that came before the statement started cancels it; ROLLBACK still goes
    // through, so a cancelled transaction ends cleanly.
    if (busy.cancelled() && text != "ROLLBACK") return canceled_before_start();
    ResultPtr result = run([&] {
      return PQsendQueryParams(conn_, text.c_str(), static_cast<int>(values.size()), nullptr,
                               values.data(), nullptr, nullptr, 0);
    });
    if (gave_up_) return gave_up();
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
    if (busy.cancelled()) return canceled_before_start();
    ResultPtr result = run([&] { return PQsendQuery(conn_, text.c_str()); });
    if (gave_up_) return gave_up();
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
    if (busy.cancelled()) return canceled_before_start();
    ResultPtr started = run([&] { return PQsendQuery(conn_, sql.c_str()); });
    if (gave_up_) return gave_up();
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
    if (!wait_readable()) return gave_up();
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
    cancel_requested_ = true;
    if (busy_ && sent_) request_cancel_locked();
    else if (busy_) cancel_while_sending_ = true;  // run() sends it once the statement is out
    wake();
  }

  void clear_cancel() override {
    std::lock_guard lock(cancel_mutex_);
    cancel_requested_ = false;
    // A session cancelled inside a transaction that was not rolled back is not handed on; nor
    // one whose cancel request is still on its way (it would cancel the next user's statement).
    if (PQtransactionStatus(conn_) != PQTRANS_IDLE || cancel_in_flight_->load())
      healthy_ = false;
  }

  bool healthy() const override { return healthy_.load(); }

 private:
  // Marks the session busy (cancel() acts only then) for the duration of one statement.
  class Busy {
   public:
    explicit Busy(PgSession& session) : session_(session) {
      std::lock_guard lock(session_.cancel_mutex_);
      session_.busy_ = true;
      session_.sent_ = false;
      session_.cancel_while_sending_ = false;
      session_.gave_up_ = false;
    }
    ~Busy() {
      std::lock_guard lock(session_.cancel_mutex_);
      session_.busy_ = false;
      session_.sent_ = false;
    }
    // True when cancel() came before the statement was sent (it is then not sent).
    bool cancelled() const { return session_.cancel_requested_.load(); }
    Busy(const Busy&) = delete;
    Busy& operator=(const Busy&) = delete;

   private:
    PgSession& session_;
  };

  // Sends a statement with `send` (a PQsend* call) and waits for its result: the first error,
  // else the last result, or the COPY state it entered. A cancel() that came while the
  // statement was being sent is sent once it is on its way (a cancel request that reaches an
  // idle backend is ignored by the server). Once cancel() was called the wait is bounded:
  // when the server sends nothing for kCancelGraceMillis, the connection is shut down
  // (gave_up_, the session unhealthy) and the server rolls the transaction back.
  // nullptr when nothing could be sent.
  template <class Send>
  ResultPtr run(Send send) {
    if (!send()) return nullptr;
    {
      std::lock_guard lock(cancel_mutex_);
      sent_ = true;
      // Only a cancel that came while this statement was being sent: one from before it
      // started refused it already (or it is the ROLLBACK that ends a cancelled transaction).
      if (cancel_while_sending_) request_cancel_locked();
    }
    ResultPtr kept;
    while (true) {
      if (!wait_readable()) return nullptr;
      PGresult* next = PQgetResult(conn_);
      if (!next) break;
      ResultPtr result(next);
      const ExecStatusType status = PQresultStatus(next);
      if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH)
        return result;  // the caller drives the COPY
      if (!kept || PQresultStatus(kept.get()) != PGRES_FATAL_ERROR) kept = std::move(result);
    }
    return kept;
  }

  // Waits until PQgetResult would not block. Before any cancel it waits as long as the
  // server takes (statement_timeout is the server-side bound); after one, at most
  // kCancelGraceMillis of silence. False when it gave up (the connection is shut down).
  bool wait_readable() {
    while (PQisBusy(conn_)) {
      const int socket = PQsocket(conn_);
      if (socket < 0) return true;  // PQgetResult reports the broken connection
      pollfd fds[2] = {{socket, POLLIN, 0}, {wake_, POLLIN, 0}};
      const int timeout = cancel_requested_.load() ? kCancelGraceMillis : -1;
      const int ready = ::poll(fds, wake_ >= 0 ? 2 : 1, timeout);
      if (ready < 0) {
        if (errno == EINTR) continue;
        return true;
      }
      if (ready == 0) {  // cancelled, and the server said nothing for the whole grace period
        std::lock_guard lock(cancel_mutex_);
        gave_up_ = true;
        healthy_ = false;
        ::shutdown(socket, SHUT_RDWR);
        return false;
      }
      if (fds[1].revents & POLLIN) {
        std::uint64_t count = 0;
        (void)!::read(wake_, &count, sizeof count);
      }
      if ((fds[0].revents & (POLLIN | POLLERR | POLLHUP)) && !PQconsumeInput(conn_))
        return true;  // PQgetResult reports the error
    }
    return true;
  }

  // Caller holds cancel_mutex_.
  void request_cancel_locked() {
    if (cancel_) send_cancel_detached(cancel_, cancel_in_flight_);
  }

  void wake() {
    if (wake_ < 0) return;
    const std::uint64_t one = 1;
    (void)!::write(wake_, &one, sizeof one);
  }

  static Error canceled_before_start() {
    return Error{std::string(error_names::kCanceled),
                 "the statement was cancelled before it started"};
  }

  Error gave_up() const {
    return Error{std::string(error_names::kConnectionLost),
                 fmt::format("the server did not answer within {} s of the cancel request; the "
                             "connection was closed (the server rolls the transaction back)",
                             kCancelGraceMillis / 1000)};
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
  std::mutex cancel_mutex_;  // guards busy_, sent_ and the sending of cancel requests
  std::shared_ptr<PGcancel> cancel_;  // shared with a cancel request in flight
  std::shared_ptr<std::atomic<bool>> cancel_in_flight_ =
      std::make_shared<std::atomic<bool>>(false);
  int wake_;  // an eventfd: cancel() wakes the statement's wait
  bool busy_ = false;
  bool sent_ = false;
  bool cancel_while_sending_ = false;
  std::atomic<bool> gave_up_{false};
  std::atomic<bool> cancel_requested_{false};  // sticky until clear_cancel()
  std::atomic<bool> healthy_{true};
};

}  // namespace

Result<std::unique_ptr<Session>> connect(const ConnectionSettings& settings) {
  // libpq is opened on first use (db/libpq_loader.h); a machine without it gets this error.
  if (Result<void> loaded = libpq().load(); !loaded)
    return Error{std::string(error_names::kConnectionFailed),
                 fmt::format("could not connect to {}: {}", settings.describe(),
                             loaded.error().cause)};
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
  // A server that vanished (no FIN, no RST) is noticed by the kernel instead of never.
  for (auto [keyword, value] : {std::pair{"keepalives", "1"}, std::pair{"keepalives_idle", "30"},
                                std::pair{"keepalives_interval", "10"},
                                std::pair{"keepalives_count", "3"}}) {
    keywords.push_back(keyword);  // string literals: they outlive the call
    values.push_back(value);
  }
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
