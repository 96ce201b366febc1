// The venue-neutral core: the shared stage applies maintenance, the order faults, latency and the
// 500 for a failing handler to any venue alike, in that venue's words; accounts and keys name
// their venue and a key authenticates only at its own; permissions are neutral flags with
// Binance's names as aliases; limits are set per venue, all or nothing.
#include <gtest/gtest.h>

#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>
#include <boost/json.hpp>

#include "core/state_json.h"
#include "paper/paper_fixture.h"
#include "venues/venue_stage.h"

namespace amanah::paper::testing {
namespace {

namespace json = boost::json;

/// A venue that answers every request with a call of the kind the path names
/// (/public, /read, /trade, /place, /throw), rendering refusals as 599 with the refusal's number.
class FakeVenue final : public Venue {
 public:
  explicit FakeVenue(Exchange& exchange) : exchange_(exchange) {}
  std::string_view name() const override { return "fakex"; }
  Admission Admit(const HttpRequest& request) override {
    ++admitted;
    std::string_view path = request.Path();
    if (path == "/unknown") {
      HttpResponse r;
      r.status = 404;
      return r;
    }
    CallKind kind = path == "/public"  ? CallKind::kPublic
                    : path == "/read"  ? CallKind::kRead
                    : path == "/trade" ? CallKind::kTrade
                                       : CallKind::kPlaceOrder;
    return std::make_unique<Call>(*this, kind, path == "/throw");
  }
  std::string NewKeyId(Exchange& exchange) const override { return exchange.RandomAlnum(18); }
  std::string NewSecret(Exchange& exchange) const override { return exchange.RandomAlnum(36); }
  base::Result<void> CheckKey(const ApiKey& key) const override {
    if (key.passphrase.empty())
      return base::Error(base::ErrorCode::kInvalidArgument, "field 'passphrase': required");
    return {};
  }
  json::object Limits() const override { return json::object{{"per_second", per_second}}; }
  base::Result<void> SetLimits(const json::object& in) override {
    for (const auto& [name, value] : in) {
      if (name != "per_second" || !value.is_int64())
        return base::Error(base::ErrorCode::kInvalidArgument, "unknown limit");
      per_second = value.as_int64();
    }
    return {};
  }
  void ResetRateLimits() override { ++resets; }

  int admitted = 0;
  int executed = 0;
  int resets = 0;
  int64_t per_second = 10;

 private:
  class Call final : public VenueCall {
   public:
    Call(FakeVenue& venue, CallKind kind, bool fail) : venue_(venue), kind_(kind), fail_(fail) {}
    CallKind kind() const override { return kind_; }
    HttpResponse Execute() override {
      if (fail_) throw std::runtime_error("the fake handler failed");
      ++venue_.executed;
      HttpResponse r;
      r.body = "done";
      return r;
    }
    HttpResponse Refuse(Refusal refusal) const override {
      HttpResponse r;
      r.status = 599;
      r.body = std::to_string(static_cast<int>(refusal));
      return r;
    }

   private:
    FakeVenue& venue_;
    CallKind kind_;
    bool fail_;
  };

  Exchange& exchange_;
};

class Venues2 : public PaperFixture {
 protected:
  Venues2()
      : fake_(exchange_),
        fake_stage_(exchange_, fake_),
        both_(exchange_, Venues({&venue_, &fake_}), "token-0123456789abcdef") {}

  HttpResponse Fake(std::string path) {
    HttpRequest request;
    request.method = "GET";
    request.target = std::move(path);
    return fake_stage_.Handle(request);
  }

  FakeVenue fake_;
  VenueStage fake_stage_;
  AdminApi both_;
};

std::string RefusalBody(Refusal r) { return std::to_string(static_cast<int>(r)); }

TEST_F(Venues2, MaintenanceRefusesTradingCallsOfAnyVenue) {
  {
    auto lock = exchange_.Lock();
    exchange_.SetMaintenance(true);
  }
  EXPECT_EQ(Fake("/public").body, "done");
  EXPECT_EQ(Fake("/read").body, "done");
  for (const char* path : {"/trade", "/place"}) {
    HttpResponse r = Fake(path);
    EXPECT_EQ(r.status, 599u);
    EXPECT_EQ(r.body, RefusalBody(Refusal::kMaintenance));
  }
  EXPECT_EQ(fake_.executed, 2);
}

TEST_F(Venues2, OrderFaultsRunDownOnOrderPlacementsOnly) {
  {
    auto lock = exchange_.Lock();
    ASSERT_TRUE(admin_.SetFaults(json::object{
        {"fail_before_accept", 1}, {"fail_after_accept", 1}, {"drop_after_accept", 1}}));
  }
  EXPECT_EQ(Fake("/trade").body, "done");  // not an order placement: untouched
  EXPECT_EQ(Fake("/place").body, RefusalBody(Refusal::kFailBeforeAccept));
  EXPECT_EQ(fake_.executed, 1);  // not placed
  EXPECT_EQ(Fake("/place").body, RefusalBody(Refusal::kFailAfterAccept));
  EXPECT_EQ(fake_.executed, 2);  // placed, answered with an error
  HttpResponse dropped = Fake("/place");
  EXPECT_TRUE(dropped.drop);
  EXPECT_EQ(fake_.executed, 3);
  EXPECT_FALSE(Fake("/place").drop);  // the counts ran down
}

TEST_F(Venues2, LatencyDelaysEveryAnswerEvenTheVenuesOwnRefusals) {
  {
    auto lock = exchange_.Lock();
    ASSERT_TRUE(admin_.SetFaults(json::object{{"latency_ms", 40}}));
  }
  EXPECT_EQ(Fake("/unknown").delay.count(), 40);
  EXPECT_EQ(Fake("/read").delay.count(), 40);
}

TEST_F(Venues2, AFailingHandlerIsLoggedAndRefusedInTheVenuesWords) {
  auto sink = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(8);
  auto previous = spdlog::default_logger();
  spdlog::set_default_logger(std::make_shared<spdlog::logger>("test", sink));
  HttpResponse r = Fake("/throw");
  spdlog::set_default_logger(previous);
  EXPECT_EQ(r.status, 599u);
  EXPECT_EQ(r.body, RefusalBody(Refusal::kInternal));
  std::string logged;
  for (const std::string& line : sink->last_formatted()) logged += line;
  EXPECT_NE(logged.find("the fake handler failed"), std::string::npos) << logged;
  EXPECT_NE(logged.find("fakex"), std::string::npos) << logged;
}

TEST_F(Venues2, BinanceSaysTheStagesRefusalInItsOwnCode) {
  // The Binance venue's own rendering of each shared refusal.
  {
    auto lock = exchange_.Lock();
    exchange_.SetMaintenance(true);
  }
  HttpResponse r = Send("DELETE", "/api/v3/order", "symbol=BTCUSDT&orderId=1");
  EXPECT_EQ(r.status, 503u);
  EXPECT_EQ(Body(r).at("code").as_int64(), -1016);
  EXPECT_TRUE(HeaderOf(r, "X-MBX-USED-WEIGHT-1M"));
}

TEST_F(Venues2, AnAccountNamesItsVenueAndItsKeysAreThatVenues) {
  auto lock = exchange_.Lock();
  // With two venues served, an account must say which it is on.
  auto unnamed = both_.CreateAccount(json::object{{"name", "carol"}});
  ASSERT_FALSE(unnamed);
  EXPECT_NE(unnamed.error().message().find("binance, fakex"), std::string::npos);
  auto unknown = both_.CreateAccount(json::object{{"name", "carol"}, {"venue", "nasdaq"}});
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message().find("nasdaq"), std::string::npos);
  ASSERT_TRUE(both_.CreateAccount(json::object{{"name", "carol"}, {"venue", "fakex"}}));
  // The venue decides what its keys look like: fakex wants a passphrase and issues short ids.
  auto no_passphrase = both_.CreateKey(json::object{{"account", "carol"}});
  ASSERT_FALSE(no_passphrase);
  EXPECT_NE(no_passphrase.error().message().find("passphrase"), std::string::npos);
  auto mismatch = both_.CreateKey(
      json::object{{"account", "carol"}, {"venue", "binance"}, {"passphrase", "p"}});
  ASSERT_FALSE(mismatch);
  EXPECT_NE(mismatch.error().message().find("fakex"), std::string::npos);
  auto key = both_.CreateKey(json::object{{"account", "carol"},
                                          {"passphrase", "correct horse"},
                                          {"permissions", json::object{{"spot_trade", true}}}});
  ASSERT_TRUE(key) << key.error();
  EXPECT_EQ(key->api_key.size(), 18u);
  const ApiKey* stored = exchange_.FindKey(key->api_key);
  ASSERT_NE(stored, nullptr);
  EXPECT_EQ(stored->venue, "fakex");
  EXPECT_EQ(stored->passphrase, "correct horse");
  // The state view never shows the passphrase, as it never shows the secret.
  HttpRequest state;
  state.method = "GET";
  state.target = "/admin/state";
  state.headers.emplace_back("authorization", "Bearer token-0123456789abcdef");
  lock.unlock();
  HttpResponse shown = both_.Handle(state);
  EXPECT_EQ(shown.status, 200u);
  EXPECT_EQ(shown.body.find("correct horse"), std::string::npos);
  EXPECT_EQ(shown.body.find(key->secret), std::string::npos);
}

TEST_F(Venues2, AKeyOfAnotherVenueIsRefusedByBinance) {
  std::string key_id;
  std::string secret;
  {
    auto lock = exchange_.Lock();
    ASSERT_TRUE(both_.CreateAccount(json::object{{"name", "dave"}, {"venue", "fakex"}}));
    // A key with Binance's shape, but issued for an account on fakex.
    ApiKey key;
    key.api_key = std::string(64, 'D');
    key.secret = std::string(64, 's');
    key.venue = "fakex";
    key.account = exchange_.FindAccountByName("dave")->uid;
    key.permissions.spot_trade = true;
    ASSERT_TRUE(exchange_.AddKey(key));
    key_id = key.api_key;
    secret = key.secret;
  }
  HttpResponse r = Send("GET", "/api/v3/account", "", true, key_id, secret);
  EXPECT_EQ(r.status, 401u);
  EXPECT_EQ(Body(r).at("code").as_int64(), -2015);
}

TEST(Permissions, NeutralNamesAndBinanceAliases) {
  Permissions p;
  ASSERT_TRUE(Update(json::object{{"spot_and_margin_trading", true},
                                  {"withdrawals", true},
                                  {"vanilla_options", true},
                                  {"reading", false}},
                     p));
  EXPECT_TRUE(p.spot_trade);
  EXPECT_TRUE(p.withdraw);
  EXPECT_TRUE(p.options);
  EXPECT_FALSE(p.read);
  json::object out = ToJson(p);
  EXPECT_EQ(out.at("spot_trade"), true);
  EXPECT_FALSE(out.contains("spot_and_margin_trading"));  // written under the neutral name only
  Permissions again;
  ASSERT_TRUE(Update(out, again));
  EXPECT_EQ(again, p);
  EXPECT_FALSE(Update(json::object{{"trade_everything", true}}, p));
}

TEST_F(Venues2, LimitsArePerVenueAndAllOrNothing) {
  auto lock = exchange_.Lock();
  ASSERT_TRUE(both_.SetLimits(json::object{{"fakex", json::object{{"per_second", 3}}},
                                           {"binance", json::object{{"orders_per_10s", 7}}}}));
  EXPECT_EQ(fake_.per_second, 3);
  EXPECT_EQ(venue_.limits().orders_per_10s, 7);
  auto bad = both_.SetLimits(json::object{{"binance", json::object{{"orders_per_10s", 9}}},
                                          {"fakex", json::object{{"nonsense", 1}}}});
  ASSERT_FALSE(bad);
  EXPECT_EQ(venue_.limits().orders_per_10s, 7);  // rolled back
  EXPECT_FALSE(both_.SetLimits(json::object{{"kraken", json::object{}}}));
}

TEST_F(PaperFixture, SnapshotOfVersionOneIsReadAsBinance) {
  auto lock = exchange_.Lock();
  json::object snap = admin_.Snapshot();
  snap["format"] = "amanah-paper-snapshot/1";
  for (auto& a : snap["accounts"].as_array()) a.as_object().erase("venue");
  for (auto& k : snap["keys"].as_array()) k.as_object().erase("venue");
  ASSERT_TRUE(admin_.Restore(snap));
  EXPECT_EQ(exchange_.FindAccountByName("alice")->venue, "binance");
  EXPECT_EQ(exchange_.FindKey(kDocApiKey)->venue, "binance");
  // A malformed record is named by its path, and nothing changes.
  snap["trades"] = json::array{json::object{{"id", 1}, {"account", "x"}}};
  auto bad = admin_.Restore(snap);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message().find("trades[0].account"), std::string::npos) << bad.error();
}

}  // namespace
}  // namespace amanah::paper::testing
