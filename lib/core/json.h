#pragma once
// The JSON value type used everywhere in conflictctl.
//
// An *ordered* JSON: objects keep their keys in insertion order, so a state's output
// prints in the order its Parameters template or its task wrote it, as AWS shows it.
//
// Its objects are JsonObjectMap, nlohmann's ordered_map with one difference: growing an
// object moves the values it holds. ordered_map keeps its entries in a
// std::vector<std::pair<const std::string, Json>>, and a pair with a const key cannot be moved
// without the risk of a throw, so std::vector copied every value, deeply, each time an object
// outgrew its capacity: adding a key to an object that holds a 10,000-item list copied the list
// (the context object's Execution.Input was copied four times as it was built; a Map's
// ResultPath copied its input again). JsonObjectMap grows by copying the keys (short strings)
// and moving the values. Everything else — lookup, order, iteration, erase — is ordered_map's.
#include <iterator>
#include <utility>

#include <nlohmann/json.hpp>

namespace conflictctl {

template <class Key, class T, class IgnoredLess = std::less<Key>,
          class Allocator = std::allocator<std::pair<const Key, T>>>
class JsonObjectMap : public nlohmann::ordered_map<Key, T, IgnoredLess, Allocator> {
  using Base = nlohmann::ordered_map<Key, T, IgnoredLess, Allocator>;

 public:
  using typename Base::Container;
  using typename Base::iterator;
  using typename Base::value_type;
  using Base::Base;

  template <class K, class V>
  std::pair<iterator, bool> emplace(K&& key, V&& value) {
    if (auto found = this->find(key); found != this->end()) return {found, false};
    make_room();
    Container::emplace_back(std::forward<K>(key), std::forward<V>(value));
    return {std::prev(this->end()), true};
  }
  template <class K>
  T& operator[](K&& key) {
    return emplace(std::forward<K>(key), T()).first->second;
  }
  template <class K>
  const T& operator[](const K& key) const {
    return this->at(key);
  }
  std::pair<iterator, bool> insert(value_type&& entry) {
    return emplace(entry.first, std::move(entry.second));
  }
  std::pair<iterator, bool> insert(const value_type& entry) {
    return emplace(entry.first, entry.second);
  }
  template <class InputIt>
  void insert(InputIt first, InputIt last) {
    for (; first != last; ++first) insert(*first);
  }

 private:
  // Room for one more entry, found by moving the values into a buffer twice as large.
  void make_room() {
    if (this->size() < this->capacity()) return;
    Container grown(this->get_allocator());
    grown.reserve(this->empty() ? 1 : 2 * this->size());
    for (auto& entry : *this) grown.emplace_back(entry.first, std::move(entry.second));
    Container::swap(grown);
  }
};

using Json = nlohmann::basic_json<JsonObjectMap>;

// Compact serialisation as AWS writes JSON strings inside history events
// (no spaces; non-ASCII kept as UTF-8; invalid UTF-8 replaced, never thrown).
std::string to_compact(const Json& value);
// to_compact(value).size(), counted without printing the common values (what a state's
// payload limit is checked against when its events keep no text).
std::size_t compact_size(const Json& value);

}  // namespace conflictctl
