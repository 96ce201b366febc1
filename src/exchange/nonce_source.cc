#include "exchange/nonce_source.h"

#include <algorithm>
#include <limits>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace amanah::exchange {

namespace net = boost::asio;
using base::Error;
using base::ErrorCode;
using base::Result;

NonceTurn::~NonceTurn() {
  if (source_ != nullptr) source_->End(key_, holder_);
}

Result<int64_t> NonceTurn::Next(int64_t floor) { return source_->Draw(key_, floor); }

net::awaitable<Result<NonceTurn>> NonceSource::TakeTurn(std::string key,
                                                        std::chrono::milliseconds give_up) {
  const std::string holder = NewHolder();
  const auto deadline = clock_.Monotonic() + give_up;
  auto wait = std::chrono::milliseconds(1);
  for (;;) {
    const int64_t now = base::UnixMillis(clock_.Now());
    auto taken = TryTake(key, holder, now, now + turn_.count());
    if (!taken) co_return taken.error();
    if (*taken) co_return NonceTurn(this, std::move(key), holder);
    if (clock_.Monotonic() >= deadline) {
      co_return Error(ErrorCode::kUnavailable,
                      "another sender has held this API key's nonce turn for too long; try again");
    }
    net::steady_timer timer(co_await net::this_coro::executor, wait);
    co_await timer.async_wait(net::use_awaitable);
    wait = std::min(wait * 2, std::chrono::milliseconds(16));
  }
}

std::string ProcessNonceSource::NewHolder() {
  std::lock_guard lock(mu_);
  return "p" + std::to_string(++holders_);
}

Result<bool> ProcessNonceSource::TryTake(std::string_view key, std::string_view holder,
                                         int64_t now_ms, int64_t until_ms) {
  std::lock_guard lock(mu_);
  auto it = keys_.find(key);
  if (it == keys_.end()) it = keys_.emplace(std::string(key), Entry{}).first;
  Entry& e = it->second;
  if (!e.holder.empty() && e.holder != holder && e.until_ms > now_ms) return false;
  e.holder = std::string(holder);
  e.until_ms = until_ms;
  return true;
}

Result<int64_t> ProcessNonceSource::Draw(std::string_view key, int64_t floor) {
  std::lock_guard lock(mu_);
  auto it = keys_.find(key);
  if (it == keys_.end()) it = keys_.emplace(std::string(key), Entry{}).first;
  Entry& e = it->second;
  if (e.last == std::numeric_limits<int64_t>::max()) {
    return Error(ErrorCode::kFailedPrecondition,
                 "the key's nonce has reached its largest value; create a new API key");
  }
  e.last = std::max(e.last + 1, floor);
  return e.last;
}

void ProcessNonceSource::End(std::string_view key, std::string_view holder) {
  std::lock_guard lock(mu_);
  auto it = keys_.find(key);
  if (it != keys_.end() && it->second.holder == holder) {
    it->second.holder.clear();
    it->second.until_ms = 0;
  }
}

}  // namespace amanah::exchange
