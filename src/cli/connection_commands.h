// `amanah connect binance | connections | audit [LABEL] | balances LABEL | disconnect LABEL`.
#pragma once

#include <ostream>
#include <string_view>

#include <CLI/CLI.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "exchange/key_material.h"

#include "cli/context.h"

namespace amanah::cli {

void AddConnectionCommands(CLI::App& app, Context& ctx);

/// The checklist and findings of a verdict (keys::VerdictJson), in the exchange page's order.
void RenderChecklist(std::ostream& out, std::string_view exchange,
                     const boost::json::value& verdict);

/// A key's material as the API's request body takes it (api_key, secret or private_key,
/// passphrase); the caller wipes it once sent.
boost::json::object KeyBody(const exchange::KeyMaterial& key);

}  // namespace amanah::cli
