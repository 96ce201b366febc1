// Config: Amanah's settings, from `amanah.toml` in the data directory with `AMANAH_*` environment
// variables over it, validated once into an immutable value. Every key is optional (the defaults
// below); an unknown key, a value of the wrong type or out of range is a start-up error naming the
// key and, for the file, its line. packaging/amanah.toml documents every key.
//
//   [network]  egress_ips = ["203.0.113.7"]     AMANAH_EGRESS_IPS=203.0.113.7,198.51.100.2
//              ca_file = "/etc/ssl/extra.pem"    AMANAH_CA_FILE
//   [audit]    require_ip_restriction = false    AMANAH_REQUIRE_IP_RESTRICTION=true|false
//              rotation_reminder_days = 80       AMANAH_ROTATION_REMINDER_DAYS
//              rotation_alert_days = 90          AMANAH_ROTATION_ALERT_DAYS
//              max_age = "24h"                   AMANAH_AUDIT_MAX_AGE (s, m, h, d)
//   [exchanges.binance] endpoint = "https://api.binance.com"   AMANAH_BINANCE_ENDPOINT
//   [journal]  checkpoint_every_records = 1000   AMANAH_CHECKPOINT_EVERY_RECORDS
//              checkpoint_every = "5m"           AMANAH_CHECKPOINT_EVERY
//              export_dir = "/mnt/offsite/amanah" AMANAH_CHECKPOINT_EXPORT_DIR
//              export_webhook = "https://…"      AMANAH_CHECKPOINT_EXPORT_WEBHOOK
//   [vault]    master_key = "file:/…"            AMANAH_MASTER_KEY
//   [policy]   allow_doubtful = false            AMANAH_POLICY_ALLOW_DOUBTFUL
//              max_order_notional = "1000"       AMANAH_POLICY_MAX_ORDER_NOTIONAL (quote units)
//              max_daily_notional = "5000"       AMANAH_POLICY_MAX_DAILY_NOTIONAL
//              max_orders_per_minute = 10        AMANAH_POLICY_MAX_ORDERS_PER_MINUTE
//              min_quote_volume_24h = "100000"   AMANAH_POLICY_MIN_QUOTE_VOLUME_24H ("0": none)
//              fee_rate = "0.001"                AMANAH_POLICY_FEE_RATE
//              shadow = ["limits"]               AMANAH_POLICY_SHADOW=limits,rate_budget
//              suspend_on_foreign_order = true   AMANAH_POLICY_SUSPEND_ON_FOREIGN_ORDER
//              require_approved_pairs = true     AMANAH_POLICY_REQUIRE_APPROVED_PAIRS
//              ruleset = "default"               AMANAH_POLICY_RULESET (shipped name or file)
//   [plans]    time_zone = "UTC"                 AMANAH_PLANS_TIME_ZONE (IANA; plans naming none)
//              catch_up = "once"                 AMANAH_PLANS_CATCH_UP (once | skip: runs
//                                                missed while no daemon ran)
//              late_after = "15m"                AMANAH_PLANS_LATE_AFTER (a later run is missed)
//              public_url = "https://amanah.example" AMANAH_PUBLIC_URL (webhook URLs' origin)
//   [notify]   poll_every = "5s"                 AMANAH_NOTIFY_POLL_EVERY
//              max_attempts = 8                  AMANAH_NOTIFY_MAX_ATTEMPTS (then undeliverable)
//              allow_loopback_http = false       AMANAH_NOTIFY_ALLOW_LOOPBACK_HTTP
//   [server]   listen = "127.0.0.1:8750"         AMANAH_LISTEN (host:port; port 0 picks one)
//              tls_cert = "/etc/amanah/cert.pem" AMANAH_TLS_CERT (with tls_key: HTTPS)
//              tls_key = "/etc/amanah/key.pem"   AMANAH_TLS_KEY
//              allow_plain_http = false          AMANAH_ALLOW_PLAIN_HTTP (plain HTTP beyond
//              loopback) log_json = false                  AMANAH_LOG_JSON (JSON-lines request log
//              on stderr) reaudit_every = "1h"              AMANAH_REAUDIT_EVERY session_ttl =
//              "12h"               AMANAH_SESSION_TTL reconcile_every = "5m"
//              AMANAH_RECONCILE_EVERY watch_every = "10m" AMANAH_WATCH_EVERY (rotation
//              reminders, old-key probes) max_failed_logins = 5
//              AMANAH_MAX_FAILED_LOGINS lockout = "15m"                   AMANAH_LOCKOUT
//              max_failed_logins_per_ip = 20     AMANAH_MAX_FAILED_LOGINS_PER_IP (per lockout)
//              password_memory_kib = 65536       AMANAH_PASSWORD_MEMORY_KIB (argon2id m, ≥ 8)
//              password_iterations = 3           AMANAH_PASSWORD_ITERATIONS (argon2id t)
//              threads = 2                       AMANAH_SERVER_THREADS
//              web_dir = "/usr/share/amanah/web" AMANAH_WEB_DIR (the dashboard's built files)
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/decimal.h"
#include "base/result.h"
#include "config/env_vars.h"

namespace amanah::config {

struct AuditConfig {
  bool require_ip_restriction = false;
  int rotation_reminder_days = 80;
  int rotation_alert_days = 90;
  /// A key audited longer ago than this is audited again before it trades.
  std::chrono::seconds max_age{std::chrono::hours(24)};
};

struct JournalConfig {
  uint64_t checkpoint_every_records = 1000;
  std::chrono::seconds checkpoint_every{std::chrono::minutes(5)};
  /// A directory outside the data directory that receives every checkpoint.
  std::optional<std::string> export_dir;
  /// An HTTPS URL that receives every checkpoint, signed by the node key.
  std::optional<std::string> export_webhook;
};

/// The order policy's settings; the checks (policy/) take them as their options.
struct PolicyConfig {
  /// Doubtful pairs are blocked unless the tenant opts in.
  bool allow_doubtful = false;
  /// Largest notional of one order; nullopt: no limit.
  std::optional<base::Decimal> max_order_notional;
  /// Largest notional of one connection's orders per UTC day; nullopt: no limit.
  std::optional<base::Decimal> max_daily_notional;
  /// Orders per minute per connection (kept under every exchange's own order rate).
  int64_t max_orders_per_minute = 10;
  /// A pair must have traded at least this much quote volume in 24 h (so that a hijacked login or
  /// webhook secret cannot buy an illiquid coin at a pumped price); nullopt: no minimum.
  std::optional<base::Decimal> min_quote_volume_24h = base::Decimal::FromInt(100000);
  /// The fee a buy must also be able to pay, as a fraction (0.001 = 0.1 %, Binance's taker rate).
  base::Decimal fee_rate = base::Decimal::FromUnits(1, 3).value();
  /// Checks that decide, count and journal but never block.
  std::vector<std::string> shadow;
  /// Reconciliation suspends a connection on which an order we did not place is found.
  bool suspend_on_foreign_order = true;
  /// Orders only on pairs approved for the connection (`amanah pairs LABEL allow PAIR`); false:
  /// any pair that passes the other checks, unless the connection has a list.
  bool require_approved_pairs = true;
  /// The screening ruleset: a shipped one's name or a TOML file.
  std::string ruleset = "default";
};

/// Automated trading plans (strategy/): their defaults and how the daemon runs them.
struct PlansConfig {
  /// The time zone of plans that name none (checked against the tz database when plans open).
  std::string time_zone = "UTC";
  /// "once" or "skip": what the scheduler does with runs missed while no daemon ran.
  std::string catch_up = "once";
  /// A run due longer ago than this counts as missed.
  std::chrono::seconds late_after{std::chrono::minutes(15)};
  /// The origin webhook senders reach this installation at (behind a proxy); else the listen
  /// address.
  std::optional<std::string> public_url;
};

/// Outbound notifications (notify/notifier.h): how the daemon delivers them.
struct NotifyConfig {
  /// How often the journal is looked at for new notifications and due ones are sent.
  std::chrono::seconds poll_every{5};
  /// Attempts before a notification is kept as undeliverable.
  int64_t max_attempts = 8;
  /// Plain http:// endpoints on a loopback address (a local bridge); https otherwise.
  bool allow_loopback_http = false;
};

/// `amanah serve`: where it listens, how it logs users in, how often it re-audits.
struct ServerConfig {
  std::string listen = "127.0.0.1:8750";
  std::optional<std::string> tls_cert;
  std::optional<std::string> tls_key;
  /// Plain HTTP on an address other than loopback (behind a TLS-terminating proxy).
  bool allow_plain_http = false;
  bool log_json = false;
  std::chrono::seconds reaudit_every{std::chrono::hours(1)};
  /// How often each connection's orders are reconciled with the exchange's (lengthened, like the
  /// re-audit, to stay inside the exchange's weight budget).
  std::chrono::seconds reconcile_every{std::chrono::minutes(5)};
  /// How often keys are checked for rotation reminders and retired keys probed.
  std::chrono::seconds watch_every{std::chrono::minutes(10)};
  std::chrono::seconds session_ttl{std::chrono::hours(12)};
  int64_t max_failed_logins = 5;
  /// Failed logins from one client address (any user names) within `lockout` before that address
  /// is refused until the window ends.
  int64_t max_failed_logins_per_ip = 20;
  std::chrono::seconds lockout{std::chrono::minutes(15)};
  int64_t password_memory_kib = 65536;
  int64_t password_iterations = 3;
  int64_t threads = 2;
  std::optional<std::string> web_dir;
};

struct Config {
  std::vector<std::string> egress_ips;
  std::optional<std::string> ca_file;
  AuditConfig audit;
  /// Exchange name → API origin, overriding the exchange's own (paper exchanges, testnets).
  std::map<std::string, std::string, std::less<>> endpoints;
  JournalConfig journal;
  PolicyConfig policy;
  PlansConfig plans;
  NotifyConfig notify;
  ServerConfig server;
  std::optional<std::string> master_key;
  /// Where it came from: the file's path, or "" when it had none.
  std::string source;
};

/// Parses `toml_text` (from `file`, for messages), then applies `env`.
base::Result<Config> ParseConfig(std::string_view toml_text, std::string_view file,
                                 const EnvVars& env);
/// Reads `path` if it exists (else defaults), then applies `env`.
base::Result<Config> LoadConfig(const std::string& path, const EnvVars& env);

/// Where `amanah serve` listens: "127.0.0.1:8750" or "[::1]:0" (the host without brackets).
struct ListenAddress {
  std::string host;
  uint16_t port = 0;
};
/// Splits host:port; kInvalidArgument (the message says what was expected) if it is not one. The
/// host is not checked here (config checks it is a numeric IP).
base::Result<ListenAddress> ParseListen(std::string_view text);

/// The name of the egress IP this node's calls leave from, for rate budgets and metrics: the one
/// configured, "default" when none is, or the configured ones joined with "+" (calls may leave
/// from any of them, so they share one budget).
std::string EgressLabel(const Config& config);

/// "90s", "5m", "2h", "1d" (a bare number is seconds).
base::Result<std::chrono::seconds> ParseDuration(std::string_view text);

}  // namespace amanah::config
