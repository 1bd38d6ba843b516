#include "asl/parser.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <variant>

#include "asl/document_order.h"
#include "asl/json_document.h"
#include "asl/machine_reader.h"
#include "asl/report.h"
#include "asl/validator.h"

namespace conflictctl::asl {

namespace {

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

// The whole file, or the errno of the failure.
std::variant<std::string, int> read_file(const std::string& path) {
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file) return errno;
  std::string text;
  char buffer[1 << 16];
  std::size_t count;
  while ((count = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) text.append(buffer, count);
  if (std::ferror(file.get())) return errno;
  return text;
}

// Whether `pointer` is `other` or inside it ("/States/A/Next" is inside "/States/A").
bool within(const std::string& pointer, const std::string& other) {
  return pointer.starts_with(other) &&
         (pointer.size() == other.size() || pointer[other.size()] == '/');
}

// Whether the validator's `finding` may only follow from a problem the reader reported: it
// is at the same field, inside a field the reader could not read, or about an object with a
// field the reader could not read (a state whose Next had the wrong type "has neither Next
// nor End"). The whole document's pointer "" is never such an object.
bool follows_from(const Diagnostic& finding, const Diagnostics& read) {
  for (const Diagnostic& problem : read) {
    const bool inside = problem.pointer.empty() ? finding.pointer.empty()
                                                : within(finding.pointer, problem.pointer);
    if (inside) return true;
    if (!finding.pointer.empty() && within(problem.pointer, finding.pointer)) return true;
  }
  return false;
}

}  // namespace

Loaded parse_definition(const std::string& text, const std::string& file) {
  Loaded loaded;
  JsonDocument document = read_json_document(text, file);
  Report report(file);
  for (Diagnostic& diagnostic : document.diagnostics) report.add(std::move(diagnostic));
  if (!document.parsed) {
    loaded.diagnostics = report.take();
    return loaded;
  }
  StateMachine machine = read_state_machine(document.value, report);
  if (document.value.is_object()) {
    const Diagnostics read = report.diagnostics();
    for (Diagnostic& diagnostic : validate(machine, file, report.gaps()))
      if (!follows_from(diagnostic, read)) report.add(std::move(diagnostic));
  }
  if (report.empty()) loaded.machine = std::make_shared<const StateMachine>(std::move(machine));
  loaded.diagnostics = report.take();
  sort_in_document_order(loaded.diagnostics, document.value);
  loaded.document = std::move(document.value);
  return loaded;
}

Loaded load_definition(const std::string& path) {
  auto text = read_file(path);
  if (const int* error = std::get_if<int>(&text)) {
    Loaded loaded;
    loaded.diagnostics.push_back(
        Diagnostic{path, "", std::string("cannot read file: ") + std::strerror(*error)});
    return loaded;
  }
  return parse_definition(std::get<std::string>(text), path);
}

}  // namespace conflictctl::asl
