#include "budget/cost.h"

#include <cmath>
#include <cstdint>
#include <fstream>
#include <map>
#include <sstream>
#include <utility>

#include <fmt/format.h>

#include "budget/recorded_execution.h"
#include "budget/task_limits.h"
#include "core/json_text.h"
#include "core/number_text.h"
#include "engine/run_summary.h"

namespace conflictctl::budget {

namespace {

constexpr double kMbPerGb = 1024;
constexpr double kExpressChunkMb = 64;       // EXPRESS memory is billed in 64 MB chunks
constexpr double kExpressRoundSeconds = 0.1;  // and its duration rounded up to 100 ms

Error invalid(const std::string& file, const std::string& pointer, const std::string& what) {
  return Error{"Budget.InvalidPrices", fmt::format("{}: {}: {}", file, pointer, what)};
}

// The value at `pointer` in `document`.
Result<Json> member(const Json& document, const std::string& file, const std::string& pointer) {
  Json::json_pointer at(pointer);
  if (!document.contains(at)) return invalid(file, pointer, "missing");
  return document.at(at);
}

Result<double> price(const Json& document, const std::string& file, const std::string& pointer) {
  auto value = member(document, file, pointer);
  if (!value) return value.error();
  if (!value->is_number() || value->get<double>() < 0)
    return invalid(file, pointer, "must be a number >= 0");
  return value->get<double>();
}

Result<std::string> text(const Json& document, const std::string& file,
                         const std::string& pointer) {
  auto value = member(document, file, pointer);
  if (!value) return value.error();
  if (!value->is_string() || value->get<std::string>().empty())
    return invalid(file, pointer, "must be a non-empty string");
  return value->get<std::string>();
}

// Rounds `seconds` up to a whole number of `step`s, without counting a float's noise as one
// more step (0.3 s is 3 steps of 0.1 s, not 4).
double round_up(double seconds, double step) {
  double steps = seconds / step;
  double whole = std::round(steps);
  if (std::abs(steps - whole) < 1e-9) return whole * step;
  return std::ceil(steps) * step;
}

std::string money(double amount, const std::string& currency) {
  return fmt::format("{:.6f} {}", amount, currency);
}

}  // namespace

Result<PriceTable> parse_price_table(const std::string& source, const std::string& file) {
  auto parsed = parse_json_text(source, file);
  if (!parsed) return Error{"Budget.InvalidPrices", parsed.error().cause};
  const Json& document = *parsed;
  if (!document.is_object()) return invalid(file, "/", "must be an object");
  PriceTable table;
  table.file = file;
  const std::pair<std::string*, const char*> texts[] = {
      {&table.date, "/date"}, {&table.region, "/region"}, {&table.currency, "/currency"}};
  for (auto [field, pointer] : texts) {
    auto value = text(document, file, pointer);
    if (!value) return value.error();
    *field = *value;
  }
  auto sources = member(document, file, "/sources");
  if (!sources) return sources.error();
  if (!sources->is_array() || sources->empty())
    return invalid(file, "/sources", "must be a non-empty array of the pages read");
  for (std::size_t i = 0; i < sources->size(); ++i) {
    auto source_url = text(document, file, fmt::format("/sources/{}", i));
    if (!source_url) return source_url.error();
    table.sources.push_back(*source_url);
  }
  const std::pair<LambdaPrices*, const char*> architectures[] = {{&table.x86_64, "x86_64"},
                                                                  {&table.arm64, "arm64"}};
  for (auto [prices, name] : architectures) {
    auto gb_second = price(document, file, fmt::format("/lambda/{}/per_gb_second", name));
    if (!gb_second) return gb_second.error();
    auto requests = price(document, file, fmt::format("/lambda/{}/per_million_requests", name));
    if (!requests) return requests.error();
    *prices = {*gb_second, *requests};
  }
  const std::pair<double*, const char*> step_functions[] = {
      {&table.standard_per_thousand_transitions,
       "/step_functions/standard/per_thousand_state_transitions"},
      {&table.express_per_million_requests, "/step_functions/express/per_million_requests"},
      {&table.express_per_gb_second, "/step_functions/express/per_gb_second"}};
  for (auto [field, pointer] : step_functions) {
    auto value = price(document, file, pointer);
    if (!value) return value.error();
    *field = *value;
  }
  return table;
}

Result<PriceTable> load_price_table(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return Error{"Budget.InvalidPrices", fmt::format("{}: cannot read the price table", path)};
  std::ostringstream content;
  content << in.rdbuf();
  return parse_price_table(content.str(), path);
}

Result<RunUsage> run_usage(const RunRecord& record, const FunctionMemory& memory_mb) {
  auto run = read_recorded_run(record);
  if (!run) return run.error();
  RunUsage usage;
  usage.run = record.id;
  usage.type = record.type;
  auto timeouts = recorded_function_timeouts(record.function_timeouts);
  std::map<std::string, std::string> resources;
  for (const TaskState& task : task_states(*run->machine, timeouts))
    resources.emplace(task.name, task.resource);
  auto summary = engine::summarize(*run->machine, run->execution, timeouts);
  std::size_t retries = 0;
  for (const auto& state : summary.states) {
    retries += static_cast<std::size_t>(state.retries);
    auto resource = resources.find(state.name);
    if (resource == resources.end()) continue;
    std::optional<int> memory = memory_mb(resource->second);
    if (!memory) continue;
    for (const auto& invocation : state.invocations) {
      usage.lambda_requests++;
      usage.lambda_gb_seconds += round_up(invocation.seconds, 0.001) * *memory / kMbPerGb;
    }
  }
  std::size_t entered = 0;
  if (const Json* events = record.history.is_object() && record.history.contains("events")
                               ? &record.history["events"]
                               : nullptr;
      events && events->is_array()) {
    for (const Json& event : *events) {
      const Json* type = event.is_object() && event.contains("type") ? &event["type"] : nullptr;
      if (type && type->is_string() && type->get<std::string>().ends_with("StateEntered"))
        entered++;
    }
  }
  usage.state_transitions = entered + retries;
  usage.execution_seconds = round_up(summary.total_seconds, kExpressRoundSeconds);
  return usage;
}

Result<CostEstimate> estimate_cost(const std::vector<RunUsage>& runs, const PriceTable& prices,
                                   const CostOptions& options) {
  if (runs.empty())
    return Error{"Budget.NoRuns", "no measured run to estimate the cost from; record one "
                                  "(conflictctl simulate) or pass --include-mock"};
  const LambdaPrices* lambda = options.architecture == "x86_64" ? &prices.x86_64
                               : options.architecture == "arm64" ? &prices.arm64
                                                                 : nullptr;
  if (!lambda)
    return Error{"Budget.InvalidPrices",
                 fmt::format("{}: no Lambda prices for the architecture '{}'", prices.file,
                             options.architecture)};
  CostEstimate estimate;
  estimate.prices = prices;
  estimate.options = options;
  estimate.runs = runs;
  const double n = static_cast<double>(runs.size());
  for (const RunUsage& run : runs) {
    estimate.lambda_requests += static_cast<double>(run.lambda_requests) / n;
    estimate.lambda_gb_seconds += run.lambda_gb_seconds / n;
    if (run.type == WorkflowType::kStandard) {
      estimate.state_transitions += static_cast<double>(run.state_transitions) / n;
    } else {
      estimate.express_requests += 1 / n;
      estimate.express_gb_seconds += run.execution_seconds * (kExpressChunkMb / kMbPerGb) / n;
    }
  }
  estimate.lambda_request_cost = estimate.lambda_requests * lambda->per_million_requests / 1e6;
  estimate.lambda_duration_cost = estimate.lambda_gb_seconds * lambda->per_gb_second;
  estimate.standard_cost =
      estimate.state_transitions * prices.standard_per_thousand_transitions / 1e3;
  estimate.express_cost = estimate.express_requests * prices.express_per_million_requests / 1e6 +
                          estimate.express_gb_seconds * prices.express_per_gb_second;
  estimate.run_cost = estimate.lambda_request_cost + estimate.lambda_duration_cost +
                      estimate.standard_cost + estimate.express_cost;
  estimate.month_cost = estimate.run_cost * options.runs_per_month;
  return estimate;
}

std::string format_cost_text(const CostEstimate& e) {
  const std::string& cur = e.prices.currency;
  std::string out = fmt::format("Cost (prices of {}, {}, from {})\n", e.prices.date,
                                e.prices.region, e.prices.file);
  out += fmt::format("  Per run, the mean of {} on {}:\n", count_text(
                         static_cast<std::int64_t>(e.runs.size()), "measured run"),
                     e.options.architecture);
  auto line = [&](const std::string& item, const std::string& amount, double cost) {
    out += fmt::format("    {:<28}{:>26}  {:>18}\n", item, amount, money(cost, cur));
  };
  line("Lambda requests", group_thousands(e.lambda_requests), e.lambda_request_cost);
  line("Lambda duration", group_thousands(e.lambda_gb_seconds) + " GB-s",
       e.lambda_duration_cost);
  if (e.express_requests > 0) {
    line("Step Functions EXPRESS", fmt::format("{} req., {} GB-s",
                                               group_thousands(e.express_requests),
                                               group_thousands(e.express_gb_seconds)),
         e.express_cost);
  }
  if (e.state_transitions > 0 || e.express_requests == 0)
    line("Step Functions STANDARD", group_thousands(e.state_transitions) + " transitions",
         e.standard_cost);
  line("Total per run", "", e.run_cost);
  out += fmt::format("  Per month, {} runs: {}\n", group_thousands(e.options.runs_per_month),
                     money(e.month_cost, cur));
  out += "  Free tiers are not subtracted. Prices: " + fmt::format("{}", fmt::join(
                                                           e.prices.sources, ", ")) + "\n";
  return out;
}

Json cost_to_json(const CostEstimate& e) {
  Json runs = Json::array();
  for (const RunUsage& run : e.runs) {
    runs.push_back({{"run", run.run},
                    {"type", std::string(to_string(run.type))},
                    {"lambda_requests", run.lambda_requests},
                    {"lambda_gb_seconds", run.lambda_gb_seconds},
                    {"state_transitions", run.state_transitions},
                    {"execution_seconds", run.execution_seconds}});
  }
  return Json{{"prices", {{"file", e.prices.file},
                          {"date", e.prices.date},
                          {"region", e.prices.region},
                          {"currency", e.prices.currency},
                          {"sources", e.prices.sources}}},
              {"architecture", e.options.architecture},
              {"runs_per_month", e.options.runs_per_month},
              {"runs", runs},
              {"per_run", {{"lambda_requests", e.lambda_requests},
                           {"lambda_gb_seconds", e.lambda_gb_seconds},
                           {"state_transitions", e.state_transitions},
                           {"express_requests", e.express_requests},
                           {"express_gb_seconds", e.express_gb_seconds},
                           {"lambda_request_cost", e.lambda_request_cost},
                           {"lambda_duration_cost", e.lambda_duration_cost},
                           {"standard_cost", e.standard_cost},
                           {"express_cost", e.express_cost},
                           {"cost", e.run_cost}}},
              {"month_cost", e.month_cost}};
}

}  // namespace conflictctl::budget
