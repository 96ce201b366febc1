// Bybit's signed account endpoints on the paper exchange: the unified wallet's balances (with
// what is borrowed and the interest on it), the key's own permissions (query-api), the account
// mode, spot margin's state and switch, derivatives positions, and the withdrawal and transfer
// endpoints a spot-only key must be refused on (bybit.md §2, §3, §6), from the venue-neutral
// account and key.
#include <algorithm>

#include <boost/json.hpp>

#include "base/utc_time.h"
#include "venues/bybit/bybit_routes.h"

namespace amanah::paper::bybit {

namespace json = boost::json;
using base::Decimal;

namespace {

std::string Iso(int64_t ms) {
  return base::UtcTime(base::SystemTime(std::chrono::milliseconds(ms)));
}

constexpr int64_t kUnboundKeyLifeMs = 90LL * 86'400'000;

}  // namespace

BybitReply WalletBalance(Exchange&, BybitRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(std::string_view type, Required(c, "accountType"));
  if (type != "UNIFIED") return ParamError("accountType only support UNIFIED");
  std::vector<std::string> wanted;
  if (auto coins = c.Get("coin")) {
    std::string_view rest = *coins;
    while (!rest.empty()) {
      const size_t comma = rest.find(',');
      wanted.emplace_back(rest.substr(0, comma));
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
  }
  const Account& a = *c.account;
  json::array coins;
  auto coin = [&](const std::string& asset, const Decimal& wallet, const Decimal& locked,
                  const Decimal& borrowed, const Decimal& interest) {
    coins.push_back(json::object{{"coin", asset},
                                 {"equity", Text(wallet)},
                                 {"usdValue", "0"},
                                 {"walletBalance", Text(wallet)},
                                 {"locked", Text(locked)},
                                 {"spotHedgingQty", "0"},
                                 {"borrowAmount", Text(borrowed)},
                                 {"accruedInterest", Text(interest)},
                                 {"totalOrderIM", "0"},
                                 {"totalPositionIM", "0"},
                                 {"totalPositionMM", "0"},
                                 {"unrealisedPnl", "0"},
                                 {"cumRealisedPnl", "0"},
                                 {"bonus", "0"},
                                 {"marginCollateral", true},
                                 {"collateralSwitch", true},
                                 {"availableToWithdraw", ""},
                                 {"availableToBorrow", "0"},
                                 {"spotBorrow", Text(borrowed)}});
  };
  auto listed = [&](const std::string& asset, bool nonzero) {
    return wanted.empty() ? nonzero
                          : std::find(wanted.begin(), wanted.end(), asset) != wanted.end();
  };
  for (const auto& [asset, b] : a.balances) {
    Decimal borrowed, interest;
    for (const MarginLoan& loan : a.margin_loans) {
      if (loan.asset == asset) {
        borrowed = loan.borrowed;
        interest = loan.interest;
      }
    }
    const Decimal wallet = b.free.Add(b.locked).value();
    if (!listed(asset, !(wallet.IsZero() && borrowed.IsZero() && interest.IsZero()))) continue;
    coin(asset, wallet, b.locked, borrowed, interest);
  }
  // A loan in an asset the account holds none of still shows.
  for (const MarginLoan& loan : a.margin_loans) {
    if (a.balances.contains(loan.asset) || !listed(loan.asset, true)) continue;
    coin(loan.asset, Decimal(), Decimal(), loan.borrowed, loan.interest);
  }
  json::object account{{"accountType", "UNIFIED"},
                       {"totalEquity", "0"},
                       {"totalWalletBalance", "0"},
                       {"totalMarginBalance", "0"},
                       {"totalAvailableBalance", "0"},
                       {"totalPerpUPL", "0"},
                       {"totalInitialMargin", "0"},
                       {"totalMaintenanceMargin", "0"},
                       {"accountIMRate", "0"},
                       {"accountIMRateByMp", "0"},
                       {"totalInitialMarginByMp", "0"},
                       {"accountMMRate", "0"},
                       {"accountMMRateByMp", "0"},
                       {"totalMaintenanceMarginByMp", "0"},
                       {"accountLTV", "0"},
                       {"coin", std::move(coins)}};
  return json::object{{"list", json::array{std::move(account)}}};
}

BybitReply QueryApi(Exchange&, BybitRequest& c) {
  const ApiKey& k = *c.key;
  const Permissions& p = k.permissions;
  auto group = [](std::initializer_list<std::pair<bool, std::string_view>> entries) {
    json::array out;
    for (const auto& [on, name] : entries) {
      if (on) out.push_back(json::string(name));
    }
    return out;
  };
  json::object permissions{
      {"ContractTrade", group({{p.futures, "Order"}, {p.futures, "Position"}})},
      {"Spot", group({{p.spot_trade, "SpotTrade"}})},
      {"Wallet", group({{p.universal_transfer, "AccountTransfer"},
                        {p.internal_transfer, "SubMemberTransfer"},
                        {p.withdraw, "Withdraw"}})},
      {"Options", group({{p.options, "OptionsTrade"}})},
      {"Derivatives", group({{p.futures, "DerivativesTrade"}})},
      {"CopyTrading", json::array{}},
      {"BlockTrade", group({{p.block_trade, "BlockTrade"}})},
      {"Exchange", group({{p.convert, "ExchangeHistory"}})},
      {"NFT", json::array{}},
      {"Affiliate", json::array{}},
      {"Earn", group({{p.earn, "Earn"}})},
      {"FiatP2P", group({{p.fiat, "FiatP2POrder"}})},
      {"FiatBitPay", group({{p.fiat, "FaitPayOrder"}})},
      {"FiatConvertBroker", group({{p.fiat, "FiatConvertBrokerOrder"}})},
      {"FiatGlobalPay", json::array{}},
      {"BitCard", json::array{}},
      {"ByXPost", json::array{}},
  };
  json::array ips;
  for (const auto& ip : k.ip_whitelist) ips.push_back(json::string(ip));
  if (ips.empty()) ips.push_back("*");
  // "No ip bound api key will be invalid after 90 days."
  const bool unbound = k.ip_whitelist.empty();
  const int64_t expires = unbound ? k.create_time + kUnboundKeyLifeMs : 0;
  return json::object{
      {"id", std::to_string(std::hash<std::string>{}(k.api_key) % 100'000'000)},
      {"note", "amanah-paper"},
      {"apiKey", k.api_key},
      {"readOnly", ReadWrite(k) ? 0 : 1},
      {"secret", ""},
      {"permissions", std::move(permissions)},
      {"ips", std::move(ips)},
      {"type", 1},
      {"deadlineDay", unbound ? std::max<int64_t>(0, (expires - c.now) / 86'400'000) : -1},
      {"expiredAt", Iso(expires)},
      {"createdAt", Iso(k.create_time)},
      {"unified", 0},
      {"uta", 1},
      {"userID", static_cast<int64_t>(c.account->uid)},
      {"inviterID", 0},
      {"vipLevel", "No VIP"},
      {"mktMakerLevel", "0"},
      {"affiliateID", 0},
      {"rsaPublicKey", k.type == KeyType::kRsa ? k.public_pem : ""},
      {"isMaster", true},
      {"parentUid", "0"},
      {"kycLevel", "LEVEL_1"},
      {"kycRegion", ""},
      {"userIDInt64", std::to_string(c.account->uid)},
      {"inviterIDInt64", "0"},
      {"affiliateIDInt64", "0"},
  };
}

BybitReply AccountInfo(Exchange&, BybitRequest& c) {
  return json::object{{"marginMode", "REGULAR_MARGIN"},
                      {"updatedTime", std::to_string(c.account->update_time)},
                      {"unifiedMarginStatus", 5},
                      {"dcpStatus", "OFF"},
                      {"timeWindow", 10},
                      {"smpGroup", 0},
                      {"isMasterTrader", false},
                      {"spotHedgingStatus", "OFF"}};
}

BybitReply SpotMarginState(Exchange&, BybitRequest& c) {
  const bool on = c.account->spot_margin;
  return json::object{{"spotLeverage", on ? "10" : ""},
                      {"spotMarginMode", on ? "1" : "0"},
                      {"effectiveLeverage", on ? "1" : ""}};
}

BybitReply SpotMarginSwitch(Exchange&, BybitRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(std::string_view mode, Required(c, "spotMarginMode"));
  if (mode != "0" && mode != "1") return ParamError("spotMarginMode must be 0 or 1");
  c.account->spot_margin = mode == "1";
  c.account->update_time = c.now;
  return json::object{{"spotMarginMode", std::string(mode)}};
}

BybitReply PositionList(Exchange&, BybitRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(std::string_view category, Category(c));
  if (category == "spot") return ParamError("category spot has no positions");
  auto symbol = c.Get("symbol");
  auto settle = c.Get("settleCoin");
  if (category == "linear" && !symbol && !settle) {
    return ParamError("symbol or settleCoin is required");
  }
  json::array list;
  for (const FuturesPosition& f : c.account->futures_positions) {
    const std::string& s = f.symbol;
    const bool option = s.ends_with("-C") || s.ends_with("-P");
    const bool inverse = !option && s.ends_with("USD");
    const std::string_view kind = option ? "option" : inverse ? "inverse" : "linear";
    if (kind != category) continue;
    if (symbol && *symbol != s) continue;
    if (settle && !s.ends_with(*settle)) continue;
    if (f.position_amt.IsZero()) continue;
    list.push_back(json::object{{"positionIdx", 0},
                                {"riskId", 1},
                                {"symbol", s},
                                {"side", f.position_amt.IsNegative() ? "Sell" : "Buy"},
                                {"size", Text(f.position_amt.Abs())},
                                {"avgPrice", Text(f.entry_price)},
                                {"positionValue", "0"},
                                {"tradeMode", 0},
                                {"positionStatus", "Normal"},
                                {"leverage", "1"},
                                {"markPrice", Text(f.entry_price)},
                                {"liqPrice", ""},
                                {"unrealisedPnl", "0"},
                                {"createdTime", std::to_string(c.account->update_time)},
                                {"updatedTime", std::to_string(c.account->update_time)}});
  }
  return json::object{
      {"list", std::move(list)}, {"nextPageCursor", ""}, {"category", std::string(category)}};
}

BybitReply Withdraw(Exchange&, BybitRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(std::string_view coin, Required(c, "coin"));
  AMANAH_TRY(Required(c, "address"));
  AMANAH_ASSIGN_OR_RETURN(Decimal amount, DecimalParam(c, "amount"));
  auto it = c.account->balances.find(std::string(coin));
  if (!c.account->can_withdraw) return PermissionDenied();
  if (it == c.account->balances.end() || it->second.free < amount || !amount.IsPositive()) {
    return BybitError{131001, "Insufficient balance"};
  }
  it->second.free = it->second.free.Sub(amount).value();
  c.account->update_time = c.now;
  return json::object{{"id", std::to_string(c.now)}};
}

BybitReply Transfer(Exchange&, BybitRequest& c) {
  AMANAH_TRY(Required(c, "transferId"));
  AMANAH_TRY(Required(c, "coin"));
  AMANAH_TRY(DecimalParam(c, "amount"));
  AMANAH_TRY(Required(c, "fromAccountType"));
  AMANAH_TRY(Required(c, "toAccountType"));
  // The paper account has one wallet: a transfer between wallets moves nothing.
  return json::object{{"transferId", std::string(*c.Get("transferId"))}, {"status", "SUCCESS"}};
}

}  // namespace amanah::paper::bybit
