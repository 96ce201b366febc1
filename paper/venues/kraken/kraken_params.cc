// Kraken's parameters, names and ids on the paper exchange: pairs named by their assets'
// altnames (BTC is XBT, DOGE is XDG), the legacy X/Z-prefixed asset ids Kraken still uses for its
// oldest assets (XXBT, XETH, ZUSD, ZEUR, …), and txids in Kraken's 6-5-6 shape.
#include <charconv>
#include <chrono>
#include <cmath>

#include <boost/json.hpp>

#include "venues/kraken/kraken_request.h"

namespace amanah::paper::kraken {

namespace json = boost::json;
using base::Decimal;

Got<std::string_view> Required(const KrakenRequest& c, std::string_view name) {
  auto v = c.Get(name);
  if (!v || v->empty()) return InvalidArguments(name);
  return *v;
}

Got<Decimal> DecimalParam(const KrakenRequest& c, std::string_view name) {
  AMANAH_ASSIGN_OR_RETURN(std::string_view text, Required(c, name));
  auto d = Decimal::Parse(text);
  if (!d) return InvalidArguments(name);
  return *d;
}

Got<int64_t> IntParam(const KrakenRequest& c, std::string_view name, int64_t fallback) {
  auto v = c.Get(name);
  if (!v || v->empty()) return fallback;
  int64_t out = 0;
  auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  if (ec != std::errc() || end != v->data() + v->size()) return InvalidArguments(name);
  return out;
}

std::string AssetAltname(std::string_view asset) {
  if (asset == "BTC") return "XBT";
  if (asset == "DOGE") return "XDG";
  return std::string(asset);
}

std::string AssetId(std::string_view asset) {
  for (const char* legacy : {"BTC", "ETH", "LTC", "XRP", "XLM", "ETC", "ZEC", "XMR", "DOGE"}) {
    if (asset == legacy) return "X" + AssetAltname(asset);
  }
  for (const char* fiat : {"USD", "EUR", "GBP", "JPY", "CAD", "AUD", "CHF"}) {
    if (asset == fiat) return "Z" + std::string(asset);
  }
  return std::string(asset);
}

std::string PairName(const Market& m) {
  return AssetAltname(m.spec().base) + AssetAltname(m.spec().quote);
}

Got<Market*> PairParam(Exchange& ex, const KrakenRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(std::string_view pair, Required(c, "pair"));
  for (auto& [name, m] : ex.markets()) {
    const std::string base = AssetAltname(m.spec().base), quote = AssetAltname(m.spec().quote);
    if (pair == base + quote || pair == base + "/" + quote) return ex.FindMarket(name);
  }
  return UnknownPair();
}

std::string Text(const Decimal& value) { return value.ToString(); }

std::optional<int64_t> ParseRfc3339(std::string_view t) {
  // YYYY-MM-DDTHH:MM:SS[.fff…]Z
  if (t.size() < 20 || t.back() != 'Z' || t[4] != '-' || t[7] != '-' || t[10] != 'T' ||
      t[13] != ':' || t[16] != ':') {
    return std::nullopt;
  }
  auto num = [&](size_t at, size_t len) -> std::optional<int> {
    int v = 0;
    for (size_t i = at; i < at + len; ++i) {
      if (t[i] < '0' || t[i] > '9') return std::nullopt;
      v = v * 10 + (t[i] - '0');
    }
    return v;
  };
  int ms = 0;
  if (t.size() > 20) {
    if (t[19] != '.' || t.size() < 22) return std::nullopt;
    int scale = 100;
    for (size_t i = 20; i + 1 < t.size(); ++i) {
      if (t[i] < '0' || t[i] > '9') return std::nullopt;
      ms += (t[i] - '0') * scale;
      scale /= 10;
    }
  }
  auto y = num(0, 4), mo = num(5, 2), d = num(8, 2), h = num(11, 2), mi = num(14, 2),
       s = num(17, 2);
  if (!y || !mo || !d || !h || !mi || !s) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(*y), std::chrono::month(*mo),
                                         std::chrono::day(*d)};
  if (!date.ok() || *h > 23 || *mi > 59 || *s > 59) return std::nullopt;
  const auto days = std::chrono::sys_days(date).time_since_epoch().count();
  return ((static_cast<int64_t>(days) * 24 + *h) * 60 + *mi) * 60'000 + *s * 1000LL + ms;
}

json::value Seconds(int64_t ms) {
  return json::value(static_cast<double>(ms / 100) / 10.0);  // 0.1 ms as Kraken's 4 places show
}

namespace {

std::string Txid(char prefix, uint64_t id) {
  static constexpr char kDigits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  std::string digits(16, '0');
  for (size_t i = 16; i-- > 0 && id != 0;) {
    digits[i] = kDigits[id % 36];
    id /= 36;
  }
  const std::string all = prefix + digits;
  return all.substr(0, 6) + "-" + all.substr(6, 5) + "-" + all.substr(11, 6);
}

}  // namespace

std::string OrderTxid(uint64_t id) { return Txid('O', id); }
std::string TradeTxid(uint64_t id) { return Txid('T', id); }

uint64_t IdOfTxid(std::string_view txid, char prefix) {
  if (txid.size() != 19 || txid[0] != prefix || txid[6] != '-' || txid[12] != '-') return 0;
  uint64_t id = 0;
  for (size_t i = 1; i < txid.size(); ++i) {
    if (i == 6 || i == 12) continue;
    const char ch = txid[i];
    int digit = 0;
    if (ch >= '0' && ch <= '9') {
      digit = ch - '0';
    } else if (ch >= 'A' && ch <= 'Z') {
      digit = ch - 'A' + 10;
    } else {
      return 0;
    }
    id = id * 36 + static_cast<uint64_t>(digit);
  }
  return id;
}

}  // namespace amanah::paper::kraken
