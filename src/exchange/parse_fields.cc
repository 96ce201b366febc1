#include "exchange/parse_fields.h"

#include <algorithm>
#include <charconv>
#include <string>

namespace amanah::exchange {

using base::Decimal;
using base::JsonView;
using base::Result;

Result<Decimal> DecimalOrZero(const JsonView& o, std::string_view name) {
  AMANAH_ASSIGN_OR_RETURN(std::string text, o.String(name));
  if (text.empty()) return Decimal();
  return o.DecimalString(name);
}

Result<int64_t> MillisText(const JsonView& o, std::string_view name) {
  AMANAH_ASSIGN_OR_RETURN(std::string text, o.String(name));
  int64_t out = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (ec != std::errc() || end != text.data() + text.size() || out < 0) {
    AMANAH_ASSIGN_OR_RETURN(JsonView field, o.Field(name));
    return field.Problem("is not a count of milliseconds");
  }
  return out;
}

Result<std::vector<Candle>> CandlesFromRows(const std::vector<JsonView>& rows) {
  std::vector<Candle> out;
  out.reserve(rows.size());
  for (const JsonView& row : rows) {
    AMANAH_ASSIGN_OR_RETURN(auto cells, row.AsArray());
    if (cells.size() < 5) return row.Problem("has fewer than 5 cells");
    Candle c;
    AMANAH_ASSIGN_OR_RETURN(std::string start, cells[0].AsString());
    auto [end, ec] = std::from_chars(start.data(), start.data() + start.size(), c.open_time_ms);
    if (ec != std::errc() || end != start.data() + start.size()) {
      return cells[0].Problem("is not a count of milliseconds");
    }
    AMANAH_ASSIGN_OR_RETURN(c.open, cells[1].AsDecimalString());
    AMANAH_ASSIGN_OR_RETURN(c.high, cells[2].AsDecimalString());
    AMANAH_ASSIGN_OR_RETURN(c.low, cells[3].AsDecimalString());
    AMANAH_ASSIGN_OR_RETURN(c.close, cells[4].AsDecimalString());
    out.push_back(c);
  }
  std::sort(out.begin(), out.end(),
            [](const Candle& a, const Candle& b) { return a.open_time_ms < b.open_time_ms; });
  return out;
}

}  // namespace amanah::exchange
