#include "output_path.h"

#include <string>

#include "core/private_file.h"

namespace conflictctl::app {

CLI::Validator writable_file() {
  return CLI::Validator(
      [](std::string& path) -> std::string {
        auto writable = check_writable(path);
        return writable ? "" : writable.error().cause;
      },
      "", "WRITABLE_FILE");
}

}  // namespace conflictctl::app
