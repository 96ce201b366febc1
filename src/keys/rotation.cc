#include "keys/rotation.h"

namespace amanah::keys {

std::string_view RotationStateName(RotationStanding::State state) {
  switch (state) {
    case RotationStanding::State::kCurrent:
      return "current";
    case RotationStanding::State::kReminder:
      return "reminder";
    case RotationStanding::State::kDue:
      return "due";
  }
  return "current";
}

RotationStanding RotationOf(const store::Connection& c, base::SystemTime now,
                            std::chrono::seconds reminder_after, std::chrono::seconds due_after) {
  RotationStanding r;
  r.from_exchange = c.key_created_at.has_value();
  r.counted_from = c.key_created_at.value_or(c.created_at);
  r.reminder_at = r.counted_from + reminder_after;
  r.due_at = r.counted_from + due_after;
  const auto age = now - r.counted_from;
  r.age_days = age.count() < 0 ? 0 : std::chrono::duration_cast<std::chrono::days>(age).count();
  if (now >= r.due_at) {
    r.state = RotationStanding::State::kDue;
  } else if (now >= r.reminder_at) {
    r.state = RotationStanding::State::kReminder;
  }
  return r;
}

}  // namespace amanah::keys
