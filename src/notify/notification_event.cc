#include "notify/notification_event.h"

#include "journal/record.h"
#include "keys/label.h"

namespace amanah::notify {

namespace {

namespace kind = journal::kind;

// A payload field as text, "" when absent or not a string (the journal's payloads are Amanah's
// own, but a notification is never refused for a field's shape).
std::string Text(const base::JsonView& payload, std::string_view field) {
  auto v = payload.OptionalString(field);
  return v && *v ? keys::Display(**v) : std::string();
}

std::string Label(const base::JsonView& payload) {
  const std::string label = Text(payload, "label");
  return label.empty() ? "a connection" : label;
}

// The first finding's text of an audit, or its failure's explanation.
std::string AuditReason(const base::JsonView& payload) {
  auto findings = payload.Array("findings");
  if (findings) {
    for (const auto& f : *findings) {
      auto severity = f.OptionalString("severity");
      if (severity && *severity && **severity != "hard") continue;
      const std::string found = Text(f, "found");
      if (found.empty()) continue;
      const std::string fix = Text(f, "fix");
      return fix.empty() ? found : found + ". " + fix;
    }
  }
  auto failure = payload.OptionalField("failure");
  if (failure && *failure) {
    const std::string why = Text(**failure, "explanation");
    if (!why.empty()) return why;
  }
  return "see its findings on the dashboard";
}

}  // namespace

const std::vector<std::string_view>& EventTypes() {
  static const std::vector<std::string_view> kTypes{
      "order.foreign", "key.suspended",   "key.audit_failed", "key.rotation_due",
      "plan.failed",   "connection.lost", "key.revoked",      kTestEvent};
  return kTypes;
}

std::optional<NotificationEvent> EventOf(std::string_view k, const base::JsonView& payload) {
  const std::string label = Label(payload);
  if (k == kind::kOrderForeign) {
    return NotificationEvent{
        "order.foreign",
        "An order Amanah did not place is on " + label + ": " + Text(payload, "symbol") + " " +
            Text(payload, "side") + " " + Text(payload, "quantity") + " @ " +
            Text(payload, "price") + " (exchange order " + Text(payload, "order_id") +
            "). Treat the key as stolen: revoke it in Amanah and delete it on the exchange."};
  }
  if (k == kind::kKeySuspended) {
    return NotificationEvent{
        "key.suspended", label + " was suspended and may not trade: " + Text(payload, "reason") +
                             ". Fix the key on the exchange, then audit it "
                             "again to reactivate it."};
  }
  if (k == kind::kKeyAudited) {
    auto compliant = payload.OptionalBool("compliant");
    if (!compliant || !*compliant || **compliant) return std::nullopt;
    return NotificationEvent{"key.audit_failed",
                             label + " failed its audit: " + AuditReason(payload) + "."};
  }
  if (k == kind::kKeyRotationDue) {
    const std::string state = Text(payload, "state");
    auto age = payload.OptionalInt("age_days");
    const std::string days = age && *age ? std::to_string(**age) : std::string("many");
    return NotificationEvent{
        "key.rotation_due",
        label + "'s key is " + days + " days old" +
            (state == "due" ? ": rotation is due. " : ": rotate it soon. ") +
            "Create a new key on the exchange and run `amanah rotate` (or use Rotate on the "
            "dashboard)."};
  }
  if (k == kind::kPlanRunFailed) {
    std::string plan = Text(payload, "name");
    if (plan.empty()) plan = Text(payload, "plan");
    return NotificationEvent{"plan.failed",
                             "Plan " + plan + " failed a run: " + Text(payload, "reason") + "."};
  }
  if (k == kind::kConnectionLost) {
    return NotificationEvent{
        "connection.lost",
        label + " lost its connection: " + Text(payload, "title") + ". " + Text(payload, "fix")};
  }
  if (k == kind::kKeyRevoked) {
    return NotificationEvent{"key.revoked", label + " was revoked (" + Text(payload, "reason") +
                                                "): its secret is destroyed."};
  }
  return std::nullopt;
}

}  // namespace amanah::notify
