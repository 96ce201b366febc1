// Plan: an automated trading plan of one tenant on one connection, as a value — a DCA (a quote
// amount per period for a pair), a rebalance (target weights over assets held in one quote asset)
// or a webhook plan (orders from signals a charting tool sends). A plan only ever produces order
// intents; they pass the same check chain as a manual order. This file is where a plan as a person
// writes it (JSON from the API's body or the CLI's flags) becomes a checked value, and how it is
// kept (its kind's parameters as canonical JSON in PlanRow::spec).
//
// The JSON a plan is created from:
//   {"name": "btc-weekly", "kind": "dca" | "rebalance" | "webhook", "connection": "main",
//    "period": "weekly:mon@09:00", "time_zone": "Europe/London", "catch_up": "once" | "skip",
//    "dca": {"pair": "BTCUSDT", "quote_amount": "25", "order": "market" | "limit",
//            "limit_offset_bips": 50, "price_ceiling": "70000", "total_budget": "1000",
//            "end": "2027-06-01T00:00:00Z"},
//    "rebalance": {"quote": "USDT", "targets": {"BTC": "0.6", "ETH": "0.3", "USDT": "0.1"},
//                  "band": "0.05", "min_notional": "10"},
//    "webhook": {"pairs": ["BTCUSDT"], "max_lag_seconds": 60, "max_quote_amount": "100"}}
// Amounts are decimal strings; weights are fractions that sum to exactly 1.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <boost/json/object.hpp>

#include "base/decimal.h"
#include "base/json_reader.h"
#include "base/result.h"
#include "store/plan_repository.h"
#include "strategy/period.h"

namespace amanah::strategy {

enum class PlanKind { kDca, kRebalance, kWebhook };
std::string_view PlanKindName(PlanKind k);
std::optional<PlanKind> ParsePlanKind(std::string_view name);

enum class PlanStatus { kActive, kPaused, kFinished };
std::string_view PlanStatusName(PlanStatus s);
std::optional<PlanStatus> ParsePlanStatus(std::string_view name);

/// What a scheduler does with runs missed while no daemon ran: make the latest once, or skip them.
enum class CatchUp { kOnce, kSkip };
std::string_view CatchUpName(CatchUp c);
std::optional<CatchUp> ParseCatchUp(std::string_view name);

struct DcaSpec {
  std::string symbol;  ///< the exchange's own ("BTCUSDT")
  base::Decimal quote_amount;
  bool limit = false;  ///< a limit order below the last price, else a market order by quote
  int64_t limit_offset_bips = 0;
  std::optional<base::Decimal> price_ceiling;  ///< no buy above this price
  std::optional<base::Decimal> total_budget;   ///< the plan finishes once it has spent this
  std::optional<base::SystemTime> end_at;      ///< the plan finishes at this time
};

struct RebalanceSpec {
  std::string quote;                             ///< what every asset is valued in ("USDT")
  std::map<std::string, base::Decimal> targets;  ///< asset → weight; the weights sum to 1
  base::Decimal band;                            ///< |weight − target| above this is drift
  base::Decimal min_notional;                    ///< no trade smaller than this (quote)
};

struct WebhookSpec {
  std::vector<std::string> symbols;  ///< the pairs a signal may name (empty: any approved pair)
  std::chrono::seconds max_lag{60};  ///< a signal older (or newer) than this is refused
  std::optional<base::Decimal> max_quote_amount;  ///< the largest buy one signal may make
  std::string nonce;  ///< 32 hex: what the plan's webhook secret is derived from
};

using Spec = std::variant<DcaSpec, RebalanceSpec, WebhookSpec>;

struct Plan {
  std::string id;
  store::TenantId tenant;
  store::ConnectionId connection;
  std::string name;
  PlanStatus status = PlanStatus::kActive;
  std::string status_reason;
  std::optional<Period> period;  ///< none for a webhook plan
  CatchUp catch_up = CatchUp::kOnce;
  Spec spec;
  base::SystemTime created_at;
  base::SystemTime updated_at;
  std::optional<base::SystemTime> next_run;
  base::Decimal spent;
  int64_t runs = 0;

  PlanKind kind() const { return static_cast<PlanKind>(spec.index()); }
};

/// A plan to create, from its JSON: everything but the id, tenant, connection id, times and
/// nonce, which the plan service gives it. `connection` is the label.
struct PlanDraft {
  std::string connection;
  Plan plan;
};
/// kInvalidArgument naming the member that is wrong. `default_time_zone` applies when the body
/// names none.
base::Result<PlanDraft> ParseDraft(const base::JsonView& body, std::string_view default_time_zone,
                                   CatchUp default_catch_up);

/// The stored row (without its MAC) and back; a row that does not parse is kDataLoss.
store::PlanRow ToRow(const Plan& plan);
base::Result<Plan> FromRow(const store::PlanRow& row);

/// The plan as the API and `--json` show it (never the webhook secret).
boost::json::object ToJson(const Plan& plan, std::string_view connection_label);

}  // namespace amanah::strategy
