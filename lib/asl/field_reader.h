#pragma once
// Typed access to the fields of one JSON object of a definition (a state, a Retrier, a
// Choice rule, …), reporting each field of the wrong JSON type and, at the end, each field
// that was never asked for — the unknown ones.
//
// Every getter returns nullopt (or null) when the field is absent, and also when it has the
// wrong type, after reporting it at the field's JSON Pointer:
//   "/States/Load/TimeoutSeconds: TimeoutSeconds must be an integer, not a string".
// The object is borrowed and must outlive the reader. Not thread-safe.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "asl/model.h"
#include "asl/report.h"
#include "core/json.h"

namespace conflictctl::asl {

// "a string", "a number", "an object", "null", … — for "must be X, not Y" messages.
std::string describe_json_type(const Json& value);

class FieldReader {
 public:
  // `object` must be a JSON object; `pointer` is its JSON Pointer; `language` the query
  // language of the state it belongs to (it decides how unknown fields are explained).
  FieldReader(const Json& object, std::string pointer, Report& report,
              QueryLanguage language = QueryLanguage::kJsonPath);

  QueryLanguage language() const { return language_; }
  // A state's own QueryLanguage, once read, replaces the one it inherited.
  void set_language(QueryLanguage language) { language_ = language; }

  const std::string& pointer() const { return pointer_; }
  std::string pointer_to(const std::string& key) const;
  bool has(const std::string& key) const;

  std::optional<std::string> string(const std::string& key);
  std::optional<bool> boolean(const std::string& key);
  std::optional<double> number(const std::string& key);
  // A number with an integral value ("60" and "60.0" both qualify).
  std::optional<double> integer(const std::string& key);
  const Json* object(const std::string& key);
  const Json* array(const std::string& key);
  // Any JSON value, JSON null included.
  const Json* value(const std::string& key);
  // A path field: absent → "$"; JSON null → discard (only when `nullable`); else a string.
  PathField path(const std::string& key, bool nullable);

  // Reports "missing required field 'key'" at the object's pointer when the key is absent.
  bool require(const std::string& key);

  // Marks `key` as known without reading it (when the caller reports on it itself).
  void accept(const std::string& key) { known_.insert(key); }

  // The keys no getter asked for, in document order.
  std::vector<std::string> unknown_keys() const;
  // Reports each unknown key at its pointer: "unknown field 'Foo' in a Pass state" (with
  // `owner` = "a Pass state"). A field of the other query language says so: "'InputPath' is
  // a JSONPath field, …" in a JSONata state, "'Output' belongs to the JSONata query
  // language; …" in a JSONPath one.
  void report_unknown(const std::string& owner);

 private:
  const Json* find(const std::string& key);
  void wrong_type(const std::string& key, const std::string& expected, const Json& actual);

  const Json& object_;
  std::string pointer_;
  Report& report_;
  QueryLanguage language_;
  std::set<std::string> known_;
};

// Converts a number read by FieldReader::integer to int, saturating at the int range, so
// that out-of-range values stay out of range for the validator to report.
int saturate_to_int(double value);

}  // namespace conflictctl::asl
