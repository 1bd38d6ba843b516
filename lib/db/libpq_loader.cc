// Forwarding stubs for the libpq functions conflictctl calls (db/libpq_loader.h). Each looks
// the real function up once, on its first call. A function used anywhere in lib/db must be
// listed here, or the program does not link.
#include "db/libpq_loader.h"

#include <libpq-fe.h>

namespace conflictctl::db {

SharedLibrary& libpq() {
  static SharedLibrary library("libpq.so.5", "libpq5");
  return library;
}

}  // namespace conflictctl::db

#define CONFLICTCTL_LIBPQ(RETURN, NAME, PARAMETERS, ARGUMENTS) \
  CONFLICTCTL_FORWARD(conflictctl::db::libpq(), RETURN, NAME, PARAMETERS, ARGUMENTS)

CONFLICTCTL_LIBPQ(PGconn*, PQconnectdbParams,
                  (const char* const* keywords, const char* const* values, int expand_dbname),
                  (keywords, values, expand_dbname))
CONFLICTCTL_LIBPQ(ConnStatusType, PQstatus, (const PGconn* conn), (conn))
CONFLICTCTL_LIBPQ(char*, PQerrorMessage, (const PGconn* conn), (conn))
CONFLICTCTL_LIBPQ(void, PQfinish, (PGconn * conn), (conn))
CONFLICTCTL_LIBPQ(PGTransactionStatusType, PQtransactionStatus, (const PGconn* conn), (conn))
CONFLICTCTL_LIBPQ(int, PQsocket, (const PGconn* conn), (conn))
CONFLICTCTL_LIBPQ(PQnoticeProcessor, PQsetNoticeProcessor,
                  (PGconn * conn, PQnoticeProcessor proc, void* arg), (conn, proc, arg))
CONFLICTCTL_LIBPQ(PGresult*, PQexec, (PGconn * conn, const char* query), (conn, query))
CONFLICTCTL_LIBPQ(PGresult*, PQexecParams,
                  (PGconn * conn, const char* command, int nParams, const Oid* paramTypes,
                   const char* const* paramValues, const int* paramLengths,
                   const int* paramFormats, int resultFormat),
                  (conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats,
                   resultFormat))
CONFLICTCTL_LIBPQ(int, PQsendQuery, (PGconn * conn, const char* query), (conn, query))
CONFLICTCTL_LIBPQ(int, PQsendQueryParams,
                  (PGconn * conn, const char* command, int nParams, const Oid* paramTypes,
                   const char* const* paramValues, const int* paramLengths,
                   const int* paramFormats, int resultFormat),
                  (conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats,
                   resultFormat))
CONFLICTCTL_LIBPQ(PGresult*, PQgetResult, (PGconn * conn), (conn))
CONFLICTCTL_LIBPQ(int, PQisBusy, (PGconn * conn), (conn))
CONFLICTCTL_LIBPQ(int, PQconsumeInput, (PGconn * conn), (conn))
CONFLICTCTL_LIBPQ(int, PQputCopyData, (PGconn * conn, const char* buffer, int nbytes),
                  (conn, buffer, nbytes))
CONFLICTCTL_LIBPQ(int, PQputCopyEnd, (PGconn * conn, const char* errormsg), (conn, errormsg))
CONFLICTCTL_LIBPQ(int, PQgetCopyData, (PGconn * conn, char** buffer, int async),
                  (conn, buffer, async))
CONFLICTCTL_LIBPQ(ExecStatusType, PQresultStatus, (const PGresult* res), (res))
CONFLICTCTL_LIBPQ(char*, PQresultErrorMessage, (const PGresult* res), (res))
CONFLICTCTL_LIBPQ(char*, PQresultErrorField, (const PGresult* res, int fieldcode),
                  (res, fieldcode))
CONFLICTCTL_LIBPQ(int, PQntuples, (const PGresult* res), (res))
CONFLICTCTL_LIBPQ(int, PQnfields, (const PGresult* res), (res))
CONFLICTCTL_LIBPQ(char*, PQfname, (const PGresult* res, int field_num), (res, field_num))
CONFLICTCTL_LIBPQ(char*, PQgetvalue, (const PGresult* res, int tup_num, int field_num),
                  (res, tup_num, field_num))
CONFLICTCTL_LIBPQ(int, PQgetlength, (const PGresult* res, int tup_num, int field_num),
                  (res, tup_num, field_num))
CONFLICTCTL_LIBPQ(int, PQgetisnull, (const PGresult* res, int tup_num, int field_num),
                  (res, tup_num, field_num))
CONFLICTCTL_LIBPQ(char*, PQcmdTuples, (PGresult * res), (res))
CONFLICTCTL_LIBPQ(void, PQclear, (PGresult * res), (res))
CONFLICTCTL_LIBPQ(void, PQfreemem, (void* ptr), (ptr))
CONFLICTCTL_LIBPQ(PGcancel*, PQgetCancel, (PGconn * conn), (conn))
CONFLICTCTL_LIBPQ(int, PQcancel, (PGcancel * cancel, char* errbuf, int errbufsize),
                  (cancel, errbuf, errbufsize))
CONFLICTCTL_LIBPQ(void, PQfreeCancel, (PGcancel * cancel), (cancel))
