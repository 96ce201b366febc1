#include "cli/doctor_command.h"

#include <boost/json.hpp>

#include "cli/answer.h"
#include "cli/network_options.h"
#include "cli/remote.h"
#include "keys/label.h"
#include "keys/outcome_json.h"
#include "transport/run_blocking.h"

namespace amanah::cli {

namespace {

namespace json = boost::json;
using keys::Display;
using keys::DoctorOutcome;

// keys::DoctorOutcomeJson.
void RenderDoctor(std::ostream& out, const std::string& label, const json::value& a) {
  out << "Checking " << Display(label) << " now:\n";
  for (const auto& s : Items(a, "steps")) {
    out << "  " << (Flag(s, "ok") ? "ok   " : "FAIL ") << Str(s, "name") << ": "
        << Display(Str(s, "detail"), 400) << "\n";
  }
  const json::value& lost = Get(a, "lost");
  if (lost.is_object()) {
    out << "Problem: " << Str(lost, "title") << " (" << Str(lost, "cause") << ").\n"
        << "Fix: " << Str(lost, "fix") << "\n";
  } else if (Str(a, "outcome") == "healthy") {
    out << "Healthy: every step passed.\n";
  } else {
    out << "Problem: the key fails the audit; run `amanah audit " << Display(label)
        << "` for the checklist.\n";
  }
  const json::value& recorded = Get(a, "recorded");
  if (Str(recorded, "state") == "lost") {
    out << "Before this check, the daemon had recorded it lost since " << Str(recorded, "since")
        << ": " << Str(recorded, "title") << ".\n";
  }
}

void Doctor(Context& ctx, const std::string& label) {
  json::value answer;
  if (IsRemote(ctx)) {
    auto remote = RemoteJson(ctx, "POST", "/api/v1/connections/" + UrlPart(label) + "/doctor",
                             json::object{});
    if (!remote) return;
    answer = std::move(*remote);
  } else {
    auto service = ctx.Keys();
    if (!service) return ctx.Report(service.error());
    auto env = ctx.Env();
    DoctorOutcome outcome =
        transport::RunBlocking((*env)->io(), (*service)->Doctor(CliTenant(), label));
    if (outcome.kind == DoctorOutcome::Kind::kFailed) {
      if (ctx.json) ctx.out << json::serialize(keys::DoctorOutcomeJson(outcome)) << "\n";
      if (outcome.failure) {
        return ctx.Report(base::Error(outcome.failure->code, outcome.failure->explanation));
      }
      return ctx.Report(base::Error(base::ErrorCode::kInternal, "the check could not run"));
    }
    answer = keys::DoctorOutcomeJson(outcome);
  }
  ctx.exit_code = Str(answer, "outcome") == "healthy" ? 0 : 2;
  Emit(ctx, answer,
       [&label](std::ostream& out, const json::value& a) { RenderDoctor(out, label, a); });
}

}  // namespace

void AddDoctorCommand(CLI::App& app, Context& ctx) {
  auto label = std::make_shared<std::string>();
  auto* doctor = app.add_subcommand(
      "doctor",
      "Why a connection does not work and what to do: checks it now, step by step (exit 0 "
      "healthy, 2 a problem found, 1 error)");
  doctor->add_option("label", *label, "The connection")->required();
  doctor->add_flag("--json", ctx.json, "Print JSON");
  AddNetworkOptions(doctor, ctx);
  doctor->callback([&ctx, label] { Doctor(ctx, *label); });
}

}  // namespace amanah::cli
