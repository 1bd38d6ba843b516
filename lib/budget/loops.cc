#include "budget/loops.h"

#include <algorithm>
#include <deque>
#include <map>

namespace conflictctl::budget {

std::vector<std::set<std::string>> find_loops(const std::string& start, const Successors& next) {
  std::map<std::string, int> order, low;
  std::vector<std::string> stack;
  std::set<std::string> on_stack;
  std::vector<std::set<std::string>> loops;
  std::function<void(const std::string&)> visit = [&](const std::string& name) {
    order[name] = low[name] = static_cast<int>(order.size());
    stack.push_back(name);
    on_stack.insert(name);
    bool self_loop = false;
    for (const auto& target : next(name)) {
      if (target.empty()) continue;
      self_loop = self_loop || target == name;
      if (!order.count(target)) {
        visit(target);
        low[name] = std::min(low[name], low[target]);
      } else if (on_stack.count(target)) {
        low[name] = std::min(low[name], order[target]);
      }
    }
    if (low[name] != order[name]) return;
    std::set<std::string> component;
    std::string member;
    do {
      member = stack.back();
      stack.pop_back();
      on_stack.erase(member);
      component.insert(member);
    } while (member != name);
    if (component.size() > 1 || self_loop) loops.push_back(std::move(component));
  };
  visit(start);
  return loops;
}

Hops shortest_route(const std::string& from, const Successors& next,
                    const std::set<std::string>& within,
                    const std::function<bool(const std::string&)>& stop) {
  std::map<std::string, std::pair<std::string, std::size_t>> came_from;
  std::deque<std::string> queue{from};
  std::set<std::string> seen{from};
  while (!queue.empty()) {
    std::string name = queue.front();
    queue.pop_front();
    auto targets = next(name);
    for (std::size_t i = 0; i < targets.size(); ++i) {
      const auto& target = targets[i];
      if (target.empty() || (!within.empty() && !within.count(target))) continue;
      if (stop(target)) {
        Hops hops{{name, i}};
        for (std::string at = name; at != from;) {
          auto [previous, index] = came_from.at(at);
          hops.insert(hops.begin(), {previous, index});
          at = previous;
        }
        return hops;
      }
      if (seen.insert(target).second) {
        came_from[target] = {name, i};
        queue.push_back(target);
      }
    }
  }
  return {};
}

std::string cycle_text(const Hops& cycle) {
  if (cycle.empty()) return "";
  std::string text;
  for (const auto& hop : cycle) text += hop.first + " → ";
  return text + cycle.front().first;
}

}  // namespace conflictctl::budget
