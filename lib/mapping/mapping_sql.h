#pragma once
// The SQL a source mapping (mapping/source_mapping.h) becomes: for each mapped table, a
// SELECT that reads the user's table (or query) as the source model's table, and the
// statements that put it in the analytics schema.
//
// Values never enter SQL text here: the statements are templates for PostgreSQL's
// format(), with a %L placeholder for each value of the mapping (formats, true values,
// separators, constants) and the values beside them, in order; the server quotes them
// (mapping/install.h runs `SELECT format($1, VARIADIC …$2)` with both as bind parameters,
// since DDL takes no parameters of its own). Identifiers are quoted here
// (db::quote_identifier), with any '%' doubled for format(), as is a user query's text.
//
// The SELECT's columns are the model's, in its order, each cast to the model's type, so a
// view or materialized view has exactly the table's shape. The source is aliased `src`.
// Conversions (X = src."column"):
//   plain            X::type
//   format           to_timestamp(X::text, fmt)::timestamp, or to_date(X::text, fmt); the text
//                    is read as wall time (no time zone), as the model's timestamps are UTC
//   true_values      coalesce(btrim(X::text) = ANY (ARRAY[values]), false)
//   ssn: digits      regexp_replace(X::text, '[^0-9]', '', 'g')
//   ssn: number      lpad(X::bigint::text, 9, '0')
//   GPS separator    "lat,lon" from the two parts of btrim(X::text) split at the separator,
//                    in `order`; NULL when X is NULL or blank (text that does not split stays
//                    unparsable, as it is in the native gps_in)
//   GPS lat/lon      lat::numeric::text || ',' || lon::numeric::text, NULL when either is
//   value            %L::type, or NULL::type
//   not mapped       the model's default, or NULL::type
#include <string>
#include <vector>

#include "db/sql_template.h"
#include "mapping/source_mapping.h"
#include "mapping/source_model.h"

namespace conflictctl::mapping {

// A statement for format(): `text` with %L placeholders, `literals` their values in order.
struct ComposedSql {
  std::string text;
  std::vector<std::string> literals;
};

// SELECT <the model's columns> FROM <the source> AS src.
ComposedSql select_sql(const TableMapping& table, const ModelTable& model);

// `text` with every '%' doubled, so that format() gives it back unchanged.
std::string escape_format(std::string_view text);

// `name` quoted as an identifier, '%' doubled (for format()).
std::string format_identifier(std::string_view name);

// The statements that make the analytics schema's relation for `table`, once the old one is
// gone: views: CREATE VIEW; copy: CREATE MATERIALIZED VIEW, then a unique index on the
// model's key and one index per model index (the pair search's joins need them).
std::vector<ComposedSql> create_statements(const TableMapping& table, MappingMode mode,
                                           const db::Schemas& schemas);

}  // namespace conflictctl::mapping
