#include "crypto/argon2id.h"

#include <argon2.h>

#include <string>

namespace amanah::crypto {

base::Result<SecretBytes> Argon2id(ByteView password, ByteView salt, const Argon2idParams& params,
                                   size_t length, ByteView secret, ByteView associated) {
  if (length < 4 || length > 1024) {
    return base::Fail(base::ErrorCode::kInvalidArgument, "argon2id output must be 4..1024 bytes");
  }
  SecretBytes out(length);
  argon2_context ctx{};
  ctx.out = out.mutable_bytes().data();
  ctx.outlen = static_cast<uint32_t>(length);
  // libargon2 takes non-const pointers but, without the clear flags, does not write through them.
  ctx.pwd = const_cast<uint8_t*>(password.data());
  ctx.pwdlen = static_cast<uint32_t>(password.size());
  ctx.salt = const_cast<uint8_t*>(salt.data());
  ctx.saltlen = static_cast<uint32_t>(salt.size());
  ctx.secret = secret.empty() ? nullptr : const_cast<uint8_t*>(secret.data());
  ctx.secretlen = static_cast<uint32_t>(secret.size());
  ctx.ad = associated.empty() ? nullptr : const_cast<uint8_t*>(associated.data());
  ctx.adlen = static_cast<uint32_t>(associated.size());
  ctx.t_cost = params.iterations;
  ctx.m_cost = params.memory_kib;
  ctx.lanes = params.parallelism;
  ctx.threads = params.parallelism;
  ctx.version = ARGON2_VERSION_13;
  ctx.flags = ARGON2_DEFAULT_FLAGS;
  const int rc = argon2_ctx(&ctx, Argon2_id);
  if (rc != ARGON2_OK) {
    return base::Fail(base::ErrorCode::kInvalidArgument,
                      std::string("argon2id failed: ") + argon2_error_message(rc));
  }
  return out;
}

}  // namespace amanah::crypto
