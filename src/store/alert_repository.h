// AlertRepository: the alerts of each tenant (records.h: Alert). Reached through a UnitOfWork, so
// an alert is raised in the same transaction as the change it is about.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "store/records.h"

namespace amanah::store {

class AlertRepository {
 public:
  virtual ~AlertRepository() = default;
  /// Stores the alert unless one of its tenant, kind and subject is open; true if stored.
  virtual base::Result<bool> Raise(const Alert& alert) = 0;
  /// Stores the alert unless one of its tenant, kind and subject was ever raised (open or
  /// acknowledged); true if stored.
  virtual base::Result<bool> RaiseOnce(const Alert& alert) = 0;
  /// The tenant's alerts, newest first; only open ones unless `all`.
  virtual base::Result<std::vector<Alert>> List(const TenantId& tenant, bool all) = 0;
  /// Acknowledges an open alert of the tenant; false if there is no such open alert.
  virtual base::Result<bool> Acknowledge(const TenantId& tenant, std::string_view id,
                                         std::string_view by, base::SystemTime at) = 0;
  /// Closes the open alert of this kind and subject, if any, as acknowledged by `by` (what ended
  /// it: "rotation", "old key deleted"); how many were closed.
  virtual base::Result<int64_t> Resolve(const TenantId& tenant, std::string_view kind,
                                        std::string_view subject, std::string_view by,
                                        base::SystemTime at) = 0;
  /// Open alerts by kind across tenants (for /metrics).
  virtual base::Result<std::vector<std::pair<std::string, int64_t>>> CountOpenByKind() = 0;
};

}  // namespace amanah::store
