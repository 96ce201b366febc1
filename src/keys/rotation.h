// When a connection's key should be replaced: counted from when the exchange says the key was
// created, else from when Amanah first held it; a reminder from `reminder_after`, due from
// `due_after` (80 and 90 days by default, KeyPolicy).
#pragma once

#include <chrono>

#include "keys/outcomes.h"
#include "store/records.h"

namespace amanah::keys {

RotationStanding RotationOf(const store::Connection& connection, base::SystemTime now,
                            std::chrono::seconds reminder_after, std::chrono::seconds due_after);

}  // namespace amanah::keys
