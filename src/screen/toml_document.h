// ParseTomlDocument: the screening files' one way into toml++ (rulesets, rulings, overrides) — the
// parsed table, or the parser's complaint as "file:line: what" (kInvalidArgument); toml++ reports
// by exception, which stops here.
#pragma once

#include <string>
#include <string_view>

#include <toml++/toml.h>

#include "base/result.h"

namespace amanah::screen {

inline base::Result<toml::table> ParseTomlDocument(std::string_view text, std::string_view file) {
  try {
    return toml::parse(text, std::string(file));
  } catch (const toml::parse_error& e) {
    return base::Error(base::ErrorCode::kInvalidArgument,
                       std::string(file) + ":" + std::to_string(e.source().begin.line) + ": " +
                           std::string(e.description()));
  }
}

}  // namespace amanah::screen
