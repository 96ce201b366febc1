// Kraken's signed account endpoints on the paper exchange (kraken.md §2, §3, §6): balances
// (Balance, BalanceEx with hold_trade), the margin summary (TradeBalance: a margin loan of the
// venue-neutral account is margin in use), open margin positions (each loan as one), the key's
// own information (GetApiKeyInfo: permissions, allow-list, validity, the account's id), and the
// funding reads and the wallet transfer a spot-only key must never be signed for.
#include <boost/json.hpp>

#include "venues/kraken/kraken_routes.h"

namespace amanah::paper::kraken {

namespace json = boost::json;
using base::Decimal;

namespace {

Decimal Total(const Balance& b) {
  auto t = b.free.Add(b.locked);
  return t ? *t : b.free;
}

Decimal LoansTotal(const Account& a) {
  Decimal sum;
  for (const MarginLoan& l : a.margin_loans) {
    auto s = sum.Add(l.borrowed);
    if (s) sum = *s;
  }
  return sum;
}

// Kraken's public account id ("AA12 N84G …"), from the account's uid.
std::string AccountIban(uint64_t uid) {
  static constexpr char kChars[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  std::string code = "AA";
  uint64_t v = uid * 2654435761ULL + 97;
  for (int i = 0; i < 14; ++i) {
    code += kChars[v % 36];
    v /= 36;
    if (v == 0) v = uid + static_cast<uint64_t>(i) + 7;
  }
  return code.substr(0, 4) + " " + code.substr(4, 4) + " " + code.substr(8, 4) + " " +
         code.substr(12, 4);
}

}  // namespace

KrakenReply BalanceOf(Exchange&, KrakenRequest& c) {
  json::object out;
  for (const auto& [asset, b] : c.account->balances) {
    const Decimal total = Total(b);
    if (total.IsZero()) continue;
    out[AssetId(asset)] = Text(total);
  }
  return out;
}

KrakenReply BalanceEx(Exchange&, KrakenRequest& c) {
  json::object out;
  for (const auto& [asset, b] : c.account->balances) {
    const Decimal total = Total(b);
    if (total.IsZero()) continue;
    out[AssetId(asset)] = json::object{{"balance", Text(total)}, {"hold_trade", Text(b.locked)}};
  }
  return out;
}

KrakenReply TradeBalance(Exchange&, KrakenRequest& c) {
  Decimal equity;
  for (const auto& [asset, b] : c.account->balances) {
    if (asset != "USD" && asset != "USDT") continue;
    auto s = equity.Add(Total(b));
    if (s) equity = *s;
  }
  const Decimal margin = LoansTotal(*c.account);
  auto free = equity.Sub(margin);
  // Margin level: equity / margin in use, in percent (Kraken's ml).
  Decimal level;
  if (margin.IsPositive()) {
    auto l = equity.Div(margin, 2, base::Rounding::kHalfEven);
    auto pct = l ? l->Mul(Decimal::FromInt(100), base::Rounding::kHalfEven) : l;
    if (pct) level = *pct;
  }
  return json::object{{"eb", Text(equity)}, {"tb", Text(equity)},
                      {"m", Text(margin)},  {"n", "0.0000"},
                      {"c", Text(margin)},  {"v", Text(margin)},
                      {"e", Text(equity)},  {"mf", Text(free ? *free : equity)},
                      {"ml", Text(level)},  {"uv", "0.0000"}};
}

KrakenReply OpenPositions(Exchange&, KrakenRequest& c) {
  json::object out;
  uint64_t n = 0;
  for (const MarginLoan& l : c.account->margin_loans) {
    if (!l.borrowed.IsPositive()) continue;
    ++n;
    out[TradeTxid(c.account->uid * 1000 + n)] = json::object{
        {"ordertxid", OrderTxid(c.account->uid * 1000 + n)},
        {"posstatus", "open"},
        {"pair", AssetAltname(l.asset) + "USD"},
        {"time", Seconds(c.account->update_time)},
        {"type", "buy"},
        {"ordertype", "limit"},
        {"cost", Text(l.borrowed)},
        {"fee", Text(l.interest)},
        {"vol", Text(l.borrowed)},
        {"vol_closed", "0.00000000"},
        {"margin", Text(l.borrowed)},
        {"value", Text(l.borrowed)},
        {"net", "+0.0000"},
        {"terms", "0.0100% per 4 hours"},
        {"rollovertm", std::to_string(c.now / 1000 + 14400)},
        {"misc", ""},
        {"oflags", ""},
    };
  }
  return out;
}

KrakenReply ApiKeyInfo(Exchange&, KrakenRequest& c) {
  const ApiKey& k = *c.key;
  json::array permissions;
  for (const std::string& p : KeyPermissionNames(k)) permissions.push_back(json::string(p));
  json::array ips;
  for (const std::string& ip : k.ip_whitelist) ips.push_back(json::string(ip));
  const std::string created = std::to_string(k.create_time / 1000);
  return json::object{{"apiKeyName", "amanah-paper"},
                      {"apiKey", k.api_key},
                      {"nonce", c.Get("nonce").value_or("0")},
                      {"nonceWindow", 0},
                      {"permissions", std::move(permissions)},
                      {"iban", AccountIban(c.account->uid)},
                      {"validUntil", "0"},
                      {"queryFrom", "0"},
                      {"queryTo", "0"},
                      {"createdTime", created},
                      {"modifiedTime", created},
                      {"ipAllowlist", std::move(ips)},
                      {"lastUsed", std::to_string(c.now / 1000)}};
}

KrakenReply WithdrawMethods(Exchange&, KrakenRequest&) {
  return json::array{json::object{
      {"asset", "XXBT"}, {"method", "Bitcoin"}, {"network", "Bitcoin"}, {"minimum", "0.0004"}}};
}

KrakenReply DepositMethods(Exchange&, KrakenRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(std::string_view asset, Required(c, "asset"));
  (void)asset;
  return json::array{json::object{{"method", "Bitcoin"},
                                  {"limit", false},
                                  {"fee", "0.0000000000"},
                                  {"gen-address", true},
                                  {"minimum", "0.00010000"}}};
}

KrakenReply WalletTransfer(Exchange&, KrakenRequest& c) {
  // Moves funds to a futures wallet the paper exchange does not have: it answers as Kraken
  // would for an unknown destination, and moves nothing.
  AMANAH_ASSIGN_OR_RETURN(std::string_view asset, Required(c, "asset"));
  (void)asset;
  return InvalidArguments("to");
}

}  // namespace amanah::paper::kraken
