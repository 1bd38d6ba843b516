#include "asl/document_order.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <vector>

namespace conflictctl::asl {

namespace {

constexpr std::size_t kNowhere = std::numeric_limits<std::size_t>::max();

// RFC 6901: "~1" stands for '/', "~0" for '~'.
std::string unescape(std::string_view token) {
  std::string out;
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
      out += token[i + 1] == '1' ? '/' : '~';
      ++i;
    } else {
      out += token[i];
    }
  }
  return out;
}

std::size_t child_position(const Json& node, const std::string& token) {
  if (node.is_object()) {
    std::size_t index = 0;
    for (auto it = node.begin(); it != node.end(); ++it, ++index) {
      if (it.key() == token) return index;
    }
  } else if (node.is_array()) {
    std::size_t index = 0;
    auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), index);
    if (error == std::errc() && end == token.data() + token.size() && index < node.size()) {
      return index;
    }
  }
  return kNowhere;
}

// The position of each step of `pointer` within its parent, from the root down.
std::vector<std::size_t> position(const Diagnostic& diagnostic, const Json& document) {
  if (diagnostic.line > 0) return {kNowhere};
  std::vector<std::size_t> steps;
  const Json* node = &document;
  std::string_view rest = diagnostic.pointer;
  while (!rest.empty()) {
    rest.remove_prefix(1);  // the '/'
    std::size_t slash = rest.find('/');
    std::string token = unescape(rest.substr(0, slash));
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
    std::size_t index = child_position(*node, token);
    steps.push_back(index);
    if (index == kNowhere) break;
    node = node->is_object() ? &(*node)[token] : &(*node)[index];
  }
  return steps;
}

}  // namespace

void sort_in_document_order(Diagnostics& diagnostics, const Json& document) {
  std::vector<std::pair<std::vector<std::size_t>, Diagnostic>> keyed;
  keyed.reserve(diagnostics.size());
  for (Diagnostic& diagnostic : diagnostics) {
    auto key = position(diagnostic, document);
    keyed.emplace_back(std::move(key), std::move(diagnostic));
  }
  std::stable_sort(keyed.begin(), keyed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  diagnostics.clear();
  for (auto& [key, diagnostic] : keyed) diagnostics.push_back(std::move(diagnostic));
}

}  // namespace conflictctl::asl
