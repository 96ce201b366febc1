#include "order/order_mac.h"

#include <string>

#include "crypto/constant_time.h"

namespace amanah::order {
namespace {

std::optional<std::string> Text(const std::optional<base::Decimal>& d) {
  if (!d) return std::nullopt;
  return d->ToString();
}

}  // namespace

store::Blob MacOf(const vault::StateMac& mac, const store::OrderRow& r) {
  const std::optional<std::string> quantity = Text(r.quantity), quote = Text(r.quote_amount),
                                   limit = Text(r.limit_price), trigger = Text(r.trigger_price);
  const std::string executed = r.executed_qty.ToString(),
                    cumulative = r.cumulative_quote.ToString(),
                    created = std::to_string(base::UnixMillis(r.created_at));
  auto opt = [](const std::optional<std::string>& s) -> std::optional<std::string_view> {
    if (!s) return std::nullopt;
    return std::string_view(*s);
  };
  if (!r.trailing_bips) {
    return mac.Of(
        "amanah/state/order/v1",
        {r.tenant.value(), r.id, r.connection.value(), r.exchange, r.symbol, r.side, r.type,
         r.time_in_force, opt(quantity), opt(quote), opt(limit), opt(trigger), r.source,
         r.source_ref, r.state, r.exchange_order_id, executed, cumulative, created});
  }
  // A trailing order binds its delta too (rows without one keep the MAC they always had).
  const std::string trailing = std::to_string(*r.trailing_bips);
  return mac.Of("amanah/state/order/v1", {r.tenant.value(),
                                          r.id,
                                          r.connection.value(),
                                          r.exchange,
                                          r.symbol,
                                          r.side,
                                          r.type,
                                          r.time_in_force,
                                          opt(quantity),
                                          opt(quote),
                                          opt(limit),
                                          opt(trigger),
                                          r.source,
                                          r.source_ref,
                                          r.state,
                                          r.exchange_order_id,
                                          executed,
                                          cumulative,
                                          created,
                                          std::string_view("trailing"),
                                          std::string_view(trailing)});
}

void Seal(const vault::StateMac& mac, store::OrderRow& row) { row.state_mac = MacOf(mac, row); }

base::Result<void> Verify(const vault::StateMac& mac, const store::OrderRow& row) {
  const store::Blob expected = MacOf(mac, row);
  if (row.state_mac.size() != expected.size() ||
      !crypto::ConstantTimeEquals(row.state_mac, expected)) {
    return base::Fail(base::ErrorCode::kDataLoss,
                      "order " + row.id +
                          " was changed outside Amanah (its state MAC does not match); it is "
                          "not acted on");
  }
  return {};
}

}  // namespace amanah::order
