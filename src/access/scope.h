// Scope: what a credential may do — read (see connections, balances, orders, the journal), trade
// (place and cancel orders, run audits) and admin (connect and disconnect keys, manage users and
// tokens). A user's role gives the most it may do; a personal access token carries a subset chosen
// when it is made, and a request is allowed what both allow.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"
#include "store/records.h"

namespace amanah::access {

enum class Scope : uint8_t { kRead = 1, kTrade = 2, kAdmin = 4 };

/// A set of scopes.
class Scopes {
 public:
  constexpr Scopes() = default;
  constexpr explicit Scopes(uint8_t bits) : bits_(bits) {}
  constexpr Scopes(Scope s) : bits_(static_cast<uint8_t>(s)) {}  // NOLINT: a scope is a set
  constexpr bool Has(Scope s) const { return (bits_ & static_cast<uint8_t>(s)) != 0; }
  constexpr bool Covers(Scopes other) const { return (other.bits_ & ~bits_) == 0; }
  constexpr Scopes operator|(Scopes other) const { return Scopes(bits_ | other.bits_); }
  constexpr Scopes operator&(Scopes other) const { return Scopes(bits_ & other.bits_); }
  constexpr bool empty() const { return bits_ == 0; }
  constexpr bool operator==(const Scopes&) const = default;

 private:
  uint8_t bits_ = 0;
};

/// "read", "trade", "admin".
std::string_view ScopeName(Scope scope);
/// "read,trade" (in that order; empty for none).
std::string ScopesText(Scopes scopes);
/// A comma-separated list of scope names; kInvalidArgument naming an unknown one.
base::Result<Scopes> ParseScopes(std::string_view text);
/// What a role may do: a viewer reads; an operator also trades; an owner also administers.
Scopes ScopesOf(store::UserRole role);

}  // namespace amanah::access
