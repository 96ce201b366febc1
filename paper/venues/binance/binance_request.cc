#include "venues/binance/binance_request.h"

#include <algorithm>
#include <charconv>

namespace amanah::paper::binance {

namespace {

constexpr std::string_view kDecimalRange = "^([0-9]{1,20})(\\.[0-9]{1,20})?$";
constexpr std::string_view kSymbolRange = "^[A-Z0-9-_.]{1,20}$";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

Answer<std::string_view> BinanceRequest::Required(std::string_view name) const {
  auto value = params.Get(name);
  if (!value || value->empty()) return MandatoryParam(name);
  return *value;
}

Answer<base::Decimal> DecimalParam(std::string_view name, std::string_view text) {
  size_t dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? "" : text.substr(dot + 1);
  auto digits = [](std::string_view part) { return Matches(part, 20, IsDigit); };
  if (!digits(whole) || (dot != std::string_view::npos && !digits(fraction)))
    return IllegalChars(name, kDecimalRange);
  auto value = base::Decimal::Parse(text);
  if (!value) return IllegalChars(name, kDecimalRange);
  return *value;
}

Answer<int64_t> IntParam(std::string_view name, std::string_view text) {
  if (text.empty() || !std::all_of(text.begin(), text.end(), IsDigit)) return MandatoryParam(name);
  int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return InvalidParam(name);
  return value;
}

Answer<Market*> SymbolParam(Exchange& exchange, const BinanceRequest& request) {
  AMANAH_ASSIGN_OR_RETURN(std::string_view symbol, request.Required("symbol"));
  if (!Matches(symbol, 20, [](char c) {
        return (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '-' || c == '_' || c == '.';
      }))
    return IllegalChars("symbol", kSymbolRange);
  Market* market = exchange.FindMarket(symbol);
  if (market == nullptr) return BadSymbol();
  return market;
}

Answer<int64_t> LimitParam(const BinanceRequest& request, int64_t fallback, int64_t max) {
  int64_t limit = fallback;
  if (auto text = request.params.Get("limit")) {
    AMANAH_ASSIGN_OR_RETURN(limit, IntParam("limit", *text));
  }
  return std::clamp<int64_t>(limit, 1, max);
}

}  // namespace amanah::paper::binance
