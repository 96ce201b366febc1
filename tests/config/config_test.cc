// amanah.toml and AMANAH_* overrides: every key read, defaults kept, and each bad value refused
// with the key and the line it is on.
#include "config/config.h"

#include <gtest/gtest.h>

namespace amanah::config {
namespace {

TEST(ConfigTest, DefaultsWithoutAFile) {
  auto c = ParseConfig("", "", {});
  ASSERT_TRUE(c) << c.error();
  EXPECT_TRUE(c->egress_ips.empty());
  EXPECT_FALSE(c->audit.require_ip_restriction);
  EXPECT_EQ(c->audit.rotation_reminder_days, 80);
  EXPECT_EQ(c->audit.rotation_alert_days, 90);
  EXPECT_EQ(c->audit.max_age, std::chrono::hours(24));
  EXPECT_EQ(c->journal.checkpoint_every_records, 1000u);
  EXPECT_EQ(c->journal.checkpoint_every, std::chrono::minutes(5));
}

TEST(ConfigTest, EveryKeyIsRead) {
  auto c = ParseConfig(R"(
[network]
egress_ips = ["203.0.113.7", "2001:db8::1"]
ca_file = "/etc/amanah/ca.pem"

[audit]
require_ip_restriction = true
rotation_reminder_days = 60
rotation_alert_days = 75
max_age = "2h"

[exchanges.binance]
endpoint = "https://api1.binance.com"

[journal]
checkpoint_every_records = 50
checkpoint_every = "90s"
export_dir = "/mnt/offsite/amanah"
export_webhook = "https://anchor.example/checkpoints"

[vault]
master_key = "env:AMANAH_ROOT"
)",
                       "amanah.toml", {});
  ASSERT_TRUE(c) << c.error();
  EXPECT_EQ(c->egress_ips, (std::vector<std::string>{"203.0.113.7", "2001:db8::1"}));
  EXPECT_EQ(c->ca_file, "/etc/amanah/ca.pem");
  EXPECT_TRUE(c->audit.require_ip_restriction);
  EXPECT_EQ(c->audit.rotation_reminder_days, 60);
  EXPECT_EQ(c->audit.rotation_alert_days, 75);
  EXPECT_EQ(c->audit.max_age, std::chrono::hours(2));
  EXPECT_EQ(c->endpoints.at("binance"), "https://api1.binance.com");
  EXPECT_EQ(c->journal.checkpoint_every_records, 50u);
  EXPECT_EQ(c->journal.checkpoint_every, std::chrono::seconds(90));
  EXPECT_EQ(c->journal.export_dir, "/mnt/offsite/amanah");
  EXPECT_EQ(c->journal.export_webhook, "https://anchor.example/checkpoints");
  EXPECT_EQ(c->master_key, "env:AMANAH_ROOT");
}

TEST(ConfigTest, TheEnvironmentOverridesTheFile) {
  auto c = ParseConfig("[network]\negress_ips = [\"203.0.113.7\"]\n", "amanah.toml",
                       {{"AMANAH_EGRESS_IPS", "198.51.100.1, 198.51.100.2"},
                        {"AMANAH_REQUIRE_IP_RESTRICTION", "true"},
                        {"AMANAH_BINANCE_ENDPOINT", "http://127.0.0.1:9999"},
                        {"AMANAH_AUDIT_MAX_AGE", "30m"},
                        {"AMANAH_CHECKPOINT_EVERY_RECORDS", "7"}});
  ASSERT_TRUE(c) << c.error();
  EXPECT_EQ(c->egress_ips, (std::vector<std::string>{"198.51.100.1", "198.51.100.2"}));
  EXPECT_TRUE(c->audit.require_ip_restriction);
  EXPECT_EQ(c->endpoints.at("binance"), "http://127.0.0.1:9999");
  EXPECT_EQ(c->audit.max_age, std::chrono::minutes(30));
  EXPECT_EQ(c->journal.checkpoint_every_records, 7u);
}

struct Bad {
  std::string name, text, message;
};

class BadConfig : public ::testing::TestWithParam<Bad> {};

TEST_P(BadConfig, IsRefusedNamingTheKeyAndLine) {
  auto c = ParseConfig(GetParam().text, "amanah.toml", {});
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code(), base::ErrorCode::kInvalidArgument);
  EXPECT_EQ(c.error().message(), GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    Toml, BadConfig,
    ::testing::Values(
        Bad{"UnknownKey", "[audit]\nrequire_ip = true\n",
            "amanah.toml:2: audit.require_ip is not a known key"},
        Bad{"UnknownTable", "\n[nework]\negress_ips = []\n",
            "amanah.toml:2: [nework] is not a known table (network, audit, exchanges, journal, "
            "vault, policy, plans, notify, server)"},
        Bad{"PolicyAmountNotADecimal", "[policy]\nmax_order_notional = 1000\n",
            "amanah.toml:2: policy.max_order_notional must be a string"},
        Bad{"PolicyNegativeAmount", "[policy]\nmax_daily_notional = \"-5\"\n",
            "amanah.toml:2: policy.max_daily_notional must be a non-negative decimal in quotes, "
            "e.g. \"1000\""},
        Bad{"PolicyUnknownKey", "[policy]\nmax_leverage = 3\n",
            "amanah.toml:2: policy.max_leverage is not a known key"},
        Bad{"PolicyZeroRate", "[policy]\nmax_orders_per_minute = 0\n",
            "amanah.toml:2: policy.max_orders_per_minute must be at least 1"},
        Bad{"WrongType", "[audit]\n\nrotation_alert_days = \"ninety\"\n",
            "amanah.toml:3: audit.rotation_alert_days must be an integer"},
        Bad{"NotAnIp", "[network]\negress_ips = [\"203.0.113.7\", \"localhost\"]\n",
            "amanah.toml:2: network.egress_ips has \"localhost\", not an IP address"},
        Bad{"OutOfRange", "[audit]\nrotation_reminder_days = 0\n",
            "amanah.toml:2: audit.rotation_reminder_days must be between 1 and 3650 days"},
        Bad{"BadDuration", "[journal]\ncheckpoint_every = \"soon\"\n",
            "amanah.toml:2: journal.checkpoint_every is \"soon\", expected a positive duration "
            "such as 90s, 5m, 2h or 1d"},
        Bad{"CredentialsInEndpoint", "[exchanges.binance]\nendpoint = \"https://u:p@x.example\"\n",
            "amanah.toml:2: exchanges.binance.endpoint must not carry a user name or password"},
        Bad{"RelativeExportDir", "[journal]\nexport_dir = \"backups\"\n",
            "amanah.toml:2: journal.export_dir must be an absolute path"},
        Bad{"ReminderAfterAlert", "[audit]\nrotation_reminder_days = 95\n",
            "amanah.toml: audit.rotation_reminder_days must not be later than "
            "audit.rotation_alert_days"},
        Bad{"Syntax", "[audit\n",
            "amanah.toml:1: Error while parsing table header: expected ']', saw '\\n'"}),
    [](const auto& p) { return p.param.name; });

TEST(ConfigTest, BadEnvironmentValuesNameTheVariable) {
  auto c = ParseConfig("", "", {{"AMANAH_REQUIRE_IP_RESTRICTION", "yes"}});
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().message(),
            "environment: AMANAH_REQUIRE_IP_RESTRICTION must be true or false");
  auto n = ParseConfig("", "", {{"AMANAH_ROTATION_ALERT_DAYS", "9x"}});
  EXPECT_EQ(n.error().message(),
            "environment: AMANAH_ROTATION_ALERT_DAYS must be an integer, not \"9x\"");
}

TEST(ConfigTest, ThePolicyTableAndItsVariables) {
  auto d = ParseConfig("", "", {});
  ASSERT_TRUE(d);
  EXPECT_FALSE(d->policy.allow_doubtful);
  EXPECT_EQ(d->policy.max_orders_per_minute, 10);
  EXPECT_EQ(d->policy.min_quote_volume_24h, base::Decimal::FromInt(100000));
  EXPECT_TRUE(d->policy.suspend_on_foreign_order);
  auto c = ParseConfig(R"([policy]
allow_doubtful = true
max_order_notional = "1000"
max_daily_notional = "5000.5"
max_orders_per_minute = 4
min_quote_volume_24h = "0"
fee_rate = "0.00075"
shadow = ["limits", "rate_budget"]
suspend_on_foreign_order = false
ruleset = "strict"
)",
                       "amanah.toml", {{"AMANAH_POLICY_MAX_ORDERS_PER_MINUTE", "6"}});
  ASSERT_TRUE(c) << c.error();
  EXPECT_TRUE(c->policy.allow_doubtful);
  EXPECT_EQ(c->policy.max_order_notional, base::Decimal::FromInt(1000));
  EXPECT_EQ(c->policy.max_daily_notional, base::Decimal::Parse("5000.5").value());
  EXPECT_EQ(c->policy.max_orders_per_minute, 6);  // the environment over the file
  EXPECT_FALSE(c->policy.min_quote_volume_24h);   // "0": no minimum
  EXPECT_EQ(c->policy.fee_rate, base::Decimal::Parse("0.00075").value());
  EXPECT_EQ(c->policy.shadow, (std::vector<std::string>{"limits", "rate_budget"}));
  EXPECT_FALSE(c->policy.suspend_on_foreign_order);
  EXPECT_EQ(c->policy.ruleset, "strict");
  auto e = ParseConfig(
      "", "", {{"AMANAH_POLICY_SHADOW", "funds,limits"}, {"AMANAH_POLICY_FEE_RATE", "abc"}});
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().message(),
            "environment: AMANAH_POLICY_FEE_RATE must be a non-negative decimal, not \"abc\"");
}

TEST(ConfigTest, Durations) {
  EXPECT_EQ(*ParseDuration("90"), std::chrono::seconds(90));
  EXPECT_EQ(*ParseDuration("1d"), std::chrono::hours(24));
  EXPECT_FALSE(ParseDuration("-5m"));
  EXPECT_FALSE(ParseDuration("5w"));
  EXPECT_FALSE(ParseDuration(""));
}

}  // namespace
}  // namespace amanah::config

namespace amanah::config {
namespace {

TEST(ConfigTest, TheShippedExampleParsesToTheDefaultsItDocuments) {
  const char* root = std::getenv("AMANAH_SOURCE_DIR");
  ASSERT_NE(root, nullptr);
  auto c = LoadConfig(std::string(root) + "/packaging/amanah.toml", {});
  ASSERT_TRUE(c) << c.error();
  const Config defaults = *ParseConfig("", "", {});
  EXPECT_EQ(c->server.listen, defaults.server.listen);
  EXPECT_EQ(c->server.reaudit_every, std::chrono::hours(1));
  EXPECT_EQ(c->server.reconcile_every, std::chrono::minutes(5));
  EXPECT_EQ(c->server.password_memory_kib, defaults.server.password_memory_kib);
  EXPECT_EQ(c->server.max_failed_logins, 5);
  EXPECT_EQ(c->policy.max_orders_per_minute, defaults.policy.max_orders_per_minute);
  EXPECT_EQ(c->plans.time_zone, defaults.plans.time_zone);
  EXPECT_EQ(c->plans.catch_up, defaults.plans.catch_up);
  EXPECT_EQ(c->plans.late_after, defaults.plans.late_after);
}

TEST(ConfigTest, PlanSettingsFromTheFileAndTheEnvironment) {
  auto c = ParseConfig(
      "[plans]\ntime_zone = \"Europe/London\"\ncatch_up = \"skip\"\nlate_after = \"30m\"\n",
      "amanah.toml", {{"AMANAH_PUBLIC_URL", "https://amanah.example.org"}});
  ASSERT_TRUE(c) << c.error();
  EXPECT_EQ(c->plans.time_zone, "Europe/London");
  EXPECT_EQ(c->plans.catch_up, "skip");
  EXPECT_EQ(c->plans.late_after, std::chrono::minutes(30));
  EXPECT_EQ(c->plans.public_url, "https://amanah.example.org");
  auto bad = ParseConfig("\n[plans]\ncatch_up = \"twice\"\n", "amanah.toml", {});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message(), "amanah.toml:3: plans.catch_up must be \"once\" or \"skip\"");
  EXPECT_FALSE(ParseConfig("", "", {{"AMANAH_PUBLIC_URL", "ftp://x"}}));
}

TEST(ConfigTest, ServerSettingsFromTheFileAndTheEnvironment) {
  auto c = ParseConfig(
      "[server]\nlisten = \"[::1]:0\"\nlog_json = true\nreaudit_every = \"30m\"\nreconcile_every = "
      "\"2m\"\nthreads = 4\n",
      "amanah.toml", {{"AMANAH_LOCKOUT", "1h"}, {"AMANAH_PASSWORD_MEMORY_KIB", "8"}});
  ASSERT_TRUE(c) << c.error();
  EXPECT_EQ(c->server.listen, "[::1]:0");
  EXPECT_TRUE(c->server.log_json);
  EXPECT_EQ(c->server.reaudit_every, std::chrono::minutes(30));
  EXPECT_EQ(c->server.reconcile_every, std::chrono::minutes(2));
  EXPECT_EQ(c->server.threads, 4);
  EXPECT_EQ(c->server.lockout, std::chrono::hours(1));
  EXPECT_EQ(c->server.password_memory_kib, 8);
  auto bad = ParseConfig("[server]\nlisten = \"localhost:80\"\n", "amanah.toml", {});
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message().find("server.listen"), std::string::npos);
  auto range = ParseConfig("", "", {{"AMANAH_MAX_FAILED_LOGINS", "0"}});
  ASSERT_FALSE(range);
  EXPECT_NE(range.error().message().find("between 1 and 100"), std::string::npos);
}

}  // namespace
}  // namespace amanah::config
