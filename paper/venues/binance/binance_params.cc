#include "venues/binance/binance_params.h"

#include <algorithm>

#include "crypto/encoding.h"

namespace amanah::paper::binance {

namespace {

// Removes "signature=…" from a raw a=1&b=2 string; returns the raw value removed, if any.
std::optional<std::string> StripSignature(std::string& raw) {
  size_t start = 0;
  while (start <= raw.size()) {
    size_t end = raw.find('&', start);
    if (end == std::string::npos) end = raw.size();
    std::string_view pair(raw.data() + start, end - start);
    if (pair.starts_with("signature=")) {
      std::string value(pair.substr(10));
      size_t cut_from = start > 0 ? start - 1 : start;
      size_t cut_to = start > 0 ? end : std::min(end + 1, raw.size());
      raw.erase(cut_from, cut_to - cut_from);
      return value;
    }
    start = end + 1;
  }
  return std::nullopt;
}

// A form value: '+' is a space, then percent-decoding (most values need neither).
std::optional<std::string> DecodeValue(std::string_view raw) {
  if (raw.find_first_of("%+") == std::string_view::npos) return std::string(raw);
  std::string plus_as_space(raw);
  for (char& c : plus_as_space) c = c == '+' ? ' ' : c;
  auto decoded = crypto::PercentDecode(plus_as_space);
  if (!decoded) return std::nullopt;
  return std::move(*decoded);
}

}  // namespace

boost::system::result<BinanceParams, BinanceError> BinanceParams::Parse(std::string_view query,
                                                                        std::string_view body) {
  BinanceParams params;
  params.values_.reserve(16);
  for (std::string_view part : {query, body}) {
    size_t first_of_part = params.values_.size();
    size_t start = 0;
    while (start < part.size()) {
      size_t end = part.find('&', start);
      if (end == std::string_view::npos) end = part.size();
      std::string_view pair = part.substr(start, end - start);
      start = end + 1;
      if (pair.empty()) continue;
      size_t eq = pair.find('=');
      std::string_view raw_name = pair.substr(0, eq);
      std::string_view raw_value = eq == std::string_view::npos ? "" : pair.substr(eq + 1);
      auto name = crypto::PercentDecode(raw_name);
      if (!name) return IllegalChars(raw_name, "percent-encoded name");
      auto value = DecodeValue(raw_value);
      if (!value) return IllegalChars(*name, "percent-encoded value");
      // A name twice in one part is refused, as Binance does; in both parts the query's wins.
      bool in_this_part = std::any_of(
          params.values_.begin() + static_cast<ptrdiff_t>(first_of_part), params.values_.end(),
          [&](const auto& entry) { return entry.first == *name; });
      if (in_this_part) return DuplicateParam();
      if (!params.Has(*name)) params.values_.emplace_back(std::move(*name), std::move(*value));
    }
  }
  std::string q(query);
  std::string b(body);
  auto from_query = StripSignature(q);
  auto from_body = from_query ? std::nullopt : StripSignature(b);
  if (auto raw = from_query ? from_query : from_body) {
    auto decoded = crypto::PercentDecode(*raw);
    if (!decoded) return MandatoryParam("signature");
    params.signature_ = std::move(*decoded);
  }
  params.payload_ = q + b;
  return params;
}

std::optional<std::string_view> BinanceParams::Get(std::string_view name) const {
  for (const auto& [key, value] : values_) {
    if (key == name) return std::string_view(value);
  }
  return std::nullopt;
}

}  // namespace amanah::paper::binance
