// Checkpoint: a signed statement of every journal chain's head at one moment, in the spirit of the
// C2SP signed-note checkpoints. Exported to a file kept off the host, it lets `journal verify` tell
// when records behind it were truncated or rewritten — which a bare hash chain cannot, since
// whoever can write the database can recompute every hash.
//
// Body (the signed bytes), lines ending in "\n":
//   amanah-journal-checkpoint/v1
//   time <milliseconds since the epoch>
//   chains <n>
//   <tenant> <seq> <hex SHA-256 of that record>      n lines, sorted by tenant
// Signature: Ed25519 over the body by the node key (public key and its id travel with it).
// File: JSON {"format", "body", "signature" (base64), "public_key" (base64), "key_id"}.
#pragma once

#include <string>
#include <vector>

#include "base/result.h"
#include "crypto/bytes.h"
#include "journal/record.h"

namespace amanah::journal {

inline constexpr std::string_view kCheckpointFormat = "amanah-journal-checkpoint/v1";

struct ChainHead {
  std::string tenant;
  uint64_t seq = 0;
  Hash hash{};
  bool operator==(const ChainHead&) const = default;
};

struct Checkpoint {
  int64_t time_ms = 0;
  std::vector<ChainHead> heads;  ///< sorted by tenant

  std::string Body() const;
  static base::Result<Checkpoint> ParseBody(std::string_view body);
};

struct SignedCheckpoint {
  std::string body;
  crypto::Bytes signature;
  crypto::Bytes public_key;  ///< raw Ed25519, 32 bytes
  std::string key_id;

  std::string ToFile() const;
  static base::Result<SignedCheckpoint> FromFile(std::string_view text);
  /// Checks the signature with `public_key`, then parses the body.
  base::Result<Checkpoint> Verify() const;
};

/// The first 16 hex digits of SHA-256(public key): names a node key in checkpoints.
std::string KeyId(crypto::ByteView public_key);

}  // namespace amanah::journal
