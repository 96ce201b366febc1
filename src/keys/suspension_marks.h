// SuspensionMarks: the second line of fail-closed suspension. When an audit finds a key must be
// suspended but the store cannot record it (disk full, database locked, a write fault), the key
// service marks the connection here — a file per connection in its own directory, fsynced — and
// every check of a connection's standing refuses a marked one until an audit's result is stored.
// So a connection that failed its audit never stays usable because a write failed. Thread-safe.
#pragma once

#include <string>

#include "base/result.h"
#include "store/records.h"

namespace amanah::keys {

class SuspensionMarks {
 public:
  /// Marks live in `directory` (created 0700 if missing).
  explicit SuspensionMarks(std::string directory) : directory_(std::move(directory)) {}

  base::Result<void> Mark(const store::ConnectionId& id, std::string_view reason);
  base::Result<void> Clear(const store::ConnectionId& id);
  /// The reason recorded, if the connection is marked.
  base::Result<std::optional<std::string>> Find(const store::ConnectionId& id) const;

 private:
  std::string PathOf(const store::ConnectionId& id) const;
  std::string directory_;
};

}  // namespace amanah::keys
