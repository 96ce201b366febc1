#include "strategy/plan_mac.h"

#include <string>

#include "base/wipe.h"
#include "crypto/constant_time.h"
#include "crypto/encoding.h"

namespace amanah::strategy {

namespace {

std::string Ms(base::SystemTime t) { return std::to_string(base::UnixMillis(t)); }

store::Blob MacOf(const vault::StateMac& mac, const store::PlanRow& r) {
  const std::string created = Ms(r.created_at), spent = r.spent.ToString(),
                    runs = std::to_string(r.runs);
  std::optional<std::string> next;
  if (r.next_run) next = Ms(*r.next_run);
  std::optional<std::string_view> next_view;
  if (next) next_view = *next;
  return mac.Of("amanah/state/plan/v1", {r.tenant.value(), r.id, r.connection.value(), r.name,
                                         r.kind, r.status, r.status_reason, r.period, r.time_zone,
                                         r.catch_up, r.spec, created, next_view, spent, runs});
}

store::Blob MacOf(const vault::StateMac& mac, const store::PlanRunRow& r) {
  const std::string slot = std::to_string(r.slot_ms);
  return mac.Of("amanah/state/plan-run/v1",
                {r.tenant.value(), r.plan_id, slot, r.state, r.intents, r.outcome});
}

store::Blob MacOf(const vault::StateMac& mac, const store::SignalRow& r) {
  const std::string received = Ms(r.received_at);
  return mac.Of("amanah/state/plan-signal/v1",
                {r.tenant.value(), r.plan_id, r.signal_id, received, r.body, r.state, r.order_id});
}

bool Same(const store::Blob& a, const store::Blob& b) {
  return a.size() == b.size() && crypto::ConstantTimeEquals(a, b);
}

base::Result<void> Changed(std::string what) {
  return base::Fail(base::ErrorCode::kDataLoss,
                    what +
                        " was changed outside Amanah (its state MAC does not match); it is not "
                        "acted on");
}

}  // namespace

void Seal(const vault::StateMac& mac, store::PlanRow& row) { row.state_mac = MacOf(mac, row); }
base::Result<void> Verify(const vault::StateMac& mac, const store::PlanRow& row) {
  if (!Same(row.state_mac, MacOf(mac, row))) return Changed("plan " + row.name);
  return {};
}
void Seal(const vault::StateMac& mac, store::PlanRunRow& row) { row.state_mac = MacOf(mac, row); }
base::Result<void> Verify(const vault::StateMac& mac, const store::PlanRunRow& row) {
  if (!Same(row.state_mac, MacOf(mac, row))) {
    return Changed("the run at " + std::to_string(row.slot_ms) + " of plan " + row.plan_id);
  }
  return {};
}
void Seal(const vault::StateMac& mac, store::SignalRow& row) { row.state_mac = MacOf(mac, row); }
base::Result<void> Verify(const vault::StateMac& mac, const store::SignalRow& row) {
  if (!Same(row.state_mac, MacOf(mac, row))) {
    return Changed("signal " + row.signal_id + " of plan " + row.plan_id);
  }
  return {};
}

crypto::SecretBytes WebhookSecret(const vault::StateMac& mac, std::string_view plan_id,
                                  std::string_view nonce) {
  store::Blob raw = mac.Of("amanah/webhook-secret/v1", {plan_id, nonce});
  std::string hex = crypto::HexEncode(raw);
  crypto::SecretBytes secret = crypto::SecretBytes::CopyFrom(hex);
  base::Wipe(raw.data(), raw.size());
  base::Wipe(hex.data(), hex.size());
  return secret;
}

}  // namespace amanah::strategy
