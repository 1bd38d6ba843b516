#include "conflict/group_ids.h"

#include <algorithm>
#include <numeric>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace conflictctl::conflict {
namespace {

class UnionFind {
 public:
  std::size_t add() {
    parent_.push_back(parent_.size());
    size_.push_back(1);
    return parent_.size() - 1;
  }
  std::size_t find(std::size_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];  // path halving
      x = parent_[x];
    }
    return x;
  }
  void unite(std::size_t a, std::size_t b) {
    a = find(a);
    b = find(b);
    if (a == b) return;
    if (size_[a] < size_[b]) std::swap(a, b);
    parent_[b] = a;
    size_[a] += size_[b];
  }

 private:
  std::vector<std::size_t> parent_;
  std::vector<std::size_t> size_;
};

}  // namespace

GroupAssignment assign_group_ids(const std::vector<GroupRow>& rows) {
  std::unordered_map<std::string_view, std::size_t> index;
  index.reserve(rows.size() * 2);
  std::vector<std::string_view> names;
  UnionFind sets;
  auto node = [&](std::string_view visit) {
    auto [it, added] = index.try_emplace(visit, names.size());
    if (added) {
      names.push_back(visit);
      sets.add();
    }
    return it->second;
  };
  std::vector<std::size_t> row_node(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    row_node[i] = node(rows[i].visit_id);
    if (rows[i].con_visit_id) sets.unite(row_node[i], node(*rows[i].con_visit_id));
  }

  // Per component (by root): its smallest visit id and the group ids its rows hold.
  struct Component {
    std::string_view smallest;
    std::set<std::int64_t> held;
    std::optional<std::int64_t> id;
  };
  std::unordered_map<std::size_t, Component> components;
  components.reserve(names.size());
  for (std::size_t n = 0; n < names.size(); ++n) {
    auto [it, added] = components.try_emplace(sets.find(n), Component{names[n], {}, {}});
    if (!added && names[n] < it->second.smallest) it->second.smallest = names[n];
  }
  std::int64_t maximum = 0;
  for (std::size_t i = 0; i < rows.size(); ++i)
    if (rows[i].group_id) {
      components[sets.find(row_node[i])].held.insert(*rows[i].group_id);
      maximum = std::max(maximum, *rows[i].group_id);
    }

  std::vector<Component*> ordered;
  ordered.reserve(components.size());
  for (auto& [root, component] : components) ordered.push_back(&component);
  std::sort(ordered.begin(), ordered.end(),
            [](const Component* a, const Component* b) { return a->smallest < b->smallest; });

  GroupAssignment assignment;
  assignment.components = static_cast<std::int64_t>(ordered.size());
  std::unordered_set<std::int64_t> kept;
  for (Component* component : ordered)
    for (std::int64_t id : component->held)
      if (kept.insert(id).second) {
        component->id = id;
        break;
      }
  for (Component* component : ordered)
    if (!component->id) {
      component->id = ++maximum;
      ++assignment.new_groups;
    }

  std::unordered_set<std::string_view> listed;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::int64_t id = *components[sets.find(row_node[i])].id;
    if (rows[i].group_id == id) continue;
    ++assignment.rows_changed;
    if (listed.insert(rows[i].visit_id).second)
      assignment.changed.emplace_back(std::string(rows[i].visit_id), id);
  }
  return assignment;
}

}  // namespace conflictctl::conflict
