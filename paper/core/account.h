// Account: one user of one venue of the paper exchange — spot balances (free and locked, exact
// decimals), and the non-spot state an audit must find: margin loans and futures positions. Owned
// by Exchange, guarded by its lock.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "base/decimal.h"

namespace amanah::paper {

struct Balance {
  base::Decimal free;
  base::Decimal locked;
};

struct MarginLoan {
  std::string asset;
  base::Decimal borrowed;
  base::Decimal interest;
};

struct FuturesPosition {
  std::string symbol;
  base::Decimal position_amt;  ///< negative = short
  base::Decimal entry_price;
};

struct Account {
  uint64_t uid = 0;
  std::string name;
  std::string venue;  ///< the venue the account is on ("binance"); its keys are that venue's
  bool can_trade = true;
  bool can_withdraw = true;
  bool can_deposit = true;
  /// Margin trading switched on for spot (Bybit's spot margin, OKX's spot borrowing): an order
  /// may borrow what the balance lacks.
  bool spot_margin = false;
  /// The account borrows on its own when a balance runs short (OKX's auto-loan).
  bool auto_borrow = false;
  base::Decimal maker_rate = base::Decimal::Parse("0.001").value();
  base::Decimal taker_rate = base::Decimal::Parse("0.001").value();
  std::map<std::string, Balance> balances;
  std::vector<MarginLoan> margin_loans;
  std::vector<FuturesPosition> futures_positions;
  base::Decimal futures_wallet;  ///< USDT in the USDⓈ-M futures wallet
  int64_t update_time = 0;
};

}  // namespace amanah::paper
