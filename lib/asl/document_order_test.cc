#include "asl/document_order.h"

#include <catch2/catch.hpp>

namespace conflictctl::asl {
namespace {

TEST_CASE("diagnostics are sorted as their fields appear in the document") {
  Json document = Json::parse(R"({"StartAt": "B", "States": {"B": {"Type": "Pass", "Next": "A"},
                                  "A/x": {"Type": "Succeed"}}})");
  Diagnostics diagnostics = {
      {"f", "/States/A~1x", "third"},
      {"f", "/States/B/Next", "second, found first"},
      {"f", "/States/B", "first"},
      {"f", "/States/B/Next", "second, found second"},
      {"f", "/Missing", "after everything that exists"},
      {"f", "", "the document itself"},
  };
  sort_in_document_order(diagnostics, document);
  std::vector<std::string> messages;
  for (const Diagnostic& d : diagnostics) messages.push_back(d.message);
  CHECK(messages == std::vector<std::string>{"the document itself", "first", "second, found first",
                                             "second, found second", "third",
                                             "after everything that exists"});
}

}  // namespace
}  // namespace conflictctl::asl
