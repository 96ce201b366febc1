// EnvVars: the process environment as a value, read once at the edge (main) and passed down, so
// that configuration is testable without touching the real environment.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace amanah::config {

using EnvVars = std::map<std::string, std::string, std::less<>>;

/// Every variable of this process.
EnvVars ProcessEnvironment();

/// The variable's value if set and not empty.
std::optional<std::string> Get(const EnvVars& env, std::string_view name);

}  // namespace amanah::config
