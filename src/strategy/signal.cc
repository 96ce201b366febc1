#include "strategy/signal.h"

#include <cctype>
#include <charconv>
#include <ctime>

#include <boost/json.hpp>

#include "base/utc_time.h"
#include "exchange/symbol_name.h"

namespace amanah::strategy {

namespace json = boost::json;
using base::Decimal;
using base::Result;

namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Unix seconds (≤ 11 digits) or milliseconds.
base::SystemTime FromUnix(int64_t n) {
  if (n < 100'000'000'000) return base::SystemTime(std::chrono::seconds(n));
  return base::SystemTime(std::chrono::milliseconds(n));
}

Result<base::SystemTime> FromText(const base::JsonView& at, const std::string& text) {
  if (!text.empty() && text.size() <= 16 &&
      std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    int64_t n = 0;
    std::from_chars(text.data(), text.data() + text.size(), n);
    return FromUnix(n);
  }
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  int used = 0;
  if (text.size() < 20 || text.size() > 40 ||
      std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &used) !=
          6 ||
      mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) {
    return at.Problem("is a time like 2026-12-02T09:30:00Z or Unix seconds, not \"" +
                      text.substr(0, 40) + "\"");
  }
  size_t i = static_cast<size_t>(used);
  int64_t millis = 0;
  if (i < text.size() && text[i] == '.') {
    int64_t scale = 100;
    for (++i; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {
      millis += (text[i] - '0') * scale;
      scale /= 10;
    }
  }
  if (i + 1 != text.size() || (text[i] != 'Z' && text[i] != 'z')) {
    return at.Problem("must be in UTC, ending in Z");
  }
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  return std::chrono::system_clock::from_time_t(timegm(&tm)) + std::chrono::milliseconds(millis);
}

}  // namespace

Result<base::SystemTime> ParseSignalTime(const base::JsonView& at) {
  if (at.IsString()) {
    AMANAH_ASSIGN_OR_RETURN(std::string text, at.AsString());
    return FromText(at, text);
  }
  AMANAH_ASSIGN_OR_RETURN(int64_t n, at.AsInt());
  if (n <= 0) return at.Problem("must be a positive Unix time");
  return FromUnix(n);
}

Result<Signal> ParseSignal(const base::JsonView& body,
                           const std::optional<std::string>& header_time) {
  if (!body.IsObject()) return body.Problem("is a JSON object (the alert's message)");
  Signal s;
  AMANAH_ASSIGN_OR_RETURN(auto id, body.OptionalField("id"));
  if (!id)
    return body.Problem("id is missing: each signal needs an id it is never sent twice with");
  AMANAH_ASSIGN_OR_RETURN(s.id, id->AsIdText());
  if (s.id.empty() || s.id.size() > 128) return body.Problem("id is 1 to 128 characters");
  for (char c : s.id) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      return body.Problem("id has a control character");
    }
  }
  AMANAH_ASSIGN_OR_RETURN(std::string action, body.String("action"));
  action = Lower(action);
  if (action == "buy" || action == "long") {
    s.side = exchange::Side::kBuy;
  } else if (action == "sell" || action == "exit" || action == "close") {
    s.side = exchange::Side::kSell;
  } else {
    return body.Problem("action is \"buy\" or \"sell\", not \"" + action.substr(0, 32) + "\"");
  }
  AMANAH_ASSIGN_OR_RETURN(auto pair, body.OptionalString("pair"));
  if (!pair) {
    AMANAH_ASSIGN_OR_RETURN(pair, body.OptionalString("ticker"));
  }
  if (!pair || pair->empty() || pair->size() > 32) {
    return body.Problem("pair (or ticker) is missing: the exchange's symbol, e.g. \"BTCUSDT\"");
  }
  if (!exchange::IsSymbolName(*pair)) return body.Problem("pair has a character no exchange uses");
  s.symbol = exchange::UpperSymbol(*pair);
  int amounts = 0;
  for (auto [name, field] :
       {std::pair{"quote_amount", &s.quote_amount}, std::pair{"quantity", &s.quantity},
        std::pair{"percent", &s.percent}}) {
    AMANAH_ASSIGN_OR_RETURN(auto f, body.OptionalField(name));
    if (!f) continue;
    ++amounts;
    // Decimals as strings; senders that template numbers may send them bare.
    Result<Decimal> d =
        f->IsString() ? f->AsDecimalString() : Decimal::Parse(json::serialize(f->raw()));
    if (!d || !d->IsPositive())
      return body.Problem(std::string(name) + " must be a number above 0");
    *field = *d;
  }
  if (amounts != 1) {
    return body.Problem("give exactly one of quote_amount, quantity or percent");
  }
  if (s.percent && *s.percent > Decimal::FromInt(100)) {
    return body.Problem("percent is at most 100");
  }
  if (s.quote_amount && s.side != exchange::Side::kBuy) {
    return body.Problem("quote_amount is for buys; a sell gives quantity or percent");
  }
  AMANAH_ASSIGN_OR_RETURN(auto time, body.OptionalField("timestamp"));
  if (!time) {
    AMANAH_ASSIGN_OR_RETURN(time, body.OptionalField("time"));
  }
  if (time) {
    AMANAH_ASSIGN_OR_RETURN(s.sent_at, ParseSignalTime(*time));
  } else if (header_time) {
    json::value v(*header_time);
    base::JsonSource src{"X-Amanah-Timestamp", base::ErrorCode::kInvalidArgument};
    AMANAH_ASSIGN_OR_RETURN(s.sent_at, ParseSignalTime(base::JsonView(v, "", &src)));
  } else {
    return body.Problem("timestamp is missing (e.g. {{timenow}}): stale signals are refused");
  }
  return s;
}

json::object SignalJson(const Signal& s) {
  json::object o{{"id", s.id},
                 {"action", exchange::SideName(s.side)},
                 {"pair", s.symbol},
                 {"timestamp_ms", base::UnixMillis(s.sent_at)}};
  if (s.quote_amount) o["quote_amount"] = s.quote_amount->ToString();
  if (s.quantity) o["quantity"] = s.quantity->ToString();
  if (s.percent) o["percent"] = s.percent->ToString();
  return o;
}

Result<Signal> SignalFromJson(const base::JsonView& v) {
  Signal s;
  AMANAH_ASSIGN_OR_RETURN(s.id, v.String("id"));
  AMANAH_ASSIGN_OR_RETURN(std::string action, v.String("action"));
  s.side = action == "sell" ? exchange::Side::kSell : exchange::Side::kBuy;
  AMANAH_ASSIGN_OR_RETURN(s.symbol, v.String("pair"));
  AMANAH_ASSIGN_OR_RETURN(int64_t ms, v.Int("timestamp_ms"));
  s.sent_at = base::SystemTime(std::chrono::milliseconds(ms));
  AMANAH_ASSIGN_OR_RETURN(s.quote_amount, v.OptionalDecimalString("quote_amount"));
  AMANAH_ASSIGN_OR_RETURN(s.quantity, v.OptionalDecimalString("quantity"));
  AMANAH_ASSIGN_OR_RETURN(s.percent, v.OptionalDecimalString("percent"));
  return s;
}

}  // namespace amanah::strategy
