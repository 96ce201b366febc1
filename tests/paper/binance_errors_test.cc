// Each documented Binance error, provoked through the venue's handler, with its exact code, text
// and HTTP status (../shared/reference/exchanges/binance.md §7).
#include <gtest/gtest.h>

#include "paper/paper_fixture.h"

namespace amanah::paper::testing {
namespace {

struct ErrorCase {
  std::string name;
  std::string method;
  std::string path;
  std::string query;
  unsigned status;
  int code;
  std::string msg;
  std::string api_key = std::string(kDocApiKey);
  std::string secret = std::string(kDocSecret);
  std::string peer = "127.0.0.1";
  bool sign = true;
};

const std::string kLimit = "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC";

std::vector<ErrorCase> Cases() {
  std::string rejected = "Invalid API-key, IP, or permissions for action.";
  return {
      {"MissingApiKey", "GET", "/api/v3/account", "", 401, -2014, "API-key format invalid.", ""},
      {"MalformedApiKey", "GET", "/api/v3/account", "", 401, -2014, "API-key format invalid.",
       "short"},
      {"UnknownApiKey", "GET", "/api/v3/account", "", 401, -2015, rejected, std::string(64, 'A')},
      {"IpNotWhitelisted", "GET", "/api/v3/account", "", 401, -2015, rejected,
       std::string(kDocApiKey), std::string(kDocSecret), "10.0.0.9"},
      {"WrongSecret", "GET", "/api/v3/account", "", 400, -1022,
       "Signature for this request is not valid.", std::string(kDocApiKey), std::string(64, 'x')},
      {"MissingSignature", "GET", "/api/v3/account", "timestamp=1499827319559", 400, -1102,
       "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.",
       std::string(kDocApiKey), std::string(kDocSecret), "127.0.0.1", false},
      {"MissingTimestamp", "GET", "/api/v3/account", "recvWindow=5000&signature=00", 400, -1102,
       "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.",
       std::string(kDocApiKey), std::string(kDocSecret), "127.0.0.1", false},
      {"TimestampOutsideWindow", "GET", "/api/v3/account", "timestamp=1499827310000", 400, -1021,
       "Timestamp for this request is outside of the recvWindow."},
      {"TimestampAhead", "GET", "/api/v3/account", "timestamp=1499827320559", 400, -1021,
       "Timestamp for this request was 1000ms ahead of the server's time."},
      {"RecvWindowTooLarge", "GET", "/api/v3/account", "recvWindow=60001", 400, -1131,
       "recvWindow must be less than 60000"},
      {"BadSymbol", "POST", "/api/v3/order", "symbol=XYZUSDT&side=BUY&type=MARKET&quantity=1", 400,
       -1121, "Invalid symbol."},
      {"IllegalSymbol", "GET", "/api/v3/depth", "symbol=btc usdt", 400, -1100,
       "Illegal characters found in parameter 'symbol'; legal range is '^[A-Z0-9-_.]{1,20}$'.", "",
       "", "127.0.0.1", false},
      {"MissingPrice", "POST", "/api/v3/order", kLimit + "&quantity=0.001", 400, -1102,
       "Mandatory parameter 'price' was not sent, was empty/null, or malformed."},
      {"MissingTif", "POST", "/api/v3/order",
       "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=1", 400, -1102,
       "Mandatory parameter 'timeInForce' was not sent, was empty/null, or malformed."},
      {"IllegalQuantity", "POST", "/api/v3/order", kLimit + "&quantity=1e3&price=1", 400, -1100,
       "Illegal characters found in parameter 'quantity'; legal range is "
       "'^([0-9]{1,20})(\\.[0-9]{1,20})?$'."},
      {"IllegalClientId", "POST", "/api/v3/order",
       "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.001&newClientOrderId=bad*id", 400, -1100,
       "Illegal characters found in parameter 'newClientOrderId'; legal range is "
       "'^[a-zA-Z0-9-_]{1,36}$'."},
      {"InvalidSide", "POST", "/api/v3/order", "symbol=BTCUSDT&side=HOLD&type=MARKET&quantity=1",
       400, -1117, "Invalid side."},
      {"InvalidType", "POST", "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=STOP_LOSS&quantity=1",
       400, -1116, "Invalid orderType."},
      {"InvalidTif", "POST", "/api/v3/order",
       "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTD&quantity=1&price=1", 400, -1115,
       "Invalid timeInForce."},
      {"MarketWithPrice", "POST", "/api/v3/order",
       "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=1&price=1", 400, -1106,
       "Parameter 'price' sent when not required."},
      {"QuantityAndQuote", "POST", "/api/v3/order",
       "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=1&quoteOrderQty=10", 400, -1128,
       "Combination of optional parameters invalid."},
      {"PriceOffTick", "POST", "/api/v3/order", kLimit + "&quantity=0.001&price=60000.005", 400,
       -1013, "Filter failure: PRICE_FILTER"},
      {"QuantityOffStep", "POST", "/api/v3/order", kLimit + "&quantity=0.000015&price=60000", 400,
       -1013, "Filter failure: LOT_SIZE"},
      {"MarketAboveMarketMax", "POST", "/api/v3/order",
       "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=101", 400, -1013,
       "Filter failure: MARKET_LOT_SIZE"},
      {"BelowMinNotional", "POST", "/api/v3/order", kLimit + "&quantity=0.00001&price=60000", 400,
       -1013, "Filter failure: NOTIONAL"},
      {"InsufficientBalance", "POST", "/api/v3/order", kLimit + "&quantity=2&price=60000", 400,
       -2010, "Account has insufficient balance for requested action."},
      {"LimitMakerWouldTake", "POST", "/api/v3/order",
       "symbol=BTCUSDT&side=BUY&type=LIMIT_MAKER&quantity=0.001&price=70000", 400, -2010,
       "Order would immediately match and take."},
      {"QueryUnknownOrder", "GET", "/api/v3/order", "symbol=BTCUSDT&orderId=999", 400, -2013,
       "Order does not exist."},
      {"CancelUnknownOrder", "DELETE", "/api/v3/order", "symbol=BTCUSDT&orderId=999", 400, -2011,
       "Unknown order sent."},
      // Integers beyond 64 bits are invalid data, answered like any bad parameter (they once
      // threw out of the handler and closed the connection unanswered).
      {"OrderIdBeyond64Bits", "GET", "/api/v3/order", "symbol=BTCUSDT&orderId=9223372036854775808",
       400, -1130, "Data sent for parameter 'orderId' is not valid."},
      {"TimestampBeyond64Bits", "GET", "/api/v3/account", "timestamp=99999999999999999999", 400,
       -1130, "Data sent for parameter 'timestamp' is not valid."},
      {"FromIdBeyond64Bits", "GET", "/api/v3/myTrades", "symbol=BTCUSDT&fromId=9223372036854775808",
       400, -1130, "Data sent for parameter 'fromId' is not valid."},
      {"AllOrdersIdBeyond64Bits", "GET", "/api/v3/allOrders",
       "symbol=BTCUSDT&orderId=123456789012345678901234567890", 400, -1130,
       "Data sent for parameter 'orderId' is not valid."},
      {"LimitBeyond64Bits", "GET", "/api/v3/depth", "symbol=BTCUSDT&limit=18446744073709551616",
       400, -1130, "Data sent for parameter 'limit' is not valid.", "", "", "127.0.0.1", false},
      {"EndTimeBeyond64Bits", "GET", "/api/v3/klines",
       "symbol=BTCUSDT&interval=1m&endTime=9223372036854775808", 400, -1130,
       "Data sent for parameter 'endTime' is not valid.", "", "", "127.0.0.1", false},
      {"OrderIdNotDigits", "GET", "/api/v3/order", "symbol=BTCUSDT&orderId=12a", 400, -1102,
       "Mandatory parameter 'orderId' was not sent, was empty/null, or malformed."},
      // A parameter sent twice is refused, not read with its first value.
      {"ParameterTwice", "GET", "/api/v3/depth", "symbol=BTCUSDT&limit=5&symbol=LTCBTC", 400, -1101,
       "Duplicate values for a parameter detected.", "", "", "127.0.0.1", false},
      {"SignedParameterTwice", "POST", "/api/v3/order",
       "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.001&side=SELL", 400, -1101,
       "Duplicate values for a parameter detected."},
      // Either of two parameters: Binance's own template.
      {"QueryWithoutEitherId", "GET", "/api/v3/order", "symbol=BTCUSDT", 400, -1102,
       "Param 'orderId' or 'origClientOrderId' must be sent, but both were empty/null!"},
      {"CancelWithoutEitherId", "DELETE", "/api/v3/order", "symbol=BTCUSDT", 400, -1102,
       "Param 'orderId' or 'origClientOrderId' must be sent, but both were empty/null!"},
      {"MarketWithoutEitherQuantity", "POST", "/api/v3/order",
       "symbol=BTCUSDT&side=BUY&type=MARKET", 400, -1102,
       "Param 'quantity' or 'quoteOrderQty' must be sent, but both were empty/null!"},
      {"FuturesWithoutPermission", "GET", "/fapi/v2/account", "", 401, -2015, rejected},
      {"MarginOrderWithoutPermission", "POST", "/sapi/v1/margin/order",
       "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.001", 401, -2015, rejected},
      {"WithdrawWithoutPermission", "POST", "/sapi/v1/capital/withdraw/apply",
       "coin=BTC&address=x&amount=0.1", 401, -2015, rejected},
      {"TransferWithoutPermission", "POST", "/sapi/v1/asset/transfer",
       "type=MAIN_UMFUTURE&asset=USDT&amount=1", 401, -2015, rejected},
  };
}

class BinanceErrors : public PaperFixture, public ::testing::WithParamInterface<ErrorCase> {};

TEST_P(BinanceErrors, ExactCodeTextAndStatus) {
  const ErrorCase& c = GetParam();
  HttpResponse r = Send(c.method, c.path, c.query, c.sign, c.api_key, c.secret, c.peer);
  EXPECT_EQ(r.status, c.status) << r.body;
  auto body = Body(r).as_object();
  EXPECT_EQ(body.at("code").as_int64(), c.code) << r.body;
  EXPECT_EQ(std::string(body.at("msg").as_string()), c.msg);
  EXPECT_TRUE(HeaderOf(r, "X-MBX-USED-WEIGHT-1M") || HeaderOf(r, "X-SAPI-USED-IP-WEIGHT-1M"))
      << c.name;
}

INSTANTIATE_TEST_SUITE_P(Documented, BinanceErrors, ::testing::ValuesIn(Cases()),
                         [](const auto& p) { return p.param.name; });

TEST_F(PaperFixture, PublishedExampleB1IsAcceptedByteForByte) {
  // Binance's own signed example (rest-api.md): the exact query string and signature.
  HttpRequest r;
  r.method = "POST";
  r.target =
      "/api/v3/"
      "order?symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000"
      "&timestamp=1499827319559&signature="
      "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71";
  r.peer_ip = "127.0.0.1";
  r.headers.emplace_back("x-mbx-apikey", std::string(kDocApiKey));
  HttpResponse out = stage_.Handle(r);
  ASSERT_EQ(out.status, 200u) << out.body;
  EXPECT_EQ(Body(out).at("symbol").as_string(), "LTCBTC");
  // The same signature moved into a form body, as ccxt sends it, is equally valid.
  r.target = "/api/v3/order";
  r.body =
      "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000"
      "&timestamp=1499827319559&signature="
      "C8DB56825AE71D6D79447849E617115F4A920FA2ACDCAB2B053C4B2838BD6B71";
  out = stage_.Handle(r);
  ASSERT_EQ(out.status, 200u) << out.body;  // hex is not case-sensitive
  // One changed byte in the payload is not.
  r.body.replace(r.body.find("quantity=1"), 10, "quantity=2");
  out = stage_.Handle(r);
  EXPECT_EQ(Body(out).at("code").as_int64(), -1022);
}

TEST_F(PaperFixture, RequestWeightGives429ThenA418Ban) {
  {
    auto lock = exchange_.Lock();
    ASSERT_TRUE(admin_.SetLimits(boost::json::object{
        {"binance", boost::json::object{{"weight_per_minute", 10}, {"ban_after", 2}}}}));
  }
  for (int i = 0; i < 10; ++i) ASSERT_EQ(Send("GET", "/api/v3/ping", "", false).status, 200u);
  HttpResponse r = Send("GET", "/api/v3/ping", "", false);
  EXPECT_EQ(r.status, 429u);
  EXPECT_EQ(Body(r).at("code").as_int64(), -1003);
  int64_t to_window_end = 60'000 - clock_.ms() % 60'000;
  EXPECT_EQ(HeaderOf(r, "Retry-After"), std::to_string((to_window_end + 999) / 1000));
  r = Send("GET", "/api/v3/ping", "", false);
  EXPECT_EQ(r.status, 418u);
  EXPECT_EQ(HeaderOf(r, "Retry-After"), "120");  // first ban: 2 minutes
  clock_.Advance(121'000);
  EXPECT_EQ(Send("GET", "/api/v3/ping", "", false).status, 200u);
}

TEST_F(PaperFixture, OrderRateLimitPerTenSeconds) {
  {
    auto lock = exchange_.Lock();
    ASSERT_TRUE(admin_.SetLimits(
        boost::json::object{{"binance", boost::json::object{{"orders_per_10s", 2}}}}));
  }
  std::string order =
      "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.001&price=10000";
  HttpResponse first = Send("POST", "/api/v3/order", order);
  ASSERT_EQ(first.status, 200u) << first.body;
  EXPECT_EQ(HeaderOf(first, "X-MBX-ORDER-COUNT-10S"), "1");
  EXPECT_EQ(Send("POST", "/api/v3/order", order).status, 200u);
  HttpResponse third = Send("POST", "/api/v3/order", order);
  EXPECT_EQ(third.status, 429u);
  EXPECT_EQ(Body(third).at("msg").as_string(),
            "Too many new orders; current limit is 2 orders per 10 SECOND.");
  clock_.Advance(10'000);
  EXPECT_EQ(Send("POST", "/api/v3/order", order).status, 200u);  // a new window
  HttpResponse fourth = Send("POST", "/api/v3/order", order);    // 4 open > MAX_NUM_ORDERS 3
  EXPECT_EQ(Body(fourth).at("msg").as_string(), "Filter failure: MAX_NUM_ORDERS");
}

TEST_F(PaperFixture, MaintenanceRefusesTradingAndReportsStatus) {
  {
    auto lock = exchange_.Lock();
    exchange_.SetMaintenance(true);
  }
  EXPECT_EQ(Body(Send("GET", "/sapi/v1/system/status", "", false)).at("status").as_int64(), 1);
  HttpResponse r =
      Send("POST", "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.001");
  EXPECT_EQ(r.status, 503u);
  EXPECT_EQ(Body(r).at("code").as_int64(), -1016);
  EXPECT_EQ(Send("GET", "/api/v3/account", "").status, 200u);  // reading still works
}

TEST_F(PaperFixture, FaultsBeforeAndAfterAcceptAndDrop) {
  std::string order =
      "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.001&price=10000";
  auto open_orders = [&] {
    return Body(Send("GET", "/api/v3/openOrders", "symbol=BTCUSDT")).as_array().size();
  };
  {
    auto lock = exchange_.Lock();
    ASSERT_TRUE(admin_.SetFaults(boost::json::object{{"fail_before_accept", 1}}));
  }
  HttpResponse r = Send("POST", "/api/v3/order", order);
  EXPECT_EQ(r.status, 503u);
  EXPECT_EQ(Body(r).at("code").as_int64(), -1007);
  EXPECT_EQ(open_orders(), 0u);  // not placed
  {
    auto lock = exchange_.Lock();
    ASSERT_TRUE(admin_.SetFaults(boost::json::object{{"fail_after_accept", 1}}));
  }
  r = Send("POST", "/api/v3/order", order);
  EXPECT_EQ(r.status, 500u);
  EXPECT_EQ(Body(r).at("code").as_int64(), -1006);
  EXPECT_EQ(open_orders(), 1u);  // placed although the answer was an error
  {
    auto lock = exchange_.Lock();
    ASSERT_TRUE(
        admin_.SetFaults(boost::json::object{{"drop_after_accept", 1}, {"latency_ms", 250}}));
  }
  r = Send("POST", "/api/v3/order", order);
  EXPECT_TRUE(r.drop);
  EXPECT_EQ(r.delay.count(), 250);
  EXPECT_EQ(open_orders(), 2u);
}

}  // namespace
}  // namespace amanah::paper::testing
