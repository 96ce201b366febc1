#include "access/scope.h"

namespace amanah::access {

namespace {
constexpr Scope kAll[] = {Scope::kRead, Scope::kTrade, Scope::kAdmin};
}

std::string_view ScopeName(Scope scope) {
  switch (scope) {
    case Scope::kRead:
      return "read";
    case Scope::kTrade:
      return "trade";
    case Scope::kAdmin:
      return "admin";
  }
  return "?";
}

std::string ScopesText(Scopes scopes) {
  std::string out;
  for (Scope s : kAll) {
    if (!scopes.Has(s)) continue;
    if (!out.empty()) out += ',';
    out += ScopeName(s);
  }
  return out;
}

base::Result<Scopes> ParseScopes(std::string_view text) {
  Scopes out;
  while (!text.empty()) {
    size_t comma = text.find(',');
    std::string_view name = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    bool known = false;
    for (Scope s : kAll) {
      if (name == ScopeName(s)) {
        out = out | s;
        known = true;
      }
    }
    if (!known) {
      return base::Fail(base::ErrorCode::kInvalidArgument,
                        "unknown scope \"" + std::string(name.substr(0, 32)) +
                            "\" (scopes are read, trade and admin)");
    }
  }
  return out;
}

Scopes ScopesOf(store::UserRole role) {
  switch (role) {
    case store::UserRole::kOwner:
      return Scopes(Scope::kRead) | Scope::kTrade | Scope::kAdmin;
    case store::UserRole::kOperator:
      return Scopes(Scope::kRead) | Scope::kTrade;
    case store::UserRole::kViewer:
      return Scope::kRead;
  }
  return {};
}

}  // namespace amanah::access
