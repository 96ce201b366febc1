// PairApprovals: the pairs a user approved for trading on one connection — the policy's
// per-connection allow-list, so that a hijacked login or webhook secret cannot buy a coin the user
// never chose (the 2022 stolen-key pumps bought illiquid ones). Orders on any other pair are
// refused before signing. Each approval is a row with its state MAC (purpose
// "amanah/state/pair/v1" ‖ connection id ‖ symbol ‖ approved_at_ms), so a row written into the
// database by hand is not a pair Amanah trades: it is left out, and the order refused. Approving
// and revoking commit with their journal records (connection.pairs_approved /
// connection.pairs_revoked). Shared by the CLI and the API.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "journal/journal.h"
#include "store/store.h"
#include "vault/vault.h"

namespace amanah::keys {

class PairApprovals {
 public:
  struct Deps {
    store::Store& store;
    vault::Vault& vault;
    journal::Journal& journal;
    const base::Clock& clock;
  };
  explicit PairApprovals(Deps deps) : d_(deps) {}

  /// Adds `symbols` (the exchange's own, case-insensitive) to the live connection's list; the
  /// list afterwards.
  base::Result<std::vector<std::string>> Approve(const store::TenantId& tenant,
                                                 std::string_view label,
                                                 std::vector<std::string> symbols);
  /// Removes them; kNotFound naming a symbol that was not approved (nothing is removed then).
  base::Result<std::vector<std::string>> Revoke(const store::TenantId& tenant,
                                                std::string_view label,
                                                std::vector<std::string> symbols);
  base::Result<std::vector<std::string>> List(const store::TenantId& tenant,
                                              std::string_view label);
  /// The connection's approved symbols whose MAC holds.
  base::Result<std::vector<std::string>> Of(const store::Connection& connection);

 private:
  base::Result<store::Connection> FindLive(const store::TenantId& tenant, std::string_view label);
  store::Blob MacOf(const store::ApprovedPair& pair) const;
  base::Result<std::vector<std::string>> Change(const store::TenantId& tenant,
                                                std::string_view label,
                                                std::vector<std::string> symbols, bool approve);
  Deps d_;
};

}  // namespace amanah::keys
