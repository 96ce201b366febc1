// ScheduleRepository: recurring background work as leased rows, so that any number of daemons on
// one store share it without doing it twice: a node claims the items that are due and not leased
// (inside one write transaction, so two nodes never claim the same item), does the work, and
// completes the item with its next due time; a node that dies loses its leases when they expire and
// another node takes the work. Reached through a UnitOfWork.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "store/records.h"

namespace amanah::store {

class ScheduleRepository {
 public:
  virtual ~ScheduleRepository() = default;

  /// Adds the item due at `due_at` unless it exists; true if added.
  virtual base::Result<bool> Ensure(std::string_view name, base::SystemTime due_at) = 0;
  /// Leases up to `limit` items that are due at `now` and not leased, earliest first, to `holder`
  /// until `lease_until`.
  virtual base::Result<std::vector<WorkItem>> Claim(std::string_view holder, base::SystemTime now,
                                                    base::SystemTime lease_until,
                                                    int64_t limit) = 0;
  /// Ends `holder`'s lease on the item and makes it due at `next_due`; false if the lease was lost
  /// (it expired and another node took it).
  virtual base::Result<bool> Complete(std::string_view name, std::string_view holder,
                                      base::SystemTime next_due) = 0;
  /// Makes the item due at `due_at` (sooner: a permission-looking error), keeping any lease.
  virtual base::Result<void> Reschedule(std::string_view name, base::SystemTime due_at) = 0;
  virtual base::Result<void> Remove(std::string_view name) = 0;
  virtual base::Result<std::optional<WorkItem>> Get(std::string_view name) = 0;
  virtual base::Result<int64_t> Count() = 0;
};

}  // namespace amanah::store
