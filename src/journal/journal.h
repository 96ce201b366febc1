// Journal: the append-only, hash-chained record of every decision, one chain per tenant (grammar in
// record.h).
//
// Two ways to append. AppendIn(unit, …) adds a record inside the caller's unit of work, so a state
// change and its record commit together or not at all; this is how every state change is recorded.
// Append(…) records a decision that changes no state (a refusal, a screen verdict): it returns once
// the record is durable, and group-commits — one writer thread takes every record queued while it
// wrote the previous batch and commits them in one transaction (one fsync); each caller sleeps on
// its own flag. Either way the chain's head is read inside the writing transaction, so processes
// appending to one data directory at once chain correctly. A caller whose append fails must not
// carry out the action it describes: security-relevant actions fail closed on the journal.
//
// Checkpoints: whichever process appends signs the heads of all chains with the node's Ed25519 key
// (sealed in the vault as system secret "journal-node-key", created at `vault init` and never
// silently again) when `checkpoint_every_records` records or `checkpoint_every` time have passed
// since the last stored checkpoint, inside the appending transaction; after commit it goes to every
// CheckpointSink. Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <boost/json/value.hpp>

#include "base/clock.h"
#include "base/result.h"
#include "crypto/ed25519.h"
#include "journal/checkpoint.h"
#include "journal/checkpoint_sink.h"
#include "journal/record.h"
#include "store/store.h"
#include "vault/vault.h"

namespace amanah::journal {

inline constexpr std::string_view kNodeKeyName = "journal-node-key";

struct JournalOptions {
  uint64_t checkpoint_every_records = 1000;
  std::chrono::milliseconds checkpoint_every{std::chrono::minutes(5)};
  /// Where checkpoints are exported (not owned; must outlive the journal).
  std::vector<CheckpointSink*> sinks;
};

struct Appended {
  uint64_t seq = 0;
  Hash hash{};
};

class Journal {
 public:
  /// For a new vault: creates the node key (kAlreadyExists if there is one) and opens the journal.
  static base::Result<std::unique_ptr<Journal>> Create(store::Store& store, vault::Vault& vault,
                                                       const base::Clock& clock,
                                                       JournalOptions options = {});
  /// Opens the journal with the node key; a missing node key, or one whose public half was
  /// replaced, is kDataLoss (never a silent new key).
  static base::Result<std::unique_ptr<Journal>> Open(store::Store& store, vault::Vault& vault,
                                                     const base::Clock& clock,
                                                     JournalOptions options = {});

  /// Appends one record inside `unit` (committed with it). Fails if `unit` fails.
  base::Result<Appended> AppendIn(store::UnitOfWork& unit, std::string_view tenant,
                                  std::string_view kind, const boost::json::value& payload);
  /// Appends one record in a transaction of its own and returns once it is durable. The calling
  /// thread must not hold a unit of work.
  base::Result<Appended> Append(std::string_view tenant, std::string_view kind,
                                const boost::json::value& payload);

  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  /// Signs, stores and exports a checkpoint of every chain head now.
  base::Result<SignedCheckpoint> WriteCheckpoint();
  /// An Ed25519 signature by the node key (for a signed checkpoint delivery).
  crypto::Bytes Sign(crypto::ByteView message) const { return key_->Sign(message); }
  /// The node's public key (raw Ed25519).
  crypto::Bytes PublicKey() const { return key_->PublicKey().Raw(); }
  const std::string& key_id() const { return key_id_; }

 private:
  struct Pending {
    Record record;
    base::Result<Appended> result = base::Error(base::ErrorCode::kInternal, "not written");
    std::atomic<int> done{0};  // set (release) by the writer after `result`
  };

  Journal(store::Store& store, const base::Clock& clock, JournalOptions options,
          std::unique_ptr<crypto::Ed25519PrivateKey> key);

  // Chains `records` onto their heads as `unit` sees them and inserts them; then writes a
  // checkpoint into `unit` if one is due (exported once `unit` commits).
  base::Result<std::vector<Appended>> AppendRecords(store::UnitOfWork& unit,
                                                    std::vector<Record*> records);
  base::Result<void> MaybeCheckpoint(store::UnitOfWork& unit);
  base::Result<SignedCheckpoint> CheckpointIn(store::UnitOfWork& unit);
  void Export(const SignedCheckpoint& checkpoint) const;
  // The writer thread's loop, and one batch.
  void WriterLoop();
  void WriteBatch(std::vector<Pending*> batch);

  store::Store& store_;
  const base::Clock& clock_;
  const JournalOptions options_;
  const std::unique_ptr<crypto::Ed25519PrivateKey> key_;
  const std::string key_id_;

  std::mutex mu_;
  std::condition_variable work_;
  std::deque<Pending*> queue_;  // GUARDED_BY(mu_)
  bool stop_ = false;           // GUARDED_BY(mu_)
  std::thread writer_;          // last: starts once everything above exists
};

}  // namespace amanah::journal
