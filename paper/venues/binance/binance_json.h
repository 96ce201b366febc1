// Binance JSON: how the paper exchange's state looks on Binance's wire — field names and field
// order as in the official examples (../shared/reference/exchanges/fixtures/binance/), decimals as
// strings at the symbol's precision. Pure functions of the state they are given.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/storage_ptr.hpp>

#include "core/account.h"
#include "core/account_events.h"
#include "core/api_key.h"
#include "core/market.h"
#include "core/order.h"

namespace amanah::paper::binance {

enum class RespType { kAck, kResult, kFull };

boost::json::object SymbolJson(const Market& market);
/// POST /order's answer (ACK, RESULT or FULL), built in `storage`.
boost::json::object NewOrderJson(const Market& market, const Order& order,
                                 const std::vector<Trade>& fills, RespType type,
                                 boost::json::storage_ptr storage = {});
/// GET /order, /openOrders, /allOrders shape.
boost::json::object OrderJson(const Market& market, const Order& order, bool query_field_order);
boost::json::object CancelJson(const Market& market, const Order& order,
                               std::string_view cancel_client_id, int64_t transact_time);
boost::json::object TradeJson(const Market& market, const Trade& trade);
boost::json::object AccountJson(const Account& account, bool omit_zero);
boost::json::object ApiRestrictionsJson(const ApiKey& key);
/// The user data stream's `executionReport` for `event` (execution id `execution_id`).
boost::json::object ExecutionReportJson(const Market& market, const OrderEvent& event,
                                        int64_t execution_id);
/// The user data stream's `outboundAccountPosition` for `event`.
boost::json::object AccountPositionJson(const BalanceEvent& event, int64_t account_update_time);
/// A decimal at `scale` places, as Binance prints it.
std::string Fixed(const base::Decimal& value, int scale);

}  // namespace amanah::paper::binance
