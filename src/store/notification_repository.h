// NotificationRepository: the endpoints each tenant has Amanah notify (an HTTPS URL, the event
// types it wants, the nonce its signing secret is derived from, and how far into the tenant's
// journal it has been notified) and the outbox of notifications: each one stored in the same
// transaction that moves its endpoint's journal position, then delivered, retried, and kept
// whatever came of it. Reached through a UnitOfWork.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "store/records.h"

namespace amanah::store {

struct NotifyEndpoint {
  std::string id;  ///< 16 lowercase hex
  TenantId tenant;
  std::string url;
  std::string events;  ///< comma-separated event types, or "*" for all
  std::string description;
  std::string nonce;  ///< hex; the endpoint's signing secret is derived from it
  base::SystemTime created_at;
  uint64_t cursor_seq = 0;  ///< the tenant's journal records up to this seq were looked at
};

struct Notification {
  std::string id;  ///< "msg_" + 32 hex: the webhook-id, the same on every attempt
  TenantId tenant;
  std::string endpoint;
  std::string event;  ///< "order.foreign", "key.suspended", …
  std::string body;   ///< the JSON POSTed
  base::SystemTime created_at;
  std::string state = "pending";  ///< "pending" | "delivered" | "undeliverable"
  int attempts = 0;
  base::SystemTime next_attempt_at;
  std::optional<base::SystemTime> delivered_at;
  std::string last_error;
};

class NotificationRepository {
 public:
  virtual ~NotificationRepository() = default;
  virtual base::Result<void> AddEndpoint(const NotifyEndpoint& endpoint) = 0;
  /// One tenant's endpoints, oldest first; with no tenant, every tenant's.
  virtual base::Result<std::vector<NotifyEndpoint>> Endpoints(
      const std::optional<TenantId>& tenant) = 0;
  /// Removes the endpoint (its notifications are kept); false if the tenant has none by that id.
  virtual base::Result<bool> RemoveEndpoint(const TenantId& tenant, std::string_view id) = 0;
  virtual base::Result<bool> SetEndpointNonce(const TenantId& tenant, std::string_view id,
                                              std::string_view nonce) = 0;
  /// Moves the endpoint's journal position from `from` to `to`; false (nothing changed) if it is
  /// no longer at `from` (another daemon collected meanwhile) or the endpoint is gone.
  virtual base::Result<bool> AdvanceCursor(std::string_view endpoint, uint64_t from,
                                           uint64_t to) = 0;

  virtual base::Result<void> Enqueue(const Notification& notification) = 0;
  /// Pending notifications due at `now` whose endpoint still exists, the oldest due first.
  virtual base::Result<std::vector<Notification>> Due(base::SystemTime now, size_t limit) = 0;
  /// Writes an attempt's result: state, attempts, next attempt, delivery time, last error.
  virtual base::Result<void> UpdateDelivery(const Notification& notification) = 0;
  /// The tenant's notifications, newest first.
  virtual base::Result<std::vector<Notification>> List(const TenantId& tenant, size_t limit) = 0;
  virtual base::Result<std::optional<Notification>> Get(const TenantId& tenant,
                                                        std::string_view id) = 0;
};

}  // namespace amanah::store
