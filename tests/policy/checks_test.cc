// Each check of the order policy as a table: the facts, and what it decides — continue, or the
// reject code, the rule and a citation. Pure: no exchange, no store.
#include <functional>

#include <gtest/gtest.h>

#include "policy/exchange_filters_check.h"
#include "policy/funds_check.h"
#include "policy/key_standing_check.h"
#include "policy/limits_check.h"
#include "policy/rate_budget_check.h"
#include "policy/screen_check.h"
#include "policy/spot_symbol_check.h"
#include "policy/standard_chain.h"

namespace amanah::policy {
namespace {

using base::Decimal;
using exchange::Side;

Decimal D(std::string_view s) { return Decimal::Parse(s).value(); }

const screen::Screening& Shipped() {
  static const auto s = screen::Screening::Load({}).value();
  return *s;
}

exchange::SymbolInfo Btc() {
  exchange::SymbolInfo s;
  s.symbol = "BTCUSDT";
  s.base = "BTC";
  s.quote = "USDT";
  s.status = "TRADING";
  s.trading = true;
  s.spot = true;
  s.permissions = {"SPOT"};
  s.tick_size = D("0.01");
  s.min_price = D("0.01");
  s.max_price = D("1000000");
  s.step_size = D("0.00001");
  s.min_qty = D("0.00001");
  s.max_qty = D("9000");
  s.min_notional = D("5");
  return s;
}

// A buy of 0.001 BTC at 60000 on an account with 2500 USDT and 0.25 BTC, in good standing.
OrderFacts Facts() {
  OrderFacts f;
  f.intent.id = std::string(32, 'a');
  f.intent.connection_label = "main";
  f.intent.symbol = "BTCUSDT";
  f.intent.side = Side::kBuy;
  f.intent.type = exchange::OrderType::kLimit;
  f.intent.quantity = D("0.001");
  f.intent.limit_price = D("60000");
  f.standing.may_trade = true;
  f.symbol = Btc();
  f.balances = {{"USDT", D("2500"), D("0")}, {"BTC", D("0.25"), D("0")}};
  f.last_price = D("60000");
  f.quote_volume_24h = D("50000000");
  f.allowed_pairs = {"BTCUSDT"};
  return f;
}

struct Case {
  std::string name;
  std::function<void(OrderFacts&)> change;
  std::string code;  ///< empty: continue
  std::string rule;
};

void Expect(const Check& check, const Case& c) {
  OrderFacts f = Facts();
  c.change(f);
  Decision d = check.Decide(f);
  if (c.code.empty()) {
    EXPECT_FALSE(d) << c.name << ": " << (d ? d->code + " " + d->reason : "");
    return;
  }
  ASSERT_TRUE(d) << c.name;
  EXPECT_EQ(d->code, c.code) << c.name << ": " << d->reason;
  EXPECT_EQ(d->rule, c.rule) << c.name;
  EXPECT_FALSE(d->reason.empty()) << c.name;
  EXPECT_FALSE(d->citation.empty()) << c.name;
}

auto Nothing = [](OrderFacts&) {};

TEST(KeyStandingCheck, Table) {
  KeyStandingCheck check;
  for (const Case& c : std::vector<Case>{
           {"good standing", Nothing, "", ""},
           {"suspended",
            [](OrderFacts& f) {
              f.standing = {false, false, "\"main\" is suspended"};
            },
            "KEY_NOT_IN_STANDING", "key.status"},
           {"audit due",
            [](OrderFacts& f) {
              f.standing = {false, true, "audited too long ago"};
            },
            "AUDIT_DUE", "audit.max_age"},
       }) {
    Expect(check, c);
  }
}

TEST(SpotSymbolCheck, Table) {
  SpotSymbolCheck check(Shipped());
  for (const Case& c : std::vector<Case>{
           {"listed spot pair", Nothing, "", ""},
           {"unlisted", [](OrderFacts& f) { f.symbol.reset(); }, "UNKNOWN_SYMBOL", "EXE-1"},
           {"not spot", [](OrderFacts& f) { f.symbol->spot = false; }, "NOT_SPOT", "EXE-1"},
           {"halted",
            [](OrderFacts& f) {
              f.symbol->trading = false;
              f.symbol->status = "HALT";
            },
            "SYMBOL_NOT_TRADING", "EXE-1"},
           {"exchange marks it leveraged",
            [](OrderFacts& f) { f.symbol->permissions.push_back("LEVERAGED"); }, "LEVERAGED_TOKEN",
            "EXE-2"},
           {"name pattern of a leveraged token",
            [](OrderFacts& f) {
              f.intent.symbol = "ETH3LUSDT";
              f.symbol->symbol = "ETH3LUSDT";
              f.symbol->base = "ETH3L";
            },
            "LEVERAGED_TOKEN", "EXE-2"},
       }) {
    Expect(check, c);
  }
}

TEST(ScreenCheck, Table) {
  ScreenCheck strict(Shipped(), /*allow_doubtful=*/false);
  ScreenCheck opted_in(Shipped(), /*allow_doubtful=*/true);
  auto pair = [](std::string base) {
    return [base](OrderFacts& f) {
      f.symbol->base = base;
      f.symbol->symbol = base + "USDT";
      f.intent.symbol = f.symbol->symbol;
    };
  };
  Expect(strict, {"compliant", Nothing, "", ""});
  Expect(strict, {"non-compliant (lending)", pair("AAVE"), "NON_COMPLIANT", "RIBA-2"});
  Expect(strict, {"doubtful, no opt-in", pair("DOGE"), "DOUBTFUL", "MAY-2"});
  Expect(opted_in, {"doubtful, opted in", pair("DOGE"), "", ""});
  Expect(opted_in, {"non-compliant even opted in", pair("AAVE"), "NON_COMPLIANT", "RIBA-2"});
}

TEST(ExchangeFiltersCheck, Table) {
  ExchangeFiltersCheck check;
  for (const Case& c : std::vector<Case>{
           {"on the filters", Nothing, "", ""},
           {"rounds to nothing", [](OrderFacts& f) { f.intent.quantity = D("0.000004"); },
            "QUANTITY_BELOW_MINIMUM", "LOT_SIZE.minQty"},
           {"above max qty", [](OrderFacts& f) { f.intent.quantity = D("9001"); },
            "QUANTITY_ABOVE_MAXIMUM", "LOT_SIZE.maxQty"},
           {"price above range", [](OrderFacts& f) { f.intent.limit_price = D("2000000"); },
            "PRICE_OUT_OF_RANGE", "PRICE_FILTER"},
           {"below min notional", [](OrderFacts& f) { f.intent.quantity = D("0.00005"); },
            "NOTIONAL_BELOW_MINIMUM", "NOTIONAL.minNotional"},
           {"above max notional", [](OrderFacts& f) { f.symbol->max_notional = D("50"); },
            "NOTIONAL_ABOVE_MAXIMUM", "NOTIONAL.maxNotional"},
           {"too many open orders",
            [](OrderFacts& f) {
              f.symbol->max_open_orders = 200;
              f.open_orders_on_symbol = 200;
            },
            "TOO_MANY_OPEN_ORDERS", "MAX_NUM_ORDERS"},
           {"a market order does not rest",
            [](OrderFacts& f) {
              f.symbol->max_open_orders = 200;
              f.open_orders_on_symbol = 200;
              f.intent.type = exchange::OrderType::kMarket;
              f.intent.limit_price.reset();
            },
            "", ""},
           {"market order without a price",
            [](OrderFacts& f) {
              f.intent.type = exchange::OrderType::kMarket;
              f.intent.limit_price.reset();
              f.last_price.reset();
            },
            "PRICE_UNKNOWN", "NOTIONAL"},
       }) {
    Expect(check, c);
  }
}

TEST(ExchangeFiltersCheck, RoundsTowardTheSafeSideNeverUp) {
  ExchangeFiltersCheck check;
  OrderFacts buy = Facts();
  buy.intent.quantity = D("0.0012399");
  buy.intent.limit_price = D("60000.019");
  EXPECT_FALSE(check.Decide(buy));
  EXPECT_EQ(*buy.intent.quantity, D("0.00123"));
  EXPECT_EQ(*buy.intent.limit_price, D("60000.01"));
  OrderFacts sell = Facts();
  sell.intent.side = Side::kSell;
  sell.intent.limit_price = D("60000.011");
  EXPECT_FALSE(check.Decide(sell));
  EXPECT_EQ(*sell.intent.limit_price, D("60000.02"));
  // MARKET orders use the market lot when the exchange gives one.
  OrderFacts market = Facts();
  market.intent.type = exchange::OrderType::kMarket;
  market.intent.limit_price.reset();
  market.symbol->market_step_size = D("0.001");
  market.intent.quantity = D("0.0019");
  EXPECT_FALSE(check.Decide(market));
  EXPECT_EQ(*market.intent.quantity, D("0.001"));
}

// A stop-loss sell of 0.001 BTC: trigger 58000 below the last price of 60000, limit 57900.
OrderFacts StopLossSell() {
  OrderFacts f = Facts();
  f.intent.side = Side::kSell;
  f.intent.type = exchange::OrderType::kStopLossLimit;
  f.intent.limit_price = D("57900");
  f.intent.trigger_price = D("58000");
  f.symbol->order_types = {"limit", "market", "limit_maker", "stop_loss_limit",
                           "take_profit_limit"};
  f.symbol->trailing_allowed = true;
  f.symbol->min_trailing_above = f.symbol->min_trailing_below = 10;
  f.symbol->max_trailing_above = f.symbol->max_trailing_below = 2000;
  return f;
}

TEST(ExchangeFiltersCheck, StopAndTakeProfitTable) {
  ExchangeFiltersCheck check;
  auto from = [](OrderFacts (*make)(), std::function<void(OrderFacts&)> change) {
    return [make, change](OrderFacts& f) {
      f = make();
      change(f);
    };
  };
  for (const Case& c : std::vector<Case>{
           {"a stop-loss below the market", from(StopLossSell, Nothing), "", ""},
           {"type the symbol does not take",
            from(StopLossSell, [](OrderFacts& f) { f.symbol->order_types = {"limit"}; }),
            "ORDER_TYPE_NOT_ALLOWED", "orderTypes"},
           {"stop-loss sell above the market would trigger at once",
            from(StopLossSell, [](OrderFacts& f) { f.intent.trigger_price = D("60000"); }),
            "TRIGGER_ALREADY_REACHED", "stopPrice"},
           {"take-profit sell below the market would trigger at once",
            from(StopLossSell,
                 [](OrderFacts& f) {
                   f.intent.type = exchange::OrderType::kTakeProfitLimit;
                   f.intent.limit_price = D("61000");
                 }),
            "TRIGGER_ALREADY_REACHED", "stopPrice"},
           {"stop-loss buy above the market",
            from(StopLossSell,
                 [](OrderFacts& f) {
                   f.intent.side = Side::kBuy;
                   f.intent.trigger_price = D("61000");
                   f.intent.limit_price = D("61100");
                 }),
            "", ""},
           {"trigger outside the price range",
            from(StopLossSell,
                 [](OrderFacts& f) {
                   f.symbol->min_price = D("1000");
                   f.intent.trigger_price = D("500");
                 }),
            "PRICE_OUT_OF_RANGE", "PRICE_FILTER"},
           {"trailing where the symbol has none",
            from(StopLossSell,
                 [](OrderFacts& f) {
                   f.intent.trailing_bips = 200;
                   f.symbol->trailing_allowed = false;
                 }),
            "TRAILING_NOT_ALLOWED", "allowTrailingStop"},
           {"trailing delta below the filter",
            from(StopLossSell, [](OrderFacts& f) { f.intent.trailing_bips = 5; }),
            "TRAILING_DELTA_OUT_OF_RANGE", "TRAILING_DELTA.TrailingBelowDelta"},
           {"trailing delta above the filter, a take-profit sell trails above",
            from(StopLossSell,
                 [](OrderFacts& f) {
                   f.intent.type = exchange::OrderType::kTakeProfitLimit;
                   f.intent.trigger_price.reset();
                   f.intent.trailing_bips = 2500;
                 }),
            "TRAILING_DELTA_OUT_OF_RANGE", "TRAILING_DELTA.TrailingAboveDelta"},
           {"a trailing stop without trigger",
            from(StopLossSell,
                 [](OrderFacts& f) {
                   f.intent.trigger_price.reset();
                   f.intent.trailing_bips = 250;
                 }),
            "", ""},
       }) {
    Expect(check, c);
  }
}

TEST(ExchangeFiltersCheck, TriggersRoundTowardTheMarket) {
  ExchangeFiltersCheck check;
  OrderFacts sell = StopLossSell();  // waits for a fall: rounded up, closer to the market
  sell.intent.trigger_price = D("58000.001");
  EXPECT_FALSE(check.Decide(sell));
  EXPECT_EQ(*sell.intent.trigger_price, D("58000.01"));
  OrderFacts buy = StopLossSell();  // a stop-loss buy waits for a rise: rounded down
  buy.intent.side = Side::kBuy;
  buy.intent.trigger_price = D("61000.019");
  buy.intent.limit_price = D("61100");
  EXPECT_FALSE(check.Decide(buy));
  EXPECT_EQ(*buy.intent.trigger_price, D("61000.01"));
}

TEST(FundsCheck, Table) {
  FundsCheck check(Shipped().ruleset(), D("0.001"));
  for (const Case& c : std::vector<Case>{
           {"covered", Nothing, "", ""},
           {"buy larger than the free quote", [](OrderFacts& f) { f.intent.quantity = D("1"); },
            "INSUFFICIENT_FUNDS", "EXE-3"},
           {"the fee does not fit", [](OrderFacts& f) { f.balances[0].free = D("60"); },
            "INSUFFICIENT_FUNDS", "EXE-3"},
           {"locked funds do not count",
            [](OrderFacts& f) {
              f.balances[0].free = D("0");
              f.balances[0].locked = D("2500");
            },
            "INSUFFICIENT_FUNDS", "EXE-3"},
           {"sell what is held",
            [](OrderFacts& f) {
              f.intent.side = Side::kSell;
              f.intent.quantity = D("0.25");
            },
            "", ""},
           {"sell more than held",
            [](OrderFacts& f) {
              f.intent.side = Side::kSell;
              f.intent.quantity = D("0.26");
            },
            "INSUFFICIENT_HOLDING", "EXE-4"},
           {"sell an asset not held",
            [](OrderFacts& f) {
              f.intent.side = Side::kSell;
              f.balances.pop_back();
            },
            "INSUFFICIENT_HOLDING", "EXE-4"},
       }) {
    Expect(check, c);
  }
}

TEST(LimitsCheck, WithoutRequiredApprovalsAnEmptyListAllowsAndAListStillBinds) {
  PolicyOptions o;
  o.require_approved_pairs = false;
  LimitsCheck check(o);
  OrderFacts f = Facts();
  f.allowed_pairs.clear();
  EXPECT_FALSE(check.Decide(f));
  f.allowed_pairs = {"ETHUSDT"};
  ASSERT_TRUE(check.Decide(f));
  EXPECT_EQ(check.Decide(f)->code, "PAIR_NOT_ALLOWED");
}

TEST(LimitsCheck, Table) {
  PolicyOptions o;
  o.max_order_notional = D("100");
  o.max_daily_notional = D("500");
  o.max_orders_per_minute = 3;
  o.min_quote_volume_24h = D("100000");
  LimitsCheck check(o);
  for (const Case& c : std::vector<Case>{
           {"within every limit", Nothing, "", ""},
           {"pair not allowed", [](OrderFacts& f) { f.allowed_pairs = {"ETHUSDT"}; },
            "PAIR_NOT_ALLOWED", "policy.allowed_pairs"},
           {"pair allowed",
            [](OrderFacts& f) {
              f.allowed_pairs = {"ETHUSDT", "BTCUSDT"};
            },
            "", ""},
           {"no pair approved yet: fail closed", [](OrderFacts& f) { f.allowed_pairs.clear(); },
            "PAIR_NOT_ALLOWED", "policy.allowed_pairs"},
           {"too many orders this minute", [](OrderFacts& f) { f.orders_last_minute = 3; },
            "ORDER_RATE_LIMIT", "policy.max_orders_per_minute"},
           {"one order too large", [](OrderFacts& f) { f.intent.quantity = D("0.002"); },
            "ORDER_NOTIONAL_LIMIT", "policy.max_order_notional"},
           {"the day's total too large", [](OrderFacts& f) { f.notional_today = D("450"); },
            "DAILY_NOTIONAL_LIMIT", "policy.max_daily_notional"},
           {"illiquid pair", [](OrderFacts& f) { f.quote_volume_24h = D("99999"); },
            "ILLIQUID_PAIR", "policy.min_quote_volume_24h"},
           {"volume unknown", [](OrderFacts& f) { f.quote_volume_24h.reset(); }, "ILLIQUID_PAIR",
            "policy.min_quote_volume_24h"},
       }) {
    Expect(check, c);
  }
}

TEST(RateBudgetCheck, Table) {
  RateBudgetCheck check;
  for (const Case& c : std::vector<Case>{
           {"budget unknown", Nothing, "", ""},
           {"room left",
            [](OrderFacts& f) {
              f.rate = {5999, 6000, 0, 0, 1};
            },
            "", ""},
           {"weight used up",
            [](OrderFacts& f) {
              f.rate = {6000, 6000, 0, 0, 1};
            },
            "RATE_BUDGET_EXHAUSTED", "exchange.request_weight"},
           {"order count used up",
            [](OrderFacts& f) {
              f.rate = {10, 6000, 100, 100, 1};
            },
            "ORDER_COUNT_EXHAUSTED", "exchange.order_count"},
       }) {
    Expect(check, c);
  }
}

TEST(Chain, StopsAtTheFirstEnforcedRejectAndCountsEachOutcome) {
  auto chain = BuildStandardChain(PolicyOptions{}, Shipped());
  ASSERT_TRUE(chain);
  EXPECT_EQ(chain->Names(),
            (std::vector<std::string>{"key_standing", "spot_symbol", "screen", "exchange_filters",
                                      "funds", "limits", "rate_budget"}));
  OrderFacts good = Facts();
  EXPECT_TRUE(chain->Run(good).passed());
  OrderFacts poor = Facts();
  poor.balances.clear();
  ChainResult r = chain->Run(poor);
  EXPECT_FALSE(r.passed());
  EXPECT_EQ(r.rejected_by, "funds");
  EXPECT_FALSE(r.outcomes[5].ran);  // limits never ran
  EXPECT_FALSE(r.outcomes[6].ran);
  for (const auto& [name, counts] : chain->Counts()) {
    if (name == "funds") {
      EXPECT_EQ(counts.passed, 1u);
      EXPECT_EQ(counts.rejected, 1u);
    }
    if (name == "limits") {
      EXPECT_EQ(counts.passed, 1u);
    }
  }
}

TEST(Chain, AShadowCheckDecidesButNeverBlocks) {
  PolicyOptions o;
  o.shadow = {"funds"};
  auto chain = BuildStandardChain(o, Shipped());
  ASSERT_TRUE(chain);
  OrderFacts poor = Facts();
  poor.balances.clear();
  ChainResult r = chain->Run(poor);
  EXPECT_TRUE(r.passed());
  ASSERT_EQ(r.ShadowRejects().size(), 1u);
  EXPECT_EQ(r.ShadowRejects()[0]->decision->code, "INSUFFICIENT_FUNDS");
  for (const auto& [name, counts] : chain->Counts()) {
    if (name == "funds") {
      EXPECT_EQ(counts.shadow_rejected, 1u);
    }
  }
}

TEST(Chain, AnUnknownShadowCheckIsAConfigurationError) {
  PolicyOptions o;
  o.shadow = {"fundz"};
  auto chain = BuildStandardChain(o, Shipped());
  ASSERT_FALSE(chain);
  EXPECT_NE(chain.error().message().find("fundz"), std::string::npos);
}

}  // namespace
}  // namespace amanah::policy
