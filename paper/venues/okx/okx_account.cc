// OKX's signed account endpoints on the paper exchange: the key's and the account's configuration
// (perm, ip, account mode, spot borrowing, auto-loan), the trading account's balances with their
// liabilities and interest, positions, the funding account, and the transfer and withdrawal
// endpoints a spot-only key must never be signed for (okx.md §2, §3, §6), from the venue-neutral
// account and key.
#include <algorithm>

#include <boost/json.hpp>

#include "venues/okx/okx_routes.h"

namespace amanah::paper::okx {

namespace json = boost::json;
using base::Decimal;

OkxReply AccountConfig(Exchange&, OkxRequest& c) {
  const ApiKey& k = *c.key;
  const Account& a = *c.account;
  std::string ips;
  for (const auto& ip : k.ip_whitelist) ips += (ips.empty() ? "" : ",") + ip;
  const std::string uid = std::to_string(a.uid);
  const std::string level = AccountLevel(k);
  return json::array{json::object{
      {"acctLv", level},
      {"acctStpMode", "cancel_maker"},
      {"autoLoan", a.auto_borrow},
      {"ctIsoMode", "automatic"},
      {"enableSpotBorrow", level == "1" && a.spot_margin},
      {"greeksType", "PA"},
      {"ip", ips},
      {"type", "0"},
      {"kycLv", "2"},
      {"label", "amanah-paper"},
      {"level", "Lv1"},
      {"levelTmp", ""},
      {"liquidationGear", "-1"},
      {"mainUid", uid},
      {"mgnIsoMode", "automatic"},
      {"opAuth", k.permissions.options ? "1" : "0"},
      {"perm", PermText(k)},
      {"posMode", "net_mode"},
      {"roleType", "0"},
      {"spotBorrowAutoRepay", false},
      {"spotOffsetType", ""},
      {"spotRoleType", "0"},
      {"spotTraderInsts", json::array{}},
      {"traderInsts", json::array{}},
      {"uid", uid},
  }};
}

OkxReply AccountBalance(Exchange&, OkxRequest& c) {
  std::vector<std::string> wanted;
  if (auto ccys = c.Get("ccy")) {
    std::string_view rest = *ccys;
    while (!rest.empty()) {
      const size_t comma = rest.find(',');
      wanted.emplace_back(rest.substr(0, comma));
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
  }
  const Account& a = *c.account;
  json::array details;
  auto detail = [&](const std::string& ccy, const Decimal& free, const Decimal& locked,
                    const Decimal& liab, const Decimal& interest) {
    const Decimal cash = free.Add(locked).value();
    auto net = cash.Sub(liab);
    const Decimal eq = net ? *net : cash;
    details.push_back(json::object{{"availBal", Text(free)},
                                   {"availEq", Text(free)},
                                   {"borrowFroz", "0"},
                                   {"cashBal", Text(cash)},
                                   {"ccy", ccy},
                                   {"crossLiab", Text(liab)},
                                   {"disEq", "0"},
                                   {"eq", Text(eq)},
                                   {"eqUsd", "0"},
                                   {"fixedBal", "0"},
                                   {"frozenBal", Text(locked)},
                                   {"imr", ""},
                                   {"interest", Text(interest)},
                                   {"isoEq", "0"},
                                   {"isoLiab", "0"},
                                   {"isoUpl", "0"},
                                   {"liab", Text(liab)},
                                   {"maxLoan", "0"},
                                   {"mgnRatio", ""},
                                   {"mmr", ""},
                                   {"notionalLever", ""},
                                   {"ordFrozen", Text(locked)},
                                   {"spotInUseAmt", ""},
                                   {"stgyEq", "0"},
                                   {"twap", "0"},
                                   {"uTime", Ms(a.update_time)},
                                   {"upl", "0"},
                                   {"uplLiab", "0"}});
  };
  auto listed = [&](const std::string& ccy, bool nonzero) {
    return wanted.empty() ? nonzero : std::find(wanted.begin(), wanted.end(), ccy) != wanted.end();
  };
  for (const auto& [asset, b] : a.balances) {
    Decimal liab, interest;
    for (const MarginLoan& loan : a.margin_loans) {
      if (loan.asset == asset) {
        liab = loan.borrowed;
        interest = loan.interest;
      }
    }
    const bool nonzero = !(b.free.IsZero() && b.locked.IsZero() && liab.IsZero());
    if (listed(asset, nonzero)) detail(asset, b.free, b.locked, liab, interest);
  }
  for (const MarginLoan& loan : a.margin_loans) {
    if (a.balances.contains(loan.asset) || !listed(loan.asset, true)) continue;
    detail(loan.asset, Decimal(), Decimal(), loan.borrowed, loan.interest);
  }
  return json::array{json::object{{"adjEq", ""},
                                  {"availEq", ""},
                                  {"borrowFroz", "0"},
                                  {"details", std::move(details)},
                                  {"imr", "0"},
                                  {"isoEq", "0"},
                                  {"mgnRatio", ""},
                                  {"mmr", "0"},
                                  {"notionalUsd", "0"},
                                  {"notionalUsdForBorrow", "0"},
                                  {"notionalUsdForFutures", "0"},
                                  {"notionalUsdForOption", "0"},
                                  {"notionalUsdForSwap", "0"},
                                  {"ordFroz", ""},
                                  {"totalEq", "0"},
                                  {"uTime", Ms(a.update_time)},
                                  {"upl", "0"}}};
}

OkxReply Positions(Exchange&, OkxRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(std::string_view wanted, InstType(c, false));
  if (wanted == "SPOT") return ParamError("instType");
  json::array list;
  for (const FuturesPosition& f : c.account->futures_positions) {
    const std::string& s = f.symbol;
    const std::string_view type = s.ends_with("-SWAP")                     ? "SWAP"
                                  : s.ends_with("-C") || s.ends_with("-P") ? "OPTION"
                                                                           : "FUTURES";
    if (!wanted.empty() && wanted != type) continue;
    if (f.position_amt.IsZero()) continue;
    list.push_back(json::object{{"adl", "1"},
                                {"availPos", Text(f.position_amt.Abs())},
                                {"avgPx", Text(f.entry_price)},
                                {"cTime", Ms(c.account->update_time)},
                                {"ccy", "USDT"},
                                {"instId", s},
                                {"instType", type},
                                {"interest", "0"},
                                {"lever", "1"},
                                {"liab", ""},
                                {"mgnMode", "cross"},
                                {"pos", Text(f.position_amt)},
                                {"posCcy", ""},
                                {"posId", std::to_string(std::hash<std::string>{}(s) % 1'000'000)},
                                {"posSide", "net"},
                                {"uTime", Ms(c.account->update_time)},
                                {"upl", "0"}});
  }
  return list;
}

OkxReply AssetBalances(Exchange&, OkxRequest& c) {
  // The paper account has one wallet, the trading account: the funding account is empty.
  (void)c;
  return json::array{};
}

OkxReply Transfer(Exchange&, OkxRequest& c) {
  // Allowed with Trade alone, as on OKX: Amanah's signer is what refuses it.
  AMANAH_ASSIGN_OR_RETURN(std::string_view ccy, Required(c, "ccy"));
  AMANAH_TRY(DecimalParam(c, "amt"));
  AMANAH_TRY(Required(c, "from"));
  AMANAH_TRY(Required(c, "to"));
  return json::array{json::object{{"transId", Ms(c.now)},
                                  {"ccy", std::string(ccy)},
                                  {"clientId", std::string(c.Get("clientId").value_or(""))},
                                  {"from", std::string(*c.Get("from"))},
                                  {"amt", std::string(*c.Get("amt"))},
                                  {"to", std::string(*c.Get("to"))}}};
}

OkxReply Withdrawal(Exchange&, OkxRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(std::string_view ccy, Required(c, "ccy"));
  AMANAH_ASSIGN_OR_RETURN(Decimal amount, DecimalParam(c, "amt"));
  AMANAH_TRY(Required(c, "toAddr"));
  if (!c.account->can_withdraw) return NoPermission();
  auto it = c.account->balances.find(std::string(ccy));
  if (it == c.account->balances.end() || it->second.free < amount || !amount.IsPositive()) {
    return OkxError{58350, "Insufficient balance."};
  }
  it->second.free = it->second.free.Sub(amount).value();
  c.account->update_time = c.now;
  return json::array{json::object{{"amt", Text(amount)},
                                  {"wdId", Ms(c.now)},
                                  {"ccy", std::string(ccy)},
                                  {"clientId", ""},
                                  {"chain", std::string(ccy) + "-" + std::string(ccy)}}};
}

}  // namespace amanah::paper::okx
