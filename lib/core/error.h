#pragma once
// Errors as values.
//
// An `Error` is what a state, a task or a library call fails with. It carries an ASL error
// *name* (what Retry and Catch match on: "States.Timeout", "Lambda.ServiceException",
// "Task02TimeoutError", …) and a human-readable *cause*. Library functions never throw
// across their boundary; they return `Result<T>`.
#include <ostream>
#include <string>
#include <utility>
#include <variant>

namespace conflictctl {

struct Error {
  std::string name;   // ASL error name, e.g. "States.Runtime"
  std::string cause;  // one sentence a person understands; never holds a secret

  friend bool operator==(const Error&, const Error&) = default;
  // "name: cause", as tests and logs print it.
  friend std::ostream& operator<<(std::ostream& out, const Error& error) {
    return out << error.name << ": " << error.cause;
  }
};

// A value or an Error. Cheap to move; check with `ok()` (or `if (result)`) before `value()`.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  const Error& error() const { return std::get<1>(v_); }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Error> v_;
};

// Result of an operation with no value: success, or an Error.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}
  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

}  // namespace conflictctl
