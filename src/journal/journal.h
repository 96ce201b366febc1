// Journal: the append-only, hash-chained record of every decision, one chain per tenant (grammar in
// record.h). Append() returns only once its record is durable (committed with synchronous=FULL);
// concurrent appends are group-committed, one transaction and one fsync for all that arrive while
// the previous batch is being written. A caller whose append fails must not carry out the action
// it describes: security-relevant actions fail closed on the journal.
//
// Every `checkpoint_every_records` records, or on the first append after `checkpoint_every`
// has passed, the heads of all chains are signed with the node's Ed25519 key (kept sealed in the
// vault as system secret "journal-node-key") into a checkpoint, stored and exportable.
// Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>

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

  /// Signs and stores a checkpoint of every chain head now.
  base::Result<SignedCheckpoint> WriteCheckpoint();
  /// The node's public key (raw Ed25519).
  crypto::Bytes PublicKey() const { return key_->PublicKey().Raw(); }

 private:
  struct Pending {
    Record record;
    base::Result<Appended> result = base::Error(base::ErrorCode::kInternal, "not written");
    bool done = false;
  };

  Journal(store::Store& store, const base::Clock& clock, JournalOptions options,
          std::unique_ptr<crypto::Ed25519PrivateKey> key, std::map<std::string, ChainHead> heads);

  // Writes one batch. REQUIRES: mu_ is held on entry and exit; writing_ is true.
  void WriteBatch(std::unique_lock<std::mutex>& lock);
  // REQUIRES: mu_ is held.
  Checkpoint CurrentCheckpoint() const;

  store::Store& store_;
  const base::Clock& clock_;
  const JournalOptions options_;
  const std::unique_ptr<crypto::Ed25519PrivateKey> key_;
  const std::string key_id_;

  std::mutex mu_;
  std::condition_variable written_;
  std::deque<Pending*> queue_;              // GUARDED_BY(mu_)
  bool writing_ = false;                    // GUARDED_BY(mu_)
  std::map<std::string, ChainHead> heads_;  // GUARDED_BY(mu_)
  uint64_t since_checkpoint_ = 0;           // GUARDED_BY(mu_)
  base::MonotonicTime last_checkpoint_;     // GUARDED_BY(mu_)
};

}  // namespace amanah::journal
