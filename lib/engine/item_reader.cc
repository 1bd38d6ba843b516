#include "engine/item_reader.h"

#include <fmt/format.h>
#include <zlib.h>

#include <vector>

#include "asl/limits.h"
#include "core/error_names.h"
#include "core/json_text.h"
#include "core/split.h"
#include "engine/s3_listing.h"
#include "parquet/row_reader.h"

namespace conflictctl::engine {

namespace {

Error reader_failed(std::string cause) {
  return Error{std::string(errors::kItemReaderFailed), std::move(cause)};
}

// A file read line by line through zlib (plain files pass through unchanged).
class LineFile {
 public:
  explicit LineFile(std::filesystem::path path) : path_(std::move(path)) {}
  ~LineFile() {
    if (file_) gzclose(file_);
  }
  LineFile(const LineFile&) = delete;
  LineFile& operator=(const LineFile&) = delete;

  Result<void> open() {
    file_ = gzopen(path_.c_str(), "rb");
    if (!file_) return reader_failed(fmt::format("{}: cannot be read", path_.string()));
    gzbuffer(file_, 1 << 16);
    return {};
  }
  const std::filesystem::path& path() const { return path_; }
  std::size_t line_number() const { return line_; }

  // The next line without its line break ("\n" or "\r\n"), or nullopt at the end.
  Result<std::optional<std::string>> next_line() {
    std::string line;
    bool any = false;
    char chunk[8192];
    while (gzgets(file_, chunk, sizeof chunk)) {
      any = true;
      line += chunk;
      if (!line.empty() && line.back() == '\n') break;
    }
    int code = 0;
    const char* message = gzerror(file_, &code);
    if (code != Z_OK && code != Z_STREAM_END)
      return reader_failed(fmt::format("{}:{}: cannot be read: {}", path_.string(), line_ + 1,
                                       message ? message : "read error"));
    if (!any) return std::optional<std::string>();
    ++line_;
    if (!line.empty() && line.back() == '\n') line.pop_back();
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return std::optional<std::string>(std::move(line));
  }

 private:
  std::filesystem::path path_;
  gzFile file_ = nullptr;
  std::size_t line_ = 0;
};

// "an object", "a string", …
std::string describe(const Json& value) {
  if (value.is_object()) return "an object";
  if (value.is_string()) return "a string";
  if (value.is_number()) return "a number";
  if (value.is_boolean()) return "a boolean";
  return "null";
}

bool blank(const std::string& line) {
  return line.find_first_not_of(" \t") == std::string::npos;
}

Error json_problem(const std::filesystem::path& path, std::size_t line,
                   const JsonTextProblem& problem) {
  return reader_failed(fmt::format("{}:{}:{}: {}{}", path.string(), line + problem.line - 1,
                                   problem.column, problem.too_deep ? "" : "not valid JSON: ",
                                   problem.what));
}

class JsonLinesItems final : public ItemStream {
 public:
  explicit JsonLinesItems(std::filesystem::path path) : file_(std::move(path)) {}
  Result<void> open() { return file_.open(); }
  Result<std::optional<Json>> next() override {
    while (true) {
      auto line = file_.next_line();
      if (!line) return line.error();
      if (!*line) return std::optional<Json>();
      if (blank(**line)) continue;
      auto value = read_json_text(**line);
      if (auto* problem = std::get_if<JsonTextProblem>(&value))
        return json_problem(file_.path(), file_.line_number(), *problem);
      return std::optional<Json>(std::move(std::get<Json>(value)));
    }
  }

 private:
  LineFile file_;
};

class JsonArrayItems final : public ItemStream {
 public:
  explicit JsonArrayItems(Json array) : array_(std::move(array)) {}
  Result<std::optional<Json>> next() override {
    if (next_ >= array_.size()) return std::optional<Json>();
    return std::optional<Json>(std::move(array_[next_++]));
  }

 private:
  Json array_;
  std::size_t next_ = 0;
};

// The whole file as one JSON value.
Result<Json> read_json_file(const std::filesystem::path& path) {
  LineFile file(path);
  if (auto opened = file.open(); !opened) return opened.error();
  std::string text;
  while (true) {
    auto line = file.next_line();
    if (!line) return line.error();
    if (!*line) break;
    text += **line;
    text += '\n';
  }
  auto value = read_json_text(text);
  if (auto* problem = std::get_if<JsonTextProblem>(&value)) return json_problem(path, 1, *problem);
  return std::move(std::get<Json>(value));
}

class JsonObjectItems final : public ItemStream {
 public:
  explicit JsonObjectItems(Json object) : object_(std::move(object)), next_(object_.begin()) {}
  Result<std::optional<Json>> next() override {
    if (next_ == object_.end()) return std::optional<Json>();
    key_ = next_.key();
    Json value = std::move(next_.value());
    ++next_;
    return std::optional<Json>(std::move(value));
  }
  const std::string* item_key() const override { return &key_; }

 private:
  Json object_;
  Json::iterator next_;
  std::string key_;
};

// A JSON file's array or object (at `items_pointer`, when given), as items.
Result<std::unique_ptr<ItemStream>> open_json_file(
    const std::filesystem::path& path, const std::optional<std::string>& items_pointer) {
  auto read = read_json_file(path);
  if (!read) return read.error();
  Json items = std::move(*read);
  if (items_pointer) {
    std::optional<Json::json_pointer> pointer;
    try {
      pointer.emplace(*items_pointer);
    } catch (const Json::exception&) {
    }
    if (!pointer)
      return reader_failed(fmt::format("{}: ItemsPointer \"{}\" is not a JSON Pointer",
                                       path.string(), *items_pointer));
    if (!items.contains(*pointer))
      return reader_failed(fmt::format("{}: ItemsPointer \"{}\" selects nothing in the file",
                                       path.string(), *items_pointer));
    Json selected = std::move(items.at(*pointer));
    items = std::move(selected);
  }
  if (items.is_object())
    return std::unique_ptr<ItemStream>(std::make_unique<JsonObjectItems>(std::move(items)));
  if (!items.is_array())
    return reader_failed(fmt::format("{}: InputType JSON needs a JSON array or object{}, not {}",
                                     path.string(),
                                     items_pointer ? " at ItemsPointer \"" + *items_pointer + "\""
                                                   : std::string(),
                                     describe(items)));
  return std::unique_ptr<ItemStream>(std::make_unique<JsonArrayItems>(std::move(items)));
}

// CSV records (RFC 4180) from a LineFile: a quoted field may hold the delimiter, doubled
// quotes and line breaks.
class CsvRecords {
 public:
  CsvRecords(std::filesystem::path path, char delimiter)
      : file_(std::move(path)), delimiter_(delimiter) {}
  Result<void> open() { return file_.open(); }
  const std::filesystem::path& path() const { return file_.path(); }
  std::size_t first_line() const { return first_line_; }

  // The next non-blank record's fields, or nullopt at the end.
  Result<std::optional<std::vector<std::string>>> next() {
    using Record = std::optional<std::vector<std::string>>;
    auto line = file_.next_line();
    if (!line) return line.error();
    while (*line && blank(**line)) {
      line = file_.next_line();
      if (!line) return line.error();
    }
    if (!*line) return Record();
    first_line_ = file_.line_number();
    std::vector<std::string> fields(1);
    bool quoted = false;
    std::string text = std::move(**line);
    while (true) {
      for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        // AWS, "How Step Functions parses input CSV files": "Backslashes only work with other
        // backslashes, double quotation marks, and the configured field separator ... A
        // backslash followed by any other character is silently removed."
        if (c == '\\') {
          if (i + 1 < text.size() &&
              (text[i + 1] == '\\' || text[i + 1] == '"' || text[i + 1] == delimiter_))
            fields.back() += text[++i];
          continue;
        }
        if (quoted) {
          if (c != '"') fields.back() += c;
          else if (i + 1 < text.size() && text[i + 1] == '"') fields.back() += '"', ++i;
          else quoted = false;
        } else if (c == '"') {
          quoted = true;
        } else if (c == delimiter_) {
          fields.emplace_back();
        } else {
          fields.back() += c;
        }
      }
      if (!quoted) return Record(std::move(fields));
      auto more = file_.next_line();
      if (!more) return more.error();
      if (!*more)
        return reader_failed(fmt::format("{}:{}: a quoted field is not closed before the end "
                                         "of the file",
                                         path().string(), first_line_));
      fields.back() += '\n';
      text = std::move(**more);
    }
  }

 private:
  LineFile file_;
  char delimiter_;
  std::size_t first_line_ = 0;
};

class CsvItems final : public ItemStream {
 public:
  CsvItems(std::filesystem::path path, char delimiter, std::vector<std::string> headers)
      : records_(std::move(path), delimiter), headers_(std::move(headers)) {}

  // Opens the file and, without given headers, reads them from its first row.
  Result<void> open() {
    if (auto opened = records_.open(); !opened) return opened;
    if (!headers_.empty()) return {};
    auto header = records_.next();
    if (!header) return header.error();
    if (!*header)
      return reader_failed(fmt::format("{}: the file is empty, with no header row",
                                       records_.path().string()));
    std::size_t bytes = 0;
    for (const auto& name : **header) bytes += name.size() + 1;
    if (bytes > asl::limits::kCsvHeaderBytes)
      return reader_failed(fmt::format("{}:{}: the header row is longer than the {} bytes Step "
                                       "Functions reads",
                                       records_.path().string(), records_.first_line(),
                                       asl::limits::kCsvHeaderBytes));
    headers_ = std::move(**header);
    return {};
  }

  Result<std::optional<Json>> next() override {
    auto record = records_.next();
    if (!record) return record.error();
    if (!*record) return std::optional<Json>();
    // AWS, "ItemReader (Map)": "If the number of fields in a row is less than the number of
    // fields in the header, Step Functions provides empty strings for the missing values. If
    // the number of fields in a row is more than the number of fields in the header, Step
    // Functions skips the additional fields."
    auto& fields = **record;
    fields.resize(headers_.size());
    Json item = Json::object();
    for (std::size_t i = 0; i < fields.size(); ++i) item[headers_[i]] = std::move(fields[i]);
    return std::optional<Json>(std::move(item));
  }

 private:
  CsvRecords records_;
  std::vector<std::string> headers_;
};

// The rows of an S3 Inventory's CSV files, one file after the other.
class ManifestItems final : public ItemStream {
 public:
  ManifestItems(std::vector<std::filesystem::path> files, std::vector<std::string> schema)
      : files_(std::move(files)), schema_(std::move(schema)) {}

  Result<std::optional<Json>> next() override {
    while (true) {
      if (!current_) {
        if (next_file_ >= files_.size()) return std::optional<Json>();
        current_ = std::make_unique<CsvItems>(files_[next_file_++], ',', schema_);
        if (auto opened = current_->open(); !opened) return opened.error();
      }
      auto item = current_->next();
      if (!item || *item) return item;
      current_.reset();
    }
  }

 private:
  std::vector<std::filesystem::path> files_;
  std::vector<std::string> schema_;
  std::size_t next_file_ = 0;
  std::unique_ptr<CsvItems> current_;
};

Result<std::unique_ptr<ItemStream>> open_manifest(const std::filesystem::path& path,
                                                  const S3Files& files) {
  auto read = read_json_file(path);
  if (!read) return read.error();
  const Json& manifest = *read;
  auto field = [&](const char* key) -> const Json* {
    auto it = manifest.is_object() ? manifest.find(key) : manifest.end();
    return manifest.is_object() && it != manifest.end() ? &*it : nullptr;
  };
  const Json* bucket = field("destinationBucket");
  const Json* schema = field("fileSchema");
  const Json* listed = field("files");
  const Json* format = field("fileFormat");
  if (!bucket || !bucket->is_string() || !schema || !schema->is_string() || !listed ||
      !listed->is_array())
    return reader_failed(fmt::format("{}: an S3 Inventory manifest needs destinationBucket, "
                                     "fileSchema and files",
                                     path.string()));
  if (format && *format != "CSV")
    return reader_failed(fmt::format("{}: only CSV inventories are read, not {}", path.string(),
                                     format->dump()));
  std::string bucket_name = bucket->get<std::string>();
  constexpr std::string_view kArn = "arn:aws:s3:::";
  if (bucket_name.starts_with(kArn)) bucket_name.erase(0, kArn.size());
  std::vector<std::string> names;
  const std::string& schema_text = schema->get_ref<const std::string&>();
  for (std::string_view name : split(schema_text, ',')) {
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    names.emplace_back(name);
  }
  std::vector<std::filesystem::path> paths;
  for (const Json& entry : *listed) {
    if (!entry.is_object() || !entry.contains("key") || !entry["key"].is_string())
      return reader_failed(fmt::format("{}: each of files needs a \"key\"", path.string()));
    auto local = files.path_of(bucket_name, entry["key"].get<std::string>(),
                               errors::kItemReaderFailed);
    if (!local) return local.error();
    paths.push_back(std::move(*local));
  }
  return std::unique_ptr<ItemStream>(
      std::make_unique<ManifestItems>(std::move(paths), std::move(names)));
}

// The rows of a Parquet file; its problems become States.ItemReaderFailed naming the file.
class ParquetItems final : public ItemStream {
 public:
  ParquetItems(std::filesystem::path path, std::unique_ptr<parquet::RowReader> rows)
      : path_(std::move(path)), rows_(std::move(rows)) {}
  Result<std::optional<Json>> next() override {
    auto row = rows_->next();
    if (!row) return reader_failed(fmt::format("{}: {}", path_.string(), row.error().cause));
    return row;
  }

 private:
  std::filesystem::path path_;
  std::unique_ptr<parquet::RowReader> rows_;
};

Result<std::unique_ptr<ItemStream>> open_parquet_file(const std::filesystem::path& path) {
  auto fail = [&](const Error& error) {
    return reader_failed(fmt::format("{}: {}", path.string(), error.cause));
  };
  auto source = parquet::file_source(path);
  if (!source) return fail(source.error());
  auto rows = parquet::RowReader::open(std::move(*source));
  if (!rows) return fail(rows.error());
  return std::unique_ptr<ItemStream>(std::make_unique<ParquetItems>(path, std::move(*rows)));
}

// At most `limit` items of `inner`.
class LimitedItems final : public ItemStream {
 public:
  LimitedItems(std::unique_ptr<ItemStream> inner, std::uint64_t limit)
      : inner_(std::move(inner)), left_(limit) {}
  Result<std::optional<Json>> next() override {
    if (left_ == 0) return std::optional<Json>();
    --left_;
    return inner_->next();
  }
  const std::string* item_source() const override { return inner_->item_source(); }
  const std::string* item_key() const override { return inner_->item_key(); }

 private:
  std::unique_ptr<ItemStream> inner_;
  std::uint64_t left_;
};

std::unique_ptr<ItemStream> limited(std::unique_ptr<ItemStream> stream, std::uint64_t max_items) {
  if (max_items == 0) return stream;
  return std::make_unique<LimitedItems>(std::move(stream), max_items);
}

}  // namespace

Result<std::unique_ptr<ItemStream>> open_parquet_items(const std::filesystem::path& path,
                                                       std::uint64_t max_items) {
  auto stream = open_parquet_file(path);
  if (!stream) return stream.error();
  return limited(std::move(*stream), max_items);
}

std::unique_ptr<ItemStream> array_items(Json array) {
  return std::make_unique<JsonArrayItems>(std::move(array));
}

std::unique_ptr<ItemStream> object_items(Json object) {
  return std::make_unique<JsonObjectItems>(std::move(object));
}

namespace {

// The items of one local file read as `reader`'s InputType says.
Result<std::unique_ptr<ItemStream>> open_contents(const asl::ItemReaderSpec& reader,
                                                  const std::filesystem::path& path,
                                                  const S3Files& files) {
  if (reader.input_type == "JSON") return open_json_file(path, reader.items_pointer);
  if (reader.input_type == "JSONL") {
    auto lines = std::make_unique<JsonLinesItems>(path);
    if (auto opened = lines->open(); !opened) return opened.error();
    return std::unique_ptr<ItemStream>(std::move(lines));
  }
  if (reader.input_type == "CSV") {
    auto rows = std::make_unique<CsvItems>(
        path, reader.csv_delimiter,
        reader.csv_header_given ? reader.csv_headers : std::vector<std::string>());
    if (auto opened = rows->open(); !opened) return opened.error();
    return std::unique_ptr<ItemStream>(std::move(rows));
  }
  if (reader.input_type == "MANIFEST") return open_manifest(path, files);
  if (reader.input_type == "PARQUET") return open_parquet_file(path);
  // Not reached: asl/distributed_map_reader.h accepts no other InputType.
  return reader_failed(fmt::format("{}: InputType {} is not supported", path.string(),
                                   reader.input_type));
}

// Items of several files, one after the other, each read as the reader's InputType says;
// item_source() is the S3 URI of the file being read.
class ConcatenatedItems : public ItemStream {
 public:
  ConcatenatedItems(const asl::ItemReaderSpec& reader, const S3Files& files)
      : reader_(reader), files_(files) {}

  Result<std::optional<Json>> next() override {
    while (true) {
      if (!current_) {
        auto file = next_file(source_);
        if (!file) return file.error();
        if (!*file) return std::optional<Json>();
        auto opened = open_contents(reader_, **file, files_);
        if (!opened) return opened.error();
        current_ = std::move(*opened);
      }
      auto item = current_->next();
      if (!item || *item) return item;
      current_.reset();
    }
  }
  const std::string* item_source() const override { return &source_; }
  const std::string* item_key() const override {
    return current_ ? current_->item_key() : nullptr;
  }

 protected:
  // The next file's local path, its S3 URI in `uri`; nullopt after the last.
  virtual Result<std::optional<std::filesystem::path>> next_file(std::string& uri) = 0;
  const S3Files& files() const { return files_; }

 private:
  const asl::ItemReaderSpec& reader_;
  const S3Files& files_;
  std::unique_ptr<ItemStream> current_;
  std::string source_;
};

// The data files an Athena UNLOAD manifest lists, one s3:// URI a line.
class AthenaItems final : public ConcatenatedItems {
 public:
  AthenaItems(const asl::ItemReaderSpec& reader, const S3Files& files,
              std::filesystem::path manifest)
      : ConcatenatedItems(reader, files), manifest_(std::move(manifest)) {}
  Result<void> open() { return manifest_.open(); }

 protected:
  Result<std::optional<std::filesystem::path>> next_file(std::string& uri) override {
    using Path = std::optional<std::filesystem::path>;
    while (true) {
      auto line = manifest_.next_line();
      if (!line) return line.error();
      if (!*line) return Path();
      std::string_view text = **line;
      while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
      while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
      if (text.empty()) continue;
      constexpr std::string_view kScheme = "s3://";
      const auto slash = text.find('/', kScheme.size());
      if (!text.starts_with(kScheme) || slash == std::string_view::npos ||
          slash == kScheme.size() || slash + 1 == text.size())
        return reader_failed(fmt::format("{}:{}: an Athena manifest lists s3://BUCKET/KEY "
                                         "URIs, not \"{}\"",
                                         manifest_.path().string(), manifest_.line_number(),
                                         text));
      const std::string bucket(text.substr(kScheme.size(), slash - kScheme.size()));
      auto path = files().path_of(bucket, std::string(text.substr(slash + 1)),
                                  errors::kItemReaderFailed);
      if (!path) return path.error();
      uri = text;
      return Path(std::move(*path));
    }
  }

 private:
  LineFile manifest_;
};

// The contents of the objects a listing finds (Transformation LOAD_AND_FLATTEN).
class FlattenedItems final : public ConcatenatedItems {
 public:
  FlattenedItems(const asl::ItemReaderSpec& reader, const S3Files& files, std::string bucket,
                 S3Listing listing)
      : ConcatenatedItems(reader, files), bucket_(std::move(bucket)),
        listing_(std::move(listing)) {}

 protected:
  Result<std::optional<std::filesystem::path>> next_file(std::string& uri) override {
    using Path = std::optional<std::filesystem::path>;
    auto object = listing_.next();
    if (!object) return object.error();
    if (!*object) return Path();
    uri = fmt::format("s3://{}/{}", bucket_, (*object)->key);
    return Path(std::move((*object)->path));
  }

 private:
  std::string bucket_;
  S3Listing listing_;
};

// The metadata of the objects a listing finds.
class ListingItems final : public ItemStream {
 public:
  explicit ListingItems(S3Listing listing) : listing_(std::move(listing)) {}
  Result<std::optional<Json>> next() override {
    auto object = listing_.next();
    if (!object) return object.error();
    if (!*object) return std::optional<Json>();
    auto etag = object_etag((*object)->path, errors::kItemReaderFailed);
    if (!etag) return etag.error();
    return std::optional<Json>(Json{{"Etag", std::move(*etag)},
                                    {"Key", std::move((*object)->key)},
                                    {"LastModified", (*object)->last_modified},
                                    {"Size", (*object)->size},
                                    {"StorageClass", "STANDARD"}});
  }

 private:
  S3Listing listing_;
};

}  // namespace

Result<std::unique_ptr<ItemStream>> open_item_reader(const asl::ItemReaderSpec& reader,
                                                     const std::string& bucket,
                                                     const std::string& key,
                                                     const S3Files& files,
                                                     std::uint64_t max_items) {
  auto path = files.path_of(bucket, key, errors::kItemReaderFailed);
  if (!path) return path.error();
  if (reader.athena_manifest) {
    auto athena = std::make_unique<AthenaItems>(reader, files, *path);
    if (auto opened = athena->open(); !opened) return opened.error();
    return limited(std::move(athena), max_items);
  }
  auto stream = open_contents(reader, *path, files);
  if (!stream) return stream.error();
  return limited(std::move(*stream), max_items);
}

Result<std::unique_ptr<ItemStream>> open_object_listing(const asl::ItemReaderSpec& reader,
                                                        const std::string& bucket,
                                                        const std::string& prefix,
                                                        const S3Files& files,
                                                        std::uint64_t max_items) {
  auto listing = S3Listing::open(files, bucket, prefix, errors::kItemReaderFailed);
  if (!listing) return listing.error();
  if (reader.load_and_flatten)
    return limited(std::make_unique<FlattenedItems>(reader, files, bucket, std::move(*listing)),
                   max_items);
  return limited(std::make_unique<ListingItems>(std::move(*listing)), max_items);
}

}  // namespace conflictctl::engine
