// What the key service's journal records of a connection share: which connection, and its state
// after the change (so `journal verify --state` can hold the stored state against the journal);
// and which exchange failures mean the exchange refused the key itself.
#pragma once

#include <boost/json/object.hpp>

#include "base/error.h"
#include "store/records.h"

namespace amanah::keys {

/// The alerts of a key's life beside key.suspended: subject "<connection id>/<api key id>" for
/// the rotation reminders (one per key), the connection id for an old key still to delete.
inline constexpr std::string_view kAlertRotationReminder = "key.rotation_reminder";
inline constexpr std::string_view kAlertRotationDue = "key.rotation_due";
inline constexpr std::string_view kAlertOldKeyPending = "key.old_key_pending";

/// Puts connection, label, status and state_mac into `payload`.
void PutState(boost::json::object& payload, const store::Connection& connection);

/// The exchange refused the key (unknown, deleted, IP or permission): not a passing fault.
bool KeyRefusal(const base::Error& error);

}  // namespace amanah::keys
