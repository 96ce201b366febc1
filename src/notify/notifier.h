// Notifier: outbound notifications. A tenant's admin adds endpoints (an HTTPS URL and the event
// types it wants, notification_event.h); each endpoint gets a signing secret, shown once and
// derived from the vault's state key and the endpoint's nonce, so that no copy of it is stored.
// Collect() follows each endpoint's tenant journal from where it left off and puts a notification
// into the outbox for every record worth one, in the transaction that moves the endpoint on — at
// least once, never skipped. Deliver() POSTs what is due, signed as Standard Webhooks define
// (webhook_signature.h), retries a failure with exponential back-off and jitter, and after the
// last attempt keeps it as undeliverable (listed, and retried on request).
//
// Thread-safe. Collect and Deliver may run on several daemons over one store: a notification is
// collected once (the endpoint's journal position moves by compare-and-set) and claimed by one
// deliverer at a time (its next attempt is moved past the delivery's deadline before it is sent).
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "base/clock.h"
#include "base/random.h"
#include "crypto/secret_bytes.h"
#include "store/store.h"
#include "transport/http_client.h"
#include "vault/vault.h"

namespace amanah::notify {

struct NotifierOptions {
  /// Attempts before a notification is kept as undeliverable.
  int max_attempts = 8;
  /// The wait after the first failure; each next wait is 4 times longer, up to `max_retry`, ±10%.
  std::chrono::seconds first_retry{30};
  std::chrono::seconds max_retry{std::chrono::hours(6)};
  /// Connect and answer deadlines of one delivery.
  std::chrono::milliseconds timeout{std::chrono::seconds(10)};
  /// Plain http:// to a loopback address (a local bridge, the tests); https otherwise.
  bool allow_loopback_http = false;
  std::string ca_file;  ///< PEM bundle to trust instead of the system store
  size_t batch = 50;    ///< notifications sent per Deliver
};

/// An endpoint as its owner sees it; the secret only when it was just made.
struct EndpointView {
  store::NotifyEndpoint endpoint;
  std::optional<crypto::SecretBytes> secret;  ///< "whsec_…", shown once
};

class Notifier {
 public:
  struct Deps {
    store::Store& store;
    vault::Vault& vault;
    const base::Clock& clock;
    base::Random& random;
  };
  Notifier(Deps deps, NotifierOptions options) : d_(deps), options_(std::move(options)) {}

  /// Adds an endpoint for `events` (empty or {"*"}: every type); notified from the next journal
  /// record on. kInvalidArgument for a URL that is not https (or loopback http when allowed), or
  /// an unknown event type.
  base::Result<EndpointView> AddEndpoint(const store::TenantId& tenant, std::string url,
                                         std::vector<std::string> events, std::string description);
  base::Result<std::vector<store::NotifyEndpoint>> Endpoints(const store::TenantId& tenant);
  /// kNotFound if the tenant has none by that id. Its notifications are kept.
  base::Result<void> RemoveEndpoint(const store::TenantId& tenant, std::string_view id);
  /// A new secret for the endpoint (the old one stops verifying at once), shown once.
  base::Result<EndpointView> NewSecret(const store::TenantId& tenant, std::string_view id);
  /// Queues a "notify.test" notification to the endpoint, due now.
  base::Result<store::Notification> SendTest(const store::TenantId& tenant, std::string_view id);

  /// The tenant's notifications, newest first.
  base::Result<std::vector<store::Notification>> List(const store::TenantId& tenant,
                                                      size_t limit = 200);
  /// Makes an undeliverable (or pending) notification due now, with a fresh set of attempts.
  base::Result<store::Notification> Retry(const store::TenantId& tenant, std::string_view id);

  /// Journal → outbox for every endpoint; how many notifications were queued.
  base::Result<int> Collect();
  /// Sends what is due; how many were delivered.
  boost::asio::awaitable<base::Result<int>> Deliver();
  /// Collect then Deliver, every `every`, until `stop` is set.
  boost::asio::awaitable<void> Run(
      std::function<boost::asio::awaitable<void>(std::chrono::milliseconds)> pause,
      std::chrono::milliseconds every, const std::atomic<bool>& stop);

  /// The endpoint's signing key (the HMAC key; its owner has it as "whsec_" + base64).
  crypto::SecretBytes KeyOf(const store::NotifyEndpoint& endpoint) const;

 private:
  base::Result<int> CollectFor(const store::NotifyEndpoint& endpoint);
  boost::asio::awaitable<base::Result<void>> Send(const store::NotifyEndpoint& endpoint,
                                                  const store::Notification& n);
  base::Result<transport::HttpClient*> ClientFor(const boost::asio::any_io_executor& executor,
                                                 const std::string& origin);
  std::chrono::milliseconds Backoff(int attempts);
  std::string NewId(size_t bytes);
  struct UrlTarget {
    std::string origin;  ///< scheme://host[:port]
    std::string path;    ///< path and query
  };
  // The endpoint URL split, if notifications may go there (https, or loopback http when allowed).
  base::Result<UrlTarget> CheckUrl(const std::string& url) const;

  Deps d_;
  NotifierOptions options_;
  std::mutex clients_mu_;
  std::map<std::string, std::unique_ptr<transport::HttpClient>> clients_;  // GUARDED_BY
};

}  // namespace amanah::notify
