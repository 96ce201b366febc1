// RateBudgetRepository: each exchange origin's request-weight budget per egress IP, shared by the
// nodes that send from that IP — an exchange limits the IP, not the node, so one node's 418 ban
// must stop the others too. Each node merges what its responses reported into the row and reads
// back what every node reported. Reached through a UnitOfWork.
#pragma once

#include <vector>

#include "base/result.h"
#include "store/records.h"

namespace amanah::store {

class RateBudgetRepository {
 public:
  virtual ~RateBudgetRepository() = default;

  /// Merges `seen` into the stored row of its (exchange, origin, egress IP) and returns the row:
  /// the later window's used weight (the larger one within the same window), the newer limit, and
  /// the later back-off and ban.
  virtual base::Result<RateBudget> Merge(const RateBudget& seen) = 0;
  virtual base::Result<std::vector<RateBudget>> List() = 0;
};

}  // namespace amanah::store
