#include "pipeline/load_pipeline.h"

namespace conflictctl::pipeline {

LoadedPipeline load_pipeline(const std::string& dir, const std::string& name) {
  LoadedPipeline loaded;
  auto found = tasks::find_pipeline(dir, name);
  if (!found.bindings) {
    loaded.diagnostics = std::move(found.diagnostics);
    return loaded;
  }
  loaded.definition = asl::load_definition(found.bindings->definition_path);
  loaded.diagnostics = loaded.definition.diagnostics;
  loaded.bindings = std::move(found.bindings);
  return loaded;
}

}  // namespace conflictctl::pipeline
