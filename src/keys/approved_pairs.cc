#include "keys/approved_pairs.h"

#include <algorithm>
#include <cctype>

#include <boost/json.hpp>

#include "exchange/symbol_name.h"
#include "keys/label.h"

namespace amanah::keys {

namespace json = boost::json;
using base::Error;
using base::ErrorCode;
using base::Result;

namespace {

Result<std::vector<std::string>> Normalized(std::vector<std::string> symbols) {
  if (symbols.empty()) return Error(ErrorCode::kInvalidArgument, "name at least one pair");
  for (std::string& s : symbols) {
    if (s.empty() || s.size() > 32) {
      return Error(ErrorCode::kInvalidArgument, "a pair is 1 to 32 characters");
    }
    if (!exchange::IsSymbolName(s)) {
      return Error(ErrorCode::kInvalidArgument,
                   "the pair " + Display(s) + " has a character no exchange uses");
    }
    s = exchange::UpperSymbol(std::move(s));
  }
  std::sort(symbols.begin(), symbols.end());
  symbols.erase(std::unique(symbols.begin(), symbols.end()), symbols.end());
  return symbols;
}

}  // namespace

Result<store::Connection> PairApprovals::FindLive(const store::TenantId& tenant,
                                                  std::string_view label) {
  AMANAH_ASSIGN_OR_RETURN(auto found, d_.store.Read([&](store::UnitOfWork& u) {
    return u.connections().FindByLabel(tenant, label);
  }));
  if (!found || !store::IsLive(found->status)) {
    return Error(ErrorCode::kNotFound,
                 "no connection labelled " + Display(label) + " (see `amanah connections`)");
  }
  AMANAH_TRY(d_.vault.VerifyState(*found));
  return std::move(*found);
}

store::Blob PairApprovals::MacOf(const store::ApprovedPair& p) const {
  const std::string at = std::to_string(base::UnixMillis(p.approved_at));
  return d_.vault.state_mac().Of("amanah/state/pair/v1", {p.connection.value(), p.symbol, at});
}

Result<std::vector<std::string>> PairApprovals::Of(const store::Connection& c) {
  AMANAH_ASSIGN_OR_RETURN(auto rows, d_.store.Read([&](store::UnitOfWork& u) {
    return u.connections().ApprovedPairs(c.id);
  }));
  std::vector<std::string> out;
  for (const auto& row : rows) {
    if (row.mac == MacOf(row)) out.push_back(row.symbol);
  }
  return out;
}

Result<std::vector<std::string>> PairApprovals::List(const store::TenantId& tenant,
                                                     std::string_view label) {
  AMANAH_ASSIGN_OR_RETURN(store::Connection c, FindLive(tenant, label));
  return Of(c);
}

Result<std::vector<std::string>> PairApprovals::Approve(const store::TenantId& tenant,
                                                        std::string_view label,
                                                        std::vector<std::string> symbols) {
  return Change(tenant, label, std::move(symbols), true);
}

Result<std::vector<std::string>> PairApprovals::Revoke(const store::TenantId& tenant,
                                                       std::string_view label,
                                                       std::vector<std::string> symbols) {
  return Change(tenant, label, std::move(symbols), false);
}

Result<std::vector<std::string>> PairApprovals::Change(const store::TenantId& tenant,
                                                       std::string_view label,
                                                       std::vector<std::string> symbols,
                                                       bool approve) {
  AMANAH_ASSIGN_OR_RETURN(symbols, Normalized(std::move(symbols)));
  AMANAH_ASSIGN_OR_RETURN(store::Connection c, FindLive(tenant, label));
  const base::SystemTime now = d_.clock.Now();
  json::array listed;
  for (const auto& s : symbols) listed.emplace_back(s);
  const json::object payload{
      {"connection", c.id.value()}, {"label", c.label}, {"pairs", std::move(listed)}};
  AMANAH_TRY(d_.store.Write([&](store::UnitOfWork& u) -> Result<void> {
    for (const std::string& s : symbols) {
      if (approve) {
        store::ApprovedPair p{c.id, s, now, {}};
        p.mac = MacOf(p);
        AMANAH_TRY(u.connections().ApprovePair(p));
      } else {
        AMANAH_ASSIGN_OR_RETURN(bool removed, u.connections().RevokePair(c.id, s));
        if (!removed) {
          return Error(ErrorCode::kNotFound,
                       s + " is not approved on " + Display(c.label) + "; nothing was revoked");
        }
      }
    }
    AMANAH_TRY(d_.journal.AppendIn(
        u, c.tenant.value(), approve ? journal::kind::kPairsApproved : journal::kind::kPairsRevoked,
        payload));
    return {};
  }));
  return Of(c);
}

}  // namespace amanah::keys
