// The Binance adapter against the paper exchange over real HTTP on 127.0.0.1: the permission and
// account reads, clock skew re-synced, maintenance seen, 429s backed off for the whole origin,
// refused keys classified and diagnosed, and spot orders.
#include "exchange/binance/binance_exchange.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <boost/asio/io_context.hpp>

#include "exchange/registry.h"
#include "testing/paper_adapters.h"
#include "transport/run_blocking.h"
#include "transport/transport.h"

namespace amanah::exchange::binance {
namespace {

class PaperBinance : public testing::PaperAdapters {
 protected:
  PaperBinance()
      : PaperAdapters(R"({
      "markets": [{"symbol": "BTCUSDT", "base": "BTC", "quote": "USDT", "tick_size": "0.01", "step_size": "0.00001",
                   "min_notional": "5", "start_price": "65000.00", "volatility_bp": 0, "level_qty": "1"}],
      "accounts": [{"name": "alice", "balances": {"USDT": "10000", "BTC": "0.5"}},
                   {"name": "debtor", "balances": {"USDT": "100"}, "margin_loans": [{"asset": "USDT", "borrowed": "50", "interest": "0.01"}]}],
      "keys": [
        {"name": "good", "account": "alice", "permissions": {"reading": true, "spot_and_margin_trading": true}, "ip_whitelist": ["127.0.0.1"]},
        {"name": "noread", "account": "alice", "permissions": {"reading": false, "spot_and_margin_trading": true}, "ip_whitelist": ["127.0.0.1"]},
        {"name": "otherip", "account": "alice", "permissions": {"reading": true}, "ip_whitelist": ["192.0.2.1"]},
        {"name": "debt", "account": "debtor", "permissions": {"reading": true, "spot_and_margin_trading": true}, "ip_whitelist": ["127.0.0.1"]}
      ]})") {}

  std::unique_ptr<SpotExchange> Client(const std::string& name, std::string secret = "") {
    return Open("binance", paper_.url(), name, std::move(secret));
  }
};

TEST_F(PaperBinance, ReadsTheKeysPermissionsAndTheAccountsState) {
  auto ex = Client("good");
  auto permissions = Run(ex->Permissions());
  ASSERT_TRUE(permissions) << permissions.error();
  EXPECT_EQ(permissions->reading, Flag::kOn);
  EXPECT_EQ(permissions->withdrawals, Flag::kOff);
  EXPECT_EQ(permissions->ip_restricted, true);
  EXPECT_TRUE(permissions->created_at_ms.has_value());
  auto account = Run(ex->Account());
  ASSERT_TRUE(account) << account.error();
  EXPECT_FALSE(account->account_id.empty());
  EXPECT_EQ(account->can_trade, Flag::kOn);
  EXPECT_TRUE(account->debts.empty());
  ASSERT_EQ(account->unreadable.size(), 1u);
  EXPECT_EQ(account->unreadable[0].code, "FUTURES_ACCOUNT_NOT_READABLE");
  auto debtor = Run(Client("debt")->Account());
  ASSERT_TRUE(debtor);
  ASSERT_EQ(debtor->debts.size(), 1u);
  EXPECT_EQ(debtor->debts[0].asset, "USDT");
  EXPECT_EQ(debtor->debts[0].borrowed.ToNormalizedString(), "50");
  EXPECT_EQ(debtor->debts[0].interest.ToNormalizedString(), "0.01");
}

TEST_F(PaperBinance, ClockSkewIsResyncedAndMaintenanceIsSeen) {
  {
    auto lock = paper_.exchange().Lock();
    paper_.exchange().SetClockSkew(120'000);  // the exchange's clock two minutes ahead of ours
  }
  auto ex = Client("good");
  auto balances = Run(ex->Balances());  // first attempt -1021, re-sync, second attempt succeeds
  ASSERT_TRUE(balances) << balances.error();
  EXPECT_NEAR(static_cast<double>(dynamic_cast<BinanceExchange&>(*ex).time_offset_ms()), 120'000.0,
              2'000.0);
  {
    auto lock = paper_.exchange().Lock();
    paper_.exchange().SetMaintenance(true);
  }
  auto status = Run(ex->Status());
  ASSERT_TRUE(status) << status.error();
  EXPECT_FALSE(status->normal);
}

TEST_F(PaperBinance, A429HoldsEveryKeyOnTheOriginUntilRetryAfter) {
  auto ex = Client("good");
  // Spend the weight: /api/v3/account costs 20 of the default 6000 per IP per minute.
  int ok = 0;
  base::Result<std::vector<Balance>> last = std::vector<Balance>{};
  while (last && ok < 700) {
    last = Run(ex->Balances());
    if (last) ++ok;
  }
  ASSERT_FALSE(last);
  EXPECT_EQ(last.error().code(), base::ErrorCode::kRateLimited);
  EXPECT_EQ(FailureOf(last.error()), Failure::kRateLimited);
  EXPECT_GT(last.error().exchange()->retry_at_ms, base::UnixMillis(clock_.Now()));
  EXPECT_GE(ok, 300);  // 6000 / 20 (more if the minute window turned during the loop)
  EXPECT_LT(ok, 600);
  EXPECT_NE(last.error().message().find("wait"), std::string::npos) << last.error();
  // Not sent, for this key or any other on the same origin: backing off until Retry-After.
  for (const char* name : {"good", "debt"}) {
    auto held = Run(Client(name)->Balances());
    ASSERT_FALSE(held);
    EXPECT_NE(held.error().message().find("backing off after a 429"), std::string::npos)
        << held.error();
  }
}

TEST_F(PaperBinance, RefusedKeysAreClassifiedAndDiagnosed) {
  // A permission off: the key's own restrictions still answer, so that is what is said.
  auto noread = Client("noread");
  auto account = Run(noread->Account());
  ASSERT_FALSE(account);
  EXPECT_EQ(FailureOf(account.error()), Failure::kKeyRefused);
  EXPECT_EQ(account.error().exchange()->code, "-2015");
  Diagnosis d = Run(noread->Diagnose(account.error()));
  EXPECT_EQ(d.failure, Failure::kPermissionMissing);
  EXPECT_NE(d.explanation.find("'Enable Reading'"), std::string::npos) << d.explanation;
  // Not whitelisted for our IP: Binance cannot say which of deleted or IP.
  auto otherip = Client("otherip");
  auto refused = Run(otherip->Balances());
  ASSERT_FALSE(refused);
  Diagnosis ip = Run(otherip->Diagnose(refused.error()));
  EXPECT_EQ(ip.failure, Failure::kKeyOrIpRefused);
  EXPECT_NE(ip.explanation.find("Binance answers both with -2015"), std::string::npos);
  // A wrong secret: the signature is refused.
  auto wrong = Client("good", std::string(64, 'x'));
  auto bad = Run(wrong->Balances());
  ASSERT_FALSE(bad);
  EXPECT_EQ(FailureOf(bad.error()), Failure::kSignatureRejected);
  EXPECT_NE(Run(wrong->Diagnose(bad.error())).explanation.find("does not belong to this API key"),
            std::string::npos);
}

TEST_F(PaperBinance, SpotOrdersThroughTheAdapter) {
  auto ex = Client("good");
  OrderRequest limit;
  limit.symbol = "BTCUSDT";
  limit.side = Side::kBuy;
  limit.type = OrderType::kLimit;
  limit.quantity = base::Decimal::Parse("0.001").value();
  limit.price = base::Decimal::Parse("60000").value();
  limit.client_order_id = "amanah-test-1";
  auto placed = Run(ex->PlaceOrder(limit));
  ASSERT_TRUE(placed) << placed.error();
  EXPECT_EQ(placed->status, OrderStatus::kNew);
  EXPECT_EQ(placed->exchange_status, "NEW");
  EXPECT_EQ(placed->client_order_id, "amanah-test-1");
  EXPECT_EQ(Run(ex->QueryOrder("BTCUSDT", "amanah-test-1"))->price,
            base::Decimal::Parse("60000").value());
  EXPECT_EQ(Run(ex->OpenOrders("BTCUSDT"))->size(), 1u);
  auto canceled = Run(ex->CancelOrder("BTCUSDT", "amanah-test-1"));
  ASSERT_TRUE(canceled) << canceled.error();
  EXPECT_EQ(canceled->status, OrderStatus::kCanceled);
  EXPECT_EQ(canceled->client_order_id, "amanah-test-1");
  OrderRequest market = limit;
  market.type = OrderType::kMarket;
  market.price.reset();
  market.client_order_id = "amanah-test-2";
  auto filled = Run(ex->PlaceOrder(market));
  ASSERT_TRUE(filled) << filled.error();
  EXPECT_EQ(filled->status, OrderStatus::kFilled);
  auto trades = Run(ex->MyTrades("BTCUSDT"));
  ASSERT_TRUE(trades);
  ASSERT_EQ(trades->size(), 1u);
  EXPECT_EQ(trades->at(0).qty, base::Decimal::Parse("0.001").value());
  auto unknown = Run(ex->QueryOrder("BTCUSDT", "nope"));
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code(), base::ErrorCode::kNotFound);
  EXPECT_EQ(FailureOf(unknown.error()), Failure::kNotFound);
  EXPECT_EQ(unknown.error().exchange()->message, "Order does not exist.");
}

TEST_F(PaperBinance, SymbolsCarryTheirFilters) {
  auto symbols = Run(Client("good")->Symbols());
  ASSERT_TRUE(symbols) << symbols.error();
  ASSERT_EQ(symbols->size(), 1u);
  const SymbolInfo& s = symbols->front();
  EXPECT_EQ(s.symbol, "BTCUSDT");
  EXPECT_TRUE(s.spot);
  EXPECT_TRUE(s.trading);
  EXPECT_EQ(s.tick_size.ToNormalizedString(), "0.01");
  EXPECT_EQ(s.step_size.ToNormalizedString(), "0.00001");
  EXPECT_EQ(s.min_notional.ToNormalizedString(), "5");
  EXPECT_THAT(s.order_types, ::testing::Contains("stop_loss_limit"));
  EXPECT_TRUE(s.trailing_allowed);
  EXPECT_EQ(s.min_trailing_below, 10);
  EXPECT_EQ(s.max_trailing_above, 2000);
}

TEST_F(PaperBinance, TheRateBudgetCountsAgainstTheLimitExchangeInfoPublishes) {
  auto client = Client("good");
  EXPECT_EQ(client->Budget().weight_limit, 6000);  // Binance's documented figure until told
  paper_.RaiseLimits();
  ASSERT_TRUE(Run(client->Symbols()));
  EXPECT_EQ(client->Budget().weight_limit, 10'000'000);
  EXPECT_GT(client->Budget().used_weight, 0);
  // Every adapter on the origin shares it, as it shares the used weight.
  EXPECT_EQ(Client("good")->Budget().weight_limit, 10'000'000);
}

TEST_F(PaperBinance, TheRegistryRefusesUnknownExchangesAndBadOrigins) {
  KeyMaterial key{
      std::string(64, 'a'), "hmac", crypto::SecretBytes::CopyFrom(std::string(64, 'b')), {}};
  auto unknown = registry_.Open("ftx", std::nullopt, std::move(key));
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message().find(
                "unknown exchange \"ftx\" (known: binance, bybit, okx, kraken)"),
            std::string::npos);
  EXPECT_FALSE(registry_.OriginFor("binance", "https://u:p@api.binance.com"));
  EXPECT_FALSE(registry_.OriginFor("binance", "http://api.binance.com"));
  EXPECT_EQ(*registry_.OriginFor("binance", std::nullopt), "https://api.binance.com");
}

}  // namespace
}  // namespace amanah::exchange::binance
