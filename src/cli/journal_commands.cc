#include "cli/journal_commands.h"

#include <sys/stat.h>
#include <time.h>

#include <charconv>
#include <fstream>
#include <sstream>

#include <boost/json.hpp>

#include "crypto/encoding.h"
#include "journal/report.h"
#include "journal/verify.h"

namespace amanah::cli {
namespace {

struct Options {
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

// The node's public key, from the store alone: verifying needs no master key.
base::Result<crypto::Bytes> NodePublicKey(Context& ctx) {
  AMANAH_ASSIGN_OR_RETURN(auto secret, ctx.store->GetSystemSecret(journal::kNodeKeyName));
  if (!secret) {
    return base::Fail(base::ErrorCode::kFailedPrecondition,
                      "this data directory has no journal yet; run `amanah vault init`");
  }
  return crypto::HexDecode(secret->public_info);
}

base::Result<journal::VerifyReport> RunVerify(Context& ctx, const Options& o) {
  AMANAH_TRY(ctx.OpenStore());
  AMANAH_ASSIGN_OR_RETURN(auto public_key, NodePublicKey(ctx));
  std::optional<journal::SignedCheckpoint> exported;
  if (o.checkpoint_file) {
    std::ifstream in(*o.checkpoint_file);
    if (!in) {
      return base::Fail(base::ErrorCode::kNotFound,
                        "cannot read checkpoint file " + *o.checkpoint_file);
    }
    std::stringstream text;
    text << in.rdbuf();
    AMANAH_ASSIGN_OR_RETURN(exported, journal::SignedCheckpoint::FromFile(text.str()));
  }
  return journal::Verify(*ctx.store, public_key, exported);
}

void Verify(Context& ctx, const Options& o) {
  auto report = RunVerify(ctx, o);
  if (!report) return ctx.Report(report.error());
  if (ctx.json) {
    ctx.out << boost::json::serialize(
                   boost::json::object{{"ok", report->ok},
                                       {"records", report->records},
                                       {"chains", report->chains},
                                       {"checkpoints_checked", report->checkpoints_checked},
                                       {"problem", report->problem},
                                       {"warning", report->warning}})
            << "\n";
  } else if (report->ok) {
    ctx.out << "Journal verified: " << report->records << " records in " << report->chains
            << " chain(s); " << report->checkpoints_checked << " checkpoint(s) match.\n";
    if (!report->warning.empty()) ctx.out << "Warning: " << report->warning << "\n";
  } else {
    ctx.out << "JOURNAL VERIFICATION FAILED: " << report->problem << "\n"
            << "(" << report->records << " records verified before it.)\n";
  }
  if (!report->ok) ctx.exit_code = 2;
}

void Show(Context& ctx, const Options& o) {
  if (auto r = ctx.OpenStore(); !r) return ctx.Report(r.error());
  auto r = ctx.json ? journal::WriteJsonLines(*ctx.store, o.filter, ctx.out)
                    : journal::WriteText(*ctx.store, o.filter, ctx.out);
  if (!r) ctx.Report(r.error());
}

void Export(Context& ctx, const Options& o) {
  if (o.format != "json" && o.format != "html") {
    return ctx.Report(
        base::Error(base::ErrorCode::kInvalidArgument, "--format must be json or html"));
  }
  auto report = RunVerify(ctx, o);
  if (!report) return ctx.Report(report.error());
  std::ofstream out(*o.out_file, std::ios::trunc);
  if (!out) {
    return ctx.Report(
        base::Error(base::ErrorCode::kFailedPrecondition, "cannot write " + *o.out_file));
  }
  auto r = o.format == "json" ? journal::WriteJsonReport(*ctx.store, o.filter, *report, out)
                              : journal::WriteHtmlReport(*ctx.store, o.filter, *report, out);
  if (!r) return ctx.Report(r.error());
  out.close();
  if (!out) {
    return ctx.Report(base::Error(base::ErrorCode::kFailedPrecondition,
                                  "writing " + *o.out_file + " failed (disk full?)"));
  }
  ctx.out << "Wrote " << o.format << " report of " << report->records << " records to "
          << *o.out_file << (report->ok ? " (verified)" : " (VERIFICATION FAILED)") << ".\n";
  if (!report->ok) ctx.exit_code = 2;
}

void WriteCheckpoint(Context& ctx, const Options& o) {
  if (auto r = ctx.OpenJournal(); !r) return ctx.Report(r.error());
  auto c = ctx.journal->WriteCheckpoint();
  if (!c) return ctx.Report(c.error());
  if (o.out_file) {
    std::ofstream out(*o.out_file, std::ios::trunc);
    out << c->ToFile();
    out.close();
    if (!out) {
      return ctx.Report(
          base::Error(base::ErrorCode::kFailedPrecondition, "cannot write " + *o.out_file));
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
  auto o = std::make_shared<Options>();
  auto* journal = app.add_subcommand("journal", "The tamper-evident record of every decision");
  journal->require_subcommand(1);

  auto* verify = journal->add_subcommand(
      "verify", "Re-walk every hash chain and check checkpoints (exit 2 if tampered)");
  verify->add_option("--checkpoint", o->checkpoint_file, "An exported checkpoint file to check");
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
