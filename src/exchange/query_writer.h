// QueryWriter: builds a query or form string — name=value&name=value, every byte outside RFC 3986's
// unreserved set percent-encoded (%XX, upper-case hex, as boost::urls and the exchanges' own
// examples write it) — with raw writes into a buffer on the stack (the heap only past 512 bytes),
// then hands over one std::string of the exact size. It is the order path's hot loop: appending
// name, '=' and value to a std::string piece by piece cost more than the HMAC it feeds.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "exchange/http_request.h"

namespace amanah::exchange {

/// `params` as a query string or form body, in order: a=1&b=2, each name and value
/// percent-encoded as QueryWriter::Add does.
std::string EncodeParams(const Params& params);

class QueryWriter {
 public:
  QueryWriter() = default;
  QueryWriter(const QueryWriter&) = delete;
  QueryWriter& operator=(const QueryWriter&) = delete;

  /// Appends "&name=value" ("name=value" first), both percent-encoded.
  void Add(std::string_view name, std::string_view value);
  /// Appends "&name=value" as given: for names and values the caller wrote itself from
  /// unreserved characters only (checked in debug builds).
  void AddUnescaped(std::string_view name, std::string_view value);
  /// Appends "&name=123".
  void AddInt(std::string_view name, int64_t value);
  /// Appends bytes as they are (an already encoded query, "&signature=").
  void AppendRaw(std::string_view text);
  /// Appends the lower-case hex of `bytes`.
  void AppendHex(const uint8_t* bytes, size_t size);

  std::string_view view() const { return {data_, size_}; }
  bool empty() const { return size_ == 0; }
  /// The string so far, of its exact size.
  std::string str() const { return std::string(data_, size_); }

 private:
  char* Room(size_t n);  // a pointer to n writable bytes at the end
  char inline_[512];
  std::string heap_;  // used once the text outgrows inline_
  char* data_ = inline_;
  size_t capacity_ = sizeof inline_;
  size_t size_ = 0;
};

}  // namespace amanah::exchange
