#include "journal/record.h"

#include <algorithm>
#include <vector>

#include <boost/json/serialize.hpp>

namespace amanah::journal {
namespace {

void PutU32(crypto::Bytes& out, uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<uint8_t>(v >> s));
}
void PutU64(crypto::Bytes& out, uint64_t v) {
  for (int s = 56; s >= 0; s -= 8) out.push_back(static_cast<uint8_t>(v >> s));
}
void PutStr(crypto::Bytes& out, std::string_view s) {
  PutU32(out, static_cast<uint32_t>(s.size()));
  out.insert(out.end(), s.begin(), s.end());
}

base::Result<boost::json::value> Sorted(const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::object: {
      const auto& in = v.get_object();
      std::vector<const boost::json::key_value_pair*> members;
      for (const auto& kv : in) members.push_back(&kv);
      std::sort(members.begin(), members.end(),
                [](auto* a, auto* b) { return a->key() < b->key(); });
      boost::json::object out;
      for (const auto* kv : members) {
        AMANAH_ASSIGN_OR_RETURN(auto child, Sorted(kv->value()));
        out.emplace(kv->key(), std::move(child));
      }
      return boost::json::value(std::move(out));
    }
    case boost::json::kind::array: {
      boost::json::array out;
      for (const auto& item : v.get_array()) {
        AMANAH_ASSIGN_OR_RETURN(auto child, Sorted(item));
        out.push_back(std::move(child));
      }
      return boost::json::value(std::move(out));
    }
    case boost::json::kind::double_:
      return base::Fail(base::ErrorCode::kInvalidArgument,
                        "journal payloads hold no floating-point numbers (use decimal strings)");
    default:
      return v;
  }
}

}  // namespace

crypto::Bytes Encode(const Record& r) {
  crypto::Bytes out(kMagic.begin(), kMagic.end());
  out.reserve(kMagic.size() + 16 + 12 + r.tenant.size() + r.kind.size() + r.payload.size());
  PutU64(out, r.seq);
  PutU64(out, static_cast<uint64_t>(r.time_ms));
  PutStr(out, r.tenant);
  PutStr(out, r.kind);
  PutStr(out, r.payload);
  return out;
}

Hash ComputeHash(const Hash& prev, uint64_t seq, int64_t time_ms, std::string_view tenant,
                 std::string_view kind, std::string_view payload) {
  // One hasher per thread, reused: creating an EVP context per record costs more than hashing.
  thread_local crypto::Sha256Hasher h;
  uint8_t fixed[16];
  for (int i = 0; i < 8; ++i) {
    fixed[i] = static_cast<uint8_t>(seq >> (56 - 8 * i));
    fixed[8 + i] = static_cast<uint8_t>(static_cast<uint64_t>(time_ms) >> (56 - 8 * i));
  }
  h.Update(prev).Update(kMagic).Update(crypto::ByteView(fixed, 16));
  for (std::string_view s : {tenant, kind, payload}) {
    const auto n = static_cast<uint32_t>(s.size());
    const uint8_t len[4] = {static_cast<uint8_t>(n >> 24), static_cast<uint8_t>(n >> 16),
                            static_cast<uint8_t>(n >> 8), static_cast<uint8_t>(n)};
    h.Update(crypto::ByteView(len, 4)).Update(s);
  }
  return h.Finish();
}

base::Result<std::string> CanonicalJson(const boost::json::value& value) {
  AMANAH_ASSIGN_OR_RETURN(auto sorted, Sorted(value));
  return boost::json::serialize(sorted);
}

base::Result<void> CheckName(std::string_view what, std::string_view name) {
  const bool ok =
      !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '.' || c == '_' || c == ':' || c == '-';
      });
  if (!ok) {
    return base::Fail(base::ErrorCode::kInvalidArgument,
                      std::string(what) + " \"" + std::string(name.substr(0, 64)) +
                          "\" must be 1-64 characters of A-Z a-z 0-9 . _ : -");
  }
  return {};
}

}  // namespace amanah::journal
