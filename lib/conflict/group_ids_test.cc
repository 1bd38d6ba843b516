#include "conflict/group_ids.h"

#include <catch2/catch.hpp>

#include <map>

using namespace conflictctl::conflict;

namespace {

GroupRow row(std::string_view visit, std::optional<std::string_view> con,
             std::optional<std::int64_t> group = std::nullopt) {
  return GroupRow{visit, con, group};
}

std::map<std::string, std::int64_t> changed(const GroupAssignment& assignment) {
  return {assignment.changed.begin(), assignment.changed.end()};
}

}  // namespace

TEST_CASE("a chain A-B, B-C, C-D is one group however long") {
  std::vector<GroupRow> rows = {row("A", "B"), row("B", "A"), row("B", "C"), row("C", "B"),
                                row("C", "D"), row("D", "C")};
  GroupAssignment assignment = assign_group_ids(rows);
  CHECK(assignment.components == 1);
  CHECK(assignment.new_groups == 1);
  CHECK(changed(assignment) ==
        std::map<std::string, std::int64_t>{{"A", 1}, {"B", 1}, {"C", 1}, {"D", 1}});
  CHECK(assignment.rows_changed == 6);
}

TEST_CASE("a chain of 10,000 visits is one group (no fixed number of rounds)") {
  std::vector<std::string> names;
  for (int i = 0; i < 10000; ++i) names.push_back("v" + std::to_string(100000 + i));
  std::vector<GroupRow> rows;
  for (int i = 0; i + 1 < 10000; ++i) rows.push_back(row(names[i + 1], names[i]));
  GroupAssignment assignment = assign_group_ids(rows);
  CHECK(assignment.components == 1);
  for (const auto& [visit, group] : assignment.changed) CHECK(group == 1);
}

TEST_CASE("new groups are numbered after the maximum in order of their smallest visit") {
  std::vector<GroupRow> rows = {row("M", "N", 7), row("N", "M", 7),  // existing group 7
                                row("Z", "Y"), row("Y", "Z"),        // new: smallest Y
                                row("B", "C"), row("C", "B")};       // new: smallest B
  GroupAssignment assignment = assign_group_ids(rows);
  CHECK(assignment.components == 3);
  CHECK(assignment.new_groups == 2);
  CHECK(changed(assignment) ==
        std::map<std::string, std::int64_t>{{"B", 8}, {"C", 8}, {"Y", 9}, {"Z", 9}});
}

TEST_CASE("a new link joining two groups keeps the smaller id for all of them") {
  std::vector<GroupRow> rows = {row("A", "B", 3), row("B", "A", 3), row("C", "D", 2),
                                row("D", "C", 2), row("B", "C"),    row("C", "B")};
  GroupAssignment assignment = assign_group_ids(rows);
  CHECK(assignment.components == 1);
  CHECK(assignment.new_groups == 0);
  CHECK(changed(assignment) ==
        std::map<std::string, std::int64_t>{{"A", 2}, {"B", 2}, {"C", 2}});
  CHECK(assignment.rows_changed == 4);  // A-B, B-A, B-C, C-B
}

TEST_CASE("groups already right are not rewritten") {
  std::vector<GroupRow> rows = {row("A", "B", 1), row("B", "A", 1), row("E", std::nullopt, 4)};
  GroupAssignment assignment = assign_group_ids(rows);
  CHECK(assignment.components == 2);
  CHECK(assignment.changed.empty());
  CHECK(assignment.rows_changed == 0);
}

TEST_CASE("an id held by two unlinked components stays with the first, the other gets a new one") {
  std::vector<GroupRow> rows = {row("A", "B", 5), row("B", "A", 5), row("X", "Y", 5),
                                row("Y", "X", 5)};
  GroupAssignment assignment = assign_group_ids(rows);
  CHECK(changed(assignment) == std::map<std::string, std::int64_t>{{"X", 6}, {"Y", 6}});
}
