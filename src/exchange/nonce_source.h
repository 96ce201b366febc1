// NonceSource: where an adapter whose exchange authenticates by a strictly increasing nonce per key
// (Kraken: "always increasing, unsigned 64-bit integer"; a nonce at or below the last one accepted
// is refused) gets its nonces, and its turn to send. The exchange sees a nonce only when the
// request arrives, so drawing in order is not enough: two senders that draw 5 and 6 and send 6
// first lose
// 5. So a sender takes the key's turn, draws, sends and reads the answer, and only then may the
// next sender draw. The source decides how far "every sender" reaches: ProcessNonceSource (here) is
// one process; keys::StoreNonceSource keeps the counter and the turn in the store, which every
// process and node of a deployment shares and which survives restarts. A turn expires after
// `turn_ms` on its own, so a sender that died cannot hold the key forever. Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include <boost/asio/awaitable.hpp>

#include "base/clock.h"
#include "base/result.h"

namespace amanah::exchange {

class NonceSource;

/// The key's turn while it lives: Next() draws its nonces; destruction ends the turn.
class NonceTurn {
 public:
  NonceTurn(NonceSource* source, std::string key, std::string holder)
      : source_(source), key_(std::move(key)), holder_(std::move(holder)) {}
  NonceTurn(NonceTurn&& o) noexcept
      : source_(o.source_), key_(std::move(o.key_)), holder_(std::move(o.holder_)) {
    o.source_ = nullptr;
  }
  NonceTurn& operator=(NonceTurn&&) = delete;
  NonceTurn(const NonceTurn&) = delete;
  ~NonceTurn();

  /// The next nonce: above every nonce the source gave for the key, and at least `floor`.
  base::Result<int64_t> Next(int64_t floor);

 private:
  NonceSource* source_;
  std::string key_, holder_;
};

class NonceSource {
 public:
  explicit NonceSource(const base::Clock& clock,
                       std::chrono::milliseconds turn = std::chrono::seconds(30))
      : clock_(clock), turn_(turn) {}
  virtual ~NonceSource() = default;

  /// Waits (asynchronously, polling every few milliseconds) until the caller holds `key`'s turn.
  /// kUnavailable when the source cannot be read, or after `give_up` without a turn.
  boost::asio::awaitable<base::Result<NonceTurn>> TakeTurn(
      std::string key, std::chrono::milliseconds give_up = std::chrono::seconds(60));

 protected:
  friend class NonceTurn;
  /// A name for one turn, unique among every sender of the source.
  virtual std::string NewHolder() = 0;
  virtual base::Result<bool> TryTake(std::string_view key, std::string_view holder, int64_t now_ms,
                                     int64_t until_ms) = 0;
  virtual base::Result<int64_t> Draw(std::string_view key, int64_t floor) = 0;
  /// Best effort: a turn not ended expires.
  virtual void End(std::string_view key, std::string_view holder) = 0;

  const base::Clock& clock_;
  std::chrono::milliseconds turn_;
};

/// The nonces and turns of one process, in memory: for tests and for a lone CLI without a store.
class ProcessNonceSource final : public NonceSource {
 public:
  using NonceSource::NonceSource;

 protected:
  std::string NewHolder() override;
  base::Result<bool> TryTake(std::string_view key, std::string_view holder, int64_t now_ms,
                             int64_t until_ms) override;
  base::Result<int64_t> Draw(std::string_view key, int64_t floor) override;
  void End(std::string_view key, std::string_view holder) override;

 private:
  struct Entry {
    int64_t last = 0;
    std::string holder;
    int64_t until_ms = 0;
  };
  std::mutex mu_;
  std::map<std::string, Entry, std::less<>> keys_;  // GUARDED_BY(mu_)
  uint64_t holders_ = 0;                            // GUARDED_BY(mu_)
};

}  // namespace amanah::exchange
