// The JSON of notification endpoints and notifications, as the API answers and the CLI's --json
// prints. An endpoint's secret appears only in the answer that made it.
#pragma once

#include <boost/json/object.hpp>

#include "notify/notifier.h"

namespace amanah::notify {

boost::json::object EndpointJson(const store::NotifyEndpoint& endpoint);
/// With "secret" (shown once) when the view has it.
boost::json::object EndpointJson(const EndpointView& view);
/// A notification with its delivery state; its body (the JSON POSTed) under "body" as JSON.
boost::json::object NotificationJson(const store::Notification& notification);

}  // namespace amanah::notify
