// State JSON: the paper exchange's model as JSON, one shape shared by the admin API, the scenario
// file (TOML read into the same shape) and snapshots, so that anything a scenario can seed the
// admin API can change and a snapshot can restore. Names are snake_case; decimals are strings.
// Every reader names the field it could not use.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "base/json_reader.h"
#include "base/result.h"
#include "core/account.h"
#include "core/api_key.h"
#include "core/order.h"
#include "core/symbol_spec.h"

namespace amanah::paper {

boost::json::object ToJson(const Account& account);
boost::json::object ToJson(const ApiKey& key);
boost::json::object ToJson(const Permissions& permissions);
boost::json::object ToJson(const Order& order);
boost::json::object ToJson(const Trade& trade);

/// Reads the fields present in `in` onto `out` (absent fields keep their value).
base::Result<void> Update(const boost::json::object& in, Account& out);
base::Result<void> Update(const boost::json::object& in, Permissions& out);
base::Result<void> Update(const boost::json::object& in, ApiKey& out);
base::Result<void> Update(const boost::json::object& in, SymbolSpec& out);
/// A snapshot's order and trade records, read with the checked reader (errors name the path).
base::Result<Order> OrderFromJson(const base::JsonView& in);
base::Result<Trade> TradeFromJson(const base::JsonView& in);
base::Result<NewOrder> NewOrderFromJson(const boost::json::object& in);

/// A decimal field: a JSON string (or an integer, for convenience in TOML).
base::Result<base::Decimal> DecimalField(const boost::json::value& value, std::string_view name);

}  // namespace amanah::paper
