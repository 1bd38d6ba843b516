#include "db/extract.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/json.h"

namespace conflictctl::db {

namespace {

Error bad_file(std::string_view name, std::int64_t line, std::string_view what) {
  return Error{std::string(error_names::kBadFile), fmt::format("{}:{}: {}", name, line, what)};
}

// ---------------------------------------------------------------------------------- CSV

class CsvReader final : public ExtractReader {
 public:
  CsvReader(std::istream& in, std::string name, std::string null_marker)
      : ExtractReader(std::move(name)), in_(in), null_marker_(std::move(null_marker)) {}

  Result<void> read_header() {
    auto header = read_record();
    if (!header.ok()) return header.error();
    if (!*header)
      return bad_file(name(), 1, "the file is empty: a header row naming the columns is needed");
    if (!(*header)->problem.empty()) return bad_file(name(), 1, (*header)->problem);
    for (std::size_t i = 0; i < (*header)->values.size(); ++i) {
      const Param& field = (*header)->values[i];
      std::string text = field.value_or("");
      if (text.empty())
        return bad_file(name(), 1, fmt::format("header field {} is empty", i + 1));
      if (std::find(fields_.begin(), fields_.end(), text) != fields_.end())
        return bad_file(name(), 1, fmt::format("header field \"{}\" appears twice", text));
      fields_.push_back(std::move(text));
    }
    return {};
  }

  const std::vector<std::string>& fields() const override { return fields_; }

  Result<std::optional<ExtractRecord>> next() override {
    auto record = read_record();
    if (!record.ok() || !*record) return record;
    ExtractRecord& r = **record;
    if (r.problem.empty() && r.values.size() != fields_.size())
      r.problem = fmt::format("{} fields where the header has {}", r.values.size(),
                              fields_.size());
    return record;
  }

 private:
  // One record: its fields, NULL markers applied. nullopt at the end of the stream.
  Result<std::optional<ExtractRecord>> read_record() {
    std::streambuf& buf = *in_.rdbuf();
    // Skip blank lines.
    for (;;) {
      int c = buf.sgetc();
      if (c == '\n') {
        buf.sbumpc();
        ++line_;
      } else if (c == '\r' && buf.snextc() == '\n') {
        buf.sbumpc();
        ++line_;
      } else {
        break;
      }
    }
    if (buf.sgetc() == std::char_traits<char>::eof()) {
      if (in_.bad()) return bad_file(name(), line_, "read error");
      return std::optional<ExtractRecord>();
    }
    ExtractRecord record;
    record.line = line_;
    std::string field;
    bool quoted = false;      // the field began with a quote
    bool in_quotes = false;   // inside its quotes now
    bool any = false;         // the field has begun (for the NULL of an empty field)
    auto end_field = [&] {
      if (!quoted && (field.empty() || field == null_marker_))
        record.values.push_back(std::nullopt);
      else
        record.values.push_back(std::move(field));
      field.clear();
      quoted = in_quotes = any = false;
    };
    for (;;) {
      int c = buf.sbumpc();
      if (c == std::char_traits<char>::eof()) {
        if (in_quotes) {
          record.problem = "a quoted field is not closed before the end of the file";
          record.values.clear();
          return std::optional<ExtractRecord>(std::move(record));
        }
        end_field();
        return std::optional<ExtractRecord>(std::move(record));
      }
      char ch = static_cast<char>(c);
      if (in_quotes) {
        if (ch == '"') {
          if (buf.sgetc() == '"') {
            buf.sbumpc();
            field += '"';
          } else {
            in_quotes = false;
          }
        } else {
          if (ch == '\n') ++line_;
          field += ch;
        }
        continue;
      }
      if (ch == ',') {
        end_field();
        continue;
      }
      if (ch == '\n' || (ch == '\r' && buf.sgetc() == '\n')) {
        if (ch == '\r') buf.sbumpc();
        ++line_;
        end_field();
        return std::optional<ExtractRecord>(std::move(record));
      }
      if (ch == '"' && !any) {
        quoted = in_quotes = any = true;
        continue;
      }
      if (quoted && record.problem.empty())
        record.problem = fmt::format("field {}: text after the closing quote",
                                     record.values.size() + 1);
      any = true;
      field += ch;
    }
  }

  std::istream& in_;
  std::string null_marker_;
  std::vector<std::string> fields_;
  std::int64_t line_ = 1;
};

// ---------------------------------------------------------------------------- JSON Lines

class JsonLinesReader final : public ExtractReader {
 public:
  JsonLinesReader(std::istream& in, std::string name)
      : ExtractReader(std::move(name)), in_(in) {}

  const std::vector<std::string>& fields() const override { return fields_; }

  Result<std::optional<ExtractRecord>> next() override {
    std::string text;
    for (;;) {
      if (!std::getline(in_, text)) {
        if (in_.bad()) return bad_file(name(), line_ + 1, "read error");
        return std::optional<ExtractRecord>();
      }
      ++line_;
      if (!text.empty() && text.back() == '\r') text.pop_back();
      if (text.find_first_not_of(" \t") != std::string::npos) break;
    }
    ExtractRecord record;
    record.line = line_;
    Json object = Json::parse(text, nullptr, false);
    if (object.is_discarded()) {
      record.problem = "not a JSON value";
      return std::optional<ExtractRecord>(std::move(record));
    }
    if (!object.is_object()) {
      record.problem = fmt::format("a JSON {}, not an object", object.type_name());
      return std::optional<ExtractRecord>(std::move(record));
    }
    record.values.assign(fields_.size(), std::nullopt);
    record.given.assign(fields_.size(), false);
    for (auto it = object.begin(); it != object.end(); ++it) {
      auto known = std::find(fields_.begin(), fields_.end(), it.key());
      std::size_t index = static_cast<std::size_t>(known - fields_.begin());
      if (known == fields_.end()) {
        fields_.push_back(it.key());
        record.values.emplace_back();
        record.given.push_back(false);
      }
      record.given[index] = true;
      const Json& value = it.value();
      if (value.is_null()) continue;
      record.values[index] = value.is_string() ? value.get<std::string>() : value.dump();
    }
    return std::optional<ExtractRecord>(std::move(record));
  }

 private:
  std::istream& in_;
  std::vector<std::string> fields_;
  std::int64_t line_ = 0;
};

}  // namespace

Result<std::unique_ptr<ExtractReader>> ExtractReader::open(std::istream& in, std::string name,
                                                           ExtractFormat format,
                                                           std::string null_marker) {
  if (format == ExtractFormat::kJsonLines)
    return std::unique_ptr<ExtractReader>(new JsonLinesReader(in, std::move(name)));
  auto reader = std::make_unique<CsvReader>(in, std::move(name), std::move(null_marker));
  if (auto header = reader->read_header(); !header) return header.error();
  return std::unique_ptr<ExtractReader>(std::move(reader));
}

}  // namespace conflictctl::db
