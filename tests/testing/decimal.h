// D("0.01"): a decimal literal in a test, which must parse.
#pragma once

#include <string_view>

#include "base/decimal.h"

namespace amanah::testing {

inline base::Decimal D(std::string_view s) { return base::Decimal::Parse(s).value(); }

}  // namespace amanah::testing
