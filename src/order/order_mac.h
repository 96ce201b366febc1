// OrderMac: an order's stored state authenticated like a connection's (vault/state_mac.h), so that
// someone who can write the database cannot make Amanah treat an altered order as its own — a
// changed quantity, a forged "filled", an order moved to another connection.
//
// Grammar: "amanah/state/order/v1" ‖ tenant ‖ id ‖ connection ‖ exchange ‖ symbol ‖ side ‖ type ‖
// time_in_force ‖ opt(quantity) ‖ opt(quote_amount) ‖ opt(limit_price) ‖ opt(trigger_price) ‖
// source ‖ source_ref ‖ state ‖ exchange_order_id ‖ executed_qty ‖ cumulative_quote ‖ created_at
// [‖ "trailing" ‖ trailing_bips, for a trailing stop only] (fields length-prefixed as StateMac::Of
// does; decimals as their exact text, times in ms).
#pragma once

#include "base/result.h"
#include "store/records.h"
#include "vault/state_mac.h"

namespace amanah::order {

store::Blob MacOf(const vault::StateMac& mac, const store::OrderRow& row);
/// Sets row.state_mac.
void Seal(const vault::StateMac& mac, store::OrderRow& row);
/// kDataLoss naming the order when its MAC is missing or wrong.
base::Result<void> Verify(const vault::StateMac& mac, const store::OrderRow& row);

}  // namespace amanah::order
