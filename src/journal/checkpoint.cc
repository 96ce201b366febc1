#include "journal/checkpoint.h"

#include <charconv>

#include <boost/json.hpp>

#include "crypto/ed25519.h"
#include "crypto/encoding.h"
#include "crypto/sha2.h"

namespace amanah::journal {
namespace {

base::Error Malformed(std::string_view why) {
  return base::Error(base::ErrorCode::kInvalidArgument,
                     "not a valid journal checkpoint: " + std::string(why));
}

bool ParseInt(std::string_view s, auto* out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && end == s.data() + s.size();
}

}  // namespace

std::string Checkpoint::Body() const {
  std::string out(kCheckpointFormat);
  out += "\ntime " + std::to_string(time_ms) + "\nchains " + std::to_string(heads.size()) + "\n";
  for (const auto& h : heads) {
    out += h.tenant + " " + std::to_string(h.seq) + " " + crypto::HexEncode(h.hash) + "\n";
  }
  return out;
}

base::Result<Checkpoint> Checkpoint::ParseBody(std::string_view body) {
  std::vector<std::string_view> lines;
  while (!body.empty()) {
    const size_t nl = body.find('\n');
    if (nl == body.npos) return Malformed("the body does not end with a newline");
    lines.push_back(body.substr(0, nl));
    body.remove_prefix(nl + 1);
  }
  if (lines.size() < 3 || lines[0] != kCheckpointFormat) return Malformed("unknown format line");
  Checkpoint c;
  size_t chains = 0;
  if (!lines[1].starts_with("time ") || !ParseInt(lines[1].substr(5), &c.time_ms)) {
    return Malformed("bad time line");
  }
  if (!lines[2].starts_with("chains ") || !ParseInt(lines[2].substr(7), &chains) ||
      chains != lines.size() - 3) {
    return Malformed("chain count does not match");
  }
  for (size_t i = 3; i < lines.size(); ++i) {
    const std::string_view l = lines[i];
    const size_t a = l.find(' '), b = l.rfind(' ');
    ChainHead h;
    if (a == l.npos || a == b) return Malformed("bad chain line");
    h.tenant = std::string(l.substr(0, a));
    auto hash = crypto::HexDecode(l.substr(b + 1));
    if (!ParseInt(l.substr(a + 1, b - a - 1), &h.seq) || !hash || hash->size() != 32) {
      return Malformed("bad chain line for " + h.tenant);
    }
    std::copy(hash->begin(), hash->end(), h.hash.begin());
    c.heads.push_back(std::move(h));
  }
  return c;
}

std::string SignedCheckpoint::ToFile() const {
  return boost::json::serialize(
             boost::json::object{{"format", kCheckpointFormat},
                                 {"body", body},
                                 {"signature", crypto::Base64Encode(signature)},
                                 {"public_key", crypto::Base64Encode(public_key)},
                                 {"key_id", key_id}}) +
         "\n";
}

base::Result<SignedCheckpoint> SignedCheckpoint::FromFile(std::string_view text) {
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  if (ec || !v.is_object()) return Malformed("not a JSON object");
  const auto& o = v.get_object();
  auto str = [&](const char* k) -> const boost::json::string* {
    auto* p = o.if_contains(k);
    return p && p->is_string() ? &p->get_string() : nullptr;
  };
  const auto *format = str("format"), *body = str("body"), *sig = str("signature"),
             *pub = str("public_key"), *id = str("key_id");
  if (!format || *format != kCheckpointFormat || !body || !sig || !pub || !id) {
    return Malformed("missing or wrong fields");
  }
  auto signature = crypto::Base64Decode(*sig);
  auto public_key = crypto::Base64Decode(*pub);
  if (!signature || !public_key) return Malformed("bad base64");
  return SignedCheckpoint{std::string(*body), std::move(*signature), std::move(*public_key),
                          std::string(*id)};
}

base::Result<Checkpoint> SignedCheckpoint::Verify() const {
  auto key = crypto::Ed25519PublicKey::FromRaw(public_key);
  if (!key) return Malformed("bad public key");
  if (KeyId(public_key) != key_id) return Malformed("key id does not match the public key");
  if (!key->Verify(crypto::AsBytes(body), signature)) {
    return base::Fail(base::ErrorCode::kDataLoss,
                      "the checkpoint's signature does not verify: it was altered");
  }
  return Checkpoint::ParseBody(body);
}

std::string KeyId(crypto::ByteView public_key) {
  return crypto::HexEncode(crypto::Sha256(public_key)).substr(0, 16);
}

}  // namespace amanah::journal
