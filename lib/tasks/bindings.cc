#include "tasks/bindings.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/lambda_limits.h"
#include "asl/resource.h"

namespace conflictctl::tasks {

namespace fs = std::filesystem;

namespace {

struct Entry {
  YAML::Node key;
  YAML::Node value;
};
using Entries = std::map<std::string, Entry>;

// Collects diagnostics located by yaml-cpp marks (0-based) as 1-based line:column.
class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  void report(const YAML::Mark& mark, std::string message) {
    int line = mark.is_null() ? 1 : mark.line + 1;
    int column = mark.is_null() ? 1 : mark.column + 1;
    diagnostics_.push_back(Diagnostic{file_, "", std::move(message), line, column});
  }
  // The mark of the value, or of its key when the value is empty ("key:" and nothing).
  static YAML::Mark where(const Entry& entry) {
    return entry.value.IsNull() ? entry.key.Mark() : entry.value.Mark();
  }

  // The entries of a mapping; reports unknown and duplicate keys.
  Entries entries(const YAML::Node& map, const std::vector<std::string_view>& allowed) {
    Entries out;
    for (auto it = map.begin(); it != map.end(); ++it) {
      std::string key = it->first.Scalar();
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        report(it->first.Mark(), fmt::format("unknown key '{}' (expected {})", key,
                                             join_alternatives(allowed)));
      } else if (!out.emplace(key, Entry{it->first, it->second}).second) {
        report(it->first.Mark(), fmt::format("duplicate key '{}'", key));
      }
    }
    return out;
  }

  std::optional<std::string> string(const Entries& entries, const std::string& key,
                                    const YAML::Node& map, bool required) {
    auto it = entries.find(key);
    if (it == entries.end()) {
      if (required) report(map.Mark(), fmt::format("missing required key '{}'", key));
      return std::nullopt;
    }
    if (!it->second.value.IsScalar()) {
      report(where(it->second), fmt::format("'{}' must be a string", key));
      return std::nullopt;
    }
    return it->second.value.Scalar();
  }

  // An optional integer in [min, max]; `fallback` when absent or wrong.
  int integer(const Entries& entries, const std::string& key, int fallback, int min, int max,
              std::string_view limit) {
    auto it = entries.find(key);
    if (it == entries.end()) return fallback;
    int value = 0;
    if (!it->second.value.IsScalar() || !YAML::convert<int>::decode(it->second.value, value)) {
      report(where(it->second), fmt::format("'{}' must be an integer", key));
      return fallback;
    }
    if (value < min || value > max) {
      report(where(it->second), fmt::format("'{}' must be between {} and {}{}, not {}", key,
                                            min, max, limit, value));
      return fallback;
    }
    return value;
  }

  Diagnostics take() { return std::move(diagnostics_); }
  bool ok() const { return diagnostics_.empty(); }

 private:
  static std::string join_alternatives(const std::vector<std::string_view>& names) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
      out += names[i];
    }
    return out;
  }

  std::string file_;
  Diagnostics diagnostics_;
};

const std::vector<std::string_view> kTopKeys = {"name", "definition", "description", "type",
                                                "functions", "environment", "logging"};
const std::vector<std::string_view> kFunctionKeys = {"handler", "timeout_seconds", "memory_mb"};

std::optional<FunctionBinding> read_function(Reader& reader, const Entry& entry) {
  std::string name = entry.key.Scalar();
  if (!asl::parse_function_name(name) || name.find(':') != std::string::npos) {
    reader.report(entry.key.Mark(),
                  fmt::format("invalid Lambda function name '{}': a name is 1 to 64 letters, "
                              "digits, hyphens or underscores",
                              name));
    return std::nullopt;
  }
  if (!entry.value.IsMap()) {
    reader.report(Reader::where(entry),
                  fmt::format("function '{}' must be a mapping with a 'handler'", name));
    return std::nullopt;
  }
  Entries fields = reader.entries(entry.value, kFunctionKeys);
  std::optional<std::string> handler = reader.string(fields, "handler", entry.value, true);
  FunctionBinding binding;
  binding.name = name;
  binding.timeout_seconds = reader.integer(fields, "timeout_seconds", kDefaultTimeoutSeconds, 1,
                                           lambda::kMaxTimeoutSeconds, " (the Lambda limit)");
  binding.memory_mb = reader.integer(fields, "memory_mb", kDefaultMemoryMb,
                                     lambda::kMinMemoryMb, lambda::kMaxMemoryMb,
                                     " (the Lambda limits)");
  if (!handler) return std::nullopt;
  YAML::Mark mark = Reader::where(fields.at("handler"));
  binding.handler = *handler;
  binding.line = mark.line + 1;
  binding.column = mark.column + 1;
  return binding;
}

void read_functions(Reader& reader, const Entries& top, const YAML::Node& root,
                    Bindings& bindings) {
  auto it = top.find("functions");
  if (it == top.end()) {
    reader.report(root.Mark(), "missing required key 'functions'");
    return;
  }
  const YAML::Node& functions = it->second.value;
  if (!functions.IsMap()) {
    reader.report(Reader::where(it->second),
                  "'functions' must be a mapping of Lambda function names to their settings");
    return;
  }
  std::set<std::string> seen;
  for (auto f = functions.begin(); f != functions.end(); ++f) {
    std::string name = f->first.Scalar();
    if (!seen.insert(name).second) {
      reader.report(f->first.Mark(), fmt::format("duplicate key '{}'", name));
      continue;
    }
    if (auto binding = read_function(reader, Entry{f->first, f->second}))
      bindings.functions.push_back(std::move(*binding));
  }
}

// The names Lambda reserves for itself (a function cannot set them), besides AWS_*.
constexpr std::string_view kReservedVariables[] = {"_HANDLER", "_X_AMZN_TRACE_ID",
                                                   "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
                                                   "TZ"};

bool is_variable_name(const std::string& name) {
  if (name.empty() || !std::isalpha(static_cast<unsigned char>(name[0]))) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

void read_environment(Reader& reader, const Entries& top, Bindings& bindings) {
  auto it = top.find("environment");
  if (it == top.end()) return;
  const YAML::Node& map = it->second.value;
  std::vector<EnvironmentBinding> out;
  if (map.IsNull()) {  // "environment:" with nothing: an empty environment
    bindings.environment = std::move(out);
    return;
  }
  if (!map.IsMap()) {
    reader.report(Reader::where(it->second),
                  "'environment' must be a mapping of variable names to values");
    return;
  }
  std::set<std::string> seen;
  for (auto v = map.begin(); v != map.end(); ++v) {
    const std::string name = v->first.Scalar();
    const YAML::Mark mark = v->first.Mark();
    if (!seen.insert(name).second) {
      reader.report(mark, fmt::format("duplicate key '{}'", name));
    } else if (name == "POSTGRES_PASSWORD") {
      reader.report(mark, "no password in a function's environment: name a Secrets Manager "
                          "secret with POSTGRES_SECRET_ID instead (docs/deploy.md)");
    } else if (name.starts_with("AWS_") ||
               std::find(std::begin(kReservedVariables), std::end(kReservedVariables), name) !=
                   std::end(kReservedVariables)) {
      reader.report(mark, fmt::format("'{}' is reserved by Lambda, which sets it", name));
    } else if (!is_variable_name(name)) {
      reader.report(mark, fmt::format("'{}' is not a variable name (a letter, then letters, "
                                      "digits or underscores)",
                                      name));
    } else if (!v->second.IsNull() && !v->second.IsScalar()) {
      reader.report(v->second.Mark(), fmt::format("'{}' must be a text, or nothing to take "
                                                  "the deployer's setting",
                                                  name));
    } else {
      out.push_back({name,
                     v->second.IsNull() ? std::nullopt
                                        : std::optional<std::string>(v->second.Scalar()),
                     mark.line + 1, mark.column + 1});
    }
  }
  bindings.environment = std::move(out);
}

void read_logging(Reader& reader, const Entries& top, Bindings& bindings) {
  auto it = top.find("logging");
  if (it == top.end()) return;
  const YAML::Node& map = it->second.value;
  if (!map.IsMap()) {
    reader.report(Reader::where(it->second),
                  "'logging' must be a mapping with a 'level' (ALL, ERROR, FATAL or OFF)");
    return;
  }
  Entries fields = reader.entries(map, {"level", "include_execution_data", "log_group_arn"});
  LoggingBinding logging;
  std::optional<std::string> level = reader.string(fields, "level", map, true);
  if (level && std::find(std::begin(kLogLevels), std::end(kLogLevels), *level) ==
                   std::end(kLogLevels)) {
    reader.report(Reader::where(fields.at("level")),
                  fmt::format("level '{}' is not a log level (expected ALL, ERROR, FATAL or "
                              "OFF)",
                              *level));
    level.reset();
  }
  if (auto data = fields.find("include_execution_data"); data != fields.end()) {
    if (!data->second.value.IsScalar() ||
        !YAML::convert<bool>::decode(data->second.value, logging.include_execution_data))
      reader.report(Reader::where(data->second), "'include_execution_data' must be true or "
                                                 "false");
  }
  logging.log_group_arn =
      reader.string(fields, "log_group_arn", map, false).value_or("");
  if (!logging.log_group_arn.empty() && !logging.log_group_arn.ends_with(":*"))
    reader.report(Reader::where(fields.at("log_group_arn")),
                  "'log_group_arn' must be a log group's ARN ending in ':*' "
                  "(arn:aws:logs:REGION:ACCOUNT_ID:log-group:NAME:*)");
  if (!level) return;
  logging.level = *level;
  bindings.logging = std::move(logging);
}

struct Parsed {
  LoadedBindings loaded;
  YAML::Mark definition_mark;
};

Parsed parse(const std::string& text, const std::string& file) {
  Reader reader(file);
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    reader.report(e.mark, "syntax error: " + e.msg);
    return {{std::nullopt, reader.take()}, {}};
  }
  if (root.IsNull()) {
    reader.report(YAML::Mark(), "the bindings file is empty");
    return {{std::nullopt, reader.take()}, {}};
  }
  if (!root.IsMap()) {
    reader.report(root.Mark(), "a bindings file must be a YAML mapping");
    return {{std::nullopt, reader.take()}, {}};
  }

  Bindings bindings;
  bindings.file = file;
  Entries top = reader.entries(root, kTopKeys);
  std::optional<std::string> name = reader.string(top, "name", root, true);
  std::optional<std::string> definition = reader.string(top, "definition", root, true);
  std::optional<std::string> description = reader.string(top, "description", root, false);
  std::optional<std::string> type = reader.string(top, "type", root, false);
  if (type) {
    bindings.type = parse_workflow_type(*type);
    if (!bindings.type)
      reader.report(Reader::where(top.at("type")),
                    fmt::format("type '{}' is not a workflow type (expected STANDARD or EXPRESS)",
                                *type));
  }
  read_functions(reader, top, root, bindings);
  read_environment(reader, top, bindings);
  read_logging(reader, top, bindings);

  std::string stem = fs::path(file).stem().string();
  if (name && !file.empty() && *name != stem)
    reader.report(Reader::where(top.at("name")),
                  fmt::format("name '{}' does not match the file name '{}'", *name,
                              fs::path(file).filename().string()));
  YAML::Mark definition_mark;
  if (definition) {
    definition_mark = Reader::where(top.at("definition"));
    bindings.definition = *definition;
    bindings.definition_path = (fs::path(file).parent_path() / *definition).string();
  }
  if (!reader.ok()) return {{std::nullopt, reader.take()}, {}};
  bindings.name = *name;
  bindings.description = description.value_or("");
  return {{std::move(bindings), {}}, definition_mark};
}

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

const FunctionBinding* Bindings::find(std::string_view function) const {
  auto it = std::find_if(functions.begin(), functions.end(),
                         [&](const FunctionBinding& f) { return f.name == function; });
  return it == functions.end() ? nullptr : &*it;
}

LoadedBindings parse_bindings(const std::string& text, const std::string& file) {
  return parse(text, file).loaded;
}

LoadedBindings load_bindings(const std::string& path) {
  std::optional<std::string> text = read_file(path);
  if (!text) return {std::nullopt, {Diagnostic{path, "", "cannot read the bindings file"}}};
  Parsed parsed = parse(*text, path);
  if (!parsed.loaded.bindings) return std::move(parsed.loaded);
  const std::string& definition = parsed.loaded.bindings->definition_path;
  std::error_code error;
  if (!fs::is_regular_file(definition, error)) {
    Reader reader(path);
    reader.report(parsed.definition_mark,
                  fmt::format("definition file '{}' does not exist", definition));
    return {std::nullopt, reader.take()};
  }
  return std::move(parsed.loaded);
}

LoadedBindings find_pipeline(const std::string& dir, const std::string& name) {
  std::vector<std::string> known = list_pipelines(dir);
  if (std::find(known.begin(), known.end(), name) == known.end()) {
    std::string list = known.empty() ? "none" : fmt::format("{}", fmt::join(known, ", "));
    return {std::nullopt,
            {Diagnostic{dir, "",
                        fmt::format("no pipeline named '{}' (no {}.yaml here; pipelines: {})",
                                    name, name, list)}}};
  }
  return load_bindings((fs::path(dir) / (name + ".yaml")).string());
}

std::vector<std::string> list_pipelines(const std::string& dir) {
  std::vector<std::string> names;
  std::error_code error;
  for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
    if (it->path().extension() == ".yaml" && it->is_regular_file(error))
      names.push_back(it->path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace conflictctl::tasks
