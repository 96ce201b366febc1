// OKX's parameters on the paper exchange: required ones, decimals, bounded integers, instrument
// types and instrument ids, each refused as OKX refuses them (50014 missing, 51000 malformed,
// 51001 an instrument that does not exist).
#include <charconv>

#include "venues/okx/okx_request.h"

namespace amanah::paper::okx {

using base::Decimal;

Got<std::string_view> Required(const OkxRequest& c, std::string_view name) {
  auto v = c.Get(name);
  if (!v || v->empty()) return ParamMissing(name);
  return *v;
}

Got<Decimal> DecimalParam(const OkxRequest& c, std::string_view name) {
  AMANAH_ASSIGN_OR_RETURN(std::string_view text, Required(c, name));
  auto d = Decimal::Parse(text);
  if (!d || d->IsNegative()) return ParamError(name);
  return *d;
}

Got<int64_t> IntParam(const OkxRequest& c, std::string_view name, int64_t fallback, int64_t min,
                      int64_t max) {
  auto text = c.Get(name);
  if (!text || text->empty()) return fallback;
  int64_t out = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), out);
  if (ec != std::errc() || end != text->data() + text->size() || out < min || out > max) {
    return ParamError(name);
  }
  return out;
}

Got<std::string_view> InstType(const OkxRequest& c, bool required) {
  auto type = c.Get("instType");
  if (!type || type->empty()) {
    if (required) return ParamMissing("instType");
    return std::string_view();
  }
  if (*type != "SPOT" && *type != "MARGIN" && *type != "SWAP" && *type != "FUTURES" &&
      *type != "OPTION") {
    return ParamError("instType");
  }
  return *type;
}

Got<Market*> MarketOf(Exchange& ex, std::string_view inst_id) {
  const size_t dash = inst_id.find('-');
  if (dash != std::string_view::npos && inst_id.find('-', dash + 1) == std::string_view::npos) {
    const std::string_view base = inst_id.substr(0, dash), quote = inst_id.substr(dash + 1);
    for (auto& [name, m] : ex.markets()) {
      if (m.spec().base == base && m.spec().quote == quote) return ex.FindMarket(name);
    }
  }
  return OkxError{51001, "Instrument ID does not exist."};
}

Got<Market*> InstParam(Exchange& ex, const OkxRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(std::string_view inst, Required(c, "instId"));
  return MarketOf(ex, inst);
}

std::string InstId(const Market& m) { return m.spec().base + "-" + m.spec().quote; }

std::string Ms(int64_t ms) { return std::to_string(ms); }

std::string Text(const Decimal& value) { return value.ToNormalizedString(); }

}  // namespace amanah::paper::okx
