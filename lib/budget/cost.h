#pragma once
// What a pipeline's runs cost on AWS (`conflictctl budget --cost`): a run's and a month's
// estimate from the measured runs and a price table. docs/budget.md ("Cost") shows it.
//
// The price table is a JSON file with its date and the pages it was read from; the one the
// project ships is pipelines/aws-prices.json (installed beside the pipelines):
//
//   {"date": "2026-12-06", "region": "us-east-1", "currency": "USD",
//    "sources": ["https://aws.amazon.com/lambda/pricing/", ...],
//    "lambda": {"x86_64": {"per_gb_second": 0.0000166667, "per_million_requests": 0.2},
//               "arm64":  {"per_gb_second": 0.0000133334, "per_million_requests": 0.2}},
//    "step_functions": {"standard": {"per_thousand_state_transitions": 0.025},
//                       "express": {"per_million_requests": 1.0, "per_gb_second": 0.00001667}}}
//
// Every key is required, every price a number >= 0; a problem names the file and the JSON
// Pointer of the offending value (Budget.InvalidPrices).
//
// What one run uses, as AWS bills it:
//   Lambda          one request per invocation (every attempt, retries too) of a Task whose
//                   Resource is a Lambda function; its duration rounded up to the next
//                   millisecond, times the function's memory in GB (MB / 1,024): GB-seconds.
//   STANDARD        state transitions: one per state entered, plus one per retry.
//   EXPRESS         one request per execution; the execution's duration rounded up to the next
//                   100 ms, times its memory in 64 MB chunks. The memory an EXPRESS execution
//                   uses is not in its history: the estimate takes one 64 MB chunk, the least.
// Free tiers are account-wide and not subtracted; nor are tiered discounts for volumes far
// beyond a pipeline's (billions of GB-seconds).
//
// The run's cost is the mean over the measured runs; the month's, that times runs_per_month.
//
// Pure; thread-safe.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "budget/run_store.h"
#include "core/error.h"
#include "core/workflow_type.h"

namespace conflictctl::budget {

struct LambdaPrices {
  double per_gb_second = 0;
  double per_million_requests = 0;
};

struct PriceTable {
  std::string file;  // as the caller named it
  std::string date;
  std::string region;
  std::string currency;
  std::vector<std::string> sources;
  LambdaPrices x86_64;
  LambdaPrices arm64;
  double standard_per_thousand_transitions = 0;
  double express_per_million_requests = 0;
  double express_per_gb_second = 0;
};

// `file` names the text in messages.
Result<PriceTable> parse_price_table(const std::string& text, const std::string& file);
Result<PriceTable> load_price_table(const std::string& path);

// The memory (MB) of the Lambda function behind a Task's Resource; nullopt when the resource
// is not a Lambda function (it is then not billed as Lambda).
using FunctionMemory = std::function<std::optional<int>(const std::string& resource)>;

// What one run used.
struct RunUsage {
  std::string run;  // the record's id
  WorkflowType type = WorkflowType::kStandard;
  std::size_t lambda_requests = 0;
  double lambda_gb_seconds = 0;
  std::size_t state_transitions = 0;  // STANDARD
  double execution_seconds = 0;       // EXPRESS: billed (rounded up to 100 ms)
};

// Errors: a record whose definition or history cannot be read (State.CorruptRecord).
Result<RunUsage> run_usage(const RunRecord& record, const FunctionMemory& memory_mb);

struct CostOptions {
  std::string architecture = "x86_64";  // the functions': "x86_64" or "arm64"
  double runs_per_month = 30;           // Default: one run a day
};

struct CostEstimate {
  PriceTable prices;
  CostOptions options;
  std::vector<RunUsage> runs;  // as given
  // Means over the runs:
  double lambda_requests = 0;
  double lambda_gb_seconds = 0;
  double state_transitions = 0;
  double express_requests = 0;
  double express_gb_seconds = 0;
  // The run's cost, per item, and the whole:
  double lambda_request_cost = 0;
  double lambda_duration_cost = 0;
  double standard_cost = 0;   // state transitions
  double express_cost = 0;    // requests and duration
  double run_cost = 0;
  double month_cost = 0;
};

// Errors: no runs (Budget.NoRuns), an architecture the table has no prices for
// (Budget.InvalidPrices).
Result<CostEstimate> estimate_cost(const std::vector<RunUsage>& runs, const PriceTable& prices,
                                   const CostOptions& options);

// The "Cost" section as text (markdown reports carry it in a ```text block) and as JSON
// (docs/budget.md, "budget JSON fields": "cost").
std::string format_cost_text(const CostEstimate& estimate);
Json cost_to_json(const CostEstimate& estimate);

}  // namespace conflictctl::budget
