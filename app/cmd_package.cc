// conflictctl package [--out FILE] — writes the AWS Lambda deployment package (custom runtime
// provided.al2023): bootstrap, this executable and every shared object it has loaded,
// including the dynamic loader (deploy/package.h).
#include <fmt/format.h>

#include "aws/libcurl_loader.h"
#include "commands.h"
#include "console.h"
#include "core/clock.h"
#include "db/libpq_loader.h"
#include "deploy/package.h"
#include "exit_codes.h"
#include "output_path.h"

namespace conflictctl::app {

namespace {

struct PackageOptions {
  std::string out = deploy::kDefaultPackageFile;
};

CommandResult package(const PackageOptions& options) {
  deploy::PackageRequest request;
  request.output = options.out;
  request.modified = SystemClock().now();
  // The package holds the shared objects this process has loaded (deploy/bundle.h); libpq and
  // libcurl are opened on first use, so open them now for the tasks that run on Lambda.
  for (SharedLibrary* library : {&db::libpq(), &aws::libcurl()})
    if (Result<void> loaded = library->load(); !loaded)
      return command_error(kFailed, loaded.error().cause);
  auto summary = deploy::write_lambda_package(request);
  if (!summary) return command_error(kFailed, summary.error().cause);
  fmt::print("wrote {}: {} entries, {} unzipped, {} zipped\n", summary->output.string(),
             summary->entries, deploy::megabytes_text(summary->uncompressed_bytes),
             deploy::megabytes_text(summary->compressed_bytes));
  fmt::print("runs through the bundled loader lib/{}, not the host's glibc\n", summary->loader);
  for (const auto& problem : summary->warnings) warning(problem);
  fmt::print("next: deploy it as a function on the runtime provided.al2023, see docs/deploy.md\n");
  return kOk;
}

}  // namespace

void set_package_command(CLI::App& app, CommandResult& result) {
  auto options = std::make_shared<PackageOptions>();
  auto* command = app.add_subcommand(
      "package", "Write the AWS Lambda deployment package (runtime provided.al2023): "
                 "bootstrap, this executable and its shared libraries, in one zip.");
  command->add_option("--out", options->out, "The zip file to write")
      ->check(writable_file())
      ->capture_default_str();
  command->callback([options, &result] { result = package(*options); });
}

}  // namespace conflictctl::app
