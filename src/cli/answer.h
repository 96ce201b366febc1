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

#include <boost/json/value.hpp>

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

}  // namespace amanah::cli
