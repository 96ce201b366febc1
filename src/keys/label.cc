#include "keys/label.h"

#include <cstdio>

namespace amanah::keys {

base::Result<void> ValidateLabel(std::string_view label) {
  auto bad = [&](const std::string& why) {
    return base::Fail(base::ErrorCode::kInvalidArgument, "the label " + why);
  };
  if (label.empty()) return bad("is empty");
  if (label.size() > kMaxLabelLength)
    return bad("is longer than " + std::to_string(kMaxLabelLength) + " characters");
  if (label.front() == ' ' || label.back() == ' ') return bad("starts or ends with a space");
  for (char c : label) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == ' ' || c == '.' || c == '_' || c == '-' || c == ':' || c == '@' ||
                    c == '+' || c == '/';
    if (!ok) {
      return bad("\"" + Display(label, 64) +
                 "\" may hold only letters, digits, spaces and . _ - : @ + /");
    }
  }
  return {};
}

std::string Display(std::string_view text, size_t max) {
  std::string out;
  for (unsigned char c : text.substr(0, max)) {
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      out += static_cast<char>(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    }
  }
  if (text.size() > max) out += "…";
  return out;
}

}  // namespace amanah::keys
