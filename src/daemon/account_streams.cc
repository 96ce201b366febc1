#include "daemon/account_streams.h"

#include <spdlog/spdlog.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

namespace amanah::daemon {

namespace net = boost::asio;
using base::ErrorCode;

struct AccountStreams::Follower {
  store::ConnectionId id;
  store::TenantId tenant;
  std::string label;
  std::string api_key_id;
  std::atomic<bool> stop{false};
  mutable std::mutex mu;
  std::shared_ptr<exchange::AccountStream> stream;  // GUARDED_BY(mu)
  Status status;                                    // GUARDED_BY(mu)

  void SetStream(std::shared_ptr<exchange::AccountStream> s) {
    std::lock_guard lock(mu);
    stream = std::move(s);
    status.live = stream != nullptr;
    if (stream) {
      status.detail.clear();
      ++status.opened;
    }
  }
  void Down(std::string why) {
    std::lock_guard lock(mu);
    stream.reset();
    status.live = false;
    status.detail = std::move(why);
  }
  void Stop() {
    stop.store(true);
    std::lock_guard lock(mu);
    if (stream) stream->Close();
  }
};

net::awaitable<void> AccountStreams::Run(engine::Pause pause, const std::atomic<bool>& stop) {
  const net::any_io_executor executor = co_await net::this_coro::executor;
  while (!stop.load()) {
    Sweep(executor, pause);
    co_await pause(options_.sweep_every);
  }
  CloseAll();
}

void AccountStreams::Sweep(const net::any_io_executor& executor, const engine::Pause& pause) {
  auto all = d_.store.Read([](store::UnitOfWork& u) { return u.connections().ListAll(); });
  if (!all) {
    spdlog::error("account streams: {}", all.error().ToString());
    return;
  }
  std::lock_guard lock(mu_);
  std::map<store::ConnectionId, const store::Connection*> live;
  for (const auto& c : *all) {
    if (store::IsLive(c.status)) live.emplace(c.id, &c);
  }
  for (auto it = followers_.begin(); it != followers_.end();) {
    auto found = live.find(it->first);
    if (found == live.end() || found->second->api_key_id != it->second->api_key_id) {
      it->second->Stop();  // gone, or its key rotated: the new key's stream starts below
      it = followers_.erase(it);
    } else {
      ++it;
    }
  }
  for (const auto& [id, c] : live) {
    if (followers_.contains(id)) continue;
    auto f = std::make_shared<Follower>();
    f->id = c->id;
    f->tenant = c->tenant;
    f->label = c->label;
    f->api_key_id = c->api_key_id;
    f->status.label = c->label;
    followers_.emplace(id, f);
    net::co_spawn(executor, Follow(f, pause), net::detached);
  }
}

void AccountStreams::CloseAll() {
  std::lock_guard lock(mu_);
  for (auto& [id, f] : followers_) f->Stop();
  followers_.clear();
}

std::vector<AccountStreams::Status> AccountStreams::Statuses() const {
  std::vector<Status> out;
  std::lock_guard lock(mu_);
  for (const auto& [id, f] : followers_) {
    std::lock_guard flock(f->mu);
    out.push_back(f->status);
  }
  return out;
}

std::optional<AccountStreams::Status> AccountStreams::StatusOf(
    const store::ConnectionId& id) const {
  std::lock_guard lock(mu_);
  auto found = followers_.find(id);
  if (found == followers_.end()) return std::nullopt;
  std::lock_guard flock(found->second->mu);
  return found->second->status;
}

boost::json::object StatusJson(const AccountStreams::Status& status) {
  boost::json::object out{
      {"live", status.live}, {"events", status.events}, {"subscriptions", status.opened}};
  if (!status.detail.empty()) out["detail"] = status.detail;
  return out;
}

net::awaitable<void> AccountStreams::Follow(std::shared_ptr<Follower> f, engine::Pause pause) {
  std::chrono::milliseconds retry = options_.first_retry;
  bool reconnect = false;
  while (!f->stop.load()) {
    std::shared_ptr<exchange::AccountStream> stream;
    std::string down;
    {
      auto c = d_.store.Read([&](store::UnitOfWork& u) { return u.connections().Get(f->id); });
      if (!c || !*c || !store::IsLive((*c)->status) || (*c)->api_key_id != f->api_key_id) {
        co_return;  // the next sweep replaces or forgets this follower
      }
      auto adapter = d_.keys.OpenAdapter(**c);
      if (!adapter) {
        down = adapter.error().message();
      } else {
        // The subscription is signed at the exchange's time.
        auto offset = co_await (*adapter)->SyncTime();
        if (!offset) {
          down = offset.error().message();
        } else {
          auto opened = co_await (*adapter)->OpenAccountStream();
          if (!opened && opened.error().code() == ErrorCode::kFailedPrecondition) {
            f->Down(opened.error().message());  // this exchange has no stream: polling only
            co_return;
          }
          if (!opened) {
            down = opened.error().message();
          } else {
            stream = std::move(*opened);
          }
        }
      }
    }  // the adapter, and its lease, are released here
    if (!stream) {
      spdlog::warn("account stream {}: down ({}); retrying in {} ms, polling meanwhile", f->label,
                   down, retry.count());
      f->Down(std::move(down));
      co_await pause(retry);
      retry = std::min(retry * 2, options_.max_retry);
      reconnect = true;
      continue;
    }
    f->SetStream(stream);
    if (f->stop.load()) stream->Close();  // stopped while it was opening
    retry = options_.first_retry;
    spdlog::info("account stream {}: subscribed", f->label);
    if (reconnect) {
      // What happened while the stream was down.
      auto report = co_await d_.reconciler.Reconcile(f->tenant, f->label);
      if (!report) spdlog::warn("account stream {}: {}", f->label, report.error().message());
    }
    reconnect = true;
    std::string why = "closed";
    while (!f->stop.load()) {
      auto event = co_await stream->Next();
      if (!event) {
        why = event.error().message();
        break;
      }
      if (event->kind == exchange::AccountEvent::Kind::kEnded) {
        why = "the exchange ended the stream (" + event->detail + ")";
        break;
      }
      if (event->kind != exchange::AccountEvent::Kind::kOrder) continue;
      {
        std::lock_guard lock(f->mu);
        ++f->status.events;
      }
      auto report = co_await d_.reconciler.Reconcile(f->tenant, f->label, event->symbol);
      if (!report) {
        spdlog::warn("account stream {}: reconciling {}: {}", f->label, event->symbol,
                     report.error().message());
      } else if (!report->foreign.empty()) {
        spdlog::warn("account stream {}: {} order(s) we did not place on {}{}", f->label,
                     report->foreign.size(), event->symbol,
                     report->suspended ? "; the connection is suspended" : "");
      }
    }
    f->Down(why);
    if (!f->stop.load()) spdlog::warn("account stream {}: ended ({})", f->label, why);
  }
}

}  // namespace amanah::daemon
