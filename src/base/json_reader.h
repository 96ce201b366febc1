// JsonReader: the one way to read JSON that comes from outside (exchange bodies, request bodies,
// config, the paper exchange's requests). Parsing never throws; every accessor returns a Result,
// and a missing or mistyped member is an error that names where it is ("balances[2].free is
// missing", "status is a string, expected an integer"), never an exception and never a silent
// default. Optional members are read with the Optional… accessors, which still refuse a member of
// the wrong type. The error code is chosen by the caller once (kDataLoss for a counterparty that
// broke its contract, kInvalidArgument for input a user can fix).
//
// A JsonView is a pointer to a value inside a document plus its path: cheap to copy, valid while
// the document lives. Thread-compatible.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json/value.hpp>

#include "base/decimal.h"
#include "base/result.h"

namespace amanah::base {

/// How errors from one document are reported.
struct JsonSource {
  /// What the document is, e.g. "Binance GET /api/v3/account"; prefixes every error.
  std::string what;
  ErrorCode code = ErrorCode::kDataLoss;
};

class JsonView {
 public:
  JsonView(const boost::json::value& value, std::string path, const JsonSource* source)
      : value_(&value), path_(std::move(path)), source_(source) {}

  const boost::json::value& raw() const { return *value_; }
  /// "" for the document's root, else e.g. "balances[2].free".
  const std::string& path() const { return path_; }

  bool IsNull() const { return value_->is_null(); }
  bool IsObject() const { return value_->is_object(); }
  bool IsArray() const { return value_->is_array(); }
  bool IsString() const { return value_->is_string(); }

  // ---- members of an object
  /// The member `name`; an error if this is not an object or the member is absent.
  Result<JsonView> Field(std::string_view name) const;
  /// The member `name` if present and not null; an error only if this is not an object.
  Result<std::optional<JsonView>> OptionalField(std::string_view name) const;
  bool Has(std::string_view name) const;

  Result<std::string> String(std::string_view name) const;
  Result<int64_t> Int(std::string_view name) const;
  Result<bool> Bool(std::string_view name) const;
  /// A decimal sent as a JSON string ("0.00100000"), as exchanges send money.
  Result<Decimal> DecimalString(std::string_view name) const;
  /// An array member, as views of its items.
  Result<std::vector<JsonView>> Array(std::string_view name) const;

  Result<std::optional<std::string>> OptionalString(std::string_view name) const;
  Result<std::optional<int64_t>> OptionalInt(std::string_view name) const;
  Result<std::optional<bool>> OptionalBool(std::string_view name) const;
  Result<std::optional<Decimal>> OptionalDecimalString(std::string_view name) const;

  // ---- this value itself
  Result<std::string> AsString() const;
  /// An integer; a JSON number that is not an integer in int64 range is an error.
  Result<int64_t> AsInt() const;
  Result<bool> AsBool() const;
  Result<Decimal> AsDecimalString() const;
  /// A string or an integer as text (ids that exchanges send either way).
  Result<std::string> AsIdText() const;
  Result<std::vector<JsonView>> AsArray() const;
  /// An object's members in document order, as (name, view) pairs (Kraken keys its lists by id).
  Result<std::vector<std::pair<std::string, JsonView>>> Members() const;

  /// An error about this value: "<what>: <path> <message>".
  Error Problem(std::string_view message) const;

 private:
  std::string Child(std::string_view name) const;
  Error WrongType(std::string_view expected) const;

  const boost::json::value* value_;
  std::string path_;
  const JsonSource* source_;
};

/// A parsed document that owns its value; Root() reads it.
class JsonDocument {
 public:
  /// Parses `text`; a syntax error is reported with `source` (never thrown).
  static Result<JsonDocument> Parse(std::string_view text, JsonSource source);
  /// Wraps an already-parsed value.
  JsonDocument(boost::json::value value, JsonSource source);

  JsonDocument(JsonDocument&&) noexcept;
  JsonDocument& operator=(JsonDocument&&) noexcept;
  JsonDocument(const JsonDocument&) = delete;
  JsonDocument& operator=(const JsonDocument&) = delete;
  ~JsonDocument();

  JsonView Root() const { return JsonView(value_, "", source_.get()); }
  const boost::json::value& value() const { return value_; }
  boost::json::value& mutable_value() { return value_; }

 private:
  boost::json::value value_;
  std::unique_ptr<JsonSource> source_;  // stable address for the views
};

/// The JSON kind's name, for messages: "a string", "an integer", "an object", …
std::string_view JsonKindName(const boost::json::value& value);

}  // namespace amanah::base
