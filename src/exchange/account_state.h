// AccountState: the state of the exchange account behind a key that the compliance boundary cares
// about beyond the key's permissions — the account id it is pinned to, whether it can trade,
// borrowing (margin mode, auto-borrow, open loans and their interest) and open derivatives or
// margin positions. What the key could not read is listed in `unreadable` with the check the user
// must make by hand, never silently passed. Values; decimals exact.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/decimal.h"
#include "exchange/permission_report.h"

namespace amanah::exchange {

/// An open loan: borrowed principal and the interest accrued on it.
struct Debt {
  std::string asset;
  base::Decimal borrowed;
  base::Decimal interest;
};

/// An open position outside spot holdings.
struct Position {
  std::string symbol;
  std::string kind;    ///< "futures", "perpetual", "option", "margin"
  base::Decimal size;  ///< negative = short
};

/// Something the key cannot see, with what the user must check themselves.
struct UnreadableCheck {
  std::string code;          ///< "FUTURES_ACCOUNT_NOT_READABLE"
  std::string found;         ///< what cannot be read
  std::string concern;       ///< riba, maysir, custody, security
  std::string why;           ///< why it matters
  std::string how_to_check;  ///< in the exchange's own words
};

struct AccountState {
  std::string account_id;  ///< the exchange's own id (Binance uid, Bybit uid, …)
  Flag can_trade = Flag::kUnknown;
  std::string account_type;
  /// A margin account or spot-margin mode exists (Binance margin account created, Bybit spot
  /// margin on, OKX account level above spot). Not a finding by itself where no loan is open.
  Flag margin_mode = Flag::kUnknown;
  /// The account borrows on its own when a balance runs short (OKX auto-loan, Bybit spot margin).
  Flag auto_borrow = Flag::kUnknown;
  std::vector<Debt> debts;
  /// A total liability the exchange reports without a breakdown (Binance totalLiabilityOfBtc).
  std::optional<base::Decimal> total_liability;
  std::string total_liability_unit;
  std::vector<Position> positions;
  std::vector<UnreadableCheck> unreadable;
};

}  // namespace amanah::exchange
