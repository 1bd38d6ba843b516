#include "asl/json_document.h"

#include <fmt/format.h>

#include <set>
#include <vector>

#include "asl/limits.h"
#include "core/json_text.h"

namespace conflictctl::asl {

namespace {

// Builds the DOM from nlohmann's SAX events, remembering the keys of every open object.
class DocumentBuilder final : public nlohmann::json_sax<Json> {
 public:
  DocumentBuilder(const std::string& text, const std::string& file) : text_(text), file_(file) {}

  bool null() override { return add(Json(nullptr)); }
  bool boolean(bool value) override { return add(Json(value)); }
  bool number_integer(number_integer_t value) override { return add(Json(value)); }
  bool number_unsigned(number_unsigned_t value) override { return add(Json(value)); }
  bool number_float(number_float_t value, const string_t&) override { return add(Json(value)); }
  bool string(string_t& value) override { return add(Json(std::move(value))); }
  bool binary(binary_t& value) override { return add(Json::binary(std::move(value))); }

  bool start_object(std::size_t) override { return open(Json::object()); }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(Json::array()); }
  bool end_array() override { return close(); }

  bool key(string_t& key) override {
    Frame& frame = frames_.back();
    if (!frame.keys.insert(key).second) {
      diagnostics_.push_back(
          Diagnostic{file_, pointer_append(frame.pointer, key),
                     fmt::format("duplicate key '{}'; only the last one is kept", key)});
    }
    frame.key = key;
    return true;
  }

  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& error) override {
    // `position` counts the characters read, the offending one included.
    auto [line, column] = line_column(text_, position == 0 ? 0 : position - 1);
    diagnostics_.push_back(Diagnostic{file_, "", syntax_error_text(error.what()), line, column});
    return false;
  }

  Json take_root() { return std::move(root_); }
  Diagnostics take_diagnostics() { return std::move(diagnostics_); }

 private:
  struct Frame {
    Json* node;
    std::string pointer;
    std::set<std::string> keys;  // objects only
    std::string key;             // objects only: the key whose value comes next
  };

  // Places `value` in the open container (or as the root); returns where it now lives.
  Json* place(Json value) {
    if (frames_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    Frame& frame = frames_.back();
    if (frame.node->is_array()) {
      frame.node->push_back(std::move(value));
      return &frame.node->back();
    }
    Json& slot = (*frame.node)[frame.key];
    slot = std::move(value);
    return &slot;
  }

  bool add(Json value) {
    place(std::move(value));
    return true;
  }

  bool open(Json container) {
    if (frames_.size() >= static_cast<std::size_t>(limits::kMaxJsonDepth)) {
      diagnostics_.push_back(Diagnostic{
          file_, "", fmt::format("JSON nested more than {} levels deep", limits::kMaxJsonDepth)});
      return false;
    }
    std::string pointer;
    if (!frames_.empty()) {
      const Frame& parent = frames_.back();
      pointer = parent.node->is_array() ? pointer_append(parent.pointer, parent.node->size())
                                        : pointer_append(parent.pointer, parent.key);
    }
    Json* node = place(std::move(container));
    frames_.push_back(Frame{node, std::move(pointer), {}, {}});
    return true;
  }

  bool close() {
    frames_.pop_back();
    return true;
  }

  const std::string& text_;
  const std::string& file_;
  Json root_;
  std::vector<Frame> frames_;
  Diagnostics diagnostics_;
};

}  // namespace

JsonDocument read_json_document(const std::string& text, const std::string& file) {
  DocumentBuilder builder(text, file);
  JsonDocument document;
  try {
    document.parsed = Json::sax_parse(text, &builder);
  } catch (const nlohmann::json::exception& error) {
    // sax_parse reports through parse_error(); this only guards against the unexpected.
    builder.parse_error(0, "", error);
  }
  document.diagnostics = builder.take_diagnostics();
  if (document.parsed) document.value = builder.take_root();
  return document;
}

}  // namespace conflictctl::asl
