#include "venues/binance/binance_ws_api.h"

#include <algorithm>
#include <map>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "crypto/encoding.h"
#include "venues/binance/binance_auth.h"
#include "venues/binance/binance_json.h"
#include "venues/binance/binance_params.h"
#include "venues/binance/binance_request.h"

namespace amanah::paper::binance {

namespace json = boost::json;

struct BinanceWsApi::Session {
  std::shared_ptr<WebSocketPeer> peer;
  std::string peer_ip;
  struct Subscription {
    uint64_t account = 0;
    uint64_t listener = 0;  ///< the AccountEvents subscription
    std::string api_key;
    std::shared_ptr<bool> ended;  ///< shared with its listener: no more events once set
  };
  std::map<int64_t, Subscription> subscriptions;
  int64_t next_subscription = 0;
};

namespace {

constexpr int64_t kMaxSubscriptions = 1000;

void Reply(WebSocketPeer& peer, const json::value& id, json::value result) {
  peer.Send(
      json::serialize(json::object{{"id", id}, {"status", 200}, {"result", std::move(result)}}));
}

void Refuse(WebSocketPeer& peer, const json::value& id, const BinanceError& error) {
  peer.Send(json::serialize(
      json::object{{"id", id},
                   {"status", error.http_status},
                   {"error", json::object{{"code", error.code}, {"msg", error.msg}}}}));
}

std::string Event(int64_t subscription, json::object event) {
  return json::serialize(
      json::object{{"subscriptionId", subscription}, {"event", std::move(event)}});
}

std::string Terminated(int64_t subscription, int64_t now) {
  return Event(subscription, json::object{{"e", "eventStreamTerminated"}, {"E", now}});
}

// A parameter's text as it is signed: strings as they are, numbers as written.
std::optional<std::string> ParamText(const json::value& v) {
  if (v.is_string()) return std::string(v.get_string());
  if (v.is_int64() || v.is_uint64() || v.is_double()) return json::serialize(v);
  if (v.is_bool()) return v.get_bool() ? "true" : "false";
  return std::nullopt;
}

bool Plain(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-' || c == '_';
  });
}

}  // namespace

WebSocketHandlers BinanceWsApi::Open(std::shared_ptr<WebSocketPeer> peer, std::string peer_ip) {
  auto session = std::make_shared<Session>();
  session->peer = std::move(peer);
  session->peer_ip = std::move(peer_ip);
  WebSocketHandlers handlers;
  handlers.on_message = [this, session](std::string_view message) { Handle(*session, message); };
  handlers.on_close = [this, session] { Close(*session); };
  return handlers;
}

void BinanceWsApi::Close(Session& session) {
  auto lock = exchange_.Lock();
  for (auto& [id, s] : session.subscriptions) {
    *s.ended = true;
    exchange_.events().Unsubscribe(s.listener);
  }
  session.subscriptions.clear();
}

void BinanceWsApi::Handle(Session& session, std::string_view message) {
  WebSocketPeer& peer = *session.peer;
  boost::system::error_code parse_error;
  json::value request = json::parse(message, parse_error);
  const json::value null_id;
  if (parse_error || !request.is_object()) return Refuse(peer, null_id, InvalidJson());
  const json::object& r = request.get_object();
  const json::value* id_field = r.if_contains("id");
  const json::value id = id_field != nullptr ? *id_field : json::value();
  const json::value* method_field = r.if_contains("method");
  if (method_field == nullptr || !method_field->is_string()) {
    return Refuse(peer, id, MandatoryParam("method"));
  }
  std::string_view method = method_field->get_string();
  if (method.starts_with("v3/")) method.remove_prefix(3);
  static const json::object kNoParams;
  const json::value* params_field = r.if_contains("params");
  if (params_field != nullptr && !params_field->is_object()) return Refuse(peer, id, InvalidJson());
  const json::object& params = params_field != nullptr ? params_field->get_object() : kNoParams;

  auto lock = exchange_.Lock();
  exchange_.AdvanceMarkets();
  const int64_t now = exchange_.NowMillis();
  if (method == "ping") return Reply(peer, id, json::object{});
  if (method == "time") return Reply(peer, id, json::object{{"serverTime", now}});
  if (method == "session.subscriptions") {
    json::array list;
    for (const auto& [sid, s] : session.subscriptions)
      list.push_back(json::object{{"subscriptionId", sid}});
    return Reply(peer, id, std::move(list));
  }
  if (method == "userDataStream.subscribe") return Refuse(peer, id, Unauthorized());
  if (method == "userDataStream.unsubscribe") {
    std::optional<int64_t> only;
    if (const json::value* sid = params.if_contains("subscriptionId")) {
      if (!sid->is_int64()) return Refuse(peer, id, InvalidParam("subscriptionId"));
      only = sid->get_int64();
      if (!session.subscriptions.contains(*only)) return Refuse(peer, id, SubscriptionInactive());
    }
    Reply(peer, id, json::object{});
    for (auto it = session.subscriptions.begin(); it != session.subscriptions.end();) {
      if (only && it->first != *only) {
        ++it;
        continue;
      }
      *it->second.ended = true;
      exchange_.events().Unsubscribe(it->second.listener);
      peer.Send(Terminated(it->first, now));
      it = session.subscriptions.erase(it);
    }
    return;
  }
  if (method != "userDataStream.subscribe.signature") return Refuse(peer, id, Unsupported());

  // The signed payload: every parameter but the signature, sorted by name, not percent-encoded.
  // The REST authentication checks it, given as the query string it would be.
  std::vector<std::pair<std::string, std::string>> sorted;
  std::string signature;
  for (const auto& [name, value] : params) {
    std::optional<std::string> text = ParamText(value);
    if (!text) return Refuse(peer, id, InvalidParam(name));
    if (name == "signature") {
      signature = std::move(*text);
      continue;
    }
    if (!Plain(*text) || !Plain(name))
      return Refuse(peer, id, IllegalChars(name, "^[\\w\\-._]{1,}$"));
    sorted.emplace_back(std::string(name), std::move(*text));
  }
  std::sort(sorted.begin(), sorted.end());
  const auto key_param =
      std::find_if(sorted.begin(), sorted.end(), [](const auto& p) { return p.first == "apiKey"; });
  if (key_param == sorted.end()) return Refuse(peer, id, MandatoryParam("apiKey"));
  std::string query;
  for (const auto& [name, value] : sorted) query += (query.empty() ? "" : "&") + name + "=" + value;
  if (!signature.empty()) query += "&signature=" + crypto::PercentEncode(signature);
  HttpRequest http;
  http.method = "GET";
  http.target = "/ws-api/v3?" + query;
  http.headers.emplace_back("x-mbx-apikey", key_param->second);
  http.peer_ip = session.peer_ip;
  auto decoded = BinanceParams::Parse(http.Query(), "");
  if (!decoded) return Refuse(peer, id, decoded.error());
  BinanceRequest call{http, std::move(*decoded)};
  call.now = now;
  auto key = Authenticate(exchange_, verifiers_, call);
  if (!key) return Refuse(peer, id, key.error());
  if (!Permitted(**key, Need::kRead)) return Refuse(peer, id, RejectedMbxKey());
  Account* account = exchange_.FindAccount((*key)->account);
  if (account == nullptr) return Refuse(peer, id, RejectedMbxKey());
  for (const auto& [sid, s] : session.subscriptions) {
    if (s.account == account->uid) return Refuse(peer, id, SubscriptionActive());
  }
  if (static_cast<int64_t>(session.subscriptions.size()) >= kMaxSubscriptions) {
    return Refuse(peer, id, SubscriptionActive());
  }

  const int64_t sid = session.next_subscription++;
  auto ended = std::make_shared<bool>(false);
  std::weak_ptr<WebSocketPeer> weak = session.peer;
  const std::string api_key = (*key)->api_key;
  const uint64_t uid = account->uid;
  // Called under the Exchange lock, on the thread that changed the account.
  auto listener = [this, weak, sid, ended, api_key, uid](const AccountEvent& event) {
    if (*ended) return;
    std::shared_ptr<WebSocketPeer> to = weak.lock();
    if (!to) return;
    if (exchange_.faults().streams_down) {  // the stream is cut: this event is lost
      *ended = true;
      to->Close();
      return;
    }
    if (exchange_.FindKey(api_key) == nullptr) {  // the key was deleted: its stream ends
      *ended = true;
      to->Send(Terminated(sid, exchange_.NowMillis()));
      return;
    }
    if (const auto* order = std::get_if<OrderEvent>(&event)) {
      const Market* market = exchange_.FindMarket(order->order.symbol);
      if (market == nullptr) return;
      to->Send(Event(sid, ExecutionReportJson(*market, *order, next_execution_id_++)));
      return;
    }
    const auto& balances = std::get<BalanceEvent>(event);
    const Account* holder = exchange_.FindAccount(uid);
    to->Send(Event(sid, AccountPositionJson(
                            balances, holder != nullptr ? holder->update_time : balances.time)));
  };
  const uint64_t listener_id = exchange_.events().Subscribe(uid, std::move(listener));
  session.subscriptions.emplace(sid, Session::Subscription{uid, listener_id, api_key, ended});
  Reply(peer, id, json::object{{"subscriptionId", sid}});
}

}  // namespace amanah::paper::binance
