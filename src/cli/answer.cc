#include "cli/answer.h"

#include <boost/json.hpp>

#include "base/decimal.h"

namespace amanah::cli {

namespace json = boost::json;

const json::value& Get(const json::value& v, std::string_view key) {
  static const json::value kNull;
  if (!v.is_object()) return kNull;
  const json::value* found = v.as_object().if_contains(key);
  return found ? *found : kNull;
}

std::string Str(const json::value& v, std::string_view key) {
  const json::value& s = key.empty() ? v : Get(v, key);
  return s.is_string() ? std::string(s.as_string()) : std::string();
}

std::string Amount(const json::value& v, std::string_view key) {
  const std::string text = Str(v, key);
  auto d = base::Decimal::Parse(text);
  return d ? d->ToNormalizedString() : text;
}

bool Flag(const json::value& v, std::string_view key) {
  const json::value& b = Get(v, key);
  return b.is_bool() && b.as_bool();
}

int64_t Num(const json::value& v, std::string_view key) {
  const json::value& n = Get(v, key);
  if (n.is_int64()) return n.as_int64();
  if (n.is_uint64()) return static_cast<int64_t>(n.as_uint64());
  return 0;
}

const json::array& Items(const json::value& v, std::string_view key) {
  static const json::array kEmpty;
  const json::value& a = key.empty() ? v : Get(v, key);
  return a.is_array() ? a.as_array() : kEmpty;
}

void Emit(Context& ctx, const json::value& answer, const Renderer& render) {
  if (ctx.json) {
    ctx.out << json::serialize(answer) << "\n";
    return;
  }
  render(ctx.out, answer);
}

}  // namespace amanah::cli
