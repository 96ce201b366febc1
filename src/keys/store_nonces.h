// StoreNonceSource: the NonceSource of a deployment — each Kraken key's nonce counter and signing
// turn kept in the store (NonceRepository), so every process and node that shares the store draws
// from one counter, in turn, and a restart continues above the last nonce given. Each turn is
// named by 128 random bits, so turns of different processes never share a name. Every draw and
// turn change is one short write transaction. Thread-safe (the store serializes).
#pragma once

#include "base/random.h"
#include "exchange/nonce_source.h"
#include "store/store.h"

namespace amanah::keys {

class StoreNonceSource final : public exchange::NonceSource {
 public:
  StoreNonceSource(store::Store& store, const base::Clock& clock, base::Random& random,
                   std::chrono::milliseconds turn = std::chrono::seconds(30))
      : NonceSource(clock, turn), store_(store), random_(random) {}

 protected:
  std::string NewHolder() override;
  base::Result<bool> TryTake(std::string_view key, std::string_view holder, int64_t now_ms,
                             int64_t until_ms) override;
  base::Result<int64_t> Draw(std::string_view key, int64_t floor) override;
  void End(std::string_view key, std::string_view holder) override;

 private:
  store::Store& store_;
  base::Random& random_;
};

}  // namespace amanah::keys
