#include "exchange/query_writer.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <charconv>
#include <cstring>

namespace amanah::exchange {

std::string EncodeParams(const Params& params) {
  QueryWriter out;
  for (const auto& [name, value] : params) out.Add(name, value);
  return out.str();
}
namespace {

// RFC 3986 unreserved characters: ALPHA / DIGIT / "-" / "." / "_" / "~".
constexpr std::array<bool, 256> kUnreserved = [] {
  std::array<bool, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[c] = true;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = true;
  for (int c = '0'; c <= '9'; ++c) t[c] = true;
  t['-'] = t['.'] = t['_'] = t['~'] = true;
  return t;
}();

constexpr char kUpper[] = "0123456789ABCDEF";
constexpr char kLower[] = "0123456789abcdef";

// Runs of unreserved bytes are copied whole: the common case is a value with nothing to escape.
char* Encode(char* p, std::string_view text) {
  size_t at = 0;
  while (at < text.size()) {
    size_t run = at;
    while (run < text.size() && kUnreserved[static_cast<unsigned char>(text[run])]) ++run;
    std::memcpy(p, text.data() + at, run - at);
    p += run - at;
    if (run == text.size()) break;
    const auto u = static_cast<unsigned char>(text[run]);
    *p++ = '%';
    *p++ = kUpper[u >> 4];
    *p++ = kUpper[u & 0xf];
    at = run + 1;
  }
  return p;
}

size_t EncodedSize(std::string_view text) {
  size_t n = text.size();
  for (char c : text) n += kUnreserved[static_cast<unsigned char>(c)] ? 0 : 2;
  return n;
}

}  // namespace

char* QueryWriter::Room(size_t n) {
  if (capacity_ - size_ < n) {
    std::string grown(std::max(2 * capacity_, size_ + n), '\0');
    std::memcpy(grown.data(), data_, size_);
    heap_ = std::move(grown);
    data_ = heap_.data();
    capacity_ = heap_.size();
  }
  return data_ + size_;
}

void QueryWriter::Add(std::string_view name, std::string_view value) {
  char* const start = Room(1 + EncodedSize(name) + 1 + EncodedSize(value));
  char* p = start;
  if (size_ != 0) *p++ = '&';
  p = Encode(p, name);
  *p++ = '=';
  p = Encode(p, value);
  size_ += static_cast<size_t>(p - start);
}

void QueryWriter::AddUnescaped(std::string_view name, std::string_view value) {
  assert(std::all_of(name.begin(), name.end(),
                     [](char c) { return kUnreserved[static_cast<unsigned char>(c)]; }));
  assert(std::all_of(value.begin(), value.end(),
                     [](char c) { return kUnreserved[static_cast<unsigned char>(c)]; }));
  char* const start = Room(1 + name.size() + 1 + value.size());
  char* p = start;
  if (size_ != 0) *p++ = '&';
  std::memcpy(p, name.data(), name.size());
  p += name.size();
  *p++ = '=';
  std::memcpy(p, value.data(), value.size());
  p += value.size();
  size_ += static_cast<size_t>(p - start);
}

void QueryWriter::AddInt(std::string_view name, int64_t value) {
  char* const start = Room(1 + name.size() + 1 + 20);
  char* p = start;
  if (size_ != 0) *p++ = '&';
  std::memcpy(p, name.data(), name.size());  // our own names
  p += name.size();
  *p++ = '=';
  p = std::to_chars(p, p + 20, value).ptr;
  size_ += static_cast<size_t>(p - start);
}

void QueryWriter::AppendRaw(std::string_view text) {
  std::memcpy(Room(text.size()), text.data(), text.size());
  size_ += text.size();
}

void QueryWriter::AppendHex(const uint8_t* bytes, size_t size) {
  char* p = Room(2 * size);
  for (size_t i = 0; i < size; ++i) {
    *p++ = kLower[bytes[i] >> 4];
    *p++ = kLower[bytes[i] & 0xf];
  }
  size_ += 2 * size;
}

}  // namespace amanah::exchange
