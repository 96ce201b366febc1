#include "cli/notify_commands.h"

#include <boost/json.hpp>

#include "cli/answer.h"
#include "cli/network_options.h"
#include "cli/remote.h"
#include "keys/label.h"
#include "notify/notify_json.h"
#include "transport/run_blocking.h"

namespace amanah::cli {

namespace {

namespace json = boost::json;
using keys::Display;

struct NotifyOptions {
  std::string url;
  std::vector<std::string> events;
  std::string description;
  std::string id;
};

// notify::EndpointJson, or an array of them.
void RenderEndpoint(std::ostream& out, const json::value& e) {
  std::string events;
  for (const auto& t : Items(e, "events")) events += (events.empty() ? "" : ",") + Str(t);
  out << Str(e, "id") << "  " << Display(Str(e, "url")) << "  events: " << events << "\n";
  if (!Str(e, "secret").empty()) {
    out << "Signing secret (shown this once; the receiver verifies with it): " << Str(e, "secret")
        << "\n";
  }
}

void RenderEndpoints(std::ostream& out, const json::value& list) {
  if (Items(list).empty()) {
    out << "No notification endpoints. Add one with `amanah notify add https://…`.\n";
  }
  for (const auto& e : Items(list)) RenderEndpoint(out, e);
}

// An array of notify::NotificationJson.
void RenderSent(std::ostream& out, const json::value& list) {
  if (Items(list).empty()) out << "No notifications yet.\n";
  for (const auto& n : Items(list)) {
    out << Str(n, "created_at") << "  " << Str(n, "id") << "  " << Str(n, "type") << "  "
        << Str(n, "state") << " (" << Num(n, "attempts") << " attempt(s))";
    if (!Str(n, "last_error").empty()) out << "  " << Display(Str(n, "last_error"));
    out << "\n";
  }
}

void RenderOne(std::ostream& out, const json::value& n) {
  out << Str(n, "id") << "  " << Str(n, "type") << "  " << Str(n, "state") << "\n";
}

// Runs `local` on the notifier, or `method target body` on the daemon; prints with `render`.
template <class Local>
void Do(Context& ctx, std::string_view method, const std::string& target, json::value body,
        const Renderer& render, Local local) {
  json::value answer;
  if (IsRemote(ctx)) {
    auto remote = RemoteJson(ctx, method, target, body);
    if (!remote) return;
    answer = std::move(*remote);
  } else {
    auto env = ctx.Env();
    if (!env) return ctx.Report(env.error());
    auto notifier = (*env)->notifier();
    if (!notifier) return ctx.Report(notifier.error());
    base::Result<json::value> made = local(**notifier);
    if (!made) return ctx.Report(made.error());
    answer = std::move(*made);
  }
  Emit(ctx, answer, render);
}

}  // namespace

void AddNotifyCommands(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<NotifyOptions>();
  auto* notify = app.add_subcommand(
      "notify",
      "Outbound notifications: endpoints Amanah POSTs alerts to (foreign orders, suspensions, "
      "failed audits, rotation due, plan failures, lost connections), signed as Standard "
      "Webhooks define");
  notify->require_subcommand(1);

  auto* add = notify->add_subcommand("add", "Add an endpoint; prints its signing secret once");
  add->add_option("url", o->url, "https://… (see docs/notifications.md)")->required();
  add->add_option("--events", o->events, "Event types (default: all)")->delimiter(',');
  add->add_option("--description", o->description, "What it is (e.g. the family chat bridge)");
  add->callback([&ctx, o] {
    json::object body{{"url", o->url}, {"description", o->description}};
    if (!o->events.empty()) body["events"] = json::value_from(o->events);
    Do(ctx, "POST", "/api/v1/notify/endpoints", std::move(body), RenderEndpoint,
       [&](notify::Notifier& n) -> base::Result<json::value> {
         AMANAH_ASSIGN_OR_RETURN(auto made,
                                 n.AddEndpoint(CliTenant(), o->url, o->events, o->description));
         return json::value(notify::EndpointJson(made));
       });
  });

  auto* list = notify->add_subcommand("list", "The endpoints");
  list->callback([&ctx] {
    Do(ctx, "GET", "/api/v1/notify/endpoints", nullptr, RenderEndpoints,
       [](notify::Notifier& n) -> base::Result<json::value> {
         AMANAH_ASSIGN_OR_RETURN(auto all, n.Endpoints(CliTenant()));
         json::array out;
         for (const auto& e : all) out.push_back(notify::EndpointJson(e));
         return json::value(std::move(out));
       });
  });

  auto* remove = notify->add_subcommand("remove", "Remove an endpoint");
  remove->add_option("id", o->id, "The endpoint")->required();
  remove->callback([&ctx, o] {
    Do(
        ctx, "DELETE", "/api/v1/notify/endpoints/" + UrlPart(o->id), nullptr,
        [](std::ostream& out, const json::value& a) {
          out << "Removed " << Str(a, "removed") << "\n";
        },
        [&](notify::Notifier& n) -> base::Result<json::value> {
          AMANAH_TRY(n.RemoveEndpoint(CliTenant(), o->id));
          return json::value(json::object{{"removed", o->id}});
        });
  });

  auto* secret = notify->add_subcommand("secret", "A new signing secret for an endpoint");
  secret->add_option("id", o->id, "The endpoint")->required();
  secret->callback([&ctx, o] {
    Do(ctx, "POST", "/api/v1/notify/endpoints/" + UrlPart(o->id) + "/secret", nullptr,
       RenderEndpoint, [&](notify::Notifier& n) -> base::Result<json::value> {
         AMANAH_ASSIGN_OR_RETURN(auto made, n.NewSecret(CliTenant(), o->id));
         return json::value(notify::EndpointJson(made));
       });
  });

  auto* test = notify->add_subcommand("test", "Queue a test notification to an endpoint");
  test->add_option("id", o->id, "The endpoint")->required();
  test->callback([&ctx, o] {
    Do(ctx, "POST", "/api/v1/notify/endpoints/" + UrlPart(o->id) + "/test", nullptr, RenderOne,
       [&](notify::Notifier& n) -> base::Result<json::value> {
         AMANAH_ASSIGN_OR_RETURN(auto queued, n.SendTest(CliTenant(), o->id));
         return json::value(notify::NotificationJson(queued));
       });
  });

  auto* sent = notify->add_subcommand("sent", "The notifications and their delivery state");
  sent->callback([&ctx] {
    Do(ctx, "GET", "/api/v1/notifications", nullptr, RenderSent,
       [](notify::Notifier& n) -> base::Result<json::value> {
         AMANAH_ASSIGN_OR_RETURN(auto all, n.List(CliTenant()));
         json::array out;
         for (const auto& x : all) out.push_back(notify::NotificationJson(x));
         return json::value(std::move(out));
       });
  });

  auto* retry = notify->add_subcommand("retry", "Send an undelivered notification again");
  retry->add_option("id", o->id, "The notification (msg_…)")->required();
  retry->callback([&ctx, o] {
    Do(ctx, "POST", "/api/v1/notifications/" + UrlPart(o->id) + "/retry", nullptr, RenderOne,
       [&](notify::Notifier& n) -> base::Result<json::value> {
         AMANAH_ASSIGN_OR_RETURN(auto again, n.Retry(CliTenant(), o->id));
         return json::value(notify::NotificationJson(again));
       });
  });

  for (CLI::App* sub : {add, list, remove, secret, test, sent, retry}) {
    sub->add_flag("--json", ctx.json, "Print JSON");
    AddNetworkOptions(sub, ctx);
  }
}

}  // namespace amanah::cli
