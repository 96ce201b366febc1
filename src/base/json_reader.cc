#include "base/json_reader.h"

#include <boost/json/parse.hpp>

namespace amanah::base {

namespace json = boost::json;

std::string_view JsonKindName(const json::value& value) {
  switch (value.kind()) {
    case json::kind::null:
      return "null";
    case json::kind::bool_:
      return "a boolean";
    case json::kind::int64:
    case json::kind::uint64:
      return "an integer";
    case json::kind::double_:
      return "a fractional number";
    case json::kind::string:
      return "a string";
    case json::kind::array:
      return "an array";
    case json::kind::object:
      return "an object";
  }
  return "?";
}

Error JsonView::Problem(std::string_view message) const {
  std::string text = source_ ? source_->what + ": " : std::string();
  text += path_.empty() ? std::string("the document") : path_;
  text += ' ';
  text += message;
  return Error(source_ ? source_->code : ErrorCode::kDataLoss, std::move(text));
}

Error JsonView::WrongType(std::string_view expected) const {
  return Problem("is " + std::string(JsonKindName(*value_)) + ", expected " +
                 std::string(expected));
}

std::string JsonView::Child(std::string_view name) const {
  return path_.empty() ? std::string(name) : path_ + "." + std::string(name);
}

bool JsonView::Has(std::string_view name) const {
  const json::object* o = value_->if_object();
  return o != nullptr && o->contains(name);
}

Result<JsonView> JsonView::Field(std::string_view name) const {
  const json::object* o = value_->if_object();
  if (o == nullptr) return WrongType("an object");
  const json::value* v = o->if_contains(name);
  if (v == nullptr) return JsonView(*value_, Child(name), source_).Problem("is missing");
  return JsonView(*v, Child(name), source_);
}

Result<std::optional<JsonView>> JsonView::OptionalField(std::string_view name) const {
  const json::object* o = value_->if_object();
  if (o == nullptr) return WrongType("an object");
  const json::value* v = o->if_contains(name);
  if (v == nullptr || v->is_null()) return std::optional<JsonView>();
  return std::optional<JsonView>(JsonView(*v, Child(name), source_));
}

Result<std::string> JsonView::AsString() const {
  const json::string* s = value_->if_string();
  if (s == nullptr) return WrongType("a string");
  return std::string(*s);
}

Result<int64_t> JsonView::AsInt() const {
  if (const int64_t* i = value_->if_int64()) return *i;
  if (const uint64_t* u = value_->if_uint64()) {
    if (*u > static_cast<uint64_t>(INT64_MAX)) return Problem("is an integer beyond 64-bit range");
    return static_cast<int64_t>(*u);
  }
  return WrongType("an integer");
}

Result<bool> JsonView::AsBool() const {
  const bool* b = value_->if_bool();
  if (b == nullptr) return WrongType("a boolean");
  return *b;
}

Result<Decimal> JsonView::AsDecimalString() const {
  AMANAH_ASSIGN_OR_RETURN(std::string text, AsString());
  auto d = Decimal::Parse(text);
  if (!d) return Problem("is not a decimal number (\"" + text.substr(0, 40) + "\")");
  return *d;
}

Result<std::string> JsonView::AsIdText() const {
  if (value_->is_string()) return std::string(value_->get_string());
  if (value_->is_int64()) return std::to_string(value_->get_int64());
  if (value_->is_uint64()) return std::to_string(value_->get_uint64());
  return WrongType("a string or an integer");
}

Result<std::vector<JsonView>> JsonView::AsArray() const {
  const json::array* a = value_->if_array();
  if (a == nullptr) return WrongType("an array");
  std::vector<JsonView> out;
  out.reserve(a->size());
  for (size_t i = 0; i < a->size(); ++i) {
    out.emplace_back((*a)[i], path_ + "[" + std::to_string(i) + "]", source_);
  }
  return out;
}

Result<std::vector<std::pair<std::string, JsonView>>> JsonView::Members() const {
  const json::object* o = value_->if_object();
  if (o == nullptr) return WrongType("an object");
  std::vector<std::pair<std::string, JsonView>> out;
  out.reserve(o->size());
  for (const auto& member : *o) {
    const std::string name(member.key());
    out.emplace_back(name, JsonView(member.value(), Child(name), source_));
  }
  return out;
}

Result<std::string> JsonView::String(std::string_view name) const {
  AMANAH_ASSIGN_OR_RETURN(JsonView v, Field(name));
  return v.AsString();
}
Result<int64_t> JsonView::Int(std::string_view name) const {
  AMANAH_ASSIGN_OR_RETURN(JsonView v, Field(name));
  return v.AsInt();
}
Result<bool> JsonView::Bool(std::string_view name) const {
  AMANAH_ASSIGN_OR_RETURN(JsonView v, Field(name));
  return v.AsBool();
}
Result<Decimal> JsonView::DecimalString(std::string_view name) const {
  AMANAH_ASSIGN_OR_RETURN(JsonView v, Field(name));
  return v.AsDecimalString();
}
Result<std::vector<JsonView>> JsonView::Array(std::string_view name) const {
  AMANAH_ASSIGN_OR_RETURN(JsonView v, Field(name));
  return v.AsArray();
}

namespace {
template <class T, class Read>
Result<std::optional<T>> ReadOptional(const JsonView& view, std::string_view name, Read read) {
  AMANAH_ASSIGN_OR_RETURN(auto field, view.OptionalField(name));
  if (!field) return std::optional<T>();
  AMANAH_ASSIGN_OR_RETURN(T value, read(*field));
  return std::optional<T>(std::move(value));
}
}  // namespace

Result<std::optional<std::string>> JsonView::OptionalString(std::string_view name) const {
  return ReadOptional<std::string>(*this, name, [](const JsonView& v) { return v.AsString(); });
}
Result<std::optional<int64_t>> JsonView::OptionalInt(std::string_view name) const {
  return ReadOptional<int64_t>(*this, name, [](const JsonView& v) { return v.AsInt(); });
}
Result<std::optional<bool>> JsonView::OptionalBool(std::string_view name) const {
  return ReadOptional<bool>(*this, name, [](const JsonView& v) { return v.AsBool(); });
}
Result<std::optional<Decimal>> JsonView::OptionalDecimalString(std::string_view name) const {
  return ReadOptional<Decimal>(*this, name, [](const JsonView& v) { return v.AsDecimalString(); });
}

JsonDocument::JsonDocument(json::value value, JsonSource source)
    : value_(std::move(value)), source_(std::make_unique<JsonSource>(std::move(source))) {}
JsonDocument::JsonDocument(JsonDocument&&) noexcept = default;
JsonDocument& JsonDocument::operator=(JsonDocument&&) noexcept = default;
JsonDocument::~JsonDocument() = default;

Result<JsonDocument> JsonDocument::Parse(std::string_view text, JsonSource source) {
  boost::system::error_code ec;
  json::parse_options options;
  options.max_depth = 64;
  json::value value = json::parse(text, ec, {}, options);
  if (ec) {
    return Error(source.code, source.what + ": the body is not valid JSON (" + ec.message() + ")");
  }
  return JsonDocument(std::move(value), std::move(source));
}

}  // namespace amanah::base
