// conflictctl graph — draws a pipeline's (or any definition's) state machine as Graphviz dot
// or a Mermaid flowchart; with --budget each state carries its worst-case bound, with --explore
// what `conflictctl explore` finds unreachable is marked.
#include <fmt/format.h>

#include <optional>
#include <set>

#include "asl/for_each_state.h"
#include "asl/parser.h"
#include "budget/graph.h"
#include "core/number_text.h"
#include "budget/worst_case.h"
#include "commands.h"
#include "exit_codes.h"
#include "explore/explore.h"
#include "pipeline/load_pipeline.h"
#include "pipeline/run.h"
#include "number_options.h"

namespace conflictctl::app {

namespace {

struct GraphCommandOptions {
  std::string pipeline = "conflict_report";
  std::string definition;  // when given, instead of the pipeline
  std::string format = "dot";
  bool budget = false;
  std::optional<long long> items;
  bool explore = false;
};

// "≤ 2,715 s", "≤ 10 s per pass" (on a loop), "≤ 2,730 s per wave" (a Map whose item count
// is unknown: `per_wave`), "unknown (read at run time)", "unbounded"; "on a loop" for a state
// on a loop that takes no time. Other states that take no time (Pass, Choice, Succeed,
// Fail) get no line ("").
std::string bound_label(const budget::StateBound& bound, bool per_wave) {
  if (bound.seconds == 0.0) return bound.loop.empty() ? "" : "on a loop";
  if (bound.seconds)
    return "≤ " + seconds_text(*bound.seconds) + (per_wave ? " per wave" : "") +
           (bound.loop.empty() ? "" : " per pass");
  return bound.unknown ? "unknown (read at run time)" : "unbounded";
}

CommandResult graph(const GraphCommandOptions& options) {
  std::string definition = options.definition;
  std::optional<tasks::Bindings> bindings;
  asl::Loaded loaded;
  if (definition.empty()) {
    auto found = pipeline::load_pipeline(pipeline::pipelines_dir(), options.pipeline);
    if (!found.diagnostics.empty()) return invalid_input(found.diagnostics);
    definition = found.bindings->definition_path;
    bindings = std::move(found.bindings);
    loaded = std::move(found.definition);
  } else {
    loaded = asl::load_definition(definition);
    if (!loaded.machine) return invalid_input(loaded.diagnostics);
  }

  budget::GraphOptions drawing;
  if (options.budget) {
    budget::WorstCaseOptions worst;
    worst.function_timeout = pipeline::function_timeouts(bindings);
    worst.items = options.items;
    auto result = budget::worst_case(*loaded.machine, worst);
    if (!result)
      return command_error(kInternal, fmt::format("{}: {}", definition, result.error().cause));
    // Without --items a Map's bound is for one wave of iterations (budget/worst_case.h).
    std::set<std::string> maps;
    asl::for_each_state(*loaded.machine, [&](const asl::State& state, int) {
      if (state.type == asl::StateType::kMap) maps.insert(state.name);
    });
    for (const auto& bound : result->states) {
      const bool per_wave = !options.items && maps.contains(bound.state);
      if (auto label = bound_label(bound, per_wave); !label.empty())
        drawing.annotations[bound.state] = label;
    }
  }
  if (options.explore) {
    explore::ExploreRequest request;
    if (options.definition.empty()) request.pipeline = options.pipeline;
    else request.definition = options.definition;
    auto subject = explore::load_subject(request);
    if (!subject.subject) return invalid_input(subject.diagnostics);
    auto report = explore::explore(*subject.subject, request);
    for (const auto& state : report.unreachable_states)
      drawing.unreachable_states.insert(state.state);
    for (const auto& catcher : report.unreachable_catchers)
      drawing.unreachable_catchers.emplace(catcher.state, catcher.index);
  }
  fmt::print("{}", options.format == "mermaid" ? budget::to_mermaid(*loaded.machine, drawing)
                                               : budget::to_dot(*loaded.machine, drawing));
  return kOk;
}

}  // namespace

void set_graph_command(CLI::App& app, CommandResult& result) {
  auto options = std::make_shared<GraphCommandOptions>();
  auto* command = app.add_subcommand(
      "graph", "Draw a state machine as a graph (Graphviz dot or Mermaid): Next, Choice rules, "
               "Default, Catch (dashed), Map and Parallel as clusters.");
  auto* pipeline = command->add_option("--pipeline", options->pipeline,
                                       "Pipeline name in pipelines/ (conflict_report, "
                                       "conflict_report_chunked, conflict_report_daily)")
                       ->capture_default_str();
  command->add_option("--definition", options->definition, "An ASL definition file instead")
      ->excludes(pipeline);
  command->add_option("--format", options->format, "dot or mermaid")
      ->check(CLI::IsMember({"dot", "mermaid"}))
      ->capture_default_str();
  auto* budget = command->add_flag(
      "--budget", options->budget,
      "Annotate each state with its worst-case time from the definition (Lambda timeouts from "
      "the pipeline's bindings)");
  command->add_option("--items", options->items,
                      "Item count of every Map state, for --budget (default: unknown, the bound "
                      "is per iteration)")
      ->check(non_negative_integer())
      ->needs(budget);
  command->add_flag("--explore", options->explore,
                    "Mark the states and Catchers that no scenario of `conflictctl explore` "
                    "reaches (red, dashed)");
  command->callback([options, &result] { result = graph(*options); });
}

}  // namespace conflictctl::app
