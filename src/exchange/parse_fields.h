// The field readers the adapters' response parsers share: a decimal an exchange writes "" when it
// does not apply, a millisecond count written as a string, and candle rows ([start, open, high,
// low, close, …] with the start as a string, in any order) read oldest first.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "base/decimal.h"
#include "base/json_reader.h"
#include "base/result.h"
#include "exchange/market_data.h"

namespace amanah::exchange {

base::Result<base::Decimal> DecimalOrZero(const base::JsonView& object, std::string_view name);
base::Result<int64_t> MillisText(const base::JsonView& object, std::string_view name);
base::Result<std::vector<Candle>> CandlesFromRows(const std::vector<base::JsonView>& rows);

}  // namespace amanah::exchange
