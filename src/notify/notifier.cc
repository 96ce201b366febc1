#include "notify/notifier.h"

#include <algorithm>

#include <spdlog/spdlog.h>
#include <boost/asio/this_coro.hpp>
#include <boost/json.hpp>
#include <boost/url/parse.hpp>

#include "base/json_reader.h"
#include "base/utc_time.h"
#include "base/wipe.h"
#include "crypto/encoding.h"
#include "journal/report.h"
#include "keys/label.h"
#include "notify/notification_event.h"
#include "notify/webhook_signature.h"

namespace amanah::notify {

namespace net = boost::asio;
namespace json = boost::json;
using base::Error;
using base::ErrorCode;
using base::Result;

namespace {

constexpr uint64_t kRecordsPerCollect = 500;
constexpr std::string_view kSecretPurpose = "amanah/notify/endpoint-secret/v1";

template <class Target>
Result<Target> SplitUrl(std::string_view url) {
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed) return Error(ErrorCode::kInvalidArgument, "not an absolute URL");
  if (parsed->has_userinfo()) {
    return Error(ErrorCode::kInvalidArgument,
                 "a URL with a user name or password is refused; put a token in its path or "
                 "query instead");
  }
  if (parsed->has_fragment()) return Error(ErrorCode::kInvalidArgument, "a URL has no #fragment");
  Target t;
  t.origin = std::string(parsed->scheme()) + "://" + std::string(parsed->encoded_host());
  if (parsed->has_port()) t.origin += ":" + std::string(parsed->port());
  t.path = std::string(parsed->encoded_path());
  if (t.path.empty()) t.path = "/";
  if (parsed->has_query()) t.path += "?" + std::string(parsed->encoded_query());
  return t;
}

bool Wants(std::string_view events, std::string_view type) {
  if (type == kTestEvent || events == "*") return true;
  size_t start = 0;
  while (start <= events.size()) {
    const size_t comma = events.find(',', start);
    const std::string_view one = events.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    if (one == type) return true;
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return false;
}

}  // namespace

std::string Notifier::NewId(size_t bytes) {
  std::vector<uint8_t> id(bytes);
  d_.random.Fill(id);
  return crypto::HexEncode(id);
}

Result<Notifier::UrlTarget> Notifier::CheckUrl(const std::string& url) const {
  auto t = SplitUrl<UrlTarget>(url);
  if (!t) return t.error().WithContext("endpoint URL " + keys::Display(url));
  const bool https = t->origin.starts_with("https://");
  if (!https && !(options_.allow_loopback_http && t->origin.starts_with("http://"))) {
    return Error(ErrorCode::kInvalidArgument,
                 "endpoint URL " + keys::Display(url) +
                     ": notifications go over https:// only (plain http is allowed to a loopback "
                     "address when [notify] allow_loopback_http is set)");
  }
  if (auto ok = transport::CheckOrigin(t->origin); !ok) {
    return ok.error().WithContext("endpoint URL " + keys::Display(url));
  }
  return std::move(*t);
}

crypto::SecretBytes Notifier::KeyOf(const store::NotifyEndpoint& e) const {
  store::Blob mac = d_.vault.state_mac().Of(kSecretPurpose, {e.tenant.value(), e.id, e.nonce});
  crypto::SecretBytes key = crypto::SecretBytes::CopyFrom(std::span<const uint8_t>(mac));
  base::Wipe(mac.data(), mac.size());
  return key;
}

Result<EndpointView> Notifier::AddEndpoint(const store::TenantId& tenant, std::string url,
                                           std::vector<std::string> events,
                                           std::string description) {
  AMANAH_TRY(CheckUrl(url));
  if (description.size() > 200) {
    return Error(ErrorCode::kInvalidArgument, "a description is at most 200 characters");
  }
  std::string wanted;
  if (events.empty() || (events.size() == 1 && events[0] == "*")) {
    wanted = "*";
  } else {
    std::sort(events.begin(), events.end());
    events.erase(std::unique(events.begin(), events.end()), events.end());
    for (const auto& e : events) {
      const auto& known = EventTypes();
      if (std::find(known.begin(), known.end(), e) == known.end()) {
        std::string list;
        for (auto k : known) list += (list.empty() ? "" : ", ") + std::string(k);
        return Error(ErrorCode::kInvalidArgument,
                     "unknown event type " + keys::Display(e) + " (known: " + list + ")");
      }
      wanted += (wanted.empty() ? "" : ",") + e;
    }
  }
  store::NotifyEndpoint e;
  e.id = NewId(8);
  e.tenant = tenant;
  e.url = std::move(url);
  e.events = std::move(wanted);
  e.description = std::move(description);
  e.nonce = NewId(16);
  e.created_at = d_.clock.Now();
  AMANAH_TRY(d_.store.Write([&](store::UnitOfWork& u) -> Result<void> {
    AMANAH_TRY(u.tenants().Ensure(store::Tenant{tenant, tenant.value(), e.created_at}));
    // From the next record on: an endpoint is told what happens, not the whole history.
    AMANAH_ASSIGN_OR_RETURN(auto head, u.journal().Head(tenant.value()));
    e.cursor_seq = head ? head->seq : 0;
    return u.notifications().AddEndpoint(e);
  }));
  crypto::SecretBytes key = KeyOf(e);
  return EndpointView{std::move(e), SecretText(key.bytes())};
}

Result<std::vector<store::NotifyEndpoint>> Notifier::Endpoints(const store::TenantId& tenant) {
  return d_.store.Read([&](store::UnitOfWork& u) { return u.notifications().Endpoints(tenant); });
}

Result<void> Notifier::RemoveEndpoint(const store::TenantId& tenant, std::string_view id) {
  AMANAH_ASSIGN_OR_RETURN(bool removed, d_.store.Write([&](store::UnitOfWork& u) {
    return u.notifications().RemoveEndpoint(tenant, id);
  }));
  if (!removed) return Error(ErrorCode::kNotFound, "no endpoint " + keys::Display(id));
  return {};
}

Result<EndpointView> Notifier::NewSecret(const store::TenantId& tenant, std::string_view id) {
  const std::string nonce = NewId(16);
  AMANAH_ASSIGN_OR_RETURN(bool changed, d_.store.Write([&](store::UnitOfWork& u) {
    return u.notifications().SetEndpointNonce(tenant, id, nonce);
  }));
  if (!changed) return Error(ErrorCode::kNotFound, "no endpoint " + keys::Display(id));
  AMANAH_ASSIGN_OR_RETURN(auto all, Endpoints(tenant));
  for (auto& e : all) {
    if (e.id != id) continue;
    crypto::SecretBytes key = KeyOf(e);
    return EndpointView{std::move(e), SecretText(key.bytes())};
  }
  return Error(ErrorCode::kNotFound, "no endpoint " + keys::Display(id));
}

Result<store::Notification> Notifier::SendTest(const store::TenantId& tenant, std::string_view id) {
  AMANAH_ASSIGN_OR_RETURN(auto all, Endpoints(tenant));
  auto it = std::find_if(all.begin(), all.end(), [&](const auto& e) { return e.id == id; });
  if (it == all.end()) return Error(ErrorCode::kNotFound, "no endpoint " + keys::Display(id));
  const base::SystemTime now = d_.clock.Now();
  store::Notification n;
  n.id = "msg_" + NewId(16);
  n.tenant = tenant;
  n.endpoint = it->id;
  n.event = std::string(kTestEvent);
  n.created_at = now;
  n.next_attempt_at = now;
  n.body = json::serialize(json::object{
      {"id", n.id},
      {"type", n.event},
      {"timestamp", base::UtcTime(now)},
      {"tenant", tenant.value()},
      {"message", "A test notification from Amanah: this endpoint receives and verifies them."},
      {"data", json::object{{"endpoint", it->id}}}});
  AMANAH_TRY(d_.store.Write([&](store::UnitOfWork& u) { return u.notifications().Enqueue(n); }));
  return n;
}

Result<std::vector<store::Notification>> Notifier::List(const store::TenantId& tenant,
                                                        size_t limit) {
  return d_.store.Read([&](store::UnitOfWork& u) { return u.notifications().List(tenant, limit); });
}

Result<store::Notification> Notifier::Retry(const store::TenantId& tenant, std::string_view id) {
  return d_.store.Write([&](store::UnitOfWork& u) -> Result<store::Notification> {
    AMANAH_ASSIGN_OR_RETURN(auto found, u.notifications().Get(tenant, id));
    if (!found) return Error(ErrorCode::kNotFound, "no notification " + keys::Display(id));
    if (found->state == "delivered") {
      return Error(ErrorCode::kFailedPrecondition,
                   "notification " + found->id + " was delivered already");
    }
    found->state = "pending";
    found->attempts = 0;
    found->next_attempt_at = d_.clock.Now();
    found->last_error += found->last_error.empty() ? "" : " (retried on request)";
    AMANAH_TRY(u.notifications().UpdateDelivery(*found));
    return *found;
  });
}

Result<int> Notifier::Collect() {
  AMANAH_ASSIGN_OR_RETURN(auto endpoints, d_.store.Read([&](store::UnitOfWork& u) {
    return u.notifications().Endpoints(std::nullopt);
  }));
  int queued = 0;
  for (const auto& e : endpoints) {
    auto n = CollectFor(e);
    if (!n) {
      spdlog::error("notify: endpoint {}: {}", e.id, n.error().ToString());
      continue;
    }
    queued += *n;
  }
  return queued;
}

Result<int> Notifier::CollectFor(const store::NotifyEndpoint& e) {
  std::vector<store::Notification> out;
  uint64_t upto = e.cursor_seq;
  AMANAH_TRY(d_.store.Read([&](store::UnitOfWork& u) -> Result<void> {
    AMANAH_ASSIGN_OR_RETURN(auto head, u.journal().Head(e.tenant.value()));
    if (!head || head->seq <= e.cursor_seq) return {};
    upto = std::min(head->seq, e.cursor_seq + kRecordsPerCollect);
    for (uint64_t seq = e.cursor_seq + 1; seq <= upto; ++seq) {
      AMANAH_ASSIGN_OR_RETURN(auto row, u.journal().Row(e.tenant.value(), seq));
      if (!row) continue;
      auto doc = base::JsonDocument::Parse(
          row->payload, base::JsonSource{"journal record " + std::to_string(seq)});
      if (!doc) continue;  // the journal's own verification reports a bad record
      auto event = EventOf(row->kind, doc->Root());
      if (!event || !Wants(e.events, event->type)) continue;
      store::Notification n;
      n.id = "msg_" + NewId(16);
      n.tenant = e.tenant;
      n.endpoint = e.id;
      n.event = event->type;
      n.created_at = d_.clock.Now();
      n.next_attempt_at = n.created_at;
      n.body = json::serialize(json::object{
          {"id", n.id},
          {"type", event->type},
          {"timestamp", journal::IsoMillis(row->time_ms)},
          {"tenant", e.tenant.value()},
          {"message", event->message},
          {"data", doc->value()},
          {"journal",
           json::object{
               {"seq", seq}, {"kind", row->kind}, {"hash", crypto::HexEncode(row->hash)}}}});
      out.push_back(std::move(n));
    }
    return {};
  }));
  if (upto == e.cursor_seq) return 0;
  AMANAH_ASSIGN_OR_RETURN(bool moved, d_.store.Write([&](store::UnitOfWork& u) -> Result<bool> {
    AMANAH_ASSIGN_OR_RETURN(bool advanced,
                            u.notifications().AdvanceCursor(e.id, e.cursor_seq, upto));
    if (!advanced) return false;  // another daemon collected these, or the endpoint is gone
    for (const auto& n : out) AMANAH_TRY(u.notifications().Enqueue(n));
    return true;
  }));
  return moved ? static_cast<int>(out.size()) : 0;
}

std::chrono::milliseconds Notifier::Backoff(int attempts) {
  using std::chrono::milliseconds;
  milliseconds wait = options_.first_retry;
  for (int i = 1; i < attempts && wait < options_.max_retry; ++i) wait *= 4;
  wait = std::min<milliseconds>(wait, options_.max_retry);
  // ±10%, so that endpoints that failed together are not retried together.
  const auto spread = static_cast<uint64_t>(wait.count() / 5) + 1;
  return wait - milliseconds(wait.count() / 10) +
         milliseconds(static_cast<int64_t>(d_.random.Uniform(spread)));
}

Result<transport::HttpClient*> Notifier::ClientFor(const net::any_io_executor& executor,
                                                   const std::string& origin) {
  std::lock_guard lock(clients_mu_);
  auto it = clients_.find(origin);
  if (it != clients_.end()) return it->second.get();
  transport::Options o;
  o.connect_timeout = options_.timeout;
  o.read_timeout = options_.timeout;
  o.max_response_bytes = 64 << 10;
  o.idempotent_retries = 0;
  o.ca_file = options_.ca_file;
  o.max_idle_connections = 2;
  AMANAH_ASSIGN_OR_RETURN(auto client, transport::HttpClient::Create(executor, origin, o));
  return clients_.emplace(origin, std::move(client)).first->second.get();
}

net::awaitable<Result<void>> Notifier::Send(const store::NotifyEndpoint& e,
                                            const store::Notification& n) {
  auto target = CheckUrl(e.url);
  if (!target) co_return target.error();
  auto executor = co_await net::this_coro::executor;
  auto client = ClientFor(executor, target->origin);
  if (!client) co_return client.error();
  // A fresh timestamp and signature on every attempt; the same id (Standard Webhooks).
  const int64_t timestamp = base::UnixMillis(d_.clock.Now()) / 1000;
  crypto::SecretBytes key = KeyOf(e);
  transport::Request request;
  request.method = "POST";
  request.target = target->path;
  request.headers = {{"Content-Type", "application/json"},
                     {"User-Agent", "Amanah-Notify/1"},
                     {"webhook-id", n.id},
                     {"webhook-timestamp", std::to_string(timestamp)},
                     {"webhook-signature", SignWebhook(key.bytes(), n.id, timestamp, n.body)}};
  request.body = n.body;
  auto response = co_await (*client)->Send(std::move(request));
  if (!response) co_return response.error();
  if (response->status < 200 || response->status >= 300) {
    co_return Error(ErrorCode::kUnavailable, "HTTP " + std::to_string(response->status));
  }
  co_return Result<void>{};
}

net::awaitable<Result<int>> Notifier::Deliver() {
  const base::SystemTime now = d_.clock.Now();
  // Claimed: moved past this delivery's deadline, so no other deliverer sends it meanwhile.
  const auto claim = now + 3 * options_.timeout;
  std::vector<store::Notification> due;
  std::vector<store::NotifyEndpoint> endpoints;
  auto claimed = d_.store.Write([&](store::UnitOfWork& u) -> Result<void> {
    AMANAH_ASSIGN_OR_RETURN(due, u.notifications().Due(now, options_.batch));
    for (auto& n : due) {
      n.next_attempt_at = claim;
      AMANAH_TRY(u.notifications().UpdateDelivery(n));
    }
    if (!due.empty()) {
      AMANAH_ASSIGN_OR_RETURN(endpoints, u.notifications().Endpoints(std::nullopt));
    }
    return {};
  });
  if (!claimed) co_return claimed.error();
  int delivered = 0;
  for (auto& n : due) {
    auto e = std::find_if(endpoints.begin(), endpoints.end(),
                          [&](const auto& x) { return x.id == n.endpoint; });
    if (e == endpoints.end()) continue;
    Result<void> sent = co_await Send(*e, n);
    const base::SystemTime after = d_.clock.Now();
    ++n.attempts;
    if (sent) {
      n.state = "delivered";
      n.delivered_at = after;
      n.last_error.clear();
      ++delivered;
    } else {
      n.last_error = "attempt " + std::to_string(n.attempts) + " at " + base::UtcTime(after) +
                     ": " + sent.error().message();
      if (n.attempts >= options_.max_attempts) {
        n.state = "undeliverable";
        spdlog::warn("notify: {} to endpoint {} is undeliverable after {} attempts: {}", n.id,
                     e->id, n.attempts, sent.error().message());
      } else {
        n.next_attempt_at = after + Backoff(n.attempts);
      }
    }
    auto written =
        d_.store.Write([&](store::UnitOfWork& u) { return u.notifications().UpdateDelivery(n); });
    if (!written) spdlog::error("notify: {}: {}", n.id, written.error().ToString());
  }
  co_return delivered;
}

net::awaitable<void> Notifier::Run(
    std::function<net::awaitable<void>(std::chrono::milliseconds)> pause,
    std::chrono::milliseconds every, const std::atomic<bool>& stop) {
  while (!stop.load()) {
    if (auto queued = Collect(); !queued) {
      spdlog::error("notify: {}", queued.error().ToString());
    }
    Result<int> sent = co_await Deliver();
    if (!sent) spdlog::error("notify: {}", sent.error().ToString());
    co_await pause(every);
  }
}

}  // namespace amanah::notify
