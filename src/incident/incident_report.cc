#include "incident/incident_report.h"

#include <boost/json.hpp>

#include "base/json_reader.h"
#include "base/utc_time.h"
#include "journal/report.h"
#include "keys/label.h"
#include "keys/outcome_json.h"

namespace amanah::incident {

namespace json = boost::json;
using journal::HtmlEscape;

namespace {

std::string Iso(base::SystemTime t) { return base::UtcTime(t); }

std::string Text(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end()) return "";
  if (it->value().is_string()) return std::string(it->value().get_string());
  return json::serialize(it->value());
}

// What a key.* record says about the key's permissions, in one line.
std::string Summary(const json::object& r) {
  const std::string kind = Text(r, "kind");
  std::string findings;
  if (auto it = r.find("findings"); it != r.end() && it->value().is_array()) {
    for (const auto& f : it->value().get_array()) {
      if (!f.is_object()) continue;
      const auto& fo = f.get_object();
      if (Text(fo, "severity") == "info") continue;
      if (!findings.empty()) findings += "; ";
      findings += Text(fo, "code") + ": " + Text(fo, "found");
    }
  }
  if (kind == "key.audited") {
    if (r.contains("failure")) {
      const auto& f = r.at("failure");
      return "audit could not read the key: " +
             (f.is_object() ? Text(f.get_object(), "explanation") : json::serialize(f));
    }
    return std::string(Text(r, "compliant") == "true" ? "audited compliant"
                                                      : "audited NOT compliant") +
           (findings.empty() ? "" : " — " + findings);
  }
  if (kind == "key.connected") return "connected" + (findings.empty() ? "" : " — " + findings);
  if (kind == "key.suspended") return "suspended: " + Text(r, "reason");
  if (kind == "key.reactivated") return "reactivated: an audit passed again";
  if (kind == "key.rotated") {
    return "rotated from key " + Text(r, "old_api_key") + " to " + Text(r, "new_api_key");
  }
  if (kind == "key.rotation_refused") {
    return "a replacement key was refused" + (findings.empty() ? "" : " — " + findings);
  }
  if (kind == "key.rotation_started") return "a replacement key passed the audit";
  if (kind == "key.old_key_probed" || kind == "key.old_key_gone") return Text(r, "note");
  if (kind == "key.rotation_due") return "rotation reminder (" + Text(r, "age_days") + " days)";
  return kind;
}

}  // namespace

base::Result<void> Gather(store::Store& store, IncidentReport& report) {
  const std::string connection = report.connection.id.value();
  const int64_t from_ms = base::UnixMillis(report.period_start);
  return store.Read([&](store::UnitOfWork& u) -> base::Result<void> {
    store::OrderQuery q;
    q.connection = report.connection.id;
    q.since = report.period_start;
    q.limit = 100000;
    AMANAH_ASSIGN_OR_RETURN(auto orders, u.orders().List(report.connection.tenant, q));
    report.our_orders.assign(orders.rbegin(), orders.rend());
    std::optional<base::Error> bad;
    AMANAH_TRY(u.journal().Scan(report.tenant, [&](const store::JournalRow& row) {
      if (row.time_ms < from_ms) return true;
      const bool foreign = row.kind == "order.foreign";
      if (!foreign && !row.kind.starts_with("key.")) return true;
      auto doc = base::JsonDocument::Parse(
          row.payload, {"journal record " + std::to_string(row.seq), base::ErrorCode::kDataLoss});
      if (!doc) {
        bad = doc.error();
        return false;
      }
      auto id = doc->Root().OptionalString(foreign ? "connection_id" : "connection");
      if (!id || !*id || **id != connection) return true;
      const json::value& raw = doc->Root().raw();
      if (!raw.is_object()) return true;
      json::object o = raw.get_object();
      o["time"] = journal::IsoMillis(row.time_ms);
      o["seq"] = row.seq;
      if (foreign) {
        report.foreign.push_back(std::move(o));
      } else {
        o["kind"] = row.kind;
        report.permissions.push_back(std::move(o));
      }
      return true;
    }));
    if (bad) return *bad;
    return {};
  });
}

std::vector<std::string> StepsFor(const keys::ConnectionView& c, bool foreign_orders) {
  const std::string ex = c.exchange_name.empty() ? c.exchange : c.exchange_name;
  const std::string key = c.api_key_id.substr(0, 8) + "…";
  std::vector<std::string> steps{
      "Delete the API key " + key + " on " + ex +
          " now (API Management → Delete). Amanah has destroyed its own copy of the secret, but "
          "the key works on the exchange until you delete it there.",
      "Review the trade history and the open orders of the account since " + Iso(c.created_at) +
          " on " + ex +
          ": cancel any open order you did not place and note every trade you do not recognise.",
      "Check that no API key of the account can withdraw or transfer, and review the withdrawal "
      "history and the withdrawal address whitelist.",
      "Contact " + ex + "'s support with this report (the key, the account " +
          c.account_id.value_or("?") +
          ", and the orders below with their ids and times) and ask them to review the activity.",
      "Secure the login: change the account's password, check that two-factor authentication is "
      "on (reset the authenticator if the login may be known), check the e-mail account linked "
      "to the exchange (its password, 2FA and forwarding rules) and end unknown sessions and "
      "devices.",
      "Create a new key only once you know how this one was exposed, restricted to Amanah's IP "
      "addresses, and connect it again.",
  };
  if (foreign_orders) {
    steps.insert(steps.begin() + 1,
                 "Orders were placed with this key that Amanah did not place (listed below): "
                 "treat the key as stolen.");
  }
  return steps;
}

json::object IncidentJson(const IncidentReport& r) {
  json::array ours;
  for (const auto& o : r.our_orders) {
    ours.push_back({{"id", o.id},
                    {"symbol", o.symbol},
                    {"side", o.side},
                    {"type", o.type},
                    {"state", o.state},
                    {"quantity", o.quantity ? o.quantity->ToString() : ""},
                    {"limit_price", o.limit_price ? o.limit_price->ToString() : ""},
                    {"executed_qty", o.executed_qty.ToString()},
                    {"source", o.source},
                    {"created_at", Iso(o.created_at)}});
  }
  json::array foreign(r.foreign.begin(), r.foreign.end());
  json::array permissions;
  for (const auto& p : r.permissions) {
    json::object entry = p;
    entry["summary"] = Summary(p);
    permissions.push_back(std::move(entry));
  }
  auto strings = [](const std::vector<std::string>& v) {
    json::array a;
    for (const auto& s : v) a.emplace_back(s);
    return a;
  };
  return {{"id", r.id},
          {"tenant", r.tenant},
          {"connection", keys::ConnectionJson(r.connection)},
          {"reason", r.reason},
          {"period", {{"from", Iso(r.period_start)}, {"to", Iso(r.revoked_at)}}},
          {"our_orders", std::move(ours)},
          {"foreign_orders", std::move(foreign)},
          {"permission_history", std::move(permissions)},
          {"plans_paused", strings(r.plans_paused)},
          {"orders_cancelled", strings(r.orders_cancelled)},
          {"problems", strings(r.problems)},
          {"steps", strings(r.steps)}};
}

std::string IncidentHtml(const IncidentReport& r) {
  const auto& c = r.connection;
  std::string h =
      "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Amanah incident "
      "report " +
      HtmlEscape(r.id) +
      "</title><style>body{font:15px/1.5 system-ui,sans-serif;max-width:60em;margin:2em "
      "auto;padding:0 1em}table{border-collapse:collapse;width:100%}td,th{border:1px solid "
      "#ccc;padding:.3em .5em;text-align:left;vertical-align:top}.foreign{background:#fdd}"
      "</style></head><body>";
  h += "<h1>Incident report: " + HtmlEscape(keys::Display(c.label)) + "</h1>";
  h += "<p>Key <code>" + HtmlEscape(c.api_key_id) + "</code> on " + HtmlEscape(c.exchange_name) +
       ", account <code>" + HtmlEscape(c.account_id.value_or("?")) + "</code>, revoked at " +
       HtmlEscape(Iso(r.revoked_at)) + ": " + HtmlEscape(r.reason) + ".</p>";
  h += "<p>Period: " + HtmlEscape(Iso(r.period_start)) + " to " + HtmlEscape(Iso(r.revoked_at)) +
       ". Report " + HtmlEscape(r.id) + ".</p>";
  h += "<h2>What to do now</h2><ol>";
  for (const auto& s : r.steps) h += "<li>" + HtmlEscape(s) + "</li>";
  h += "</ol>";
  h += "<h2>Orders Amanah did not place (" + std::to_string(r.foreign.size()) + ")</h2>";
  if (r.foreign.empty()) {
    h += "<p>None found up to the revocation.</p>";
  } else {
    h += "<table><tr><th>time seen</th><th>symbol</th><th>side</th><th>quantity</th>"
         "<th>price</th><th>status</th><th>order id</th><th>client order id</th></tr>";
    for (const auto& f : r.foreign) {
      h += "<tr class=\"foreign\">";
      for (const char* k : {"time", "symbol", "side", "quantity", "price", "status", "order_id",
                            "client_order_id"}) {
        h += "<td>" + HtmlEscape(Text(f, k)) + "</td>";
      }
      h += "</tr>";
    }
    h += "</table>";
  }
  h += "<h2>Amanah's orders (" + std::to_string(r.our_orders.size()) + ")</h2>";
  if (!r.our_orders.empty()) {
    h += "<table><tr><th>created</th><th>symbol</th><th>side</th><th>type</th><th>quantity</th>"
         "<th>state</th><th>from</th><th>id</th></tr>";
    for (const auto& o : r.our_orders) {
      h += "<tr><td>" + HtmlEscape(Iso(o.created_at)) + "</td><td>" + HtmlEscape(o.symbol) +
           "</td><td>" + HtmlEscape(o.side) + "</td><td>" + HtmlEscape(o.type) + "</td><td>" +
           HtmlEscape(o.quantity ? o.quantity->ToString() : "") + "</td><td>" +
           HtmlEscape(o.state) + "</td><td>" + HtmlEscape(o.source) + "</td><td><code>" +
           HtmlEscape(o.id) + "</code></td></tr>";
    }
    h += "</table>";
  }
  h += "<h2>Permission history</h2><table><tr><th>time</th><th>record</th><th>what</th></tr>";
  for (const auto& p : r.permissions) {
    h += "<tr><td>" + HtmlEscape(Text(p, "time")) + "</td><td>" + HtmlEscape(Text(p, "kind")) +
         " #" + HtmlEscape(Text(p, "seq")) + "</td><td>" + HtmlEscape(Summary(p)) + "</td></tr>";
  }
  h += "</table><h2>What Amanah did</h2><ul>";
  h += "<li>Destroyed its copy of the secret (crypto-shred) and marked the connection "
       "revoked.</li>";
  for (const auto& p : r.plans_paused) h += "<li>Paused plan " + HtmlEscape(p) + ".</li>";
  for (const auto& o : r.orders_cancelled) {
    h += "<li>Cancelled its open order <code>" + HtmlEscape(o) + "</code>.</li>";
  }
  for (const auto& p : r.problems) h += "<li>Could not: " + HtmlEscape(p) + "</li>";
  h += "</ul><p>Every line above comes from Amanah's hash-chained journal; <code>amanah journal "
       "verify</code> proves it was not changed.</p></body></html>\n";
  return h;
}

}  // namespace amanah::incident
