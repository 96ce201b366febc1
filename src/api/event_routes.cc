// /api/v1/events: what changed in the caller's tenant, live, as Server-Sent Events — one event per
// journal record (an audit's result, a suspension, an order's new state, an alert), named
// `change`, with the record's seq as its id, so a browser that reconnects (EventSource does by
// itself) resumes after the last one it saw (Last-Event-ID). Only the record's kind, seq and time
// are sent: the page reloads what it shows through the API, under the caller's scopes. A stream
// ends after five minutes (the browser reconnects, authenticating again, so a session that ended
// stops receiving) or when the daemon stops.
#include <charconv>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json.hpp>

#include "api/problem.h"
#include "api/routes.h"
#include "journal/report.h"

namespace amanah::api {

namespace json = boost::json;
namespace net = boost::asio;
using boost::asio::awaitable;
using server::HttpResponse;

namespace {

constexpr auto kPoll = std::chrono::milliseconds(250);
constexpr auto kHeartbeat = std::chrono::seconds(15);
constexpr auto kLifetime = std::chrono::minutes(5);
constexpr uint64_t kBatch = 100;  ///< records per chunk at most

std::optional<uint64_t> ParseSeq(std::optional<std::string_view> text) {
  if (!text || text->empty()) return std::nullopt;
  uint64_t v = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || end != text->data() + text->size()) return std::nullopt;
  return v;
}

base::Result<uint64_t> HeadSeq(store::Store& store, const std::string& tenant) {
  return store.Read([&](store::UnitOfWork& u) -> base::Result<uint64_t> {
    AMANAH_ASSIGN_OR_RETURN(auto head, u.journal().Head(tenant));
    return head ? head->seq : 0;
  });
}

/// The events for records (after, head], at most kBatch of them.
base::Result<std::string> EventsAfter(store::Store& store, const std::string& tenant,
                                      uint64_t& after, uint64_t head) {
  return store.Read([&](store::UnitOfWork& u) -> base::Result<std::string> {
    std::string out;
    for (uint64_t seq = after + 1; seq <= head && seq <= after + kBatch; ++seq) {
      AMANAH_ASSIGN_OR_RETURN(auto row, u.journal().Row(tenant, seq));
      if (!row) continue;
      json::object data{
          {"seq", row->seq}, {"kind", row->kind}, {"time", journal::IsoMillis(row->time_ms)}};
      out += "id: " + std::to_string(row->seq) + "\nevent: change\ndata: " + json::serialize(data) +
             "\n\n";
    }
    after = std::min(head, after + kBatch);
    return out;
  });
}

}  // namespace

void AddEventRoutes(Router& router, Services& s) {
  router.Add("GET", "/api/v1/events", Guard::kRead, [&s](Call& call) -> awaitable<HttpResponse> {
    const std::string tenant = call.Who().tenant.value();
    auto head = HeadSeq(s.env.store(), tenant);
    if (!head) co_return Problem(head.error(), PathOf(call.request.target));
    // Resume after the last event the browser saw; a new stream starts at the present.
    std::optional<uint64_t> resume = ParseSeq(call.request.Header("last-event-id"));
    if (!resume) {
      auto q = call.Query("after");
      resume = ParseSeq(q ? std::optional<std::string_view>(*q) : std::nullopt);
    }
    auto state = std::make_shared<uint64_t>(std::min(resume.value_or(*head), *head));
    auto first = std::make_shared<bool>(true);
    const auto until = std::chrono::steady_clock::now() + kLifetime;
    store::Store* store = &s.env.store();
    const std::atomic<bool>* stopping = &s.stopping;
    HttpResponse out;
    out.content_type = "text/event-stream";
    out.headers.emplace_back("X-Accel-Buffering", "no");  // a proxy in front must not buffer it
    out.stream = [store, tenant, state, first, until,
                  stopping]() -> awaitable<std::optional<std::string>> {
      if (*first) {
        *first = false;
        co_return std::string("retry: 2000\n: amanah events\n\n");
      }
      net::steady_timer timer(co_await net::this_coro::executor);
      auto quiet = std::chrono::steady_clock::duration::zero();
      for (;;) {
        if (stopping->load() || std::chrono::steady_clock::now() >= until) co_return std::nullopt;
        auto now = HeadSeq(*store, tenant);
        if (!now) co_return std::nullopt;  // the store failed: end; the browser reconnects
        if (*now > *state) {
          auto events = EventsAfter(*store, tenant, *state, *now);
          if (!events) co_return std::nullopt;
          co_return std::move(*events);
        }
        if (quiet >= kHeartbeat) co_return std::string(": keep-alive\n\n");
        timer.expires_after(kPoll);
        co_await timer.async_wait(net::use_awaitable);
        quiet += kPoll;
      }
    };
    co_return out;
  });
}

}  // namespace amanah::api
