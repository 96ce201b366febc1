// CheckpointSink: somewhere outside the data directory that receives every signed checkpoint the
// journal writes — a directory on another disk or host (DirectorySink), an HTTPS webhook signed by
// the node key (environment/checkpoint_webhook.h). The last checkpoint a sink holds is the anchor
// `journal verify --checkpoint` checks the journal against: whoever can write the data directory
// cannot shorten or rewrite the journal behind it unseen. Export failures are logged and superseded
// by the next checkpoint. Implementations must be thread-safe.
#pragma once

#include <string>

#include "base/result.h"
#include "journal/checkpoint.h"

namespace amanah::journal {

class CheckpointSink {
 public:
  virtual ~CheckpointSink() = default;
  /// "directory /mnt/backup/amanah": for messages.
  virtual std::string Describe() const = 0;
  virtual base::Result<void> Export(const SignedCheckpoint& checkpoint) = 0;
};

/// Writes each checkpoint as checkpoint-<time>-<id>.json and replaces latest.json (files 0600,
/// written to a temporary name and renamed, so a reader never sees half a file).
class DirectorySink final : public CheckpointSink {
 public:
  explicit DirectorySink(std::string directory) : directory_(std::move(directory)) {}
  std::string Describe() const override { return "directory " + directory_; }
  base::Result<void> Export(const SignedCheckpoint& checkpoint) override;
  /// The file that holds the newest checkpoint.
  std::string LatestPath() const { return directory_ + "/latest.json"; }

 private:
  std::string directory_;
};

/// Writes `content` to `path` with mode 0600 whatever the umask (temporary file, fsync, rename).
base::Result<void> WritePrivateFile(const std::string& path, std::string_view content);

}  // namespace amanah::journal
