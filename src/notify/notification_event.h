// NotificationEvent: which journal records are worth telling a person about at once, as what
// event type, and in what words — an order Amanah did not place, a key suspended, an audit
// failed, a key due for rotation, a plan's run failed, a connection lost, a key revoked. The
// journal is where every decision already is, so nothing needs to remember to notify. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/json_reader.h"

namespace amanah::notify {

struct NotificationEvent {
  std::string type;     ///< "order.foreign", "key.suspended", …
  std::string message;  ///< one sentence for a person, with the fix
};

/// The event a journal record of `kind` with `payload` is, if any.
std::optional<NotificationEvent> EventOf(std::string_view kind, const base::JsonView& payload);

/// Every event type, for endpoints' subscriptions and the documentation.
const std::vector<std::string_view>& EventTypes();

/// The event type of an endpoint's test notification.
inline constexpr std::string_view kTestEvent = "notify.test";

}  // namespace amanah::notify
