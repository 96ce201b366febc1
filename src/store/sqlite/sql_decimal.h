// Amounts as SQLite stores them: the decimal's exact text. A column that does not parse is data
// loss, named by what it belongs to.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/decimal.h"
#include "base/result.h"
#include "store/sqlite/database.h"

namespace amanah::store::sqlite {

/// Column `column` as a decimal; kDataLoss "<owner> has a malformed amount: …" otherwise.
inline base::Result<base::Decimal> DecimalAt(const Statement& s, int column,
                                             std::string_view owner) {
  auto d = base::Decimal::Parse(s.Text(column));
  if (!d) {
    return base::Fail(base::ErrorCode::kDataLoss,
                      std::string(owner) + " has a malformed amount: " + d.error().message());
  }
  return *d;
}

/// The same for a nullable column: none when NULL.
inline base::Result<std::optional<base::Decimal>> OptionalDecimalAt(const Statement& s, int column,
                                                                    std::string_view owner) {
  if (s.IsNull(column)) return std::optional<base::Decimal>();
  AMANAH_ASSIGN_OR_RETURN(base::Decimal d, DecimalAt(s, column, owner));
  return std::optional<base::Decimal>(d);
}

}  // namespace amanah::store::sqlite
