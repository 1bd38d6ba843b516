#include "deploy/package.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <system_error>

#include "deploy/error_names.h"
#include "deploy/zip_writer.h"

namespace conflictctl::deploy {

namespace {

struct PackageFile {
  std::string name;  // inside the archive
  std::filesystem::path source;
  unsigned mode = 0644;
};

Error read_failed(const std::filesystem::path& path, const std::string& reason) {
  return Error{std::string(error_names::kReadFailed), path.string() + ": " + reason};
}

Result<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return read_failed(path, "cannot open the file");
  std::string content{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) return read_failed(path, "cannot read the file");
  return content;
}

struct PackageFiles {
  std::vector<PackageFile> files;  // bin/conflictctl, then lib/<name> sorted by name
  std::string loader;              // the loader's name
};

Result<PackageFiles> package_files(const PackageRequest& request) {
  std::filesystem::path executable;
  if (request.executable) {
    executable = *request.executable;
  } else {
    std::error_code error;
    executable = std::filesystem::canonical("/proc/self/exe", error);
    if (error) return read_failed("/proc/self/exe", error.message());
  }
  std::vector<SharedObject> objects;
  if (request.shared_objects) {
    objects = *request.shared_objects;
  } else {
    auto loaded = loaded_shared_objects();
    if (!loaded) return loaded.error();
    objects = std::move(*loaded);
  }
  std::sort(objects.begin(), objects.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  PackageFiles package{{{"bin/conflictctl", executable, 0755}}, ""};
  for (const auto& object : objects) {
    package.files.push_back({"lib/" + object.name, object.path, object.loader ? 0755u : 0644u});
    if (object.loader) package.loader = object.name;
  }
  if (package.loader.empty())
    return Error{std::string(error_names::kNoLoader),
                 executable.string() + ": no dynamic loader among the shared objects (is it "
                                       "statically linked?)"};
  return package;
}

}  // namespace

std::string megabytes_text(std::uint64_t bytes) {
  return fmt::format("{:.1f} MB", static_cast<double>(bytes) / kMegabyte);
}

Result<PackageSummary> write_lambda_package(const PackageRequest& request) {
  auto package = package_files(request);
  if (!package) return package.error();
  const auto& files = package->files;
  PackageSummary summary;
  summary.output = request.output;
  summary.loader = package->loader;
  std::string bootstrap = bootstrap_script(summary.loader);

  std::uint64_t unzipped = bootstrap.size();
  for (const auto& file : files) {
    std::error_code error;
    auto size = std::filesystem::file_size(file.source, error);
    if (error) return read_failed(file.source, error.message());
    unzipped += size;
  }
  if (unzipped > kUnzippedLimitBytes)
    return Error{std::string(error_names::kTooLarge),
                 fmt::format("{}: {} unzipped, over the {} MB Lambda accepts",
                             request.output.string(), megabytes_text(unzipped),
                             kUnzippedLimitBytes / kMegabyte)};

  auto writer = ZipWriter::create(request.output, request.modified);
  if (!writer) return writer.error();
  if (auto added = writer->add({"bootstrap", bootstrap, 0755}); !added) return added.error();
  for (const auto& file : files) {
    auto content = read_file(file.source);
    if (!content) return content.error();
    if (auto added = writer->add({file.name, *content, file.mode}); !added) return added.error();
  }
  auto totals = writer->commit();
  if (!totals) return totals.error();
  summary.entries = totals->entries;
  summary.uncompressed_bytes = totals->uncompressed_bytes;
  summary.compressed_bytes = totals->compressed_bytes;
  if (summary.compressed_bytes > kDirectUploadLimitBytes)
    summary.warnings.push_back(fmt::format(
        "{} is {} zipped, over the {} MB Lambda accepts uploaded directly: upload it to S3 "
        "and create or update the function from there (S3Bucket, S3Key)",
        request.output.string(), megabytes_text(summary.compressed_bytes),
        kDirectUploadLimitBytes / kMegabyte));
  return summary;
}

}  // namespace conflictctl::deploy
