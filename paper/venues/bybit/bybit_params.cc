// Bybit's parameters on the paper exchange: required ones, the spot category, decimals and
// bounded integers, each refused with 10001 naming the parameter as Bybit does.
#include <charconv>

#include "venues/bybit/bybit_request.h"

namespace amanah::paper::bybit {

using base::Decimal;

Got<std::string_view> Required(const BybitRequest& c, std::string_view name) {
  auto v = c.Get(name);
  if (!v || v->empty()) return ParamError(std::string(name) + " is required");
  return *v;
}

Got<std::string_view> Category(const BybitRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(std::string_view category, Required(c, "category"));
  if (category != "spot" && category != "linear" && category != "inverse" && category != "option") {
    return ParamError("category is invalid");
  }
  return category;
}

Got<Decimal> DecimalParam(const BybitRequest& c, std::string_view name) {
  AMANAH_ASSIGN_OR_RETURN(std::string_view text, Required(c, name));
  auto d = Decimal::Parse(text);
  if (!d || d->IsNegative()) return ParamError(std::string(name) + " is not a decimal");
  return *d;
}

Got<int64_t> IntParam(const BybitRequest& c, std::string_view name, int64_t fallback, int64_t min,
                      int64_t max) {
  auto text = c.Get(name);
  if (!text) return fallback;
  int64_t out = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), out);
  if (ec != std::errc() || end != text->data() + text->size() || out < min || out > max) {
    return ParamError(std::string(name) + " must be an integer from " + std::to_string(min) +
                      " to " + std::to_string(max));
  }
  return out;
}

Got<Market*> SymbolParam(Exchange& ex, const BybitRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(std::string_view symbol, Required(c, "symbol"));
  Market* m = ex.FindMarket(symbol);
  if (m == nullptr) return BybitError{170121, "Invalid symbol."};
  return m;
}

std::string Text(const Decimal& value) { return value.ToNormalizedString(); }

}  // namespace amanah::paper::bybit
