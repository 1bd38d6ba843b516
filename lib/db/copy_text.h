#pragma once
// The text format of COPY … FROM STDIN (PostgreSQL's "text" format, not CSV): values are
// separated by a tab, rows end with a newline, NULL is \N, and backslash, tab, newline and
// carriage return inside a value are written as \\, \t, \n and \r. Used by copy_in
// (db/postgres.h); kept apart so its escaping is tested without a server.
#include <string>
#include <vector>

#include "db/database.h"

namespace conflictctl::db {

// Appends `value`, escaped (or \N for nullopt), to `out`.
void append_copy_value(std::string& out, const Param& value);

// Appends one row: the values separated by tabs, then a newline.
void append_copy_row(std::string& out, const std::vector<Param>& row);

}  // namespace conflictctl::db
