// Answer: what a command prints is the JSON the API answers with — made here from the service
// layer's outcome by the same functions the API uses, or read from a daemon (--server) — and its
// text is rendered from that JSON, so that a command's --json, its text and its exit code are the
// same whichever way it ran. Renderers read an answer leniently: a field that is missing or of
// another type reads as empty (a daemon's answer is outside input; nothing here throws).
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <string_view>

#include <optional>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "base/error.h"
#include "cli/context.h"

namespace amanah::cli {

/// `v[key]`, or null when `v` is not an object or has no such field.
const boost::json::value& Get(const boost::json::value& v, std::string_view key);
/// The string at `key` ("" when absent or not a string); with an empty key, `v` itself.
std::string Str(const boost::json::value& v, std::string_view key = {});
/// A decimal string at `key` without trailing zeros ("0.01000000" → "0.01"); as given if it is
/// not a decimal.
std::string Amount(const boost::json::value& v, std::string_view key);
bool Flag(const boost::json::value& v, std::string_view key);
int64_t Num(const boost::json::value& v, std::string_view key);
/// The array at `key` (empty when absent); with an empty key, `v` itself if it is one.
const boost::json::array& Items(const boost::json::value& v, std::string_view key = {});

using Renderer = std::function<void(std::ostream& out, const boost::json::value& answer)>;
/// Prints `answer`: as JSON with --json, else as `render` writes it.
void Emit(Context& ctx, const boost::json::value& answer, const Renderer& render);

/// The answer of a command that hands a key over (connect, rotate): `outcome` (a keys::
/// ConnectOutcome or RotateOutcome) as `to_json` makes it. A failure is reported — its JSON
/// printed first with --json — and gives nothing; a refusal sets exit code 2, else 0.
template <class Outcome, class ToJson>
std::optional<boost::json::value> KeyOutcomeAnswer(Context& ctx, const Outcome& outcome,
                                                   const ToJson& to_json) {
  boost::json::value answer = to_json(outcome);
  if (outcome.kind == Outcome::Kind::kFailed) {
    if (ctx.json) ctx.out << boost::json::serialize(answer) << "\n";
    ctx.Report(base::Error(outcome.failure->code, outcome.failure->explanation));
    return std::nullopt;
  }
  if (outcome.journal_problem) {
    ctx.Warn("the refusal could not be journaled: " + *outcome.journal_problem);
  }
  ctx.exit_code = outcome.kind == Outcome::Kind::kRefused ? 2 : 0;
  return answer;
}

}  // namespace amanah::cli
