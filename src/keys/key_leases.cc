#include "keys/key_leases.h"

namespace amanah::keys {

KeyLeases::Lease KeyLeases::Acquire(const store::ConnectionId& connection, std::string_view key_id,
                                    bool& stale) {
  std::unique_lock lock(mu_);
  Entry& e = entries_[connection.value()];
  switched_.wait(lock, [&] { return !e.switching; });
  stale = !e.current_key.empty() && e.current_key != key_id;
  ++e.leases;
  return Lease(this, connection.value());
}

bool KeyLeases::TryBeginSwitch(const store::ConnectionId& connection) {
  std::lock_guard lock(mu_);
  Entry& e = entries_[connection.value()];
  if (e.leases > 0 || e.switching) return false;
  e.switching = true;
  return true;
}

void KeyLeases::EndSwitch(const store::ConnectionId& connection, std::string_view new_key_id) {
  {
    std::lock_guard lock(mu_);
    Entry& e = entries_[connection.value()];
    e.switching = false;
    if (!new_key_id.empty()) e.current_key = std::string(new_key_id);
  }
  switched_.notify_all();
}

int KeyLeases::InFlight(const store::ConnectionId& connection) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(connection.value());
  return it == entries_.end() ? 0 : it->second.leases;
}

void KeyLeases::Release(const std::string& connection) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(connection);
  if (it != entries_.end()) --it->second.leases;
}

}  // namespace amanah::keys
