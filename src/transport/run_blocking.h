// RunBlocking: runs one coroutine to completion on an io_context that nothing else runs, and
// returns its value — how the CLI calls the same awaitable code the daemon runs on its threads.
// Never call it from a thread that is running `io` (it would wait for itself).
#pragma once

#include <exception>
#include <optional>
#include <utility>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

namespace amanah::transport {

template <class T>
T RunBlocking(boost::asio::io_context& io, boost::asio::awaitable<T> task) {
  std::optional<T> result;
  std::exception_ptr failure;
  // Through a void coroutine, so T need not be default-constructible.
  boost::asio::co_spawn(
      io, [&]() -> boost::asio::awaitable<void> { result.emplace(co_await std::move(task)); },
      [&](std::exception_ptr e) { failure = e; });
  io.restart();
  io.run();
  // Our coroutines report expected failures as values; an exception is a bug (or bad_alloc).
  if (failure) std::rethrow_exception(failure);
  return std::move(*result);
}

}  // namespace amanah::transport
