#include "keys/key_leases.h"

namespace amanah::keys {

KeyLeases::Lease KeyLeases::Acquire(const store::ConnectionId& connection, std::string_view key_id,
                                    bool& stale) {
  std::unique_lock lock(mu_);
  for (;;) {
    // Looked up again after each wait: a failed switch's entry may have gone meanwhile.
    Entry& e = entries_.try_emplace(connection.value()).first->second;
    if (!e.switching) {
      stale = !e.current_key.empty() && e.current_key != key_id;
      ++e.leases;
      return Lease(this, connection.value());
    }
    switched_.wait(lock);
  }
}

bool KeyLeases::TryBeginSwitch(const store::ConnectionId& connection) {
  std::lock_guard lock(mu_);
  Entry& e = entries_.try_emplace(connection.value()).first->second;
  if (e.leases > 0 || e.switching) return false;
  e.switching = true;
  return true;
}

void KeyLeases::EndSwitch(const store::ConnectionId& connection, std::string_view new_key_id) {
  {
    std::lock_guard lock(mu_);
    auto it = entries_.find(connection.value());
    if (it == entries_.end()) return;  // (a bug: no switch was begun)
    it->second.switching = false;
    if (!new_key_id.empty()) it->second.current_key = std::string(new_key_id);
    Erase(it);
  }
  switched_.notify_all();
}

size_t KeyLeases::Tracked() {
  std::lock_guard lock(mu_);
  return entries_.size();
}

int KeyLeases::InFlight(const store::ConnectionId& connection) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(connection.value());
  return it == entries_.end() ? 0 : it->second.leases;
}

void KeyLeases::Release(const std::string& connection) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(connection);
  if (it == entries_.end()) return;
  --it->second.leases;
  Erase(it);
}

void KeyLeases::Erase(Entries::iterator it) {
  // An entry that holds nothing goes; one of a switched connection stays (its current key tells
  // a caller that read the row before the switch that it is stale), one per rotated connection.
  if (it->second.leases == 0 && !it->second.switching && it->second.current_key.empty())
    entries_.erase(it);
}

}  // namespace amanah::keys
