// SymbolDirectory: the exchange's own list of spot symbols — base, quote, status and permission
// sets — read from an exchangeInfo response (Binance's shape; the paper exchange serves the same).
// Pairs are split with it, never by guessing where the base ends; it is also the first source for
// exchange metadata such as Binance's LEVERAGED permission. Immutable once loaded.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>

#include "base/result.h"

namespace amanah::screen {

struct ListedSymbol {
  std::string symbol;
  std::string base;
  std::string quote;
  std::string status;
  std::set<std::string, std::less<>> permissions;  ///< every permission in any permission set
  bool spot = false;                               ///< SPOT is among them
};

class SymbolDirectory {
 public:
  static base::Result<SymbolDirectory> FromExchangeInfo(std::string_view json,
                                                        std::string_view source);

  const ListedSymbol* Find(std::string_view symbol) const;
  /// True when the exchange marks any symbol with this base asset as LEVERAGED.
  bool MarksLeveraged(std::string_view asset) const;
  const std::map<std::string, ListedSymbol, std::less<>>& symbols() const { return symbols_; }
  const std::string& source() const { return source_; }

 private:
  std::map<std::string, ListedSymbol, std::less<>> symbols_;
  std::set<std::string, std::less<>> leveraged_assets_;
  std::string source_;
};

}  // namespace amanah::screen
