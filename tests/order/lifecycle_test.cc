// The order lifecycle: every allowed move and every forbidden one, the journal kind of each, and
// the exchange's statuses mapped onto it; intent ids and shapes; the order's state MAC.
#include <gtest/gtest.h>

#include "base/random.h"
#include "crypto/secret_bytes.h"
#include "order/intent.h"
#include "order/lifecycle.h"
#include "order/order_mac.h"

namespace amanah::order {
namespace {

using S = State;

TEST(Lifecycle, AllowedAndForbiddenMoves) {
  const std::vector<std::pair<S, S>> allowed = {
      {S::kIntended, S::kRejected},
      {S::kIntended, S::kPending},
      {S::kPending, S::kPlaced},
      {S::kPending, S::kRejected},
      {S::kPending, S::kUnknown},
      {S::kPending, S::kFilled},
      {S::kPlaced, S::kPartiallyFilled},
      {S::kPlaced, S::kFilled},
      {S::kPlaced, S::kCancelled},
      {S::kPlaced, S::kExpired},
      {S::kPartiallyFilled, S::kPartiallyFilled},
      {S::kPartiallyFilled, S::kFilled},
      {S::kPartiallyFilled, S::kCancelled},
      {S::kUnknown, S::kPlaced},
      {S::kUnknown, S::kRejected},
      {S::kUnknown, S::kFilled},
  };
  const std::vector<std::pair<S, S>> forbidden = {
      {S::kIntended, S::kPlaced},  {S::kRejected, S::kPending},       {S::kFilled, S::kCancelled},
      {S::kCancelled, S::kPlaced}, {S::kPlaced, S::kPending},         {S::kPlaced, S::kRejected},
      {S::kExpired, S::kFilled},   {S::kPartiallyFilled, S::kPlaced},
  };
  for (auto [from, to] : allowed) {
    EXPECT_TRUE(CanMove(from, to)) << StateName(from) << " -> " << StateName(to);
  }
  for (auto [from, to] : forbidden) {
    EXPECT_FALSE(CanMove(from, to)) << StateName(from) << " -> " << StateName(to);
    auto checked = CheckMove(from, to);
    ASSERT_FALSE(checked);
    EXPECT_NE(checked.error().message().find(StateName(to)), std::string::npos);
  }
}

TEST(Lifecycle, JournalKindsAndNames) {
  EXPECT_EQ(TransitionKind(S::kIntended, S::kPending), "order.intent");
  EXPECT_EQ(TransitionKind(S::kIntended, S::kRejected), "order.rejected");
  EXPECT_EQ(TransitionKind(S::kPending, S::kPlaced), "order.placed");
  EXPECT_EQ(TransitionKind(S::kPlaced, S::kFilled), "order.filled");
  EXPECT_EQ(TransitionKind(S::kPlaced, S::kCancelled), "order.cancelled");
  EXPECT_EQ(TransitionKind(S::kPending, S::kUnknown), "order.unknown");
  EXPECT_EQ(TransitionKind(S::kUnknown, S::kFilled), "order.settled");
  for (S s : {S::kIntended, S::kRejected, S::kPending, S::kPlaced, S::kPartiallyFilled, S::kFilled,
              S::kCancelled, S::kExpired, S::kUnknown}) {
    EXPECT_EQ(ParseState(StateName(s)), s);
  }
  EXPECT_FALSE(ParseState("FILLED"));
  EXPECT_EQ(FromExchange(exchange::OrderStatus::kNew), S::kPlaced);
  EXPECT_EQ(FromExchange(exchange::OrderStatus::kCanceled), S::kCancelled);
  EXPECT_EQ(FromExchange(exchange::OrderStatus::kExpired), S::kExpired);
  EXPECT_TRUE(IsFinal(S::kFilled));
  EXPECT_TRUE(NeedsSettlement(S::kUnknown));
  EXPECT_TRUE(NeedsSettlement(S::kPending));
}

TEST(Intent, IdsAreClientOrderIdsEveryExchangeAccepts) {
  base::SeededRandom random(7);
  std::string a = NewIntentId(random), b = NewIntentId(random);
  EXPECT_NE(a, b);
  for (const std::string& id : {a, b}) {
    EXPECT_EQ(id.size(), 32u);  // OKX: at most 32 alphanumerics; the others allow 36
    EXPECT_TRUE(IsIntentId(id));
  }
  EXPECT_FALSE(IsIntentId(std::string(32, 'A')));
  EXPECT_FALSE(IsIntentId(std::string(31, 'a')));
}

TEST(Intent, ShapeIsValidatedBeforeAnyCheck) {
  Intent ok;
  ok.id = std::string(32, '0');
  ok.symbol = "BTCUSDT";
  ok.quantity = base::Decimal::Parse("0.1").value();
  ok.limit_price = base::Decimal::Parse("100").value();
  EXPECT_TRUE(Validate(ok));
  struct Bad {
    std::string name;
    std::function<void(Intent&)> change;
  };
  for (const Bad& c : std::vector<Bad>{
           {"no amount", [](Intent& i) { i.quantity.reset(); }},
           {"both amounts", [](Intent& i) { i.quote_amount = base::Decimal::FromInt(5); }},
           {"negative quantity", [](Intent& i) { i.quantity = base::Decimal::FromInt(-1); }},
           {"limit without price", [](Intent& i) { i.limit_price.reset(); }},
           {"market with price", [](Intent& i) { i.type = exchange::OrderType::kMarket; }},
           {"bad id", [](Intent& i) { i.id = "x"; }},
           {"bad symbol", [](Intent& i) { i.symbol = "BTC USDT"; }},
       }) {
    Intent i = ok;
    c.change(i);
    auto v = Validate(i);
    ASSERT_FALSE(v) << c.name;
    EXPECT_EQ(v.error().code(), base::ErrorCode::kInvalidArgument) << c.name;
  }
}

TEST(OrderMac, AnyChangeToTheStoredOrderIsCaught) {
  auto mac = vault::StateMac::FromKey(crypto::SecretBytes::CopyFrom(std::string(32, 'k'))).value();
  store::OrderRow row;
  row.id = std::string(32, 'b');
  row.tenant = store::TenantId("default");
  row.connection = store::ConnectionId("c1");
  row.symbol = "BTCUSDT";
  row.side = "buy";
  row.state = "placed";
  row.quantity = base::Decimal::Parse("0.1").value();
  Seal(mac, row);
  EXPECT_TRUE(Verify(mac, row));
  std::vector<std::function<void(store::OrderRow&)>> tampers = {
      [](store::OrderRow& r) { r.quantity = base::Decimal::Parse("1").value(); },
      [](store::OrderRow& r) { r.state = "filled"; },
      [](store::OrderRow& r) { r.connection = store::ConnectionId("c2"); },
      [](store::OrderRow& r) { r.side = "sell"; },
      [](store::OrderRow& r) { r.state_mac.clear(); },
  };
  for (auto& tamper : tampers) {
    store::OrderRow t = row;
    tamper(t);
    auto v = Verify(mac, t);
    ASSERT_FALSE(v);
    EXPECT_EQ(v.error().code(), base::ErrorCode::kDataLoss);
  }
}

}  // namespace
}  // namespace amanah::order
