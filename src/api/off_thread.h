// OffThread: runs a blocking, CPU-heavy call (argon2id password hashing) on the API's own pool and
// resumes the calling coroutine on its executor with the result, so an I/O thread is never held.
#pragma once

#include <optional>
#include <type_traits>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace amanah::api {

template <class F>
boost::asio::awaitable<std::invoke_result_t<F&>> OffThread(boost::asio::thread_pool& pool, F f) {
  std::optional<std::invoke_result_t<F&>> out;
  co_await boost::asio::co_spawn(
      pool,
      [&out, &f]() -> boost::asio::awaitable<void> {
        out.emplace(f());
        co_return;
      },
      boost::asio::use_awaitable);
  co_return std::move(*out);
}

}  // namespace amanah::api
