#include "incident/revocation.h"

#include <algorithm>
#include <fstream>

#include <boost/json.hpp>

#include "base/utc_time.h"
#include "crypto/encoding.h"
#include "crypto/sha2.h"
#include "keys/label.h"

namespace amanah::incident {

namespace net = boost::asio;
namespace json = boost::json;
namespace fs = std::filesystem;
using base::Error;
using base::ErrorCode;
using base::Result;

namespace {

constexpr std::string_view kIncidentReport = "incident.report";
constexpr std::string_view kIndex = "index.jsonl";

bool IsReportId(std::string_view id) {
  return id.size() == 16 && std::all_of(id.begin(), id.end(), [](char ch) {
           return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f');
         });
}

// A tenant id as a folder name: hex, so that no tenant name can leave the directory.
std::string FolderName(const store::TenantId& tenant) {
  return crypto::HexEncode(crypto::AsBytes(tenant.value()));
}

}  // namespace

fs::path Revocation::Folder(const store::TenantId& tenant) const {
  return directory_ / FolderName(tenant);
}

net::awaitable<Result<RevokeOutcome>> Revocation::Revoke(store::TenantId tenant,
                                                         RevokeRequest request) {
  auto found = d_.keys.Find(tenant, request.label);
  if (!found) co_return found.error();
  RevokeOutcome out;
  IncidentReport& r = out.report;
  std::vector<uint8_t> id(8);
  d_.random.Fill(id);
  r.id = crypto::HexEncode(id);
  r.tenant = tenant.value();
  r.connection = *found;
  r.reason = request.reason;
  r.period_start = found->created_at;

  // 1. Nothing new is started for the connection.
  auto plans = d_.plans.List(tenant);
  if (!plans) {
    r.problems.push_back("list the plans: " + plans.error().message());
  } else {
    for (const auto& p : *plans) {
      if (p.plan.connection != found->id || p.plan.status != strategy::PlanStatus::kActive) {
        continue;
      }
      auto paused = d_.plans.Pause(tenant, p.plan.id, "its key was revoked: " + request.reason);
      if (paused) {
        r.plans_paused.push_back(p.plan.name);
      } else {
        r.problems.push_back("pause plan " + p.plan.name + ": " + paused.error().message());
      }
    }
  }
  // 2. The exchange's orders up to now, while the key still reads them.
  if (d_.reconciler != nullptr) {
    auto reconciled = co_await d_.reconciler->Reconcile(tenant, request.label);
    if (!reconciled) {
      r.problems.push_back("read the exchange's orders a last time: " +
                           reconciled.error().message());
    } else {
      for (const auto& p : reconciled->problems) r.problems.push_back(p);
    }
  }
  // 3. Our resting orders, if asked.
  if (request.cancel_open_orders) {
    store::OrderQuery q;
    q.connection = found->id;
    q.states = {"placed", "partially_filled"};
    auto open = d_.store.Read([&](store::UnitOfWork& u) { return u.orders().List(tenant, q); });
    if (!open) {
      r.problems.push_back("list the open orders: " + open.error().message());
    } else {
      for (const auto& o : *open) {
        auto cancelled = co_await d_.engine.Cancel(tenant, o.id);
        if (cancelled) {
          r.orders_cancelled.push_back(o.id);
        } else {
          r.problems.push_back("cancel order " + o.id + ": " + cancelled.error().message());
        }
      }
    }
  }
  // 4. The secret, and with it every way Amanah had to act on the account.
  auto revoked = d_.keys.Revoke(tenant, request.label, request.reason);
  if (!revoked) {
    co_return revoked.error().WithContext(
        "the key was not revoked (its plans stay paused); try again");
  }
  r.revoked_at = d_.clock.Now();
  // 5. The report.
  if (auto gathered = Gather(d_.store, r); !gathered) {
    r.problems.push_back("gather the report: " + gathered.error().message());
  }
  r.steps = StepsFor(r.connection, !r.foreign.empty());
  if (auto written = Write(tenant, out); !written) {
    co_return written.error().WithContext(
        "the key was revoked, but its incident report could not be written");
  }
  co_return out;
}

Result<void> Revocation::Write(const store::TenantId& tenant, RevokeOutcome& out) {
  const std::string body = json::serialize(IncidentJson(out.report)) + "\n";
  const std::string html = IncidentHtml(out.report);
  std::error_code ec;
  const fs::path folder = Folder(tenant);
  fs::create_directories(folder, ec);
  if (ec) return Error(ErrorCode::kUnavailable, "create " + folder.string() + ": " + ec.message());
  fs::permissions(folder, fs::perms::owner_all, fs::perm_options::replace, ec);
  out.json_file = folder / (out.report.id + ".json");
  out.html_file = folder / (out.report.id + ".html");
  for (const auto& [path, text] :
       {std::pair{out.json_file, &body}, std::pair{out.html_file, &html}}) {
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f << *text;
    f.close();
    if (!f) return Error(ErrorCode::kUnavailable, "write " + path.string());
  }
  const IncidentReport& r = out.report;
  json::object record{{"id", r.id},
                      {"label", r.connection.label},
                      {"exchange", r.connection.exchange},
                      {"connection", r.connection.id.value()},
                      {"reason", r.reason},
                      {"from", base::UtcTime(r.period_start)},
                      {"to", base::UtcTime(r.revoked_at)},
                      {"our_orders", r.our_orders.size()},
                      {"foreign_orders", r.foreign.size()},
                      {"sha256", crypto::HexEncode(crypto::Sha256(crypto::AsBytes(body)))}};
  {
    const std::lock_guard lock(index_mu_);
    std::ofstream index(folder / kIndex, std::ios::binary | std::ios::app);
    index << json::serialize(record) + "\n";
    index.close();
    if (!index) return Error(ErrorCode::kUnavailable, "write " + (folder / kIndex).string());
  }
  AMANAH_TRY(d_.journal.Append(tenant.value(), kIncidentReport, record));
  return {};
}

Result<std::string> Revocation::Report(const store::TenantId& tenant, std::string_view id,
                                       std::string_view format) const {
  if (!IsReportId(id) || (format != "json" && format != "html")) {
    return Error(ErrorCode::kNotFound, "no incident report " + keys::Display(id));
  }
  const fs::path path = Folder(tenant) / (std::string(id) + "." + std::string(format));
  std::ifstream f(path, std::ios::binary);
  if (!f) return Error(ErrorCode::kNotFound, "no incident report " + std::string(id));
  return std::string(std::istreambuf_iterator<char>(f), {});
}

Result<std::vector<json::object>> Revocation::List(const store::TenantId& tenant) const {
  std::vector<json::object> out;
  const fs::path path = Folder(tenant) / kIndex;
  std::ifstream f(path, std::ios::binary);
  if (!f) return out;  // no report yet
  std::string line;
  while (std::getline(f, line)) {
    boost::system::error_code ec;
    json::value v = json::parse(line, ec);
    // A line cut short by a crash while it was written (its report is still served by id).
    if (ec || !v.is_object()) continue;
    const json::value* id = v.get_object().if_contains("id");
    if (!id || !id->is_string() || !IsReportId(id->get_string())) continue;
    out.push_back(std::move(v.get_object()));
  }
  if (f.bad()) return Error(ErrorCode::kUnavailable, "read " + path.string());
  std::reverse(out.begin(), out.end());
  return out;
}

}  // namespace amanah::incident
