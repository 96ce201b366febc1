#include "cli/remote.h"

#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>
#include <boost/url/parse.hpp>

#include "base/json_reader.h"
#include "transport/run_blocking.h"
#include "transport/transport.h"

namespace amanah::cli {

namespace json = boost::json;

std::string UrlPart(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::optional<json::value> RemoteJson(Context& ctx, std::string_view method,
                                      const std::string& target, const json::value& body) {
  auto token = ctx.env_vars().find("AMANAH_TOKEN");
  if (token == ctx.env_vars().end() || token->second.empty()) {
    ctx.Report(base::Error(base::ErrorCode::kUnauthenticated,
                           "--server needs a personal access token in AMANAH_TOKEN "
                           "(amanah token create, or POST /api/v1/tokens)"));
    return std::nullopt;
  }
  auto url = boost::urls::parse_absolute_uri(*ctx.server);
  if (!url || (url->scheme() != "https" && url->scheme() != "http")) {
    ctx.Report(base::Error(base::ErrorCode::kInvalidArgument,
                           "--server must be an http(s) URL such as https://amanah.example"));
    return std::nullopt;
  }
  const std::string origin =
      std::string(url->scheme()) + "://" + std::string(url->encoded_host_and_port());
  boost::asio::io_context io;
  transport::Options options;
  if (ctx.ca_file) options.ca_file = *ctx.ca_file;
  transport::ClientPool pool(io.get_executor(), options);
  auto sender = pool.Open(origin);
  if (!sender) {
    ctx.Report(sender.error());
    return std::nullopt;
  }
  transport::Request request;
  request.method = std::string(method);
  request.target = target;
  request.headers.emplace_back("Authorization", "Bearer " + token->second);
  request.headers.emplace_back("Accept", "application/json");
  if (!body.is_null()) {
    request.headers.emplace_back("Content-Type", "application/json");
    request.body = json::serialize(body);
  }
  auto response = transport::RunBlocking(io, (*sender)->Send(std::move(request)));
  if (!response) {
    ctx.Report(response.error());
    return std::nullopt;
  }
  const unsigned status = response->status;
  if (status >= 200 && status < 300) {
    ctx.exit_code = status == 202 ? 3 : 0;  // 202: sent, no answer yet
    if (response->body.empty()) return json::value(nullptr);
  } else if (status == 422) {
    ctx.exit_code = 2;  // refused: an outcome, not an error
  } else {
    // The daemon's problem+json, read through the checked reader: its detail, else the raw body.
    std::string detail = response->body.substr(0, 500);
    if (auto doc = base::JsonDocument::Parse(response->body, {"the daemon's answer"})) {
      if (auto d = doc->Root().OptionalString("detail"); d && *d) detail = **d;
    }
    ctx.err << "amanah: " << detail << " (HTTP " << status << ")\n";
    ctx.exit_code = 1;
    return std::nullopt;
  }
  auto doc = base::JsonDocument::Parse(response->body, {"the daemon's answer"});
  if (!doc) {
    ctx.Report(doc.error());
    return std::nullopt;
  }
  return std::move(doc->mutable_value());
}

}  // namespace amanah::cli
