#pragma once
// A pipeline of pipelines/ loaded by name, written once for every command that names one
// (simulate, run, graph, budget): its bindings file "<dir>/<name>.yaml" (tasks/bindings.h) and
// the definition it names, parsed and validated (asl/parser.h).
#include <memory>
#include <optional>
#include <string>

#include "asl/parser.h"
#include "core/diagnostic.h"
#include "tasks/bindings.h"

namespace conflictctl::pipeline {

struct LoadedPipeline {
  std::optional<tasks::Bindings> bindings;  // empty when the bindings have diagnostics
  asl::Loaded definition;                   // definition.machine null when it has diagnostics
  Diagnostics diagnostics;                  // of whichever failed; empty when both loaded
};

// An unknown name is one diagnostic listing the pipelines in `dir`; a bad bindings file stops
// before the definition is read.
LoadedPipeline load_pipeline(const std::string& dir, const std::string& name);

}  // namespace conflictctl::pipeline
