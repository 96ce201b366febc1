// The non-spot Binance endpoints a compliant key must be refused on — margin account and margin
// order, USDⓈ-M futures account and positions, withdrawal, universal transfer — served so that
// the permission each needs is really enforced, and so that an audit finds the margin debt and
// futures positions an account holds.
#include "venues/binance/binance_restricted.h"

#include <boost/json.hpp>

#include "venues/binance/binance_json.h"
#include "venues/binance/binance_trading.h"

namespace amanah::paper::binance {

namespace json = boost::json;
using base::Decimal;

Answer<json::value> MarginAccount(Exchange&, BinanceRequest& c) {
  const Account& a = *c.account;
  json::array assets;
  bool debt = false;
  for (const MarginLoan& loan : a.margin_loans) {
    debt = debt || loan.borrowed.IsPositive() || loan.interest.IsPositive();
    Decimal net = loan.borrowed.Add(loan.interest).value().Negated();
    assets.push_back({{"asset", loan.asset},
                      {"borrowed", Fixed(loan.borrowed, 8)},
                      {"free", "0.00000000"},
                      {"interest", Fixed(loan.interest, 8)},
                      {"locked", "0.00000000"},
                      {"netAsset", Fixed(net, 8)}});
  }
  // Liability in BTC is only reported as non-zero when there is debt; the paper exchange does not
  // price every asset in BTC, so it reports the borrowed amount of BTC loans and 1 sat otherwise.
  Decimal liability;
  for (const MarginLoan& loan : a.margin_loans) {
    if (loan.asset == "BTC")
      liability = liability.Add(loan.borrowed).value().Add(loan.interest).value();
  }
  if (debt && liability.IsZero()) liability = Decimal::Parse("0.00000001").value();
  return json::object{{"created", !a.margin_loans.empty()},
                      {"borrowEnabled", c.key->permissions.margin},
                      {"marginLevel", debt ? "1.50000000" : "999.00000000"},
                      {"collateralMarginLevel", debt ? "1.50000000" : "999.00000000"},
                      {"totalAssetOfBtc", "0.00000000"},
                      {"totalLiabilityOfBtc", Fixed(liability, 8)},
                      {"totalNetAssetOfBtc", Fixed(liability.Negated(), 8)},
                      {"totalCollateralValueInUSDT", "0.00000000"},
                      {"tradeEnabled", c.key->permissions.spot_trade},
                      {"transferInEnabled", c.key->permissions.margin},
                      {"transferOutEnabled", c.key->permissions.margin},
                      {"accountType", "MARGIN_1"},
                      {"userAssets", std::move(assets)}};
}

Answer<json::value> MarginOrder(Exchange& ex, BinanceRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(ParsedOrder parsed, ParseNewOrder(ex, c));
  // Margin orders are accepted (the key is allowed to) but not matched: the paper exchange only
  // needs to prove that the permission is enforced. The account records a loan-free margin order.
  return json::object{{"symbol", parsed.order.symbol},
                      {"orderId", ex.order_count() + 1'000'000'000},
                      {"clientOrderId", parsed.order.client_order_id},
                      {"transactTime", ex.NowMillis()},
                      {"isIsolated", false}};
}

Answer<json::value> FuturesAccount(Exchange&, BinanceRequest& c) {
  const Account& a = *c.account;
  json::array positions;
  for (const FuturesPosition& p : a.futures_positions) {
    positions.push_back({{"symbol", p.symbol},
                         {"positionAmt", Fixed(p.position_amt, 3)},
                         {"entryPrice", Fixed(p.entry_price, 2)},
                         {"positionSide", "BOTH"}});
  }
  std::string wallet = Fixed(a.futures_wallet, 8);
  return json::object{
      {"totalWalletBalance", wallet},
      {"totalUnrealizedProfit", "0.00000000"},
      {"totalMarginBalance", wallet},
      {"availableBalance", wallet},
      {"assets", json::array{json::object{{"asset", "USDT"}, {"walletBalance", wallet}}}},
      {"positions", std::move(positions)}};
}

Answer<json::value> FuturesPositionRisk(Exchange&, BinanceRequest& c) {
  json::array out;
  for (const FuturesPosition& p : c.account->futures_positions) {
    out.push_back({{"symbol", p.symbol},
                   {"positionAmt", Fixed(p.position_amt, 3)},
                   {"entryPrice", Fixed(p.entry_price, 2)},
                   {"leverage", "10"},
                   {"positionSide", "BOTH"}});
  }
  return out;
}

Answer<json::value> Withdraw(Exchange& ex, BinanceRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(std::string_view coin, c.Required("coin"));
  AMANAH_ASSIGN_OR_RETURN(std::string_view address, c.Required("address"));
  AMANAH_ASSIGN_OR_RETURN(std::string_view amount_text, c.Required("amount"));
  AMANAH_ASSIGN_OR_RETURN(Decimal amount, DecimalParam("amount", amount_text));
  (void)address;
  Balance& balance = c.account->balances[std::string(coin)];
  if (balance.free < amount || !amount.IsPositive())
    return NewOrderRejected("Account has insufficient balance for requested action.");
  balance.free = balance.free.Sub(amount).value();
  return json::object{{"id", ex.RandomAlnum(32)}};
}

Answer<json::value> UniversalTransfer(Exchange& ex, BinanceRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(std::string_view type, c.Required("type"));
  AMANAH_ASSIGN_OR_RETURN(std::string_view asset, c.Required("asset"));
  AMANAH_ASSIGN_OR_RETURN(std::string_view amount_text, c.Required("amount"));
  AMANAH_ASSIGN_OR_RETURN(Decimal amount, DecimalParam("amount", amount_text));
  Balance& spot = c.account->balances[std::string(asset)];
  if (type == "MAIN_UMFUTURE") {
    if (spot.free < amount)
      return NewOrderRejected("Account has insufficient balance for requested action.");
    spot.free = spot.free.Sub(amount).value();
    c.account->futures_wallet = c.account->futures_wallet.Add(amount).value();
  } else if (type == "UMFUTURE_MAIN") {
    if (c.account->futures_wallet < amount)
      return NewOrderRejected("Account has insufficient balance for requested action.");
    c.account->futures_wallet = c.account->futures_wallet.Sub(amount).value();
    spot.free = spot.free.Add(amount).value();
  } else {
    return IllegalChars("type", "MAIN_UMFUTURE or UMFUTURE_MAIN");
  }
  return json::object{{"tranId", ex.NowMillis()}};
}

}  // namespace amanah::paper::binance
