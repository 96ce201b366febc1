// Journal: the append-only, hash-chained record of every decision, one chain per tenant (grammar in
// record.h). Append() returns only once its record is durable (committed with synchronous=FULL).
// Group commit: one writer thread takes every record queued while it wrote the previous batch and
// commits them in one transaction (one fsync); each caller sleeps on its own flag until its batch
// is durable, so completions wake callers directly rather than through one contended lock. A caller
// whose append fails must not carry out the action it describes: security-relevant actions fail
// closed on the journal.
//
// Every `checkpoint_every_records` records, or on the first append after `checkpoint_every`
// has passed, the heads of all chains are signed with the node's Ed25519 key (kept sealed in the
// vault as system secret "journal-node-key") into a checkpoint, stored and exportable.
// Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include <boost/json/value.hpp>

#include "base/clock.h"
#include "base/result.h"
#include "crypto/ed25519.h"
#include "journal/checkpoint.h"
#include "journal/record.h"
#include "store/store.h"
#include "vault/vault.h"

namespace amanah::journal {

inline constexpr std::string_view kNodeKeyName = "journal-node-key";

struct JournalOptions {
  uint64_t checkpoint_every_records = 1000;
  std::chrono::milliseconds checkpoint_every{std::chrono::minutes(5)};
};

struct Appended {
  uint64_t seq = 0;
  Hash hash{};
};

class Journal {
 public:
  /// Loads the chain heads and the node key (creating it on first use).
  static base::Result<std::unique_ptr<Journal>> Open(store::Store& store, vault::Vault& vault,
                                                     const base::Clock& clock,
                                                     JournalOptions options = {});

  /// Appends one record and returns once it is durable.
  base::Result<Appended> Append(std::string_view tenant, std::string_view kind,
                                const boost::json::value& payload);

  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  /// Signs and stores a checkpoint of every chain head now.
  base::Result<SignedCheckpoint> WriteCheckpoint();
  /// The node's public key (raw Ed25519).
  crypto::Bytes PublicKey() const { return key_->PublicKey().Raw(); }

 private:
  struct Pending {
    Record record;
    base::Result<Appended> result = base::Error(base::ErrorCode::kInternal, "not written");
    std::atomic<int> done{0};  // set (release) by the writer after `result`
  };

  Journal(store::Store& store, const base::Clock& clock, JournalOptions options,
          std::unique_ptr<crypto::Ed25519PrivateKey> key, std::map<std::string, ChainHead> heads);

  // The writer thread's loop.
  void WriterLoop();
  // Commits one batch and completes its callers. Runs on the writer thread only.
  void WriteBatch(std::vector<Pending*> batch);
  // Stores a checkpoint if one is due. Runs on the writer thread only.
  void MaybeCheckpoint();
  // REQUIRES: mu_ is held.
  Checkpoint CurrentCheckpoint() const;

  store::Store& store_;
  const base::Clock& clock_;
  const JournalOptions options_;
  const std::unique_ptr<crypto::Ed25519PrivateKey> key_;
  const std::string key_id_;

  std::mutex mu_;
  std::condition_variable work_;
  std::deque<Pending*> queue_;              // GUARDED_BY(mu_)
  bool stop_ = false;                       // GUARDED_BY(mu_)
  std::map<std::string, ChainHead> heads_;  // GUARDED_BY(mu_); changed by the writer only
  uint64_t since_checkpoint_ = 0;           // GUARDED_BY(mu_)
  base::MonotonicTime last_checkpoint_;     // GUARDED_BY(mu_)
  std::thread writer_;                      // last: starts once everything above exists
};

}  // namespace amanah::journal
