#include "engine/result_writer.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "core/error_names.h"

namespace conflictctl::engine {

namespace {

constexpr std::array<const char*, 3> kStatuses = {"SUCCEEDED", "FAILED", "PENDING"};

std::size_t file_index(const std::string& status) {
  if (status == "SUCCEEDED") return 0;
  if (status == "ABORTED") return 2;
  return 1;
}

Json record_of(const ChildExecution& child) {
  Json record = {{"ExecutionArn", child.arn},
                 {"Input", child.input},
                 {"InputDetails", {{"Included", true}}},
                 {"Name", child.name}};
  if (child.output) {
    record["Output"] = *child.output;
    record["OutputDetails"] = {{"Included", true}};
  }
  if (child.error) {
    record["Error"] = child.error->name;
    record["Cause"] = child.error->cause;
  }
  record["RedriveCount"] = child.redrive_count;
  record["RedriveStatus"] = "NOT_REDRIVABLE";
  record["StartDate"] = format_timestamp(child.start);
  record["StateMachineArn"] = child.state_machine_arn;
  record["Status"] = child.status;
  record["StopDate"] = format_timestamp(child.stop);
  return record;
}

std::string compact(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace

ResultFormat result_format(const asl::ResultWriterSpec& writer) {
  ResultFormat format;
  format.jsonl = writer.jsonl;
  using T = ResultFormat::Transformation;
  const std::string transformation =
      writer.transformation.value_or(writer.exports() ? "NONE" : "COMPACT");
  format.transformation = transformation == "COMPACT"   ? T::kCompact
                          : transformation == "FLATTEN" ? T::kFlatten
                                                        : T::kNone;
  return format;
}

Json result_entries(const ChildExecution& child, const Json* output,
                    ResultFormat::Transformation transformation) {
  using T = ResultFormat::Transformation;
  Json entries = Json::array();
  if (transformation == T::kNone || child.status != "SUCCEEDED" || !output) {
    entries.push_back(record_of(child));
  } else if (transformation == T::kFlatten && output->is_array()) {
    for (const Json& element : *output) entries.push_back(element);
  } else {
    entries.push_back(*output);
  }
  return entries;
}

Json preview_output(Json entries, const ResultFormat& format) {
  if (!format.jsonl) return entries;
  std::string lines;
  for (const Json& entry : entries) lines += compact(entry) + "\n";
  return lines;
}

Error ResultWriter::failed(const std::filesystem::path& path, const char* what) const {
  return Error{std::string(errors::kResultWriterFailed),
               fmt::format("{}: cannot {} the Map Run's results: {}", path.string(), what,
                           std::strerror(errno))};
}

Result<std::unique_ptr<ResultWriter>> ResultWriter::open(const S3Files& files, std::string bucket,
                                                         std::string prefix,
                                                         std::string map_run_arn,
                                                         const std::string& map_run_id,
                                                         ResultFormat format) {
  std::unique_ptr<ResultWriter> writer(new ResultWriter());
  writer->format_ = format;
  writer->bucket_ = std::move(bucket);
  if (!prefix.empty() && prefix.back() != '/') prefix += '/';
  writer->key_prefix_ = prefix + map_run_id + "/";
  writer->map_run_arn_ = std::move(map_run_arn);
  writer->files_ = &files;
  for (std::size_t i = 0; i < kStatuses.size(); ++i) {
    File& file = writer->files_by_status_[i];
    file.key = writer->key_prefix_ + kStatuses[i] + "_0.json";
    auto path = files.path_of(writer->bucket_, file.key, errors::kResultWriterFailed);
    if (!path) return path.error();
    file.path = *path;
    file.temporary = file.path;
    file.temporary += ".partial";
  }
  std::error_code error;
  std::filesystem::create_directories(writer->files_by_status_[0].path.parent_path(), error);
  if (error)
    return Error{std::string(errors::kResultWriterFailed),
                 fmt::format("{}: cannot create the folder of the Map Run's results: {}",
                             writer->files_by_status_[0].path.parent_path().string(),
                             error.message())};
  return writer;
}

ResultWriter::~ResultWriter() {
  for (File& file : files_by_status_) {
    if (!file.out.is_open()) continue;
    file.out.close();
    std::error_code ignored;
    std::filesystem::remove(file.temporary, ignored);  // a run that stopped leaves no part
  }
}

Result<void> ResultWriter::add(const ChildExecution& child, const Json* output) {
  File& file = files_by_status_[file_index(child.status)];
  if (!file.out.is_open()) {
    file.out.open(file.temporary, std::ios::binary | std::ios::trunc);
    if (!file.out) return failed(file.temporary, "write");
    if (!format_.jsonl) file.out << '[';
  }
  for (const Json& entry : result_entries(child, output, format_.transformation)) {
    if (format_.jsonl) {
      file.out << compact(entry) << '\n';
    } else {
      file.out << (file.any ? "," : "") << compact(entry);
    }
    file.any = true;
  }
  if (!file.out) return failed(file.temporary, "write");
  return {};
}

Result<Json> ResultWriter::finish() {
  Json result_files = Json::object();
  for (std::size_t i = 0; i < kStatuses.size(); ++i) {
    File& file = files_by_status_[i];
    Json listed = Json::array();
    if (file.out.is_open()) {
      if (!format_.jsonl) file.out << ']';
      file.out.close();
      if (file.out.fail()) return failed(file.temporary, "write");
      std::error_code error;
      std::filesystem::rename(file.temporary, file.path, error);
      if (error) return failed(file.path, "write");
      listed.push_back({{"Key", file.key}, {"Size", std::filesystem::file_size(file.path, error)}});
    }
    result_files[kStatuses[i]] = std::move(listed);
  }
  Json manifest = {{"DestinationBucket", bucket_},
                   {"MapRunArn", map_run_arn_},
                   {"ResultFiles", std::move(result_files)}};
  const std::string key = key_prefix_ + "manifest.json";
  auto path = files_->path_of(bucket_, key, errors::kResultWriterFailed);
  if (!path) return path.error();
  std::filesystem::path temporary = *path;
  temporary += ".partial";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << manifest.dump(-1, ' ', false, Json::error_handler_t::replace);
    if (!out) return failed(temporary, "write");
  }
  std::error_code error;
  std::filesystem::rename(temporary, *path, error);
  if (error) return failed(*path, "write");
  return Json{{"MapRunArn", map_run_arn_},
              {"ResultWriterDetails", {{"Bucket", bucket_}, {"Key", key}}}};
}

}  // namespace conflictctl::engine
