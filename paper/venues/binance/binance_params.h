// BinanceParams: the parameters of one Binance request, decoded from the query string and the
// x-www-form-urlencoded body (a name in both takes the query's value, as Binance documents), plus
// the exact bytes the client signed: query ‖ body with the `signature` pair removed, unchanged
// otherwise (percent-encoding included).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/system/result.hpp>

#include "venues/binance/binance_error.h"

namespace amanah::paper::binance {

class BinanceParams {
 public:
  /// Decodes both parts; a malformed percent-escape is refused naming its parameter.
  static boost::system::result<BinanceParams, BinanceError> Parse(std::string_view query,
                                                                  std::string_view body);

  std::optional<std::string_view> Get(std::string_view name) const;
  bool Has(std::string_view name) const { return Get(name).has_value(); }
  /// The signed payload: query ‖ body without the signature pair.
  const std::string& payload() const { return payload_; }
  /// The `signature` value, percent-decoded; empty when absent.
  const std::string& signature() const { return signature_; }

 private:
  std::vector<std::pair<std::string, std::string>> values_;
  std::string payload_;
  std::string signature_;
};

}  // namespace amanah::paper::binance
