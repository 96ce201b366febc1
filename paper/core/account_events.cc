#include "core/account_events.h"

namespace amanah::paper {

uint64_t AccountEvents::Subscribe(uint64_t account, Listener listener) {
  const uint64_t id = next_id_++;
  subscriptions_.emplace(id, Subscription{account, std::move(listener)});
  ++watched_[account];
  return id;
}

void AccountEvents::Unsubscribe(uint64_t id) {
  auto found = subscriptions_.find(id);
  if (found == subscriptions_.end()) return;
  auto count = watched_.find(found->second.account);
  if (count != watched_.end() && --count->second == 0) watched_.erase(count);
  subscriptions_.erase(found);
}

void AccountEvents::Publish(uint64_t account, const AccountEvent& event) const {
  if (!Watched(account)) return;
  for (const auto& [id, s] : subscriptions_) {
    if (s.account == account) s.listener(event);
  }
}

}  // namespace amanah::paper
