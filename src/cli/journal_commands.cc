#include "cli/journal_commands.h"

#include <sys/stat.h>
#include <time.h>

#include <charconv>
#include <fstream>
#include <sstream>

#include <boost/json.hpp>

#include "cli/answer.h"
#include "cli/remote.h"
#include "environment/journal_verification.h"
#include "journal/checkpoint_sink.h"
#include "journal/report.h"

namespace amanah::cli {
namespace {

struct JournalOptions {
  bool state = false;
  std::optional<std::string> checkpoint_file;
  std::optional<std::string> out_file;
  std::string format = "html";
  journal::Filter filter;
  std::optional<std::string> since;
};

// "1767225600000" (ms), "2026-01-01" or "2026-01-01T10:00:00Z" (UTC).
base::Result<int64_t> ParseSince(const std::string& s) {
  int64_t ms = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), ms);
  if (ec == std::errc() && end == s.data() + s.size()) return ms;
  std::tm tm{};
  const char* rest = ::strptime(s.c_str(), "%Y-%m-%d", &tm);
  if (rest && *rest == 'T') rest = ::strptime(rest + 1, "%H:%M:%S", &tm);
  if (rest && *rest == 'Z') ++rest;
  if (rest == nullptr || *rest != '\0') {
    return base::Fail(base::ErrorCode::kInvalidArgument,
                      "--since \"" + s + "\" is not YYYY-MM-DD, YYYY-MM-DDTHH:MM:SSZ or ms");
  }
  return static_cast<int64_t>(::timegm(&tm)) * 1000;
}

base::Result<environment::Verification> RunVerify(Context& ctx, const JournalOptions& o) {
  AMANAH_ASSIGN_OR_RETURN(environment::Environment * env, ctx.Env());
  return environment::VerifyJournal(*env, o.checkpoint_file, o.state);
}

// environment::VerificationJson (the API's has the same shape, for the caller's tenant).
void RenderVerification(std::ostream& out, const boost::json::value& v) {
  const std::string anchor = Str(v, "anchor"), warning = Str(v, "warning");
  const boost::json::value& state = Get(v, "state");
  if (Str(v, "problem").empty()) {
    out << "Journal verified: " << Num(v, "records") << " records in " << Num(v, "chains")
        << " chain(s); " << Num(v, "checkpoints_checked") << " checkpoint(s) match"
        << (anchor.empty() ? "" : ", including the exported " + anchor) << ".\n";
    if (!warning.empty()) out << "Warning: " << warning << "\n";
    if (!state.is_null() && Flag(state, "ok")) {
      out << "State verified: " << Num(state, "connections")
          << " connection(s) match their journal records.\n";
    } else if (!state.is_null()) {
      out << "STATE VERIFICATION FAILED:\n";
      for (const auto& p : Items(state, "problems")) out << "  " << Str(p) << "\n";
    }
  } else {
    out << "JOURNAL VERIFICATION FAILED: " << Str(v, "problem") << "\n"
        << "(" << Num(v, "records") << " records verified before it.)\n";
  }
}

void Verify(Context& ctx, const JournalOptions& o) {
  boost::json::value answer;
  if (IsRemote(ctx)) {
    auto remote = RemoteJson(ctx, "GET", "/api/v1/journal/verify");
    if (!remote) return;
    answer = std::move(*remote);
  } else {
    auto verified = RunVerify(ctx, o);
    if (!verified) return ctx.Report(verified.error());
    answer = environment::VerificationJson(*verified);
  }
  Emit(ctx, answer, RenderVerification);
  if (!Flag(answer, "ok")) ctx.exit_code = 2;
}

void Show(Context& ctx, const JournalOptions& o) {
  auto env = ctx.Env();
  if (!env) return ctx.Report(env.error());
  auto r = ctx.json ? journal::WriteJsonLines((*env)->store(), o.filter, ctx.out)
                    : journal::WriteText((*env)->store(), o.filter, ctx.out);
  if (!r) ctx.Report(r.error());
}

void Export(Context& ctx, const JournalOptions& o) {
  if (o.format != "json" && o.format != "html") {
    return ctx.Report(
        base::Error(base::ErrorCode::kInvalidArgument, "--format must be json or html"));
  }
  auto verified = RunVerify(ctx, o);
  if (!verified) return ctx.Report(verified.error());
  const journal::VerifyReport* report = &verified->report;
  auto env = ctx.Env();
  std::ostringstream text;
  auto r = o.format == "json" ? journal::WriteJsonReport((*env)->store(), o.filter, *report, text)
                              : journal::WriteHtmlReport((*env)->store(), o.filter, *report, text);
  if (!r) return ctx.Report(r.error());
  // The report names every decision: private to its owner whatever the umask.
  if (auto w = journal::WritePrivateFile(*o.out_file, text.str()); !w) return ctx.Report(w.error());
  ctx.out << "Wrote " << o.format << " report of " << report->records << " records to "
          << *o.out_file << (report->ok ? " (verified)" : " (VERIFICATION FAILED)") << ".\n";
  if (!report->ok) ctx.exit_code = 2;
}

void WriteCheckpoint(Context& ctx, const JournalOptions& o) {
  auto env = ctx.Env();
  if (!env) return ctx.Report(env.error());
  auto journal = (*env)->journal();
  if (!journal) return ctx.Report(journal.error());
  auto c = (*journal)->WriteCheckpoint();
  if (!c) return ctx.Report(c.error());
  if (o.out_file) {
    if (auto w = journal::WritePrivateFile(*o.out_file, c->ToFile()); !w) {
      return ctx.Report(w.error());
    }
    ctx.out << "Checkpoint written to " << *o.out_file
            << ". Keep a copy off this machine: `amanah journal verify --checkpoint " << *o.out_file
            << "` then detects truncation or rewriting behind it.\n";
  } else {
    ctx.out << c->ToFile();
  }
}

}  // namespace

void AddJournalCommands(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<JournalOptions>();
  auto* journal = app.add_subcommand("journal", "The tamper-evident record of every decision");
  journal->require_subcommand(1);

  auto* verify = journal->add_subcommand(
      "verify", "Re-walk every hash chain and check checkpoints (exit 2 if tampered)");
  verify->add_option("--checkpoint", o->checkpoint_file,
                     "An exported checkpoint file to check against (default: the newest in "
                     "journal.export_dir)");
  verify->add_flag("--state", o->state,
                   "Also hold every stored connection against its journal records");
  verify->add_flag("--json", ctx.json, "Print JSON");
  verify->callback([&ctx, o] { Verify(ctx, *o); });

  auto parse_since = [&ctx, o] {
    if (!o->since) return true;
    auto ms = ParseSince(*o->since);
    if (!ms) {
      ctx.Report(ms.error());
      return false;
    }
    o->filter.since_ms = *ms;
    return true;
  };

  auto* show = journal->add_subcommand("show", "Print records");
  show->add_option("--tenant", o->filter.tenant, "Only this tenant's chain");
  show->add_option("--kind", o->filter.kind, "Only this kind, or a prefix such as key.");
  show->add_option("--since", o->since, "Only records from this time (UTC)");
  show->add_flag("--json", ctx.json, "One JSON object per line");
  show->callback([&ctx, o, parse_since] {
    if (parse_since()) Show(ctx, *o);
  });

  auto* exp = journal->add_subcommand("export", "Write a verified report of every decision");
  exp->add_option("--format", o->format, "json or html")->check(CLI::IsMember({"json", "html"}));
  exp->add_option("--out", o->out_file, "Output file")->required();
  exp->add_option("--tenant", o->filter.tenant, "Only this tenant's chain");
  exp->add_option("--kind", o->filter.kind, "Only this kind, or a prefix such as key.");
  exp->add_option("--since", o->since, "Only records from this time (UTC)");
  exp->add_option("--checkpoint", o->checkpoint_file, "An exported checkpoint file to check");
  exp->callback([&ctx, o, parse_since] {
    if (parse_since()) Export(ctx, *o);
  });

  auto* cp = journal->add_subcommand("checkpoint", "Sign every chain head now and export it");
  cp->add_option("--out", o->out_file, "Write the signed checkpoint here (else stdout)");
  cp->callback([&ctx, o] { WriteCheckpoint(ctx, *o); });
}

}  // namespace amanah::cli
