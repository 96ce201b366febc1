// NonceRepository: the nonce counter and the signing turn of each API key whose exchange
// authenticates requests by a strictly increasing nonce (Kraken). The counter lives in the store,
// so it survives restarts and every process and node that shares the store draws from the same one;
// the turn makes the draws reach the exchange in order — whoever holds a key's turn is the only
// one signing and sending for that key until it ends the turn or the turn expires (a crashed
// holder's turn runs out by itself). Reached through a UnitOfWork; each call is a short write.
#pragma once

#include <cstdint>
#include <string_view>

#include "base/result.h"

namespace amanah::store {

class NonceRepository {
 public:
  virtual ~NonceRepository() = default;

  /// The next nonce for `key`: one more than the last one given, or `floor` when that is larger;
  /// recorded before it is returned. kFailedPrecondition past 2^63-1.
  virtual base::Result<int64_t> NextNonce(std::string_view key, int64_t floor) = 0;
  /// Gives `holder` the turn of `key` until `until_ms` when no one else holds it at `now_ms` (or
  /// the holder's turn has expired); whether `holder` holds it now. Holding it already extends it.
  virtual base::Result<bool> TakeTurn(std::string_view key, std::string_view holder, int64_t now_ms,
                                      int64_t until_ms) = 0;
  /// Ends `holder`'s turn of `key` (nothing when someone else holds it).
  virtual base::Result<void> EndTurn(std::string_view key, std::string_view holder) = 0;
};

}  // namespace amanah::store
