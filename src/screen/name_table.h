// The screening data's enumerations as the files spell them: a table of (name, value) pairs.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <utility>

namespace amanah::screen {

template <typename E, size_t N>
using NameTable = std::array<std::pair<std::string_view, E>, N>;

/// The name `value` has in `table`; "?" for a value the table does not list (a bug).
template <typename E, size_t N>
std::string_view NameOf(E value, const NameTable<E, N>& table) {
  for (const auto& [name, v] : table) {
    if (v == value) return name;
  }
  return "?";
}

}  // namespace amanah::screen
