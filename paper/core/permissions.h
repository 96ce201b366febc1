// Permissions: what an API key may do, in venue-neutral terms. Each venue maps its own names onto
// these flags — in its permission report (Binance's apiRestrictions, Bybit's query-api, OKX's
// account config, Kraken's GetApiKeyInfo) and in the check each of its endpoints makes — so one
// scenario or admin call describes a key on any exchange. The JSON names are below; Binance's
// older names (`reading`, `spot_and_margin_trading`, `withdrawals`, `vanilla_options`,
// `fix_api_trade`, `fix_read_only`) are read as aliases.
#pragma once

#include <span>
#include <string_view>

namespace amanah::paper {

struct Permissions {
  bool read = true;                 ///< balances, orders, trades
  bool spot_trade = false;          ///< place and cancel spot orders
  bool margin = false;              ///< borrow, repay, margin orders and margin transfers
  bool futures = false;             ///< futures and perpetual contracts
  bool options = false;             ///< options
  bool withdraw = false;            ///< withdrawals to outside addresses
  bool internal_transfer = false;   ///< transfers to other accounts (sub-accounts, other users)
  bool universal_transfer = false;  ///< transfers between one's own wallets (spot, futures, …)
  bool portfolio_margin = false;    ///< portfolio-margin trading
  bool fix_trade = false;           ///< trading over a FIX session
  bool fix_read = false;            ///< reading over a FIX session
  bool earn = false;                ///< savings, staking and lending products
  bool convert = false;             ///< the exchange's convert / swap desk (Bybit's "Exchange")
  bool block_trade = false;         ///< block trades negotiated off the book
  bool fiat = false;                ///< fiat, P2P and card products
  bool deposit = false;             ///< deposit addresses (Kraken's Deposit Funds)

  bool operator==(const Permissions&) const = default;
};

/// One flag's JSON name and member; aliases name the same member as an earlier entry.
struct PermissionName {
  std::string_view name;
  bool Permissions::*member;
  bool alias = false;
};

/// Every name a permission is read by, canonical names first.
std::span<const PermissionName> PermissionNames();

}  // namespace amanah::paper
