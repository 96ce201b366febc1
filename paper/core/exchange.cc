#include "core/exchange.h"

#include <algorithm>

#include "base/check.h"

namespace amanah::paper {

using base::Decimal;
using base::Error;
using base::ErrorCode;
using base::Result;
using base::Rounding;

namespace {

constexpr int kCommissionScale = 8;

Decimal Plus(const Decimal& a, const Decimal& b) { return a.Add(b).value(); }
Decimal Minus(const Decimal& a, const Decimal& b) { return a.Sub(b).value(); }

Decimal Fee(const Decimal& amount, const Decimal& rate) {
  // Rounded up to the commission precision: the exchange never undercharges.
  return amount.Mul(rate, Rounding::kUp).value().Rescale(kCommissionScale, Rounding::kUp).value();
}

Rejection Reject(RejectCode code, std::string detail = {}) {
  return Rejection{code, std::move(detail)};
}
Rejection Filter(std::string name) { return Reject(RejectCode::kFilter, std::move(name)); }

bool Below(const Decimal& value, const Decimal& bound) {
  return bound.IsPositive() && value < bound;
}
bool Above(const Decimal& value, const Decimal& bound) {
  return bound.IsPositive() && value > bound;
}

}  // namespace

Exchange::Exchange(const base::Clock& clock, base::Random& random)
    : clock_(clock), random_(random) {}

int64_t Exchange::NowMillis() const { return base::UnixMillis(clock_.Now()) + skew_ms_; }

Result<Market*> Exchange::AddMarket(SymbolSpec spec) {
  if (markets_.contains(spec.symbol))
    return Error(ErrorCode::kAlreadyExists, "symbol " + spec.symbol + " is defined twice");
  std::string name = spec.symbol;
  AMANAH_ASSIGN_OR_RETURN(Market market, Market::Create(std::move(spec), NowMillis()));
  return &markets_.emplace(name, std::move(market)).first->second;
}

Market* Exchange::FindMarket(std::string_view symbol) {
  auto found = markets_.find(symbol);
  return found == markets_.end() ? nullptr : &found->second;
}

void Exchange::AdvanceMarkets() {
  int64_t now = NowMillis();
  std::vector<OrderBook::Fill> fills;
  for (auto& [_, market] : markets_) {
    // Step by step, so a contingent order sees every price the path passed through and one
    // triggered on the way works against the market of that step.
    while (market.StepTowards(now, fills)) {
      for (const OrderBook::Fill& fill : fills) {
        // The counterparty is the simulated market: only the client's side is recorded.
        market.RecordTrade(fill.price, fill.qty);
        SettleMaker(market, fill.maker_id, next_trade_id_++, fill.price, fill.qty, fill.maker_done);
      }
      fills.clear();
      Trigger(market, market.current_price());
    }
  }
  Trim();
}

Account& Exchange::CreateAccount(std::string name, std::optional<uint64_t> uid) {
  uint64_t id = uid.value_or(next_uid_);
  next_uid_ = std::max(next_uid_, id + 1);
  Account& account = accounts_[id];
  account.uid = id;
  account.name = std::move(name);
  account.update_time = NowMillis();
  return account;
}

Account* Exchange::FindAccount(uint64_t uid) {
  auto found = accounts_.find(uid);
  return found == accounts_.end() ? nullptr : &found->second;
}

Account* Exchange::FindAccountByName(std::string_view name) {
  for (auto& [_, account] : accounts_) {
    if (account.name == name) return &account;
  }
  return nullptr;
}

std::string Exchange::RandomAlnum(size_t length) {
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  // One draw of random bytes per id, not one per character; a byte maps to a character unbiased
  // (bytes of 248 and above, 4 × 62, are drawn again).
  std::string out;
  out.reserve(length);
  uint8_t bytes[64];
  while (out.size() < length) {
    random_.Fill(bytes);
    for (uint8_t b : bytes) {
      if (b >= 248 || out.size() == length) continue;
      out.push_back(kAlphabet[b % kAlphabet.size()]);
    }
  }
  return out;
}

std::string Exchange::NewClientOrderId() { return RandomAlnum(22); }

Result<ApiKey*> Exchange::AddKey(ApiKey key) {
  if (!accounts_.contains(key.account))
    return Error(ErrorCode::kNotFound, "no account " + std::to_string(key.account));
  if (keys_.contains(key.api_key))
    return Error(ErrorCode::kAlreadyExists, "API key exists already");
  std::string id = key.api_key;
  return &keys_.emplace(id, std::move(key)).first->second;
}

ApiKey* Exchange::FindKey(std::string_view api_key) {
  auto found = keys_.find(api_key);
  return found == keys_.end() ? nullptr : &found->second;
}

bool Exchange::DeleteKey(std::string_view api_key) {
  auto found = keys_.find(api_key);
  if (found == keys_.end()) return false;
  keys_.erase(found);
  return true;
}

Outcome<std::vector<Market::Chunk>> Exchange::Validate(const Account& account, Market& market,
                                                       const NewOrder& request,
                                                       Order& order) const {
  const SymbolSpec& spec = market.spec();
  if (spec.status != "TRADING" || maintenance_) return Reject(RejectCode::kMarketClosed);
  if (!account.can_trade) return Reject(RejectCode::kAccountCannotTrade);

  order.symbol = spec.symbol;
  order.side = request.side;
  order.type = request.type;
  const bool contingent = IsContingent(request.type);
  order.tif = request.type == OrderType::kLimit || contingent ? request.tif : TimeInForce::kGtc;
  bool limit_like = request.type != OrderType::kMarket;

  // PRICE_FILTER, for the limit price and a stop price alike: in range and on a tick.
  auto price_ticks = [&](const Decimal& price) -> std::optional<int64_t> {
    if (!price.IsPositive() || Below(price, spec.min_price) || Above(price, spec.max_price))
      return std::nullopt;
    auto ticks = market.Ticks(price);
    if (!ticks) return std::nullopt;
    return *ticks;
  };
  std::optional<int64_t> limit;
  if (limit_like) {
    limit = price_ticks(*request.price);
    if (!limit) return Filter("PRICE_FILTER");
    order.price = *limit;
  }

  if (contingent) {
    if (!request.stop_price && request.trailing_delta == 0) return Reject(RejectCode::kNoTrigger);
    if (!request.quantity) return Filter("LOT_SIZE");
    if (request.stop_price) {
      auto stop = price_ticks(*request.stop_price);
      if (!stop) return Filter("PRICE_FILTER");
      order.stop_price = *stop;
    }
    if (request.trailing_delta != 0) {
      // STOP_LOSS BUY and TAKE_PROFIT SELL trail "above", the other two "below" (the FAQ).
      const bool above =
          (request.type == OrderType::kStopLossLimit) == (request.side == Side::kBuy);
      const int64_t lo = above ? spec.min_trailing_above_delta : spec.min_trailing_below_delta;
      const int64_t hi = above ? spec.max_trailing_above_delta : spec.max_trailing_below_delta;
      if (request.trailing_delta < lo || request.trailing_delta > hi)
        return Filter("TRAILING_DELTA");
      order.trailing_delta = request.trailing_delta;
    }
    if (order.stop_price != 0) {
      Order probe = order;
      probe.working = false;
      probe.trailing_delta = 0;  // the stop (or activation) condition alone
      if (Track(probe, market.current_price())) return Reject(RejectCode::kWouldTrigger);
    }
  }

  if (request.quantity) {
    const Decimal& qty = *request.quantity;
    bool market_order = request.type == OrderType::kMarket;
    auto lots = market.Lots(qty);
    if (!qty.IsPositive() || Below(qty, spec.min_qty) || Above(qty, spec.max_qty) || !lots)
      return Filter("LOT_SIZE");
    if (market_order && (Below(qty, spec.market_min_qty) || Above(qty, spec.market_max_qty) ||
                         !qty.IsMultipleOf(spec.market_step_size)))
      return Filter("MARKET_LOT_SIZE");
    order.orig_qty = *lots;
    Decimal notional = market.Notional(limit_like ? order.price : market.mid(), order.orig_qty);
    bool check_min = !market_order || spec.apply_min_to_market;
    bool check_max = !market_order || spec.apply_max_to_market;
    if ((check_min && Below(notional, spec.min_notional)) ||
        (check_max && Above(notional, spec.max_notional)))
      return Filter("NOTIONAL");
  } else {
    const Decimal& quote = *request.quote_order_qty;
    if (!quote.IsPositive()) return Filter("NOTIONAL");
    if ((spec.apply_min_to_market && Below(quote, spec.min_notional)) ||
        (spec.apply_max_to_market && Above(quote, spec.max_notional)))
      return Filter("NOTIONAL");
    order.orig_quote_order_qty = quote;
  }

  size_t open = 0;
  static const std::set<uint64_t> kNone;
  auto open_ids = open_orders_.find(account.uid);
  for (uint64_t id : open_ids == open_orders_.end() ? kNone : open_ids->second) {
    const Order& other = orders_.at(id);
    if (other.symbol == spec.symbol) ++open;
    if (!request.client_order_id.empty() && other.client_order_id == request.client_order_id)
      return Reject(RejectCode::kDuplicateClientOrderId);
  }
  if (spec.max_num_orders > 0 && limit_like && open >= static_cast<size_t>(spec.max_num_orders))
    return Filter("MAX_NUM_ORDERS");

  // A contingent order does not trade when placed: it waits outside the book.
  std::vector<Market::Chunk> plan =
      contingent ? std::vector<Market::Chunk>{}
      : request.quantity
          ? market.Plan(request.side, limit, order.orig_qty, std::nullopt)
          : market.Plan(request.side, std::nullopt, INT64_MAX / 4, order.orig_quote_order_qty);
  int64_t planned = 0;
  Decimal planned_quote;
  for (const auto& chunk : plan) {
    planned += chunk.qty;
    planned_quote = Plus(planned_quote, market.Notional(chunk.price, chunk.qty));
  }
  if (request.type == OrderType::kLimitMaker && !plan.empty())
    return Reject(RejectCode::kWouldTake);
  if (order.tif == TimeInForce::kFok && planned < order.orig_qty) plan.clear();

  // What the order needs now: the planned fills, plus what a resting remainder locks.
  bool rests = limit_like && (order.tif == TimeInForce::kGtc || contingent);
  auto balance = [&](const std::string& asset) {
    auto found = account.balances.find(asset);
    return found == account.balances.end() ? Decimal() : found->second.free;
  };
  if (request.side == Side::kBuy) {
    Decimal need = planned_quote;
    if (rests) need = Plus(need, market.Notional(order.price, order.orig_qty - planned));
    if (balance(spec.quote) < need) return Reject(RejectCode::kInsufficientBalance);
  } else {
    Decimal need = market.Qty(request.quantity ? order.orig_qty : planned);
    if (balance(spec.base) < need) return Reject(RejectCode::kInsufficientBalance);
  }
  return plan;
}

Outcome<void> Exchange::TestOrder(uint64_t account_id, const NewOrder& request) {
  Account* account = FindAccount(account_id);
  Market* market = FindMarket(request.symbol);
  if (market == nullptr) return Reject(RejectCode::kUnknownSymbol);
  AMANAH_CHECK(account != nullptr);
  Order order;
  auto plan = Validate(*account, *market, request, order);
  if (!plan) return plan.error();
  return {};
}

Outcome<Exchange::Placed> Exchange::PlaceOrder(uint64_t account_id, const NewOrder& request) {
  Account* account = FindAccount(account_id);
  AMANAH_CHECK(account != nullptr);
  Market* market = FindMarket(request.symbol);
  if (market == nullptr) return Reject(RejectCode::kUnknownSymbol);
  Order order;
  auto plan = Validate(*account, *market, request, order);
  if (!plan) return plan.error();

  int64_t now = NowMillis();
  order.id = next_order_id_++;
  order.account = account_id;
  order.client_order_id =
      request.client_order_id.empty() ? NewClientOrderId() : request.client_order_id;
  order.time = order.update_time = now;
  order.placed_by_admin = request.placed_by_admin;

  Placed placed;
  account_orders_[account_id].insert(order.id);
  account->update_time = now;
  if (IsContingent(order.type)) {
    order.working = false;
    order.status = OrderStatus::kNew;
    if (order.trailing_delta != 0 && order.stop_price == 0) order.extreme = market->current_price();
    Lock(*account, *market, order);
    open_orders_[account_id].insert(order.id);
    contingent_[order.symbol].insert(order.id);
    placed.order = orders_.emplace(order.id, order).first->second;
    EmitOrder(Execution::kNew, placed.order);
    EmitBalances(*account, *market);
    return placed;
  }
  order.working_time = now;
  EmitOrder(Execution::kNew, order);
  ExecuteTaker(*account, *market, order, *plan, &placed.fills);
  if (!request.quantity) order.orig_qty = order.executed;  // MARKET by quote amount
  RestOrClose(*account, *market, order);
  if (order.status == OrderStatus::kExpired) EmitOrder(Execution::kExpired, order);
  EmitBalances(*account, *market);
  Order& stored = orders_.emplace(order.id, order).first->second;
  placed.order = stored;
  if (!IsOpen(order.status)) Closed(order.id);
  if (!placed.fills.empty()) Trigger(*market, market->current_price());
  Trim();
  return placed;
}

void Exchange::ExecuteTaker(Account& account, Market& market, Order& order,
                            const std::vector<Market::Chunk>& plan, std::vector<Trade>* fills) {
  for (const Market::Chunk& chunk : market.Execute(order.side, plan)) {
    uint64_t trade_id = next_trade_id_++;  // one execution, one id, seen by both sides
    market.RecordTrade(chunk.price, chunk.qty);
    Trade trade = RecordTrade(account, market, order, trade_id, chunk.price, chunk.qty, false);
    if (fills != nullptr) fills->push_back(std::move(trade));
    if (chunk.maker_id)
      SettleMaker(market, *chunk.maker_id, trade_id, chunk.price, chunk.qty, chunk.maker_done);
  }
}

void Exchange::Lock(Account& account, Market& market, Order& order) {
  const int64_t left = order.orig_qty - order.executed;
  Balance& funds =
      account.balances[order.side == Side::kBuy ? market.spec().quote : market.spec().base];
  order.locked = order.side == Side::kBuy ? market.Notional(order.price, left) : market.Qty(left);
  funds.free = Minus(funds.free, order.locked);
  funds.locked = Plus(funds.locked, order.locked);
}

void Exchange::Unlock(Account& account, Market& market, Order& order) {
  Balance& funds =
      account.balances[order.side == Side::kBuy ? market.spec().quote : market.spec().base];
  funds.locked = Minus(funds.locked, order.locked);
  funds.free = Plus(funds.free, order.locked);
  order.locked = Decimal();
}

void Exchange::RestOrClose(Account& account, Market& market, Order& order) {
  bool limit_like = order.type != OrderType::kMarket;
  int64_t left = order.orig_qty - order.executed;
  if (left == 0 && order.orig_qty > 0) {
    order.status = OrderStatus::kFilled;
  } else if (limit_like && order.tif == TimeInForce::kGtc) {
    order.status = order.executed > 0 ? OrderStatus::kPartiallyFilled : OrderStatus::kNew;
    Lock(account, market, order);
    market.book().Add(order.id, order.side, order.price, left);
    open_orders_[account.uid].insert(order.id);
    return;
  } else {
    order.status = OrderStatus::kExpired;  // IOC/FOK/MARKET remainder
  }
  open_orders_[account.uid].erase(order.id);
}

bool Exchange::Track(Order& o, int64_t price) {
  const bool sell = o.side == Side::kSell;
  // The stop (or activation) condition, per type and side (the trailing-stop FAQ's table).
  const bool rises = (o.type == OrderType::kTakeProfitLimit) == sell;  // waits for a rise
  const bool reached = o.stop_price == 0 || (rises ? price >= o.stop_price : price <= o.stop_price);
  if (o.trailing_delta == 0) return o.stop_price != 0 && reached;
  if (o.extreme == 0) {
    if (reached) o.extreme = price;  // tracking starts at the first price meeting the condition
    return false;
  }
  // Sells trigger on a fall of the delta from the highest price, buys on a rise from the lowest.
  const base::int128 p = price, d = o.trailing_delta;
  if (sell) {
    o.extreme = std::max(o.extreme, price);
    return p * 10000 <= base::int128(o.extreme) * (10000 - d);
  }
  o.extreme = std::min(o.extreme, price);
  return p * 10000 >= base::int128(o.extreme) * (10000 + d);
}

void Exchange::Trigger(Market& market, int64_t price) {
  for (;;) {
    auto waiting = contingent_.find(market.spec().symbol);
    if (waiting == contingent_.end() || waiting->second.empty()) return;
    std::vector<uint64_t> fired;
    for (uint64_t id : waiting->second) {
      if (Track(orders_.at(id), price)) fired.push_back(id);
    }
    if (fired.empty()) return;
    bool traded = false;
    for (uint64_t id : fired) {
      waiting->second.erase(id);
      Order& order = orders_.at(id);
      const int64_t before = order.executed;
      StartWorking(market, order);
      traded = traded || order.executed != before;
    }
    if (!traded) return;
    price = market.current_price();
  }
}

void Exchange::StartWorking(Market& market, Order& order) {
  Account& account = accounts_.at(order.account);
  Unlock(account, market, order);
  order.working = true;
  order.working_time = order.update_time = NowMillis();
  const int64_t left = order.orig_qty - order.executed;
  std::vector<Market::Chunk> plan = market.Plan(order.side, order.price, left, std::nullopt);
  int64_t planned = 0;
  for (const auto& chunk : plan) planned += chunk.qty;
  if (order.tif == TimeInForce::kFok && planned < left) plan.clear();
  ExecuteTaker(account, market, order, plan, nullptr);
  RestOrClose(account, market, order);
  if (order.status == OrderStatus::kExpired) EmitOrder(Execution::kExpired, order);
  EmitBalances(account, market);
  account.update_time = order.update_time;
  if (!IsOpen(order.status)) Closed(order.id);
}

Trade Exchange::RecordTrade(Account& account, Market& market, Order& order, uint64_t trade_id,
                            int64_t price, int64_t qty, bool maker) {
  const SymbolSpec& spec = market.spec();
  Decimal notional = market.Notional(price, qty);
  const Decimal& rate = maker ? account.maker_rate : account.taker_rate;
  Trade trade;
  trade.id = trade_id;
  trade.account = account.uid;
  trade.order_id = order.id;
  trade.symbol = spec.symbol;
  trade.price = price;
  trade.qty = qty;
  trade.quote_qty = notional;
  trade.time = NowMillis();
  trade.is_buyer = order.side == Side::kBuy;
  trade.is_maker = maker;
  Balance& base = account.balances[spec.base];
  Balance& quote = account.balances[spec.quote];
  if (order.side == Side::kBuy) {
    trade.commission = Fee(market.Qty(qty), rate);
    trade.commission_asset = spec.base;
    base.free = Plus(base.free, Minus(market.Qty(qty), trade.commission));
    if (maker) {
      quote.locked = Minus(quote.locked, notional);
      order.locked = Minus(order.locked, notional);
    } else {
      quote.free = Minus(quote.free, notional);
    }
  } else {
    trade.commission = Fee(notional, rate);
    trade.commission_asset = spec.quote;
    quote.free = Plus(quote.free, Minus(notional, trade.commission));
    if (maker) {
      base.locked = Minus(base.locked, market.Qty(qty));
      order.locked = Minus(order.locked, market.Qty(qty));
    } else {
      base.free = Minus(base.free, market.Qty(qty));
    }
  }
  order.executed += qty;
  order.cummulative_quote = Plus(order.cummulative_quote, notional);
  order.update_time = trade.time;
  account.update_time = trade.time;
  account_trades_[account.uid].push_back(trades_forgotten_ + trades_.size());
  trades_.push_back(trade);
  EmitOrder(Execution::kTrade, order, &trade);
  return trade;
}

void Exchange::SettleMaker(Market& market, uint64_t order_id, uint64_t trade_id, int64_t price,
                           int64_t qty, bool done) {
  auto found = orders_.find(order_id);
  AMANAH_CHECK(found != orders_.end());
  Order& order = found->second;
  Account& account = accounts_.at(order.account);
  RecordTrade(account, market, order, trade_id, price, qty, true);
  order.status = done ? OrderStatus::kFilled : OrderStatus::kPartiallyFilled;
  if (done) {
    open_orders_[order.account].erase(order.id);
    Closed(order.id);
  }
  if (done && order.locked.IsPositive()) {
    // Nothing should remain locked; if rounding ever left dust, give it back.
    Balance& funds =
        account.balances[order.side == Side::kBuy ? market.spec().quote : market.spec().base];
    funds.locked = Minus(funds.locked, order.locked);
    funds.free = Plus(funds.free, order.locked);
    order.locked = Decimal();
  }
  EmitBalances(account, market);
}

Outcome<Order> Exchange::QueryOrder(uint64_t account, std::string_view symbol, uint64_t order_id,
                                    std::string_view client_order_id) const {
  if (!markets_.contains(symbol)) return Reject(RejectCode::kUnknownSymbol);
  if (order_id != 0) {
    auto found = orders_.find(order_id);
    if (found == orders_.end() || found->second.account != account ||
        found->second.symbol != symbol)
      return Reject(RejectCode::kUnknownOrder);
    if (!client_order_id.empty() && found->second.client_order_id != client_order_id)
      return Reject(RejectCode::kUnknownOrder);
    return found->second;
  }
  // The newest order with that client id (ids may be reused once an order is closed).
  auto ids = account_orders_.find(account);
  if (ids == account_orders_.end()) return Reject(RejectCode::kUnknownOrder);
  for (auto it = ids->second.rbegin(); it != ids->second.rend(); ++it) {
    const Order& order = orders_.at(*it);
    if (order.account == account && order.symbol == symbol &&
        order.client_order_id == client_order_id)
      return order;
  }
  return Reject(RejectCode::kUnknownOrder);
}

Outcome<Order> Exchange::CancelOrder(uint64_t account_id, std::string_view symbol,
                                     uint64_t order_id, std::string_view client_order_id) {
  auto found = QueryOrder(account_id, symbol, order_id, client_order_id);
  if (!found) return found.error();
  Order& order = orders_.at(found->id);
  if (!IsOpen(order.status)) return Reject(RejectCode::kNotOpen);
  Market& market = *FindMarket(symbol);
  if (order.working) {
    AMANAH_CHECK(market.book().Cancel(order.id));
  } else {
    contingent_[order.symbol].erase(order.id);
  }
  Account& account = accounts_.at(account_id);
  Unlock(account, market, order);
  order.status = OrderStatus::kCanceled;
  open_orders_[account_id].erase(order.id);
  order.update_time = NowMillis();
  account.update_time = order.update_time;
  Order canceled = order;  // a copy: Trim may forget the record itself
  EmitOrder(Execution::kCanceled, canceled);
  EmitBalances(account, market);
  Closed(canceled.id);
  Trim();
  return canceled;
}

std::vector<Order> Exchange::OpenOrders(uint64_t account,
                                        std::optional<std::string_view> symbol) const {
  std::vector<Order> out;
  auto ids = open_orders_.find(account);
  if (ids == open_orders_.end()) return out;
  for (uint64_t id : ids->second) {
    const Order& order = orders_.at(id);
    if (!symbol || order.symbol == *symbol) out.push_back(order);
  }
  return out;
}

std::vector<Order> Exchange::AllOrders(uint64_t account, std::string_view symbol) const {
  std::vector<Order> out;
  auto ids = account_orders_.find(account);
  if (ids == account_orders_.end()) return out;
  for (uint64_t id : ids->second) {
    const Order& order = orders_.at(id);
    if (order.symbol == symbol) out.push_back(order);
  }
  return out;
}

std::vector<Trade> Exchange::MyTrades(uint64_t account, std::string_view symbol) const {
  std::vector<Trade> out;
  auto indexes = account_trades_.find(account);
  if (indexes == account_trades_.end()) return out;
  for (uint64_t number : indexes->second) {
    const Trade& trade = trades_[number - trades_forgotten_];
    if (trade.symbol == symbol) out.push_back(trade);
  }
  return out;
}

void Exchange::Closed(uint64_t id) { closed_.push_back(id); }

void Exchange::EmitOrder(Execution execution, const Order& order, const Trade* trade) {
  if (!events_.Watched(order.account)) return;
  OrderEvent event{execution, order, std::nullopt, NowMillis()};
  if (trade != nullptr) {
    event.trade = *trade;
    event.time = trade->time;
    // A taker's status is settled after all its fills: each says where that fill left it.
    const bool done = order.orig_qty > 0 && order.executed >= order.orig_qty;
    event.order.status = done ? OrderStatus::kFilled : OrderStatus::kPartiallyFilled;
  }
  events_.Publish(order.account, event);
}

void Exchange::EmitBalances(const Account& account, const Market& market) {
  if (!events_.Watched(account.uid)) return;
  BalanceEvent event;
  event.time = NowMillis();
  for (const std::string& asset : {market.spec().base, market.spec().quote}) {
    auto found = account.balances.find(asset);
    event.balances.emplace_back(asset, found == account.balances.end() ? Balance{} : found->second);
  }
  events_.Publish(account.uid, event);
}

void Exchange::Trim() {
  while (closed_.size() > retention_.closed_orders) {
    uint64_t id = closed_.front();
    closed_.pop_front();
    auto found = orders_.find(id);
    if (found == orders_.end()) continue;
    account_orders_[found->second.account].erase(id);
    orders_.erase(found);
  }
  while (trades_.size() > retention_.trades) {
    // Record numbers grow with time, so the oldest record is the front of its account's list.
    auto& numbers = account_trades_[trades_.front().account];
    AMANAH_CHECK(!numbers.empty() && numbers.front() == trades_forgotten_);
    numbers.pop_front();
    trades_.pop_front();
    ++trades_forgotten_;
  }
}

void Exchange::SetRetention(const Retention& retention) {
  retention_ = retention;
  Trim();
}

void Exchange::Reindex() {
  open_orders_.clear();
  account_orders_.clear();
  account_trades_.clear();
  closed_.clear();
  contingent_.clear();
  std::vector<std::pair<int64_t, uint64_t>> closed;  // (closed at, id)
  for (const auto& [id, order] : orders_) {
    account_orders_[order.account].insert(id);
    if (IsOpen(order.status)) {
      open_orders_[order.account].insert(id);
      if (!order.working) contingent_[order.symbol].insert(id);
    } else {
      closed.emplace_back(order.update_time, id);
    }
  }
  std::sort(closed.begin(), closed.end());
  for (const auto& [_, id] : closed) closed_.push_back(id);
  for (size_t i = 0; i < trades_.size(); ++i)
    account_trades_[trades_[i].account].push_back(trades_forgotten_ + i);
}

void Exchange::RestoreOrders(std::map<uint64_t, Order> orders, std::deque<Trade> trades,
                             uint64_t next_order_id, uint64_t next_trade_id) {
  orders_ = std::move(orders);
  trades_ = std::move(trades);
  trades_forgotten_ = 0;
  next_order_id_ = next_order_id;
  next_trade_id_ = next_trade_id;
  for (auto& [_, market] : markets_) market.book() = OrderBook();
  for (const auto& [id, order] : orders_) {
    if (!IsOpen(order.status) || !order.working) continue;
    Market* market = FindMarket(order.symbol);
    if (market != nullptr)
      market->book().Add(id, order.side, order.price, order.orig_qty - order.executed);
  }
  Reindex();
  Trim();
}

void Exchange::Clear() {
  accounts_.clear();
  keys_.clear();
  orders_.clear();
  trades_.clear();
  trades_forgotten_ = 0;
  Reindex();
  for (auto& [_, market] : markets_) market.book() = OrderBook();
}

}  // namespace amanah::paper
