#include "strategy/plan_history_json.h"

#include <boost/json.hpp>

#include "base/json_reader.h"
#include "base/utc_time.h"

namespace amanah::strategy {

namespace json = boost::json;

namespace {

// Our own canonical JSON, read back through the checked reader all the same.
json::value Stored(const std::string& text) {
  auto doc = base::JsonDocument::Parse(text, {"a stored plan run"});
  if (!doc) return json::value(text);
  return doc->value();
}

}  // namespace

json::object RunJson(const store::PlanRunRow& r) {
  json::object o{{"slot", base::UtcTime(base::SystemTime(std::chrono::milliseconds(r.slot_ms)))},
                 {"slot_ms", r.slot_ms},
                 {"state", r.state},
                 {"started_at", base::UtcTime(r.started_at)},
                 {"intents", Stored(r.intents)},
                 {"orders", Stored(r.outcome)}};
  o["finished_at"] = r.finished_at ? json::value(base::UtcTime(*r.finished_at)) : nullptr;
  if (!r.note.empty()) o["note"] = r.note;
  return o;
}

json::object SignalRowJson(const store::SignalRow& s) {
  json::object o{{"id", s.signal_id},
                 {"received_at", base::UtcTime(s.received_at)},
                 {"signal", Stored(s.body)},
                 {"state", s.state}};
  if (!s.order_id.empty()) o["order"] = s.order_id;
  if (!s.reason.empty()) o["reason"] = s.reason;
  return o;
}

}  // namespace amanah::strategy
