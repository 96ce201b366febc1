#include "admin/scenario.h"

#include <fstream>
#include <sstream>

#include <toml++/toml.h>
#include <boost/json.hpp>

#include "base/decimal.h"

namespace amanah::paper {

namespace json = boost::json;
using base::Error;
using base::ErrorCode;
using base::Result;

namespace {

Result<json::array> ReadReplayCsv(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) return Error(ErrorCode::kNotFound, "cannot read price CSV " + path.string());
  json::array prices;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    // Either "price" or "time,price": the last column is the price.
    std::string cell = line.substr(line.rfind(',') == std::string::npos ? 0 : line.rfind(',') + 1);
    auto price = base::Decimal::Parse(cell);
    if (!price) {
      if (number == 1) continue;  // a header line
      return Error(ErrorCode::kInvalidArgument, path.string() + ":" + std::to_string(number) +
                                                    ": not a price: " + price.error().message());
    }
    prices.push_back(json::string(price->ToString()));
  }
  if (prices.empty()) return Error(ErrorCode::kInvalidArgument, path.string() + ": no prices");
  return prices;
}

}  // namespace

Result<json::object> LoadScenario(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) return Error(ErrorCode::kNotFound, "cannot read scenario " + path.string());
  std::stringstream text;
  text << in.rdbuf();
  toml::table table;
  try {
    table = toml::parse(text.str(), path.string());
  } catch (const toml::parse_error& e) {
    const auto& at = e.source().begin;
    return Error(ErrorCode::kInvalidArgument, path.string() + ":" + std::to_string(at.line) + ":" +
                                                  std::to_string(at.column) + ": " +
                                                  std::string(e.description()));
  }
  std::stringstream as_json;
  as_json << toml::json_formatter{table};
  boost::system::error_code ec;
  json::value doc = json::parse(as_json.str(), ec);
  if (ec || !doc.is_object())
    return Error(ErrorCode::kInternal, "scenario did not convert to JSON");
  json::object scenario = std::move(doc.as_object());
  if (auto* markets = scenario.if_contains("markets"); markets && markets->is_array()) {
    for (auto& market : markets->as_array()) {
      if (!market.is_object()) continue;
      auto* csv = market.as_object().if_contains("replay_csv");
      if (csv == nullptr || !csv->is_string()) continue;
      std::filesystem::path file(std::string(csv->as_string()));
      if (file.is_relative()) file = path.parent_path() / file;
      AMANAH_ASSIGN_OR_RETURN(json::array prices, ReadReplayCsv(file));
      market.as_object()["replay"] = std::move(prices);
    }
  }
  return scenario;
}

}  // namespace amanah::paper
