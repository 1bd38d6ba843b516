#pragma once
// The budget report's tables, made once and printed as text, Markdown or HTML (budget/html.h),
// so that every format shows the same figures.
//
// Tables, in order: measured per invocation, local and AWS side by side (only when the runs
// hold both, budget/local_vs_aws.h), worst case per state, the worst-case path,
// growth, quotas, the runs read. Each has a title, its columns, its rows as display text,
// and notes (sentences printed under it).
//
// Pure; thread-safe.
#include <string>
#include <vector>

#include "budget/report.h"

namespace conflictctl::budget {

struct ReportTable {
  std::string id;     // a stable name: "measured", "worst_case", "worst_path", "growth", …
  std::string title;
  std::vector<std::string> columns;
  std::vector<bool> numeric;  // per column: right-aligned
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> notes;
};

// The lines printed above the tables: pipeline, definition, runs, scale, notes.
std::vector<std::string> report_heading(const BudgetReport& report);

std::vector<ReportTable> report_tables(const BudgetReport& report);

std::string format_text(const BudgetReport& report);
std::string format_markdown(const BudgetReport& report);

// Helpers shared with the HTML page.
std::string seconds_cell(double seconds);               // "705.9 s"
std::string percent_cell(double fraction);              // "78.4 %"
std::size_t display_width(const std::string& utf8);     // code points

}  // namespace conflictctl::budget
