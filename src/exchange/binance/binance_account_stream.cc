#include "exchange/binance/binance_account_stream.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "exchange/binance/binance_dialect.h"

namespace amanah::exchange::binance {

namespace net = boost::asio;
namespace json = boost::json;
using base::Error;
using base::ErrorCode;
using base::Result;

namespace {

constexpr std::string_view kSubscribeId = "amanah-user-data";

std::string Str(const json::object& o, std::string_view name) {
  const json::value* v = o.if_contains(name);
  if (v == nullptr) return {};
  if (v->is_string()) return std::string(v->get_string());
  if (v->is_int64() || v->is_uint64()) return json::serialize(*v);
  return {};
}

int64_t Int(const json::object& o, std::string_view name) {
  const json::value* v = o.if_contains(name);
  if (v != nullptr && v->is_int64()) return v->get_int64();
  if (v != nullptr && v->is_uint64()) return static_cast<int64_t>(v->get_uint64());
  return 0;
}

class Stream final : public AccountStream {
 public:
  explicit Stream(std::unique_ptr<transport::WebSocket> ws) : ws_(std::move(ws)) {}

  net::awaitable<Result<AccountEvent>> Next() override {
    for (;;) {
      auto message = co_await ws_->Receive();
      if (!message) co_return message.error();
      std::optional<AccountEvent> event = ParseStreamMessage(*message);
      if (event) co_return std::move(*event);
    }
  }

  void Close() override { ws_->Close(); }

 private:
  std::unique_ptr<transport::WebSocket> ws_;
};

}  // namespace

std::string WebSocketApiUrl(std::string_view origin) {
  if (origin == "https://api.binance.com") return "wss://ws-api.binance.com:443/ws-api/v3";
  if (origin == "https://testnet.binance.vision") {
    return "wss://ws-api.testnet.binance.vision/ws-api/v3";
  }
  std::string url(origin);
  if (url.starts_with("https://")) {
    url = "wss://" + url.substr(8);
  } else if (url.starts_with("http://")) {
    url = "ws://" + url.substr(7);
  }
  return url + "/ws-api/v3";
}

std::optional<AccountEvent> ParseStreamMessage(std::string_view message) {
  boost::system::error_code error;
  json::value parsed = json::parse(message, error);
  if (error || !parsed.is_object()) return std::nullopt;
  const json::value* event_field = parsed.get_object().if_contains("event");
  if (event_field == nullptr || !event_field->is_object()) return std::nullopt;
  const json::object& e = event_field->get_object();
  const std::string type = Str(e, "e");
  AccountEvent out;
  out.time_ms = Int(e, "E");
  if (type == "executionReport") {
    out.kind = AccountEvent::Kind::kOrder;
    out.symbol = Str(e, "s");
    out.client_order_id = Str(e, "c");
    out.order_id = Str(e, "i");
    out.execution = Str(e, "x");
    out.status = Str(e, "X");
    if (out.symbol.empty() || out.order_id.empty()) return std::nullopt;
    return out;
  }
  if (type == "outboundAccountPosition" || type == "balanceUpdate") {
    out.kind = AccountEvent::Kind::kBalance;
    return out;
  }
  if (type == "eventStreamTerminated" || type == "serverShutdown") {
    out.kind = AccountEvent::Kind::kEnded;
    out.detail = type;
    return out;
  }
  return std::nullopt;
}

net::awaitable<Result<std::unique_ptr<AccountStream>>> OpenBinanceAccountStream(
    transport::Transport& transport, std::string url, const RequestSigner& signer,
    int64_t timestamp_ms, int64_t recv_window_ms) {
  auto signed_params =
      signer.SignWebSocket("userDataStream.subscribe.signature", {}, timestamp_ms, recv_window_ms);
  if (!signed_params) co_return signed_params.error();
  json::object params;
  for (auto& [name, value] : *signed_params) {
    if (name == "timestamp" || name == "recvWindow") {
      params[name] = std::stoll(value);  // integers on the wire, as Binance documents them
    } else {
      params[name] = value;
    }
  }
  const std::string request = json::serialize(json::object{
      {"id", kSubscribeId}, {"method", "userDataStream.subscribe.signature"}, {"params", params}});
  auto ws = co_await transport.DialWebSocket(url);
  if (!ws) co_return ws.error();
  auto sent = co_await (*ws)->Send(request);
  if (!sent) co_return sent.error();
  // The answer to the subscription comes first (nothing is subscribed before it).
  for (int skipped = 0; skipped < 16; ++skipped) {
    auto message = co_await (*ws)->Receive();
    if (!message) co_return message.error();
    boost::system::error_code error;
    json::value answer = json::parse(*message, error);
    if (error || !answer.is_object()) continue;
    const json::object& a = answer.get_object();
    if (Str(a, "id") != kSubscribeId) continue;
    const int64_t status = Int(a, "status");
    if (status == 200)
      co_return std::unique_ptr<AccountStream>(std::make_unique<Stream>(std::move(*ws)));
    const json::value* e = a.if_contains("error");
    int code = 0;
    std::string msg = "no error text";
    if (e != nullptr && e->is_object()) {
      code = static_cast<int>(Int(e->get_object(), "code"));
      msg = Str(e->get_object(), "msg");
    }
    co_return MapBinanceError(static_cast<unsigned>(status), code, std::move(msg),
                              "subscribing to the user data stream", false, 0);
  }
  co_return Error(ErrorCode::kDataLoss, "the WebSocket API did not answer the subscription");
}

}  // namespace amanah::exchange::binance
