// PlanService: the service layer for plans, shared by the CLI and the API — create, list, show,
// pause, resume, delete, history, and the webhook secret — each change committed with its journal
// record (plan.created, plan.paused, plan.resumed, plan.deleted, plan.secret_rotated) and each
// stored plan checked against its MAC before it is shown or acted on. A plan is named by its name
// or its id. A new scheduled plan's first run is its period's next after now.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/random.h"
#include "base/result.h"
#include "crypto/secret_bytes.h"
#include "journal/journal.h"
#include "store/store.h"
#include "strategy/plan.h"
#include "vault/vault.h"

namespace amanah::strategy {

struct PlanView {
  Plan plan;
  std::string connection_label;
};

/// A plan just created (or its webhook secret just rotated): the secret is shown this once.
struct CreatedPlan {
  PlanView view;
  std::optional<crypto::SecretBytes> webhook_secret;
};

class PlanService {
 public:
  struct Deps {
    store::Store& store;
    vault::Vault& vault;
    journal::Journal& journal;
    const base::Clock& clock;
    base::Random& random;
  };
  struct Options {
    std::string time_zone = "UTC";  ///< for plans whose body names none
    CatchUp catch_up = CatchUp::kOnce;
  };
  PlanService(Deps deps, Options options) : d_(deps), options_(std::move(options)) {}

  /// kNotFound for no live connection of that label, kAlreadyExists for a taken name.
  base::Result<CreatedPlan> Create(const store::TenantId& tenant, PlanDraft draft);
  /// Parses `body` (plan.h) with this service's defaults, then creates it.
  base::Result<CreatedPlan> Create(const store::TenantId& tenant, const base::JsonView& body);
  base::Result<std::vector<PlanView>> List(const store::TenantId& tenant);
  base::Result<PlanView> Find(const store::TenantId& tenant, std::string_view name_or_id);
  base::Result<PlanView> Pause(const store::TenantId& tenant, std::string_view name_or_id,
                               std::string_view reason);
  /// Its next run becomes its period's next after now (runs missed while paused are not made).
  /// kFailedPrecondition if its connection cannot trade, or it has finished.
  base::Result<PlanView> Resume(const store::TenantId& tenant, std::string_view name_or_id);
  base::Result<void> Delete(const store::TenantId& tenant, std::string_view name_or_id);
  /// The plan's runs, newest first, each with its MAC checked.
  base::Result<std::vector<store::PlanRunRow>> History(const store::TenantId& tenant,
                                                       std::string_view name_or_id,
                                                       size_t limit = 100);
  /// The webhook plan's signals, newest first.
  base::Result<std::vector<store::SignalRow>> Signals(const store::TenantId& tenant,
                                                      std::string_view name_or_id,
                                                      size_t limit = 100);
  /// A new webhook secret for the plan (the old one stops working at once), shown this once.
  base::Result<CreatedPlan> RotateSecret(const store::TenantId& tenant,
                                         std::string_view name_or_id);

  /// Inside `unit`: the stored plan `id`, MAC checked (kNotFound if none).
  base::Result<Plan> LoadIn(store::UnitOfWork& unit, const store::TenantId& tenant,
                            std::string_view id) const;
  /// Inside `unit`: writes `plan` (sealed) and journals `kind` with `payload` for it.
  base::Result<void> SaveIn(store::UnitOfWork& unit, const Plan& plan, std::string_view kind,
                            boost::json::object payload) const;
  /// Inside `unit`: pauses the plan (status paused, no next run) saying why, journaled.
  base::Result<void> PauseIn(store::UnitOfWork& unit, Plan plan, std::string_view reason) const;

  const Options& options() const { return options_; }

 private:
  base::Result<store::PlanRow> FindRow(store::UnitOfWork& unit, const store::TenantId& tenant,
                                       std::string_view name_or_id) const;
  base::Result<PlanView> ViewIn(store::UnitOfWork& unit, Plan plan) const;

  Deps d_;
  Options options_;
};

}  // namespace amanah::strategy
