// Remote: the CLI against a running daemon (`--server URL`, the token from AMANAH_TOKEN): a command
// sends the API request its local form would make of the service layer and renders the answer as
// its local form does (cli/answer.h: the same JSON, text and exit codes: 0 done, 2 refused, 3
// outcome unknown, 1 an error, whose problem detail is printed). The
// token never appears in argv; requests go over HTTPS (or HTTP on loopback) with certificate
// checks.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "cli/context.h"

namespace amanah::cli {

/// Whether the command runs against a daemon (ctx.server is set).
inline bool IsRemote(const Context& ctx) { return ctx.server.has_value(); }

/// Sends `method target` (with a JSON `body` unless null) to ctx.server and returns its JSON
/// answer, with ctx.exit_code set to what the status means (0 done, 3 sent with no answer yet
/// (202), 2 refused (422)); after an error (reported: the problem's detail, exit 1) nullopt.
std::optional<boost::json::value> RemoteJson(Context& ctx, std::string_view method,
                                             const std::string& target,
                                             const boost::json::value& body = nullptr);

/// `text` percent-encoded for one path segment or query value.
std::string UrlPart(std::string_view text);

}  // namespace amanah::cli
