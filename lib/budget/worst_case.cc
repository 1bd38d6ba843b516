#include "budget/worst_case.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>

#include "core/lambda_limits.h"
#include "asl/limits.h"
#include "budget/loops.h"
#include "core/number_text.h"
#include "budget/retry_bound.h"
#include "budget/rule_text.h"
#include "core/error_names.h"
#include "engine/retry.h"
#include "engine/run_summary.h"
#include "asl/resource.h"

namespace conflictctl::budget {

namespace {

// Where a state can go once it is done, and how that reads at the end of its last step.
struct Exit {
  std::string target;  // the next state; "" when the machine ends there
  std::string phrase;  // completes the last step: "succeeds → ExecuteTask02"
};

// One state's share of every path through it: all its exits take `seconds`.
struct StateTime {
  double seconds = 0;          // entering to leaving; 0 when unknown
  bool unbounded = false;      // nothing limits it; `last` says why
  std::vector<PathStep> body;  // the steps before the last one
  PathStep last;               // the last step; an exit's phrase completes its text
  std::vector<Exit> exits;     // never empty
};

// A machine's longest run, start to end.
struct MachineTime {
  double seconds = 0;
  bool unbounded = false;
  std::string why_unbounded;  // "the loop A → B → A", "ExecuteJob has no time limit"
  std::vector<PathStep> path;
};

// The machine being analysed: the top level, a Map's iteration or a Parallel's branch.
struct Scope {
  int depth = 0;
  std::string noun = "execution";  // what ends or fails when the machine does
  std::string where;               // "" at the top level, " in each iteration of M"
};

// The limit on one attempt of a Task.
struct AttemptLimit {
  std::optional<double> seconds;  // nullopt: unknown (see `unknown`) or nothing limits it
  bool unknown = false;           // only TimeoutSecondsPath, read at run time
  bool timeout_possible = false;  // an attempt can end with States.Timeout
  std::string why_no_timeout;
  std::string text;  // "TimeoutSeconds 900, function timeout 900 s"
};

std::string plural(long long n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", group_thousands(static_cast<double>(n)), n == 1 ? one : many);
}

std::string goes(const std::string& target, const Scope& scope) {
  return target.empty() ? fmt::format("and the {} ends", scope.noun) : "→ " + target;
}

void append(std::vector<PathStep>& path, const StateTime& time, const Exit& exit) {
  path.insert(path.end(), time.body.begin(), time.body.end());
  PathStep last = time.last;
  last.what += exit.phrase;
  path.push_back(std::move(last));
}

// The backoffs of `use` past its listed ones, in seconds.
double unlisted_backoff(const RetryUse& use) {
  double listed = 0;
  for (double backoff : use.backoffs) listed += backoff;
  return use.backoff_total - listed;
}

// "(IntervalSeconds 5 × BackoffRate 2^1, capped by MaxDelaySeconds 8)"
std::string backoff_text(const asl::Retrier& retrier, int retry_index) {
  std::string text = fmt::format("IntervalSeconds {}", group_thousands(retrier.interval_seconds));
  if (retry_index > 0)
    text += fmt::format(" × BackoffRate {}^{}", group_thousands(retrier.backoff_rate), retry_index);
  double uncapped = retrier.interval_seconds * std::pow(retrier.backoff_rate, retry_index);
  const double capped = engine::backoff_seconds(retrier, retry_index);
  if (uncapped > capped && retrier.max_delay_seconds)
    text += fmt::format(" = {}, capped by MaxDelaySeconds {}", group_thousands(uncapped),
                        group_thousands(capped));
  else if (uncapped > capped)
    text += fmt::format(" = {}, capped at {} s like any backoff", group_thousands(uncapped),
                        group_thousands(capped));
  if (retrier.jitter == asl::JitterStrategy::kFull)
    text += ", JitterStrategy FULL: at most this";
  return text;
}

class Analysis {
 public:
  Analysis(const WorstCaseOptions& options, WorstCase& result)
      : options_(options), result_(result) {}

  Result<MachineTime> machine(const asl::StateMachine& machine, const Scope& scope);

  // The sentence about Lambda functions whose timeout was not known.
  void finish() {
    if (lambda_defaults_.empty()) return;
    assume(fmt::format("No function timeout is known for {}: Lambda's maximum, {}, is assumed.",
                       fmt::join(lambda_defaults_, ", "),
                       seconds_text(lambda::kMaxTimeoutSeconds)));
  }

 private:
  Result<StateTime> state(const asl::State& state, const Scope& scope, std::size_t index);
  StateTime task(const asl::State& state, const asl::TaskSpec& task, const Scope& scope,
                 std::size_t index);
  Result<StateTime> map(const asl::State& state, const asl::MapSpec& map, const Scope& scope,
                        std::size_t index);
  Result<StateTime> parallel(const asl::State& state, const asl::ParallelSpec& parallel,
                             const Scope& scope, std::size_t index);
  StateTime wait(const asl::State& state, const asl::WaitSpec& wait, const Scope& scope,
                 std::size_t index);
  StateTime choice(const asl::State& state, const asl::ChoiceSpec& choice, const Scope& scope);
  AttemptLimit attempt_limit(const asl::State& state, const asl::TaskSpec& task);
  // The attempts, backoffs and exits of a Task, Map or Parallel whose attempts each take
  // `attempt_seconds`. `first_attempt` details the first attempt (Map waves, the longest
  // branch); when it is empty every attempt is one step: `attempt_text`, e.g. "runs to its
  // limit (900 s)". Adds the attempts and backoffs to the bound's reason, which the caller
  // has set to what one attempt takes.
  StateTime attempts(const asl::State& state, const Scope& scope, std::size_t index,
                     const RetryBound& retry, double attempt_seconds,
                     const std::vector<PathStep>& first_attempt, const std::string& attempt_text);
  // A state whose nested machine has no bound.
  StateTime unbounded(const asl::State& state, std::size_t index, const std::string& why);
  void mark_loops(const asl::StateMachine& machine, const Scope& scope,
                  const std::map<std::string, StateTime>& times,
                  const std::map<std::string, std::size_t>& indexes, MachineTime& result);

  void assume(std::string sentence) {
    auto& list = result_.assumptions;
    if (std::find(list.begin(), list.end(), sentence) == list.end())
      list.push_back(std::move(sentence));
  }

  const WorstCaseOptions& options_;
  WorstCase& result_;
  std::vector<std::string> lambda_defaults_;
};

Result<MachineTime> Analysis::machine(const asl::StateMachine& machine, const Scope& scope) {
  std::map<std::string, StateTime> times;
  std::map<std::string, std::size_t> indexes;
  for (const auto& name : machine.state_order) {
    const asl::State& state = machine.states.at(name);
    std::size_t index = result_.states.size();
    StateBound bound;
    bound.state = name;
    bound.pointer = state.pointer;
    bound.depth = scope.depth;
    result_.states.push_back(std::move(bound));
    indexes[name] = index;
    auto time = this->state(state, scope, index);
    if (!time) return time.error();
    times.emplace(name, std::move(*time));
  }
  auto check = [&](const std::string& target, const std::string& pointer) -> Result<void> {
    if (target.empty() || times.count(target)) return {};
    return Error{"Budget.UnknownState",
                 fmt::format("{}: the transition names '{}', which is not a state of this machine",
                             pointer.empty() ? "/" : pointer, target)};
  };
  if (auto ok = check(machine.start_at, machine.pointer + "/StartAt"); !ok) return ok.error();
  for (const auto& [name, time] : times)
    for (const auto& exit : time.exits)
      if (auto ok = check(exit.target, machine.states.at(name).pointer); !ok) return ok.error();

  MachineTime result;
  mark_loops(machine, scope, times, indexes, result);
  if (result.unbounded) return result;

  // Longest path over the acyclic graph: each state's time plus its longest exit.
  struct Best {
    bool unbounded = false;
    double seconds = 0;
    std::size_t exit = 0;
  };
  std::map<std::string, Best> memo;
  std::function<Best(const std::string&)> best = [&](const std::string& name) -> Best {
    if (auto found = memo.find(name); found != memo.end()) return found->second;
    const StateTime& time = times.at(name);
    Best chosen;
    chosen.unbounded = time.unbounded;
    std::optional<double> longest;
    for (std::size_t i = 0; i < time.exits.size() && !chosen.unbounded; ++i) {
      const auto& target = time.exits[i].target;
      Best next = target.empty() ? Best{} : best(target);
      if (next.unbounded) {
        chosen = {true, 0, i};
      } else if (!longest || next.seconds > *longest) {
        longest = next.seconds;
        chosen.exit = i;
      }
    }
    chosen.seconds = time.seconds + longest.value_or(0);
    memo[name] = chosen;
    return chosen;
  };
  Best start = best(machine.start_at);
  result.unbounded = start.unbounded;
  result.seconds = start.seconds;
  for (std::string name = machine.start_at; !name.empty();) {
    const StateTime& time = times.at(name);
    if (time.unbounded) {
      result.path.push_back(time.last);
      result.why_unbounded = fmt::format("{}: {}", name, time.last.what);
      break;
    }
    const Exit& exit = time.exits[memo.at(name).exit];
    append(result.path, time, exit);
    name = exit.target;
  }
  return result;
}

// Finds the loops (strongly connected components) among the states reachable from StartAt.
// A loop makes the machine unbounded; its states are named in assumptions and their bounds.
void Analysis::mark_loops(const asl::StateMachine& machine, const Scope& scope,
                          const std::map<std::string, StateTime>& times,
                          const std::map<std::string, std::size_t>& indexes,
                          MachineTime& result) {
  Successors next = [&](const std::string& name) {
    std::vector<std::string> targets;
    for (const auto& exit : times.at(name).exits) targets.push_back(exit.target);
    return targets;
  };
  auto loops = find_loops(machine.start_at, next);
  if (loops.empty()) return;

  // Loops in definition order of their first state; each named by its first state's cycle.
  auto first_of = [&](const std::set<std::string>& loop) {
    return *std::min_element(loop.begin(), loop.end(), [&](const auto& a, const auto& b) {
      return indexes.at(a) < indexes.at(b);
    });
  };
  std::sort(loops.begin(), loops.end(), [&](const auto& a, const auto& b) {
    return indexes.at(first_of(a)) < indexes.at(first_of(b));
  });
  for (const auto& loop : loops) {
    for (const auto& name : loop) {
      auto& bound = result_.states[indexes.at(name)];
      bound.loop = cycle_text(
          shortest_route(name, next, loop, [&](const std::string& at) { return at == name; }));
      bound.reason += fmt::format("; on the loop {}, so this is per pass", bound.loop);
    }
    assume(fmt::format("{} is a loop{}: nothing in the definition limits how often it repeats, "
                       "so the {} has no bound.",
                       result_.states[indexes.at(first_of(loop))].loop, scope.where, scope.noun));
  }

  // The path: from StartAt to the first loop, once around it, and back.
  const auto& loop = loops.front();
  result.unbounded = true;
  std::string entry = machine.start_at;
  Hops hops;
  if (!loop.count(entry)) {
    hops = shortest_route(entry, next, {}, [&](const std::string& at) { return loop.count(at) > 0; });
    entry = times.at(hops.back().first).exits[hops.back().second].target;
  }
  auto cycle = shortest_route(entry, next, loop, [&](const std::string& at) { return at == entry; });
  result.why_unbounded = "the loop " + cycle_text(cycle);
  hops.insert(hops.end(), cycle.begin(), cycle.end());
  for (const auto& [name, exit] : hops) append(result.path, times.at(name), times.at(name).exits[exit]);
  result.path.push_back({entry, fmt::format("back at {}: the loop {} can repeat without limit",
                                            entry, cycle_text(cycle)),
                         0});
}

Result<StateTime> Analysis::state(const asl::State& state, const Scope& scope, std::size_t index) {
  if (const auto* task = std::get_if<asl::TaskSpec>(&state.spec))
    return this->task(state, *task, scope, index);
  if (const auto* map = std::get_if<asl::MapSpec>(&state.spec))
    return this->map(state, *map, scope, index);
  if (const auto* parallel = std::get_if<asl::ParallelSpec>(&state.spec))
    return this->parallel(state, *parallel, scope, index);
  if (const auto* wait = std::get_if<asl::WaitSpec>(&state.spec))
    return this->wait(state, *wait, scope, index);
  if (const auto* choice = std::get_if<asl::ChoiceSpec>(&state.spec)) {
    result_.states[index].seconds = 0;
    result_.states[index].reason = "a Choice takes no time; the total follows its longest branch";
    return this->choice(state, *choice, scope);
  }
  StateTime time;
  auto& bound = result_.states[index];
  bound.seconds = 0;
  if (const auto* fail = std::get_if<asl::FailSpec>(&state.spec)) {
    std::string error = fail->error ? *fail->error : fail->error_path ? *fail->error_path : "";
    bound.reason = fmt::format("fails the {} at once", scope.noun);
    time.last = {state.name, fmt::format("Fail: the {} fails with {}", scope.noun, error), 0};
    time.exits.push_back({"", ""});
    return time;
  }
  std::string target = state.next.value_or("");
  if (std::holds_alternative<asl::SucceedSpec>(state.spec)) {
    bound.reason = fmt::format("ends the {} at once", scope.noun);
    time.last = {state.name, "Succeed ", 0};
  } else {
    bound.reason = "passes its input on at once";
    time.last = {state.name, "Pass ", 0};
  }
  time.exits.push_back({target, goes(target, scope)});
  return time;
}

StateTime Analysis::choice(const asl::State& state, const asl::ChoiceSpec& choice,
                           const Scope& scope) {
  StateTime time;
  time.last = {state.name, "Choice: ", 0};
  std::set<std::string> targets;
  for (std::size_t i = 0; i < choice.choices.size(); ++i) {
    const auto& rule = choice.choices[i];
    if (targets.insert(rule.next).second)
      time.exits.push_back({rule.next, fmt::format("{} → {}", rule_text(rule), rule.next)});
  }
  if (choice.default_next) {
    if (targets.insert(*choice.default_next).second)
      time.exits.push_back({*choice.default_next, "Default → " + *choice.default_next});
  } else {
    time.exits.push_back({"", fmt::format("no rule matches, {} fails the {}",
                                          errors::kNoChoiceMatched, scope.noun)});
  }
  return time;
}

StateTime Analysis::wait(const asl::State& state, const asl::WaitSpec& wait, const Scope& scope,
                         std::size_t index) {
  StateTime time;
  auto& bound = result_.states[index];
  std::string target = state.next.value_or("");
  time.exits.push_back({target, goes(target, scope)});
  if (wait.seconds) {
    time.seconds = *wait.seconds;
    bound.seconds = *wait.seconds;
    bound.reason = fmt::format("Seconds {}", group_thousands(*wait.seconds));
    time.last = {state.name, fmt::format("waits {} (Seconds) ", seconds_text(*wait.seconds)),
                 *wait.seconds};
    return time;
  }
  std::string source = wait.timestamp        ? "Timestamp " + *wait.timestamp
                       : wait.seconds_path   ? "SecondsPath " + *wait.seconds_path
                       : wait.timestamp_path ? "TimestampPath " + *wait.timestamp_path
                                             : "";
  bound.unknown = true;
  bound.reason = fmt::format("unknown: {} decides how long it waits, at run time", source);
  assume(fmt::format("{}: how long it waits depends on {} at run time, so the total counts it "
                     "as 0 s.",
                     state.name, source));
  time.last = {state.name, fmt::format("waits as long as {} says (not counted) ", source), 0};
  return time;
}

AttemptLimit Analysis::attempt_limit(const asl::State& state, const asl::TaskSpec& task) {
  AttemptLimit limit;
  auto resource = asl::parse_resource(task.resource);
  bool token = resource && resource->pattern == asl::IntegrationPattern::kWaitForTaskToken;
  bool lambda = resource && (resource->kind == asl::ResourceKind::kLambdaFunction ||
                             resource->is_lambda_invoke());
  std::optional<double> function;
  std::string function_text;
  if (token && lambda) {
    assume(fmt::format("{} waits for a task token: the callback may come after the function "
                       "returns, so the function's timeout does not bound it.",
                       state.name));
  } else {
    if (options_.function_timeout) function = options_.function_timeout(task.resource);
    if (function) {
      function_text = "function timeout " + seconds_text(*function);
    } else if (lambda) {
      function = lambda::kMaxTimeoutSeconds;
      function_text = "Lambda's maximum " + seconds_text(*function);
      lambda_defaults_.push_back(state.name);
    }
  }
  std::vector<std::string> parts;
  if (task.timeout_seconds)
    parts.push_back(fmt::format("TimeoutSeconds {}", group_thousands(*task.timeout_seconds)));
  if (task.timeout_seconds_path) parts.push_back("TimeoutSecondsPath " + *task.timeout_seconds_path);
  if (function) parts.push_back(function_text);
  limit.text = fmt::format("{}", fmt::join(parts, ", "));

  limit.seconds = engine::invocation_limit(task.timeout_seconds, function);
  limit.unknown = !limit.seconds && task.timeout_seconds_path;
  if (task.timeout_seconds_path && function)
    assume(fmt::format("{}: TimeoutSecondsPath {} is read at run time; the {} bounds each attempt.",
                       state.name, *task.timeout_seconds_path, function_text));
  limit.timeout_possible = task.timeout_seconds_path.has_value() ||
                           (task.timeout_seconds && (!function || *task.timeout_seconds <= *function));
  if (!task.timeout_seconds && !task.timeout_seconds_path)
    limit.why_no_timeout = "the Task has no TimeoutSeconds";
  else if (task.timeout_seconds)
    limit.why_no_timeout = fmt::format("the {} ends each attempt before TimeoutSeconds {}",
                                       function_text, group_thousands(*task.timeout_seconds));
  return limit;
}

StateTime Analysis::task(const asl::State& state, const asl::TaskSpec& task, const Scope& scope,
                         std::size_t index) {
  AttemptLimit limit = attempt_limit(state, task);
  RetryBound retry =
      retry_bound(state.retry, state.catchers, limit.timeout_possible, limit.why_no_timeout);
  for (const auto& sentence : retry.never_run) assume(fmt::format("{}: {}.", state.name, sentence));
  auto& bound = result_.states[index];
  bound.invocation_limit_seconds = limit.seconds;
  bound.max_attempts = retry.attempts();
  if (!limit.seconds && !limit.unknown) {
    std::string why = "it has no TimeoutSeconds, and no Lambda function timeout bounds it";
    assume(fmt::format("{}: {}: Step Functions waits for it as long as the execution may run, "
                       "so it has no bound.",
                       state.name, why));
    return unbounded(state, index, why);
  }
  if (limit.unknown) {
    std::string why = fmt::format("its limit comes from {} at run time", limit.text);
    assume(fmt::format("{}: {}, so the total counts it as 0 s.", state.name, why));
    StateTime time = attempts(state, scope, index, retry, 0, {},
                              fmt::format("runs as long as {} allows (not counted)", limit.text));
    bound.seconds.reset();
    bound.unknown = true;
    bound.reason = "unknown: " + why;
    return time;
  }
  bound.reason = fmt::format("{} per attempt ({})", seconds_text(*limit.seconds), limit.text);
  return attempts(state, scope, index, retry, *limit.seconds, {},
                  fmt::format("runs to its limit ({})", seconds_text(*limit.seconds)));
}

StateTime Analysis::attempts(const asl::State& state, const Scope& scope, std::size_t index,
                             const RetryBound& retry, double attempt_seconds,
                             const std::vector<PathStep>& first_attempt,
                             const std::string& attempt_text) {
  StateTime time;
  const long long count = retry.attempts();
  time.seconds = static_cast<double>(count) * attempt_seconds + retry.backoff_seconds();
  auto& bound = result_.states[index];
  bound.seconds = time.seconds;
  bound.max_attempts = count;
  if (count > 1 || retry.backoff_seconds() > 0) {
    std::vector<std::string> backoffs;
    for (const auto& use : retry.uses) {
      for (double backoff : use.backoffs) backoffs.push_back(group_thousands(backoff));
      if (use.retries > static_cast<long long>(use.backoffs.size()))
        backoffs.push_back(fmt::format("{} more totalling {}",
                                       group_thousands(static_cast<double>(
                                           use.retries - static_cast<long long>(use.backoffs.size()))),
                                       group_thousands(unlisted_backoff(use))));
    }
    bound.reason += fmt::format(" × {} + backoff {} s = {}", plural(count, "attempt", "attempts"),
                                fmt::join(backoffs, " + "), seconds_text(time.seconds));
  }

  auto attempt = [&](long long k) {
    return count == 1 ? std::string() : fmt::format("attempt {} of {} ", k, count);
  };
  auto run = [&](long long k) -> PathStep {
    if (first_attempt.empty())
      return {state.name, fmt::format("{}{} and ", attempt(k), attempt_text), attempt_seconds};
    if (k == 1)
      return {state.name,
              count == 1 ? fmt::format("then the {} ", asl::to_string(state.type))
                         : "then " + attempt(k),
              0};
    return {state.name, fmt::format("{}takes as long again ({}) and ", attempt(k),
                                    seconds_text(attempt_seconds)),
            attempt_seconds};
  };
  long long k = 1;
  for (const auto& use : retry.uses) {
    const auto& retrier = state.retry[use.retrier];
    std::string which = retry.uses.size() > 1 ? fmt::format("Retry[{}]: ", use.retrier) : "";
    for (std::size_t n = 0; n < use.backoffs.size(); ++n, ++k) {
      if (k == 1) time.body.insert(time.body.end(), first_attempt.begin(), first_attempt.end());
      PathStep step = run(k);
      step.what += "fails with " + use.error;
      time.body.push_back(std::move(step));
      time.body.push_back(
          {state.name,
           fmt::format("backoff before retry {} ({}{})", k, which,
                       backoff_text(retrier, static_cast<int>(n))),
           use.backoffs[n]});
    }
    // The retries past the listed ones: one step, not one per attempt (MaxAttempts may be
    // 99999999).
    const long long rest = use.retries - static_cast<long long>(use.backoffs.size());
    if (rest > 0) {
      time.body.push_back(
          {state.name,
           fmt::format("attempts {} to {} of {}: each {} and fails with {}; the backoffs "
                       "before retries {} to {} ({}from {}) add {} s",
                       k, k + rest - 1, count,
                       first_attempt.empty()
                           ? attempt_text
                           : fmt::format("takes as long again ({})", seconds_text(attempt_seconds)),
                       use.error, k, k + rest - 1, which,
                       backoff_text(retrier, static_cast<int>(use.backoffs.size())),
                       group_thousands(unlisted_backoff(use))),
           static_cast<double>(rest) * attempt_seconds + unlisted_backoff(use)});
      k += rest;
    }
  }
  if (k == 1) time.body.insert(time.body.end(), first_attempt.begin(), first_attempt.end());
  time.last = run(k);

  std::string next = state.next.value_or("");
  time.exits.push_back({next, "succeeds " + goes(next, scope)});
  std::set<const asl::Catcher*> caught;
  bool uncaught = false;
  for (const auto& error : retry.errors) {
    const asl::Catcher* catcher = engine::find_catcher(state.catchers, Error{error, ""});
    if (catcher && caught.insert(catcher).second) {
      time.exits.push_back(
          {catcher->next, fmt::format("fails with {} → Catch[{}] → {}", error,
                                      catcher - state.catchers.data(), catcher->next)});
    } else if (!catcher && !uncaught) {
      uncaught = true;
      time.exits.push_back(
          {"", fmt::format("fails with {}: no Catcher matches, so the {} fails", error, scope.noun)});
    }
  }
  return time;
}

StateTime Analysis::unbounded(const asl::State& state, std::size_t index, const std::string& why) {
  auto& bound = result_.states[index];
  bound.seconds.reset();
  bound.reason = "no bound: " + why;
  StateTime time;
  time.unbounded = true;
  time.last = {state.name, why, 0};
  time.exits.push_back({state.next.value_or(""), ""});
  return time;
}

Result<StateTime> Analysis::map(const asl::State& state, const asl::MapSpec& map,
                                const Scope& scope, std::size_t index) {
  Scope inner{scope.depth + 1, "iteration", " in each iteration of " + state.name};
  auto iteration = machine(*map.processor, inner);
  if (!iteration) return iteration.error();
  if (iteration->unbounded)
    return unbounded(state, index, "each iteration has no bound: " + iteration->why_unbounded);

  std::optional<long long> concurrency;  // nullopt: no limit
  std::string concurrency_text = "no MaxConcurrency";
  if (map.max_concurrency_path) {
    concurrency = 1;
    concurrency_text = fmt::format("MaxConcurrencyPath {}, assumed 1", *map.max_concurrency_path);
    assume(fmt::format("{}: MaxConcurrencyPath {} is read at run time; one item at a time is "
                       "assumed.",
                       state.name, *map.max_concurrency_path));
  } else if (map.max_concurrency && *map.max_concurrency > 0) {
    concurrency = *map.max_concurrency;
    concurrency_text = fmt::format("MaxConcurrency {}", *map.max_concurrency);
  }
  const long long inline_limit = asl::limits::kInlineMapConcurrencyLimit;
  if (!map.distributed && (!concurrency || *concurrency > inline_limit)) {
    concurrency = inline_limit;
    concurrency_text += fmt::format(", at most {} at once inline", inline_limit);
  }

  std::optional<long long> items = options_.items;
  if (auto found = options_.map_items.find(state.name); found != options_.map_items.end())
    items = found->second;
  double per_wave = iteration->seconds;
  long long waves = 1;
  std::vector<PathStep> first;
  std::string reason;
  if (!items) {
    std::string wave = concurrency ? fmt::format("one wave of up to {}", plural(*concurrency, "item", "items"))
                                   : "one wave";
    reason = fmt::format("{} per iteration: the item count is unknown ({})", seconds_text(per_wave),
                         concurrency_text);
    first.push_back({state.name,
                     fmt::format("{} ({}; the item count is unknown, so the bound is per "
                                 "iteration); its longest iteration:",
                                 wave, concurrency_text),
                     0});
    assume(fmt::format("{}: the item count is unknown, so its bound is for {}; each further wave "
                       "adds up to {} (give the count with --items N).",
                       state.name, wave, seconds_text(per_wave)));
  } else {
    long long size = concurrency ? std::min(*concurrency, *items) : *items;
    waves = size == 0 ? 0 : (*items + size - 1) / size;
    std::string shape = fmt::format("{} of {} ({}, {})", plural(waves, "wave", "waves"),
                                    plural(size, "item", "items"), concurrency_text,
                                    plural(*items, "item", "items"));
    reason = fmt::format("{} × {}", plural(waves, "wave", "waves"), seconds_text(per_wave));
    reason += shape.substr(shape.find(" ("));
    if (waves == 0)
      first.push_back({state.name, "no items: nothing to run", 0});
    else
      first.push_back({state.name, shape + (waves > 1 ? "; wave 1's longest iteration:"
                                                      : "; its longest iteration:"),
                       0});
  }
  if (waves > 0) first.insert(first.end(), iteration->path.begin(), iteration->path.end());
  if (waves > 1)
    first.push_back({state.name,
                     fmt::format("{} {} as long again ({} × {})",
                                 waves == 2 ? "wave 2" : fmt::format("waves 2 to {}", waves),
                                 waves == 2 ? "takes" : "each take", waves - 1,
                                 seconds_text(per_wave)),
                     static_cast<double>(waves - 1) * per_wave});
  RetryBound retry = retry_bound(state.retry, state.catchers, true, "");
  for (const auto& sentence : retry.never_run) assume(fmt::format("{}: {}.", state.name, sentence));
  result_.states[index].reason = reason;
  return attempts(state, scope, index, retry, static_cast<double>(waves) * per_wave, first, "");
}

Result<StateTime> Analysis::parallel(const asl::State& state, const asl::ParallelSpec& parallel,
                                     const Scope& scope, std::size_t index) {
  std::optional<MachineTime> longest;
  std::size_t longest_index = 0;
  for (std::size_t i = 0; i < parallel.branches.size(); ++i) {
    Scope inner{scope.depth + 1, "branch",
                fmt::format(" in {} Branches[{}]", state.name, i)};
    auto branch = machine(*parallel.branches[i], inner);
    if (!branch) return branch.error();
    if (branch->unbounded && (!longest || !longest->unbounded)) {
      longest = std::move(*branch);
      longest_index = i;
    } else if (!longest || (!longest->unbounded && branch->seconds > longest->seconds)) {
      longest = std::move(*branch);
      longest_index = i;
    }
  }
  if (!longest) longest.emplace();
  if (longest->unbounded)
    return unbounded(state, index,
                     fmt::format("Branches[{}] has no bound: {}", longest_index,
                                 longest->why_unbounded));
  std::string which = fmt::format("Branches[{}] ({})", longest_index, seconds_text(longest->seconds));
  std::vector<PathStep> first{
      {state.name,
       fmt::format("{} run at once; the longest is {}:",
                   plural(static_cast<long long>(parallel.branches.size()), "branch", "branches"),
                   which),
       0}};
  first.insert(first.end(), longest->path.begin(), longest->path.end());
  RetryBound retry = retry_bound(state.retry, state.catchers, true, "");
  for (const auto& sentence : retry.never_run) assume(fmt::format("{}: {}.", state.name, sentence));
  result_.states[index].reason = fmt::format(
      "the longest of {}, {}",
      plural(static_cast<long long>(parallel.branches.size()), "branch", "branches"), which);
  return attempts(state, scope, index, retry, longest->seconds, first, "");
}

// Cuts `path` where the execution's TimeoutSeconds stops it.
std::vector<PathStep> cut_at(std::vector<PathStep> path, double cap) {
  std::string stop = fmt::format("the execution's TimeoutSeconds ({}) stops it with {}",
                                 seconds_text(cap), errors::kTimeout);
  double elapsed = 0;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (elapsed + path[i].seconds > cap) {
      path[i].seconds = cap - elapsed;
      path[i].what += " — cut short: " + stop;
      path.resize(i + 1);
      return path;
    }
    elapsed += path[i].seconds;
  }
  path.push_back({"", stop, cap - elapsed});
  return path;
}

}  // namespace

Result<WorstCase> worst_case(const asl::StateMachine& machine, const WorstCaseOptions& options) {
  WorstCase result;
  Analysis analysis(options, result);
  auto top = analysis.machine(machine, Scope{});
  if (!top) return top.error();
  analysis.finish();
  result.path = std::move(top->path);
  if (!top->unbounded) result.total_seconds = top->seconds;
  if (machine.timeout_seconds &&
      (!result.total_seconds || *result.total_seconds > *machine.timeout_seconds)) {
    double cap = *machine.timeout_seconds;
    result.assumptions.push_back(fmt::format(
        "The execution's TimeoutSeconds ({}) caps the total: {}; it then fails with {}.",
        seconds_text(cap),
        result.total_seconds ? "the longest path takes " + seconds_text(*result.total_seconds)
                             : "the longest path has no bound",
        errors::kTimeout));
    result.path = cut_at(std::move(result.path), cap);
    result.total_seconds = cap;
  }
  return result;
}

}  // namespace conflictctl::budget
