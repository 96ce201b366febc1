#include "crypto/encoding.h"

#include <array>

#include <openssl/evp.h>

#include <boost/url/encode.hpp>
#include <boost/url/pct_string_view.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "base/check.h"

namespace amanah::crypto {
namespace {

using base::ErrorCode;
using base::Fail;

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsBase64Char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/';
}

// Validates padded base64 and returns the decoded length, or an error.
base::Result<size_t> CheckBase64(std::string_view text) {
  if (text.size() % 4 != 0) {
    return Fail(ErrorCode::kInvalidArgument, "base64 length is not a multiple of 4");
  }
  size_t pad = 0;
  if (!text.empty() && text.back() == '=') pad = text[text.size() - 2] == '=' ? 2 : 1;
  for (size_t i = 0; i < text.size() - pad; ++i) {
    if (!IsBase64Char(text[i])) {
      return Fail(ErrorCode::kInvalidArgument,
                  "invalid base64 character at position " + std::to_string(i));
    }
  }
  return text.size() / 4 * 3 - pad;
}

// Decodes validated base64 into out (sized for CheckBase64's length).
void DecodeBase64Into(std::string_view text, std::span<uint8_t> out) {
  if (text.empty()) return;
  // EVP_DecodeBlock writes whole 3-byte groups, padding included; decode via a scratch tail.
  std::vector<uint8_t> buf(text.size() / 4 * 3);
  int n = EVP_DecodeBlock(buf.data(), reinterpret_cast<const unsigned char*>(text.data()),
                          static_cast<int>(text.size()));
  AMANAH_CHECK(n >= 0 && static_cast<size_t>(n) >= out.size(), "validated base64 must decode");
  std::copy_n(buf.begin(), out.size(), out.begin());
  OPENSSL_cleanse(buf.data(), buf.size());
}

std::string ToPadded(std::string_view url) {
  std::string s(url);
  for (char& c : s) {
    if (c == '-')
      c = '+';
    else if (c == '_')
      c = '/';
    else if (c == '+' || c == '/')
      c = '!';  // not base64url: fail validation
  }
  while (s.size() % 4 != 0) s.push_back('=');
  return s;
}

}  // namespace

std::string HexEncode(ByteView bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(bytes.size() * 2, '\0');
  for (size_t i = 0; i < bytes.size(); ++i) {
    out[2 * i] = kDigits[bytes[i] >> 4];
    out[2 * i + 1] = kDigits[bytes[i] & 0xf];
  }
  return out;
}

base::Result<Bytes> HexDecode(std::string_view hex) {
  if (hex.size() % 2 != 0) return Fail(ErrorCode::kInvalidArgument, "hex length is odd");
  Bytes out(hex.size() / 2);
  for (size_t i = 0; i < out.size(); ++i) {
    int hi = HexValue(hex[2 * i]), lo = HexValue(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) {
      return Fail(ErrorCode::kInvalidArgument,
                  "invalid hex digit at position " + std::to_string(hi < 0 ? 2 * i : 2 * i + 1));
    }
    out[i] = static_cast<uint8_t>(hi << 4 | lo);
  }
  return out;
}

std::string Base64Encode(ByteView bytes) {
  std::string out((bytes.size() + 2) / 3 * 4, '\0');
  if (!bytes.empty()) {
    EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes.data(),
                    static_cast<int>(bytes.size()));
  }
  return out;
}

base::Result<Bytes> Base64Decode(std::string_view text) {
  AMANAH_ASSIGN_OR_RETURN(size_t n, CheckBase64(text));
  Bytes out(n);
  DecodeBase64Into(text, out);
  return out;
}

base::Result<SecretBytes> Base64DecodeSecret(std::string_view text) {
  AMANAH_ASSIGN_OR_RETURN(size_t n, CheckBase64(text));
  SecretBytes out(n);
  DecodeBase64Into(text, out.mutable_bytes());
  return out;
}

std::string Base64UrlEncode(ByteView bytes) {
  std::string s = Base64Encode(bytes);
  while (!s.empty() && s.back() == '=') s.pop_back();
  for (char& c : s) {
    if (c == '+')
      c = '-';
    else if (c == '/')
      c = '_';
  }
  return s;
}

base::Result<Bytes> Base64UrlDecode(std::string_view text) {
  if (text.find('=') != std::string_view::npos) {
    return Fail(ErrorCode::kInvalidArgument, "base64url must not be padded");
  }
  if (text.size() % 4 == 1) return Fail(ErrorCode::kInvalidArgument, "base64url length is invalid");
  return Base64Decode(ToPadded(text));
}

std::string PercentEncode(std::string_view text) {
  return boost::urls::encode(text, boost::urls::unreserved_chars);
}

base::Result<std::string> PercentDecode(std::string_view text) {
  if (text.find('%') == std::string_view::npos) return std::string(text);  // nothing to decode
  auto pct = boost::urls::make_pct_string_view(text);
  if (!pct) return Fail(ErrorCode::kInvalidArgument, "malformed percent-encoding");
  return pct->decode();
}

}  // namespace amanah::crypto
