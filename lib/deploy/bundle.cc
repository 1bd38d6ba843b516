#include "deploy/bundle.h"

#include <elf.h>
#include <link.h>

#include <system_error>

#include "deploy/error_names.h"

namespace conflictctl::deploy {

namespace {

struct Loaded {
  std::string interpreter;  // the main program's PT_INTERP
  std::vector<std::string> names;  // dlpi_name of every other object with a file
};

int collect(dl_phdr_info* info, std::size_t, void* data) {
  auto& loaded = *static_cast<Loaded*>(data);
  std::string_view name = info->dlpi_name ? info->dlpi_name : "";
  if (name.empty()) {  // the main program: its interpreter is the loader
    for (int i = 0; i < info->dlpi_phnum; ++i)
      if (info->dlpi_phdr[i].p_type == PT_INTERP)
        loaded.interpreter =
            reinterpret_cast<const char*>(info->dlpi_addr + info->dlpi_phdr[i].p_vaddr);
    return 0;
  }
  // Objects are loaded from a path; the vDSO alone has a bare name ("linux-vdso.so.1").
  if (name.find('/') != std::string_view::npos) loaded.names.emplace_back(name);
  return 0;
}

}  // namespace

Result<std::vector<SharedObject>> loaded_shared_objects() {
  Loaded loaded;
  dl_iterate_phdr(collect, &loaded);
  std::string loader_name = std::filesystem::path(loaded.interpreter).filename().string();
  std::vector<SharedObject> objects;
  for (const auto& loaded_name : loaded.names) {
    std::error_code error;
    auto path = std::filesystem::canonical(loaded_name, error);
    if (error)
      return Error{std::string(error_names::kReadFailed), loaded_name + ": " + error.message()};
    std::string name = std::filesystem::path(loaded_name).filename().string();
    bool loader = name == loader_name;
    objects.push_back({std::move(path), std::move(name), loader});
  }
  return objects;
}

std::string bootstrap_script(std::string_view loader_name) {
  std::string script =
      "#!/bin/sh\n"
      "# AWS Lambda custom runtime (provided.al2023): starts conflictctl's runtime loop through\n"
      "# the bundled dynamic loader, so it uses the bundled glibc and libraries, not the host's.\n"
      "# Outside Lambda, it runs from the unzipped folder.\n"
      "set -eu\n"
      "root=\"${LAMBDA_TASK_ROOT:-$(dirname \"$0\")}\"\n"
      "exec \"$root/lib/";
  script += loader_name;
  script +=
      "\" --library-path \"$root/lib\" \"$root/bin/conflictctl\" lambda-runtime \"$@\"\n";
  return script;
}

}  // namespace conflictctl::deploy
