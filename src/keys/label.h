// Connection labels: the names users give connections. A label is 1–64 characters of letters,
// digits, space and . _ - : @ + / (no control characters, so no terminal escape codes), not
// starting or ending with a space. Display() makes any stored string safe to print even if the
// database was edited. Pure functions.
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"

namespace amanah::keys {

inline constexpr size_t kMaxLabelLength = 64;

base::Result<void> ValidateLabel(std::string_view label);
/// `text` with every byte outside printable ASCII shown as \xNN, cut to `max` characters.
std::string Display(std::string_view text, size_t max = 128);

}  // namespace amanah::keys
