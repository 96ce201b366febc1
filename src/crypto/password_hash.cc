#include "crypto/password_hash.h"

#include <array>
#include <charconv>
#include <vector>

#include "crypto/constant_time.h"
#include "crypto/encoding.h"

namespace amanah::crypto {

using base::ErrorCode;
using base::Fail;
using base::Result;

namespace {

constexpr size_t kSaltBytes = 16;
constexpr size_t kTagBytes = 32;
// Bounds on what a stored string may ask for, so a hostile row cannot make a login allocate
// gigabytes or spin for minutes.
constexpr uint32_t kMaxMemoryKib = 1u << 21;  // 2 GiB
constexpr uint32_t kMaxIterations = 64;
constexpr uint32_t kMaxParallelism = 16;

std::string Unpadded(std::string b64) {
  while (!b64.empty() && b64.back() == '=') b64.pop_back();
  return b64;
}

Result<Bytes> FromUnpadded(std::string_view text) {
  std::string padded(text);
  while (padded.size() % 4 != 0) padded.push_back('=');
  return Base64Decode(padded);
}

struct Parsed {
  Argon2idParams params;
  Bytes salt;
  Bytes tag;
};

Result<uint32_t> Number(std::string_view text, std::string_view what, uint32_t max) {
  uint32_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v == 0 || v > max) {
    return Fail(ErrorCode::kInvalidArgument,
                "the password hash has a bad " + std::string(what) + " parameter");
  }
  return v;
}

Result<Parsed> Parse(std::string_view phc) {
  auto bad = [](std::string why) {
    return Fail(ErrorCode::kInvalidArgument, "not an argon2id password hash: " + why);
  };
  std::vector<std::string_view> parts;
  for (size_t at = 0; at <= phc.size();) {
    size_t end = phc.find('$', at);
    if (end == std::string_view::npos) end = phc.size();
    parts.push_back(phc.substr(at, end - at));
    at = end + 1;
  }
  // "", "argon2id", "v=19", "m=…,t=…,p=…", salt, tag
  if (parts.size() != 6 || !parts[0].empty())
    return bad("expected $argon2id$v=19$m=,t=,p=$salt$tag");
  if (parts[1] != "argon2id") return bad("the algorithm is not argon2id");
  if (parts[2] != "v=19") return bad("only version 19 (0x13) is read");
  Parsed out;
  std::string_view params = parts[3];
  std::array<std::string_view, 3> names{"m=", "t=", "p="};
  std::array<std::string_view, 3> values;
  for (size_t i = 0; i < 3; ++i) {
    const size_t comma = params.find(',');
    std::string_view item = params.substr(0, comma);
    if (item.substr(0, 2) != names[i]) return bad("the parameters must be m=,t=,p= in order");
    values[i] = item.substr(2);
    params = comma == std::string_view::npos ? std::string_view() : params.substr(comma + 1);
    if (i < 2 && comma == std::string_view::npos) return bad("a parameter is missing");
  }
  if (!params.empty()) return bad("unexpected parameters after p=");
  AMANAH_ASSIGN_OR_RETURN(out.params.memory_kib, Number(values[0], "m", kMaxMemoryKib));
  AMANAH_ASSIGN_OR_RETURN(out.params.iterations, Number(values[1], "t", kMaxIterations));
  AMANAH_ASSIGN_OR_RETURN(out.params.parallelism, Number(values[2], "p", kMaxParallelism));
  if (out.params.memory_kib < 8 * out.params.parallelism) return bad("m is below 8 × p");
  auto salt = FromUnpadded(parts[4]);
  auto tag = FromUnpadded(parts[5]);
  if (!salt || salt->size() < 8 || salt->size() > 64) return bad("the salt is not 8–64 bytes");
  if (!tag || tag->size() < 16 || tag->size() > 64) return bad("the tag is not 16–64 bytes");
  out.salt = std::move(*salt);
  out.tag = std::move(*tag);
  return out;
}

}  // namespace

Result<std::string> HashPassword(std::string_view password, const Argon2idParams& params,
                                 base::Random& random) {
  std::array<uint8_t, kSaltBytes> salt{};
  random.Fill(salt);
  AMANAH_ASSIGN_OR_RETURN(SecretBytes tag, Argon2id(AsBytes(password), salt, params, kTagBytes));
  return "$argon2id$v=19$m=" + std::to_string(params.memory_kib) +
         ",t=" + std::to_string(params.iterations) + ",p=" + std::to_string(params.parallelism) +
         "$" + Unpadded(Base64Encode(salt)) + "$" + Unpadded(Base64Encode(tag.bytes()));
}

Result<bool> VerifyPassword(std::string_view password, std::string_view phc) {
  AMANAH_ASSIGN_OR_RETURN(Parsed p, Parse(phc));
  AMANAH_ASSIGN_OR_RETURN(SecretBytes tag,
                          Argon2id(AsBytes(password), p.salt, p.params, p.tag.size()));
  return ConstantTimeEquals(tag.bytes(), p.tag);
}

Result<bool> NeedsRehash(std::string_view phc, const Argon2idParams& current) {
  AMANAH_ASSIGN_OR_RETURN(Parsed p, Parse(phc));
  return !(p.params == current) || p.tag.size() != kTagBytes;
}

}  // namespace amanah::crypto
