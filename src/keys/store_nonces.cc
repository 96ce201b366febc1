#include "keys/store_nonces.h"

#include <array>
#include <cstdio>

#include <spdlog/spdlog.h>

namespace amanah::keys {

std::string StoreNonceSource::NewHolder() {
  std::array<uint8_t, 16> bytes{};
  random_.Fill(bytes);
  std::string out;
  char hex[3];
  for (uint8_t b : bytes) {
    std::snprintf(hex, sizeof hex, "%02x", b);
    out += hex;
  }
  return out;
}

base::Result<bool> StoreNonceSource::TryTake(std::string_view key, std::string_view holder,
                                             int64_t now_ms, int64_t until_ms) {
  return store_.Write([&](store::UnitOfWork& unit) {
    return unit.nonces().TakeTurn(key, holder, now_ms, until_ms);
  });
}

base::Result<int64_t> StoreNonceSource::Draw(std::string_view key, int64_t floor) {
  return store_.Write([&](store::UnitOfWork& unit) { return unit.nonces().NextNonce(key, floor); });
}

void StoreNonceSource::End(std::string_view key, std::string_view holder) {
  auto ended =
      store_.Write([&](store::UnitOfWork& unit) { return unit.nonces().EndTurn(key, holder); });
  // Not fatal: the turn expires by itself; the next sender waits for it meanwhile.
  if (!ended) spdlog::warn("could not end a nonce turn: {}", ended.error().message());
}

}  // namespace amanah::keys
