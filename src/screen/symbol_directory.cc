#include "screen/symbol_directory.h"

#include <boost/json.hpp>

namespace amanah::screen {

using base::Error;
using base::ErrorCode;

base::Result<SymbolDirectory> SymbolDirectory::FromExchangeInfo(std::string_view text,
                                                                std::string_view source) {
  namespace json = boost::json;
  auto fail = [&](const std::string& what) {
    return Error(ErrorCode::kInvalidArgument, std::string(source) + ": " + what);
  };
  boost::system::error_code ec;
  json::value doc = json::parse(text, ec);
  if (ec) return fail("not JSON: " + ec.message());
  const json::object* root = doc.if_object();
  const json::value* list = root ? root->if_contains("symbols") : nullptr;
  if (list == nullptr || !list->is_array())
    return fail("no 'symbols' list (expected an exchangeInfo response)");
  SymbolDirectory dir;
  dir.source_ = std::string(source);
  size_t index = 0;
  for (const json::value& item : list->as_array()) {
    const json::object* s = item.if_object();
    auto text_field = [&](std::string_view name) -> std::optional<std::string> {
      const json::value* v = s ? s->if_contains(name) : nullptr;
      if (v == nullptr || !v->is_string()) return std::nullopt;
      return std::string(v->as_string());
    };
    auto symbol = text_field("symbol");
    auto base_asset = text_field("baseAsset");
    auto quote_asset = text_field("quoteAsset");
    if (!symbol || !base_asset || !quote_asset)
      return fail("symbols[" + std::to_string(index) + "] needs symbol, baseAsset and quoteAsset");
    ListedSymbol listed{*symbol, *base_asset, *quote_asset, text_field("status").value_or(""),
                        {},      false};
    if (const json::value* sets = s->if_contains("permissionSets"); sets && sets->is_array()) {
      for (const auto& set : sets->as_array()) {
        if (!set.is_array()) continue;
        for (const auto& p : set.as_array()) {
          if (p.is_string()) listed.permissions.insert(std::string(p.as_string()));
        }
      }
    }
    if (const json::value* flat = s->if_contains("permissions"); flat && flat->is_array()) {
      for (const auto& p : flat->as_array()) {
        if (p.is_string()) listed.permissions.insert(std::string(p.as_string()));
      }
    }
    listed.spot = listed.permissions.contains("SPOT");
    if (listed.permissions.contains("LEVERAGED")) dir.leveraged_assets_.insert(listed.base);
    dir.symbols_.emplace(listed.symbol, std::move(listed));
    ++index;
  }
  return dir;
}

const ListedSymbol* SymbolDirectory::Find(std::string_view symbol) const {
  auto found = symbols_.find(symbol);
  return found == symbols_.end() ? nullptr : &found->second;
}

bool SymbolDirectory::MarksLeveraged(std::string_view asset) const {
  return leveraged_assets_.contains(asset);
}

}  // namespace amanah::screen
