#include "exchange/symbol_name.h"

#include <algorithm>
#include <cctype>

namespace amanah::exchange {

bool IsSymbolName(std::string_view text) {
  return !text.empty() && text.size() <= 32 && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '/' || c == '_';
  });
}

std::string UpperSymbol(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace amanah::exchange
