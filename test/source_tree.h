// Where the tests find the source tree's files (pipelines, docs, fixtures).
//
//   source_path("pipelines/conflict_report.asl.json")  ->  "<source dir>/pipelines/conflict_report.asl.json"
//   source_dir()                                         ->  "<source dir>"
//
// The source directory is compiled into one translation unit (test/source_tree.cc), not into
// every test: string arithmetic on a macro literal whose length depends on where the tree was
// cloned is what GCC 12's false -Warray-bounds fires on (see CMakeLists.txt).
#pragma once

#include <string>
#include <string_view>

namespace conflictctl::test {

const std::string& source_dir();
std::string source_path(std::string_view relative);

}  // namespace conflictctl::test
