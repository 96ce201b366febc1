#include "notify/notify_json.h"

#include <boost/json.hpp>

#include "base/utc_time.h"

namespace amanah::notify {

namespace json = boost::json;

json::object EndpointJson(const store::NotifyEndpoint& e) {
  json::array events;
  if (e.events == "*") {
    events.emplace_back("*");
  } else {
    size_t start = 0;
    while (start < e.events.size()) {
      size_t comma = e.events.find(',', start);
      if (comma == std::string::npos) comma = e.events.size();
      events.emplace_back(e.events.substr(start, comma - start));
      start = comma + 1;
    }
  }
  return {{"id", e.id},
          {"url", e.url},
          {"events", std::move(events)},
          {"description", e.description},
          {"created_at", base::UtcTime(e.created_at)},
          {"signature",
           "Standard Webhooks v1 (HMAC-SHA256): webhook-id, webhook-timestamp, "
           "webhook-signature"}};
}

json::object EndpointJson(const EndpointView& view) {
  json::object o = EndpointJson(view.endpoint);
  if (view.secret) {
    o["secret"] = view.secret->view();
    o["secret_shown_once"] = true;
  }
  return o;
}

json::object NotificationJson(const store::Notification& n) {
  json::object o{{"id", n.id},
                 {"endpoint", n.endpoint},
                 {"type", n.event},
                 {"created_at", base::UtcTime(n.created_at)},
                 {"state", n.state},
                 {"attempts", n.attempts},
                 {"last_error", n.last_error}};
  if (n.state == "pending") o["next_attempt_at"] = base::UtcTime(n.next_attempt_at);
  if (n.delivered_at) o["delivered_at"] = base::UtcTime(*n.delivered_at);
  boost::system::error_code ec;
  json::value body = json::parse(n.body, ec);
  if (!ec && body.is_object()) {
    if (const json::value* m = body.as_object().if_contains("message"); m) o["message"] = *m;
    o["body"] = std::move(body);
  }
  return o;
}

}  // namespace amanah::notify
