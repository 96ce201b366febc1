// Every field of each Binance response the adapter reads — Binance's own examples — dropped or
// given another type in turn is refused with an error that names the field; nothing throws and
// nothing is silently defaulted (a system status without `status` is not "normal").
#include "exchange/binance/binance_parse.h"

#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <sstream>

#include <boost/json.hpp>

namespace amanah::exchange::binance {
namespace {

namespace json = boost::json;
using base::JsonDocument;
using base::JsonView;

std::string Fixture(const std::string& name) {
  const char* dir = std::getenv("AMANAH_SOURCE_DIR");
  std::ifstream in(std::string(dir ? dir : ".") + "/tests/paper/fixtures/binance/" + name);
  std::stringstream s;
  s << in.rdbuf();
  EXPECT_FALSE(s.str().empty()) << name;
  return s.str();
}

using Parser = std::function<base::Result<void>(const JsonView&)>;

template <class F>
Parser Parses(F f) {
  return [f](const JsonView& v) -> base::Result<void> {
    auto r = f(v);
    if (!r) return r.error();
    return {};
  };
}

// The path of every leaf (and every container) below `v`, as JsonView names them.
void Paths(const json::value& v, const std::string& at, std::vector<std::string>& out) {
  if (!at.empty()) out.push_back(at);
  if (const auto* o = v.if_object()) {
    for (const auto& kv : *o) {
      Paths(kv.value(), at.empty() ? std::string(kv.key()) : at + "." + std::string(kv.key()), out);
    }
  } else if (const auto* a = v.if_array()) {
    for (size_t i = 0; i < a->size(); ++i) Paths((*a)[i], at + "[" + std::to_string(i) + "]", out);
  }
}

// The value at `path` and its parent container.
json::value* Find(json::value& root, const std::string& path, json::value** parent,
                  std::string* key, size_t* index) {
  json::value* cur = &root;
  size_t i = 0;
  while (i < path.size()) {
    *parent = cur;
    if (path[i] == '[') {
      const size_t close = path.find(']', i);
      *index = std::stoul(path.substr(i + 1, close - i - 1));
      key->clear();
      cur = &cur->as_array()[*index];
      i = close + 1;
    } else {
      if (path[i] == '.') ++i;
      size_t end = path.find_first_of(".[", i);
      if (end == std::string::npos) end = path.size();
      *key = path.substr(i, end - i);
      cur = &cur->as_object()[*key];
      i = end;
    }
  }
  return cur;
}

json::value Retyped(const json::value& v) {
  if (v.is_string()) return json::value(7);
  if (v.is_int64() || v.is_uint64()) return json::value("7");
  if (v.is_bool()) return json::value("yes");
  return json::value("x");  // objects and arrays
}

struct Case {
  std::string name;
  std::string body;
  Parser parse;
  std::vector<std::string> ignored = {};  ///< fields Binance sends that the parser does not read
};

void CheckEveryField(const Case& c) {
  SCOPED_TRACE(c.name);
  auto doc = JsonDocument::Parse(c.body, {"Binance " + c.name});
  ASSERT_TRUE(doc) << doc.error();
  ASSERT_TRUE(c.parse(doc->Root())) << c.parse(doc->Root()).error();
  std::vector<std::string> paths;
  Paths(doc->value(), "", paths);
  int checked = 0;
  for (const std::string& path : paths) {
    bool ignored = false;
    for (const auto& i : c.ignored) ignored = ignored || path == i || path.starts_with(i + ".");
    if (ignored) continue;
    for (bool drop : {true, false}) {
      json::value copy = doc->value();
      json::value* parent = nullptr;
      std::string key;
      size_t index = 0;
      json::value* target = Find(copy, path, &parent, &key, &index);
      if (drop) {
        if (!key.empty()) {
          parent->as_object().erase(key);
        } else {
          auto& a = parent->as_array();
          a.erase(a.begin() + static_cast<std::ptrdiff_t>(index));
        }
      } else {
        *target = Retyped(*target);
      }
      JsonDocument changed(std::move(copy), {"Binance " + c.name});
      auto r = c.parse(changed.Root());
      if (drop && key.empty()) continue;  // dropping an array item leaves a valid, shorter list
      ASSERT_FALSE(r) << path << (drop ? " dropped" : " retyped") << " was accepted";
      EXPECT_NE(r.error().message().find(path), std::string::npos)
          << path << (drop ? " dropped" : " retyped") << ": " << r.error().message();
      ++checked;
    }
  }
  EXPECT_GT(checked, 0);
}

constexpr std::string_view kSystemStatus = R"({"status": 0, "msg": "normal"})";
constexpr std::string_view kMargin = R"({"created": true, "borrowEnabled": false,
  "marginLevel": "999.00000000", "totalAssetOfBtc": "0.00000000",
  "totalLiabilityOfBtc": "0.00000000", "totalNetAssetOfBtc": "0.00000000",
  "tradeEnabled": true, "transferInEnabled": false, "transferOutEnabled": false,
  "accountType": "MARGIN_1",
  "userAssets": [{"asset": "USDT", "borrowed": "50.00000000", "free": "0.00000000",
                  "interest": "0.01000000", "locked": "0.00000000", "netAsset": "-50.01000000"}]})";
constexpr std::string_view kExchangeInfo = R"({"timezone": "UTC", "serverTime": 1565246363776,
  "symbols": [{"symbol": "ETHBTC", "status": "TRADING", "baseAsset": "ETH", "quoteAsset": "BTC",
    "isSpotTradingAllowed": true, "permissionSets": [["SPOT", "MARGIN"]],
    "filters": [{"filterType": "PRICE_FILTER", "minPrice": "0.00000100", "maxPrice": "100000.00000000", "tickSize": "0.00000100"},
                {"filterType": "LOT_SIZE", "minQty": "0.00100000", "maxQty": "100000.00000000", "stepSize": "0.00100000"},
                {"filterType": "NOTIONAL", "minNotional": "0.00100000", "applyMinToMarket": true, "maxNotional": "10000.00000000", "applyMaxToMarket": false, "avgPriceMins": 5}]}]})";

TEST(BinanceParse, EveryFieldOfEachResponseIsCheckedByName) {
  const std::vector<Case> cases = {
      {"time", Fixture("time.json"), Parses(ParseServerTime)},
      {"system status", std::string(kSystemStatus), Parses(ParseSystemStatus)},
      {"account", Fixture("account.json"), Parses(ParseSpotAccount)},
      {"apiRestrictions", Fixture("api_restrictions.json"), Parses(ParseApiRestrictions)},
      {"margin account", std::string(kMargin),
       [](const JsonView& v) {
         AccountState s;
         return ParseMarginAccount(v, s);
       }},
      {"new order FULL", Fixture("order_new_full.json"),
       Parses([](const JsonView& v) { return ParseOrder(v, OrderShape::kPlaced); })},
      {"order query", Fixture("order_query.json"),
       Parses([](const JsonView& v) { return ParseOrder(v, OrderShape::kQueried); })},
      {"order cancel", Fixture("order_cancel.json"),
       Parses([](const JsonView& v) { return ParseOrder(v, OrderShape::kCanceled); })},
      {"open orders", Fixture("open_orders.json"), Parses(ParseOrders)},
      {"all orders", Fixture("all_orders.json"), Parses(ParseOrders)},
      {"my trades", Fixture("my_trades.json"), Parses(ParseTrades)},
      // exchangeInfo's symbol list is long and grows; the fields the screen and the filters need
      // are checked, the rest (precisions, order types, rate limits) are not read.
      {"exchangeInfo",
       std::string(kExchangeInfo),
       Parses(ParseExchangeInfo),
       {"timezone", "serverTime", "symbols[0].permissionSets",
        "symbols[0].filters[2].applyMinToMarket", "symbols[0].filters[2].applyMaxToMarket",
        "symbols[0].filters[2].avgPriceMins"}},
  };
  for (const Case& c : cases) CheckEveryField(c);
}

TEST(BinanceParse, ASystemStatusWithoutAStatusIsNotNormal) {
  auto doc = JsonDocument::Parse(R"({"msg": "normal"})", {"Binance GET /sapi/v1/system/status"});
  auto r = ParseSystemStatus(doc->Root());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message(), "Binance GET /sapi/v1/system/status: status is missing");
  auto odd = JsonDocument::Parse(R"({"status": 7, "msg": "?"})", {"Binance status"});
  EXPECT_FALSE(ParseSystemStatus(odd->Root()));
  auto maintenance = JsonDocument::Parse(R"({"status": 1, "msg": "system maintenance"})", {"s"});
  EXPECT_FALSE(ParseSystemStatus(maintenance->Root())->normal);
}

TEST(BinanceParse, BalancesKeepOnlyWhatIsHeldAndReadExactDecimals) {
  auto doc = JsonDocument::Parse(Fixture("account.json"), {"Binance account"});
  auto balances = ParseBalances(doc->Root());
  ASSERT_TRUE(balances);
  ASSERT_EQ(balances->size(), 2u);
  EXPECT_EQ((*balances)[0].free.ToString(), "4723846.89208129");
  auto state = ParseSpotAccount(doc->Root());
  EXPECT_EQ(state->account_id, "354937868");
  EXPECT_EQ(state->can_trade, Flag::kOn);
}

TEST(BinanceParse, StatusWordsMapOntoTheNeutralStates) {
  EXPECT_EQ(MapOrderStatus("NEW"), OrderStatus::kNew);
  EXPECT_EQ(MapOrderStatus("PARTIALLY_FILLED"), OrderStatus::kPartiallyFilled);
  EXPECT_EQ(MapOrderStatus("FILLED"), OrderStatus::kFilled);
  EXPECT_EQ(MapOrderStatus("CANCELED"), OrderStatus::kCanceled);
  EXPECT_EQ(MapOrderStatus("EXPIRED_IN_MATCH"), OrderStatus::kExpired);
  EXPECT_EQ(MapOrderStatus("REJECTED"), OrderStatus::kRejected);
  EXPECT_EQ(MapOrderStatus("SOMETHING_NEW"), OrderStatus::kUnknown);
}

}  // namespace
}  // namespace amanah::exchange::binance
