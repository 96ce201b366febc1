// The paper exchange's Binance responses have the field names, in the same order, of Binance's own
// examples (tests/paper/fixtures/binance/), recursively; values are the simulation's own.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "paper/paper_fixture.h"

namespace amanah::paper::testing {
namespace {

namespace json = boost::json;

json::value Fixture(const std::string& name) {
  const char* root = std::getenv("AMANAH_SOURCE_DIR");
  std::ifstream in(std::string(root ? root : ".") + "/tests/paper/fixtures/binance/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

// "a,b,c{x,y}" for objects, the first element for arrays.
std::string Shape(const json::value& v) {
  if (v.is_array()) return v.as_array().empty() ? "[]" : "[" + Shape(v.as_array()[0]) + "]";
  if (!v.is_object()) return "";
  std::string out;
  for (const auto& [k, child] : v.as_object()) {
    out += std::string(k) + Shape(child) + ",";
  }
  return "{" + out + "}";
}

class BinanceShapes : public PaperFixture {
 protected:
  json::value Ok(std::string method, std::string path, std::string query, bool sign = true) {
    HttpResponse r = Send(std::move(method), std::move(path), std::move(query), sign);
    EXPECT_EQ(r.status, 200u) << r.body;
    return Body(r);
  }
};

TEST_F(BinanceShapes, EveryResponseMatchesTheOfficialExample) {
  EXPECT_EQ(Shape(Ok("GET", "/api/v3/time", "", false)), Shape(Fixture("time.json")));
  EXPECT_EQ(Shape(Ok("GET", "/api/v3/ping", "", false)), Shape(Fixture("ping.json")));
  EXPECT_EQ(Shape(Ok("GET", "/sapi/v1/account/apiRestrictions", "")),
            Shape(Fixture("api_restrictions.json")));
  EXPECT_EQ(Shape(Ok("GET", "/api/v3/rateLimit/order", "")),
            Shape(Fixture("rate_limit_order.json")));

  std::string limit =
      "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.001&price=60000";
  EXPECT_EQ(
      Shape(Ok("POST", "/api/v3/order", limit + "&newOrderRespType=ACK&newClientOrderId=myOrder1")),
      Shape(Fixture("order_new_ack.json")));
  EXPECT_EQ(Shape(Ok("POST", "/api/v3/order",
                     "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.01&newOrderRespType=RESULT")),
            Shape(Fixture("order_new_result.json")));
  EXPECT_EQ(
      Shape(Ok("POST", "/api/v3/order", "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.01")),
      Shape(Fixture("order_new_full.json")));
  EXPECT_EQ(Shape(Ok("GET", "/api/v3/order", "symbol=BTCUSDT&origClientOrderId=myOrder1")),
            Shape(Fixture("order_query.json")));
  EXPECT_EQ(Shape(Ok("GET", "/api/v3/openOrders", "symbol=BTCUSDT")),
            Shape(Fixture("open_orders.json")));
  EXPECT_EQ(Shape(Ok("GET", "/api/v3/allOrders", "symbol=BTCUSDT")),
            Shape(Fixture("all_orders.json")));
  EXPECT_EQ(Shape(Ok("GET", "/api/v3/myTrades", "symbol=BTCUSDT")),
            Shape(Fixture("my_trades.json")));
  EXPECT_EQ(Shape(Ok("DELETE", "/api/v3/order",
                     "symbol=BTCUSDT&origClientOrderId=myOrder1&newClientOrderId=cancelMyOrder1")),
            Shape(Fixture("order_cancel.json")));
  EXPECT_EQ(Shape(Ok("GET", "/api/v3/account", "")), Shape(Fixture("account.json")));
}

TEST_F(BinanceShapes, DecimalsAreStringsAtTheSymbolsPrecision) {
  json::value full =
      Ok("POST", "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.6");
  EXPECT_EQ(full.at("origQty").as_string(), "0.60000000");
  EXPECT_EQ(full.at("price").as_string(), "0.00000000");
  const auto& fills = full.at("fills").as_array();
  ASSERT_EQ(fills.size(), 2u);  // 0.5 at the best ask, 0.1 at the next
  EXPECT_EQ(fills[0].at("price").as_string(), "65006.50000000");
  EXPECT_EQ(fills[0].at("qty").as_string(), "0.50000000");
  EXPECT_EQ(fills[0].at("commission").as_string(), "0.00050000");
  EXPECT_EQ(fills[1].at("price").as_string(), "65013.00000000");
  EXPECT_EQ(full.at("cummulativeQuoteQty").as_string(), "39004.55000000");
  json::value depth = Ok("GET", "/api/v3/depth", "symbol=BTCUSDT&limit=2", false);
  EXPECT_EQ(json::serialize(depth.at("bids")),
            R"([["64993.50000000","0.50000000"],["64987.00000000","1.00000000"]])");
  // Consumed synthetic liquidity shows: 0.5 + 0.1 of the first two ask levels were taken.
  EXPECT_EQ(json::serialize(Ok("GET", "/api/v3/depth", "symbol=BTCUSDT&limit=1", false).at("asks")),
            R"([["65013.00000000","0.90000000"]])");
  json::value ticker = Ok("GET", "/api/v3/ticker/price", "symbol=BTCUSDT", false);
  EXPECT_EQ(ticker.at("price").as_string(), "65013.00000000");  // the last trade
}

TEST_F(BinanceShapes, KlinesFollowThePricePath) {
  clock_.Advance(125'000);  // 125 one-second steps
  json::value k = Ok("GET", "/api/v3/klines", "symbol=BTCUSDT&interval=1m", false);
  ASSERT_GE(k.as_array().size(), 2u);
  const auto& first = k.as_array()[0].as_array();
  ASSERT_EQ(first.size(), 12u);
  EXPECT_EQ(first[0].as_int64() % 60'000, 0);
  EXPECT_EQ(first[6].as_int64(), first[0].as_int64() + 59'999);
  EXPECT_EQ(first[1].as_string(), "65000.00000000");  // volatility 0 in the fixture
  HttpResponse bad = Send("GET", "/api/v3/klines", "symbol=BTCUSDT&interval=7m", false);
  EXPECT_EQ(Body(bad).at("code").as_int64(), -1120);
}

}  // namespace
}  // namespace amanah::paper::testing
