#include "config/config.h"

#include <arpa/inet.h>

#include <charconv>
#include <fstream>
#include <set>
#include <sstream>

#include <toml++/toml.h>

namespace amanah::config {

using base::Error;
using base::ErrorCode;
using base::Result;

namespace {

Error Bad(std::string_view where, std::string_view key, const std::string& why) {
  return Error(ErrorCode::kInvalidArgument,
               std::string(where) + ": " + std::string(key) + " " + why);
}

std::string At(std::string_view file, const toml::node& n) {
  return std::string(file.empty() ? "amanah.toml" : file) + ":" +
         std::to_string(n.source().begin.line);
}

bool ValidIp(const std::string& ip) {
  unsigned char buf[16];
  return inet_pton(AF_INET, ip.c_str(), buf) == 1 || inet_pton(AF_INET6, ip.c_str(), buf) == 1;
}

Result<void> CheckIp(std::string_view where, std::string_view key, const std::string& ip) {
  if (!ValidIp(ip)) return Bad(where, key, "has \"" + ip.substr(0, 64) + "\", not an IP address");
  return {};
}

Result<void> CheckOrigin(std::string_view where, std::string_view key, const std::string& url) {
  const bool https = url.starts_with("https://"), http = url.starts_with("http://");
  if (!https && !http) return Bad(where, key, "must be an https:// URL");
  const std::string rest = url.substr(https ? 8 : 7);
  if (rest.find('@') != std::string::npos)
    return Bad(where, key, "must not carry a user name or password");
  if (rest.empty()) return Bad(where, key, "has no host");
  return {};
}

Result<void> CheckPath(std::string_view where, std::string_view key, const std::string& path) {
  if (path.empty() || path[0] != '/') return Bad(where, key, "must be an absolute path");
  return {};
}

Result<int> Days(std::string_view where, std::string_view key, int64_t v) {
  if (v < 1 || v > 3650) return Bad(where, key, "must be between 1 and 3650 days");
  return static_cast<int>(v);
}

// host:port with a numeric IP host, through the one parser (ParseListen).
Result<void> CheckListen(std::string_view where, std::string_view key, const std::string& v) {
  auto parsed = ParseListen(v);
  if (!parsed) return Bad(where, key, parsed.error().message());
  return CheckIp(where, key, parsed->host);
}

// The [server] integers, each in its range (from the file or the environment).
Result<void> SetServerInt(std::string_view where, std::string_view key, std::string_view name,
                          int64_t v, ServerConfig& c) {
  auto range = [&](int64_t lo, int64_t hi) -> Result<void> {
    if (v < lo || v > hi) {
      return Bad(where, key,
                 "must be between " + std::to_string(lo) + " and " + std::to_string(hi));
    }
    return {};
  };
  if (name == "max_failed_logins") {
    AMANAH_TRY(range(1, 100));
    c.max_failed_logins = v;
  } else if (name == "max_failed_logins_per_ip") {
    AMANAH_TRY(range(1, 100000));
    c.max_failed_logins_per_ip = v;
  } else if (name == "password_memory_kib") {
    AMANAH_TRY(range(8, 4 << 20));
    c.password_memory_kib = v;
  } else if (name == "password_iterations") {
    AMANAH_TRY(range(1, 100));
    c.password_iterations = v;
  } else {
    AMANAH_TRY(range(1, 256));
    c.threads = v;
  }
  return {};
}

// The TOML file, strictly: only known tables and keys, each of its type.
class FileReader {
 public:
  FileReader(std::string_view file, Config& config) : file_(file), config_(config) {}

  Result<void> Read(const toml::table& doc) {
    for (const auto& [key, node] : doc) {
      const std::string k(key.str());
      const toml::table* t = node.as_table();
      if (!t) return Bad(At(file_, node), k, "must be a table ([" + k + "])");
      if (k == "network") {
        AMANAH_TRY(Network(*t));
      } else if (k == "audit") {
        AMANAH_TRY(Audit(*t));
      } else if (k == "exchanges") {
        AMANAH_TRY(Exchanges(*t));
      } else if (k == "journal") {
        AMANAH_TRY(Journal(*t));
      } else if (k == "vault") {
        AMANAH_TRY(Vault(*t));
      } else if (k == "policy") {
        AMANAH_TRY(Policy(*t));
      } else if (k == "server") {
        AMANAH_TRY(Server(*t));
      } else if (k == "plans") {
        AMANAH_TRY(Plans(*t));
      } else if (k == "notify") {
        AMANAH_TRY(Notify(*t));
      } else {
        return Bad(At(file_, node), "[" + k + "]",
                   "is not a known table (network, audit, exchanges, journal, vault, policy, "
                   "plans, notify, server)");
      }
    }
    return {};
  }

 private:
  Result<std::string> String(const toml::node& n, const std::string& key) {
    auto v = n.value<std::string>();
    if (!n.is_string() || !v) return Bad(At(file_, n), key, "must be a string");
    return *v;
  }
  Result<int64_t> Int(const toml::node& n, const std::string& key) {
    if (!n.is_integer()) return Bad(At(file_, n), key, "must be an integer");
    return *n.value<int64_t>();
  }
  Result<bool> Bool(const toml::node& n, const std::string& key) {
    if (!n.is_boolean()) return Bad(At(file_, n), key, "must be true or false");
    return *n.value<bool>();
  }
  Result<std::chrono::seconds> Duration(const toml::node& n, const std::string& key) {
    AMANAH_ASSIGN_OR_RETURN(std::string text, String(n, key));
    auto d = ParseDuration(text);
    if (!d) return Bad(At(file_, n), key, d.error().message());
    return *d;
  }
  Error Unknown(const toml::node& n, const std::string& table, const std::string& key) {
    return Bad(At(file_, n), table + "." + key, "is not a known key");
  }

  Result<void> Network(const toml::table& t) {
    for (const auto& [key, n] : t) {
      const std::string k = "network." + std::string(key.str());
      if (key.str() == "egress_ips") {
        const toml::array* a = n.as_array();
        if (!a) return Bad(At(file_, n), k, "must be an array of IP addresses");
        config_.egress_ips.clear();
        for (const auto& item : *a) {
          AMANAH_ASSIGN_OR_RETURN(std::string ip, String(item, k));
          AMANAH_TRY(CheckIp(At(file_, item), k, ip));
          config_.egress_ips.push_back(std::move(ip));
        }
      } else if (key.str() == "ca_file") {
        AMANAH_ASSIGN_OR_RETURN(std::string path, String(n, k));
        AMANAH_TRY(CheckPath(At(file_, n), k, path));
        config_.ca_file = path;
      } else {
        return Unknown(n, "network", std::string(key.str()));
      }
    }
    return {};
  }

  Result<void> Audit(const toml::table& t) {
    for (const auto& [key, n] : t) {
      const std::string k = "audit." + std::string(key.str());
      if (key.str() == "require_ip_restriction") {
        AMANAH_ASSIGN_OR_RETURN(config_.audit.require_ip_restriction, Bool(n, k));
      } else if (key.str() == "rotation_reminder_days") {
        AMANAH_ASSIGN_OR_RETURN(int64_t v, Int(n, k));
        AMANAH_ASSIGN_OR_RETURN(config_.audit.rotation_reminder_days, Days(At(file_, n), k, v));
      } else if (key.str() == "rotation_alert_days") {
        AMANAH_ASSIGN_OR_RETURN(int64_t v, Int(n, k));
        AMANAH_ASSIGN_OR_RETURN(config_.audit.rotation_alert_days, Days(At(file_, n), k, v));
      } else if (key.str() == "max_age") {
        AMANAH_ASSIGN_OR_RETURN(config_.audit.max_age, Duration(n, k));
      } else {
        return Unknown(n, "audit", std::string(key.str()));
      }
    }
    return {};
  }

  Result<void> Exchanges(const toml::table& t) {
    for (const auto& [name, n] : t) {
      const std::string exchange(name.str());
      const toml::table* e = n.as_table();
      if (!e) return Bad(At(file_, n), "exchanges." + exchange, "must be a table");
      for (const auto& [key, v] : *e) {
        const std::string k = "exchanges." + exchange + "." + std::string(key.str());
        if (key.str() != "endpoint")
          return Unknown(v, "exchanges." + exchange, std::string(key.str()));
        AMANAH_ASSIGN_OR_RETURN(std::string url, String(v, k));
        AMANAH_TRY(CheckOrigin(At(file_, v), k, url));
        config_.endpoints[exchange] = url;
      }
    }
    return {};
  }

  Result<void> Journal(const toml::table& t) {
    for (const auto& [key, n] : t) {
      const std::string k = "journal." + std::string(key.str());
      if (key.str() == "checkpoint_every_records") {
        AMANAH_ASSIGN_OR_RETURN(int64_t v, Int(n, k));
        if (v < 1) return Bad(At(file_, n), k, "must be at least 1");
        config_.journal.checkpoint_every_records = static_cast<uint64_t>(v);
      } else if (key.str() == "checkpoint_every") {
        AMANAH_ASSIGN_OR_RETURN(config_.journal.checkpoint_every, Duration(n, k));
      } else if (key.str() == "export_dir") {
        AMANAH_ASSIGN_OR_RETURN(std::string path, String(n, k));
        AMANAH_TRY(CheckPath(At(file_, n), k, path));
        config_.journal.export_dir = path;
      } else if (key.str() == "export_webhook") {
        AMANAH_ASSIGN_OR_RETURN(std::string url, String(n, k));
        AMANAH_TRY(CheckOrigin(At(file_, n), k, url));
        config_.journal.export_webhook = url;
      } else {
        return Unknown(n, "journal", std::string(key.str()));
      }
    }
    return {};
  }

  Result<void> Server(const toml::table& t) {
    auto& c = config_.server;
    for (const auto& [key, n] : t) {
      const std::string name(key.str());
      const std::string k = "server." + name;
      auto where = At(file_, n);
      if (name == "listen") {
        AMANAH_ASSIGN_OR_RETURN(c.listen, String(n, k));
        AMANAH_TRY(CheckListen(where, k, c.listen));
      } else if (name == "tls_cert" || name == "tls_key") {
        AMANAH_ASSIGN_OR_RETURN(std::string path, String(n, k));
        AMANAH_TRY(CheckPath(where, k, path));
        (name == "tls_cert" ? c.tls_cert : c.tls_key) = path;
      } else if (name == "web_dir") {
        AMANAH_ASSIGN_OR_RETURN(std::string path, String(n, k));
        AMANAH_TRY(CheckPath(where, k, path));
        c.web_dir = path;
      } else if (name == "allow_plain_http") {
        AMANAH_ASSIGN_OR_RETURN(c.allow_plain_http, Bool(n, k));
      } else if (name == "log_json") {
        AMANAH_ASSIGN_OR_RETURN(c.log_json, Bool(n, k));
      } else if (name == "reaudit_every") {
        AMANAH_ASSIGN_OR_RETURN(c.reaudit_every, Duration(n, k));
      } else if (name == "reconcile_every") {
        AMANAH_ASSIGN_OR_RETURN(c.reconcile_every, Duration(n, k));
      } else if (name == "watch_every") {
        AMANAH_ASSIGN_OR_RETURN(c.watch_every, Duration(n, k));
      } else if (name == "session_ttl") {
        AMANAH_ASSIGN_OR_RETURN(c.session_ttl, Duration(n, k));
      } else if (name == "lockout") {
        AMANAH_ASSIGN_OR_RETURN(c.lockout, Duration(n, k));
      } else if (name == "max_failed_logins" || name == "max_failed_logins_per_ip" ||
                 name == "password_memory_kib" || name == "password_iterations" ||
                 name == "threads") {
        AMANAH_ASSIGN_OR_RETURN(int64_t v, Int(n, k));
        AMANAH_TRY(SetServerInt(where, k, name, v, c));
      } else {
        return Unknown(n, "server", name);
      }
    }
    return {};
  }

  Result<void> Plans(const toml::table& t) {
    PlansConfig& c = config_.plans;
    for (const auto& [key, n] : t) {
      const std::string name(key.str());
      const std::string k = "plans." + name;
      auto where = At(file_, n);
      if (name == "time_zone") {
        AMANAH_ASSIGN_OR_RETURN(c.time_zone, String(n, k));
        if (c.time_zone.empty()) return Bad(where, k, "must name a time zone, e.g. \"UTC\"");
      } else if (name == "catch_up") {
        AMANAH_ASSIGN_OR_RETURN(c.catch_up, String(n, k));
        if (c.catch_up != "once" && c.catch_up != "skip") {
          return Bad(where, k, "must be \"once\" or \"skip\"");
        }
      } else if (name == "late_after") {
        AMANAH_ASSIGN_OR_RETURN(c.late_after, Duration(n, k));
      } else if (name == "public_url") {
        AMANAH_ASSIGN_OR_RETURN(std::string url, String(n, k));
        AMANAH_TRY(CheckOrigin(where, k, url));
        c.public_url = url;
      } else {
        return Unknown(n, "plans", name);
      }
    }
    return {};
  }

  Result<void> Notify(const toml::table& t) {
    NotifyConfig& c = config_.notify;
    for (const auto& [key, n] : t) {
      const std::string name(key.str());
      const std::string k = "notify." + name;
      if (name == "poll_every") {
        AMANAH_ASSIGN_OR_RETURN(c.poll_every, Duration(n, k));
      } else if (name == "max_attempts") {
        AMANAH_ASSIGN_OR_RETURN(c.max_attempts, Int(n, k));
        if (c.max_attempts < 1 || c.max_attempts > 50) {
          return Bad(At(file_, n), k, "must be from 1 to 50");
        }
      } else if (name == "allow_loopback_http") {
        AMANAH_ASSIGN_OR_RETURN(c.allow_loopback_http, Bool(n, k));
      } else {
        return Unknown(n, "notify", name);
      }
    }
    return {};
  }

  Result<void> Vault(const toml::table& t) {
    for (const auto& [key, n] : t) {
      const std::string k = "vault." + std::string(key.str());
      if (key.str() != "master_key") return Unknown(n, "vault", std::string(key.str()));
      AMANAH_ASSIGN_OR_RETURN(config_.master_key, String(n, k));
    }
    return {};
  }

  Result<base::Decimal> Amount(const toml::node& n, const std::string& key) {
    AMANAH_ASSIGN_OR_RETURN(std::string text, String(n, key));
    auto d = base::Decimal::Parse(text);
    if (!d || d->IsNegative()) {
      return Bad(At(file_, n), key, "must be a non-negative decimal in quotes, e.g. \"1000\"");
    }
    return *d;
  }

  Result<void> Policy(const toml::table& t) {
    PolicyConfig& p = config_.policy;
    for (const auto& [key, n] : t) {
      const std::string name(key.str());
      const std::string k = "policy." + name;
      if (name == "allow_doubtful") {
        AMANAH_ASSIGN_OR_RETURN(p.allow_doubtful, Bool(n, k));
      } else if (name == "max_order_notional") {
        AMANAH_ASSIGN_OR_RETURN(p.max_order_notional, Amount(n, k));
      } else if (name == "max_daily_notional") {
        AMANAH_ASSIGN_OR_RETURN(p.max_daily_notional, Amount(n, k));
      } else if (name == "max_orders_per_minute") {
        AMANAH_ASSIGN_OR_RETURN(p.max_orders_per_minute, Int(n, k));
        if (p.max_orders_per_minute < 1) return Bad(At(file_, n), k, "must be at least 1");
      } else if (name == "min_quote_volume_24h") {
        AMANAH_ASSIGN_OR_RETURN(base::Decimal v, Amount(n, k));
        p.min_quote_volume_24h = v.IsZero() ? std::nullopt : std::optional<base::Decimal>(v);
      } else if (name == "fee_rate") {
        AMANAH_ASSIGN_OR_RETURN(p.fee_rate, Amount(n, k));
      } else if (name == "shadow") {
        const toml::array* a = n.as_array();
        if (!a) return Bad(At(file_, n), k, "must be an array of check names");
        p.shadow.clear();
        for (const auto& item : *a) {
          AMANAH_ASSIGN_OR_RETURN(std::string check, String(item, k));
          p.shadow.push_back(std::move(check));
        }
      } else if (name == "suspend_on_foreign_order") {
        AMANAH_ASSIGN_OR_RETURN(p.suspend_on_foreign_order, Bool(n, k));
      } else if (name == "require_approved_pairs") {
        AMANAH_ASSIGN_OR_RETURN(p.require_approved_pairs, Bool(n, k));
      } else if (name == "ruleset") {
        AMANAH_ASSIGN_OR_RETURN(p.ruleset, String(n, k));
      } else {
        return Unknown(n, "policy", name);
      }
    }
    return {};
  }

  std::string_view file_;
  Config& config_;
};

Result<base::Decimal> EnvAmount(const std::string& name, const std::string& text) {
  auto d = base::Decimal::Parse(text);
  if (!d || d->IsNegative()) {
    return Bad("environment", name,
               "must be a non-negative decimal, not \"" + text.substr(0, 32) + "\"");
  }
  return *d;
}

Result<bool> EnvBool(const std::string& name, const std::string& text) {
  if (text != "true" && text != "false") return Bad("environment", name, "must be true or false");
  return text == "true";
}

Result<int64_t> EnvInt(const std::string& name, const std::string& text) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size())
    return Bad("environment", name, "must be an integer, not \"" + text.substr(0, 32) + "\"");
  return v;
}

Result<void> ApplyEnv(const EnvVars& env, Config& c) {
  const std::string_view where = "environment";
  if (auto v = Get(env, "AMANAH_EGRESS_IPS")) {
    c.egress_ips.clear();
    std::stringstream list(*v);
    for (std::string ip; std::getline(list, ip, ',');) {
      while (!ip.empty() && ip.front() == ' ') ip.erase(0, 1);
      while (!ip.empty() && ip.back() == ' ') ip.pop_back();
      if (ip.empty()) continue;
      AMANAH_TRY(CheckIp(where, "AMANAH_EGRESS_IPS", ip));
      c.egress_ips.push_back(ip);
    }
  }
  if (auto v = Get(env, "AMANAH_CA_FILE")) {
    AMANAH_TRY(CheckPath(where, "AMANAH_CA_FILE", *v));
    c.ca_file = *v;
  }
  if (auto v = Get(env, "AMANAH_REQUIRE_IP_RESTRICTION")) {
    if (*v != "true" && *v != "false")
      return Bad(where, "AMANAH_REQUIRE_IP_RESTRICTION", "must be true or false");
    c.audit.require_ip_restriction = *v == "true";
  }
  if (auto v = Get(env, "AMANAH_ROTATION_REMINDER_DAYS")) {
    AMANAH_ASSIGN_OR_RETURN(int64_t n, EnvInt("AMANAH_ROTATION_REMINDER_DAYS", *v));
    AMANAH_ASSIGN_OR_RETURN(c.audit.rotation_reminder_days,
                            Days(where, "AMANAH_ROTATION_REMINDER_DAYS", n));
  }
  if (auto v = Get(env, "AMANAH_ROTATION_ALERT_DAYS")) {
    AMANAH_ASSIGN_OR_RETURN(int64_t n, EnvInt("AMANAH_ROTATION_ALERT_DAYS", *v));
    AMANAH_ASSIGN_OR_RETURN(c.audit.rotation_alert_days,
                            Days(where, "AMANAH_ROTATION_ALERT_DAYS", n));
  }
  if (auto v = Get(env, "AMANAH_AUDIT_MAX_AGE")) {
    auto d = ParseDuration(*v);
    if (!d) return Bad(where, "AMANAH_AUDIT_MAX_AGE", d.error().message());
    c.audit.max_age = *d;
  }
  for (const auto& [name, value] : env) {
    // AMANAH_<EXCHANGE>_ENDPOINT
    if (!name.starts_with("AMANAH_") || !name.ends_with("_ENDPOINT") || value.empty()) continue;
    std::string exchange = name.substr(7, name.size() - 7 - 9);
    if (exchange.empty()) continue;
    for (char& ch : exchange) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    AMANAH_TRY(CheckOrigin(where, name, value));
    c.endpoints[exchange] = value;
  }
  if (auto v = Get(env, "AMANAH_POLICY_ALLOW_DOUBTFUL")) {
    AMANAH_ASSIGN_OR_RETURN(c.policy.allow_doubtful, EnvBool("AMANAH_POLICY_ALLOW_DOUBTFUL", *v));
  }
  if (auto v = Get(env, "AMANAH_POLICY_MAX_ORDER_NOTIONAL")) {
    AMANAH_ASSIGN_OR_RETURN(c.policy.max_order_notional,
                            EnvAmount("AMANAH_POLICY_MAX_ORDER_NOTIONAL", *v));
  }
  if (auto v = Get(env, "AMANAH_POLICY_MAX_DAILY_NOTIONAL")) {
    AMANAH_ASSIGN_OR_RETURN(c.policy.max_daily_notional,
                            EnvAmount("AMANAH_POLICY_MAX_DAILY_NOTIONAL", *v));
  }
  if (auto v = Get(env, "AMANAH_POLICY_MAX_ORDERS_PER_MINUTE")) {
    AMANAH_ASSIGN_OR_RETURN(int64_t n, EnvInt("AMANAH_POLICY_MAX_ORDERS_PER_MINUTE", *v));
    if (n < 1) return Bad(where, "AMANAH_POLICY_MAX_ORDERS_PER_MINUTE", "must be at least 1");
    c.policy.max_orders_per_minute = n;
  }
  if (auto v = Get(env, "AMANAH_POLICY_MIN_QUOTE_VOLUME_24H")) {
    AMANAH_ASSIGN_OR_RETURN(base::Decimal d, EnvAmount("AMANAH_POLICY_MIN_QUOTE_VOLUME_24H", *v));
    c.policy.min_quote_volume_24h = d.IsZero() ? std::nullopt : std::optional<base::Decimal>(d);
  }
  if (auto v = Get(env, "AMANAH_POLICY_FEE_RATE")) {
    AMANAH_ASSIGN_OR_RETURN(c.policy.fee_rate, EnvAmount("AMANAH_POLICY_FEE_RATE", *v));
  }
  if (auto v = Get(env, "AMANAH_POLICY_SHADOW")) {
    c.policy.shadow.clear();
    std::stringstream list(*v);
    for (std::string item; std::getline(list, item, ',');) {
      if (!item.empty()) c.policy.shadow.push_back(item);
    }
  }
  if (auto v = Get(env, "AMANAH_POLICY_SUSPEND_ON_FOREIGN_ORDER")) {
    AMANAH_ASSIGN_OR_RETURN(c.policy.suspend_on_foreign_order,
                            EnvBool("AMANAH_POLICY_SUSPEND_ON_FOREIGN_ORDER", *v));
  }
  if (auto v = Get(env, "AMANAH_POLICY_REQUIRE_APPROVED_PAIRS")) {
    AMANAH_ASSIGN_OR_RETURN(c.policy.require_approved_pairs,
                            EnvBool("AMANAH_POLICY_REQUIRE_APPROVED_PAIRS", *v));
  }
  if (auto v = Get(env, "AMANAH_POLICY_RULESET")) c.policy.ruleset = *v;
  if (auto v = Get(env, "AMANAH_CHECKPOINT_EVERY_RECORDS")) {
    AMANAH_ASSIGN_OR_RETURN(int64_t n, EnvInt("AMANAH_CHECKPOINT_EVERY_RECORDS", *v));
    if (n < 1) return Bad(where, "AMANAH_CHECKPOINT_EVERY_RECORDS", "must be at least 1");
    c.journal.checkpoint_every_records = static_cast<uint64_t>(n);
  }
  if (auto v = Get(env, "AMANAH_CHECKPOINT_EVERY")) {
    auto d = ParseDuration(*v);
    if (!d) return Bad(where, "AMANAH_CHECKPOINT_EVERY", d.error().message());
    c.journal.checkpoint_every = *d;
  }
  if (auto v = Get(env, "AMANAH_CHECKPOINT_EXPORT_DIR")) {
    AMANAH_TRY(CheckPath(where, "AMANAH_CHECKPOINT_EXPORT_DIR", *v));
    c.journal.export_dir = *v;
  }
  if (auto v = Get(env, "AMANAH_CHECKPOINT_EXPORT_WEBHOOK")) {
    AMANAH_TRY(CheckOrigin(where, "AMANAH_CHECKPOINT_EXPORT_WEBHOOK", *v));
    c.journal.export_webhook = *v;
  }
  if (auto v = Get(env, "AMANAH_MASTER_KEY")) c.master_key = *v;
  if (auto v = Get(env, "AMANAH_PLANS_TIME_ZONE")) c.plans.time_zone = *v;
  if (auto v = Get(env, "AMANAH_PLANS_CATCH_UP")) {
    if (*v != "once" && *v != "skip") {
      return Bad(where, "AMANAH_PLANS_CATCH_UP", "must be \"once\" or \"skip\"");
    }
    c.plans.catch_up = *v;
  }
  if (auto v = Get(env, "AMANAH_PLANS_LATE_AFTER")) {
    auto d = ParseDuration(*v);
    if (!d) return Bad(where, "AMANAH_PLANS_LATE_AFTER", d.error().message());
    c.plans.late_after = *d;
  }
  if (auto v = Get(env, "AMANAH_PUBLIC_URL")) {
    AMANAH_TRY(CheckOrigin(where, "AMANAH_PUBLIC_URL", *v));
    c.plans.public_url = *v;
  }
  if (auto v = Get(env, "AMANAH_NOTIFY_POLL_EVERY")) {
    auto d = ParseDuration(*v);
    if (!d) return Bad(where, "AMANAH_NOTIFY_POLL_EVERY", d.error().message());
    c.notify.poll_every = *d;
  }
  if (auto v = Get(env, "AMANAH_NOTIFY_MAX_ATTEMPTS")) {
    AMANAH_ASSIGN_OR_RETURN(int64_t n, EnvInt("AMANAH_NOTIFY_MAX_ATTEMPTS", *v));
    if (n < 1 || n > 50) return Bad(where, "AMANAH_NOTIFY_MAX_ATTEMPTS", "must be from 1 to 50");
    c.notify.max_attempts = n;
  }
  if (auto v = Get(env, "AMANAH_NOTIFY_ALLOW_LOOPBACK_HTTP")) {
    AMANAH_ASSIGN_OR_RETURN(c.notify.allow_loopback_http,
                            EnvBool("AMANAH_NOTIFY_ALLOW_LOOPBACK_HTTP", *v));
  }
  if (auto v = Get(env, "AMANAH_LISTEN")) {
    AMANAH_TRY(CheckListen(where, "AMANAH_LISTEN", *v));
    c.server.listen = *v;
  }
  for (auto [var, field] : {std::pair{"AMANAH_TLS_CERT", &c.server.tls_cert},
                            std::pair{"AMANAH_TLS_KEY", &c.server.tls_key},
                            std::pair{"AMANAH_WEB_DIR", &c.server.web_dir}}) {
    if (auto v = Get(env, var)) {
      AMANAH_TRY(CheckPath(where, var, *v));
      *field = *v;
    }
  }
  if (auto v = Get(env, "AMANAH_ALLOW_PLAIN_HTTP")) {
    AMANAH_ASSIGN_OR_RETURN(c.server.allow_plain_http, EnvBool("AMANAH_ALLOW_PLAIN_HTTP", *v));
  }
  if (auto v = Get(env, "AMANAH_LOG_JSON")) {
    AMANAH_ASSIGN_OR_RETURN(c.server.log_json, EnvBool("AMANAH_LOG_JSON", *v));
  }
  for (auto [var, field] : {std::pair{"AMANAH_REAUDIT_EVERY", &c.server.reaudit_every},
                            std::pair{"AMANAH_RECONCILE_EVERY", &c.server.reconcile_every},
                            std::pair{"AMANAH_WATCH_EVERY", &c.server.watch_every},
                            std::pair{"AMANAH_SESSION_TTL", &c.server.session_ttl},
                            std::pair{"AMANAH_LOCKOUT", &c.server.lockout}}) {
    if (auto v = Get(env, var)) {
      auto d = ParseDuration(*v);
      if (!d) return Bad(where, var, d.error().message());
      *field = *d;
    }
  }
  for (auto [var, name] : {std::pair{"AMANAH_MAX_FAILED_LOGINS", "max_failed_logins"},
                           std::pair{"AMANAH_MAX_FAILED_LOGINS_PER_IP", "max_failed_logins_per_ip"},
                           std::pair{"AMANAH_PASSWORD_MEMORY_KIB", "password_memory_kib"},
                           std::pair{"AMANAH_PASSWORD_ITERATIONS", "password_iterations"},
                           std::pair{"AMANAH_SERVER_THREADS", "threads"}}) {
    if (auto v = Get(env, var)) {
      AMANAH_ASSIGN_OR_RETURN(int64_t n, EnvInt(var, *v));
      AMANAH_TRY(SetServerInt(where, var, name, n, c.server));
    }
  }
  if (c.audit.rotation_reminder_days > c.audit.rotation_alert_days) {
    return Bad(c.source.empty() ? where : std::string_view(c.source),
               "audit.rotation_reminder_days", "must not be later than audit.rotation_alert_days");
  }
  return {};
}

}  // namespace

std::string EgressLabel(const Config& config) {
  std::string out;
  for (const auto& ip : config.egress_ips) out += (out.empty() ? "" : "+") + ip;
  return out.empty() ? "default" : out;
}

Result<ListenAddress> ParseListen(std::string_view v) {
  const size_t colon = v.rfind(':');
  int64_t port = -1;
  if (colon != std::string_view::npos && colon + 1 < v.size() && colon + 6 >= v.size()) {
    port = 0;
    for (char ch : v.substr(colon + 1)) {
      port = (ch >= '0' && ch <= '9') ? port * 10 + (ch - '0') : -1000000;
    }
  }
  if (colon == std::string_view::npos || colon == 0 || port < 0 || port > 65535) {
    return Error(ErrorCode::kInvalidArgument, "is \"" + std::string(v.substr(0, 64)) +
                                                  "\", expected host:port such as 127.0.0.1:8750");
  }
  ListenAddress out;
  out.host = std::string(v.substr(0, colon));
  if (out.host.size() > 2 && out.host.front() == '[' && out.host.back() == ']') {
    out.host = out.host.substr(1, out.host.size() - 2);
  }
  out.port = static_cast<uint16_t>(port);
  return out;
}

Result<std::chrono::seconds> ParseDuration(std::string_view text) {
  if (text.empty()) return Error(ErrorCode::kInvalidArgument, "is empty, expected e.g. \"5m\"");
  int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  const std::string_view unit(end, static_cast<size_t>(text.data() + text.size() - end));
  int64_t scale = 0;
  if (unit.empty() || unit == "s") scale = 1;
  if (unit == "m") scale = 60;
  if (unit == "h") scale = 3600;
  if (unit == "d") scale = 86400;
  if (ec != std::errc() || n < 1 || scale == 0 || n > 3650 * 86400 / scale) {
    return Error(ErrorCode::kInvalidArgument,
                 "is \"" + std::string(text.substr(0, 32)) +
                     "\", expected a positive duration such as 90s, 5m, 2h or 1d");
  }
  return std::chrono::seconds(n * scale);
}

Result<Config> ParseConfig(std::string_view toml_text, std::string_view file, const EnvVars& env) {
  Config config;
  config.source = std::string(file);
  toml::table doc;
  try {
    doc = toml::parse(toml_text, std::string(file));
  } catch (const toml::parse_error& e) {
    return Error(ErrorCode::kInvalidArgument, std::string(file) + ":" +
                                                  std::to_string(e.source().begin.line) + ": " +
                                                  std::string(e.description()));
  }
  AMANAH_TRY(FileReader(file, config).Read(doc));
  AMANAH_TRY(ApplyEnv(env, config));
  return config;
}

Result<Config> LoadConfig(const std::string& path, const EnvVars& env) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return ParseConfig("", "", env);
  std::stringstream text;
  text << in.rdbuf();
  if (text.str().size() > (1 << 20))
    return Error(ErrorCode::kInvalidArgument, path + " is larger than 1 MiB");
  return ParseConfig(text.str(), path, env);
}

}  // namespace amanah::config
