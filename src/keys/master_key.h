// The master-key operations, journaled and failing closed: recording a new vault (with its first
// checkpoint, which pins the node key in every export), rotating the master key (the request is
// journaled before the keyring is touched, and refused if it cannot be), and retiring old key
// versions.
#pragma once

#include <optional>
#include <string>

#include "base/result.h"
#include "journal/journal.h"
#include "vault/vault.h"

namespace amanah::keys {

struct VaultInitialised {
  std::string node_key_id;
  std::string node_public_key_hex;
};

/// Records `vault init` and writes the first checkpoint.
base::Result<VaultInitialised> RecordVaultInit(journal::Journal& journal,
                                               std::string_view master_key_source);

base::Result<vault::RotationReport> RotateMasterKey(vault::Vault& vault, journal::Journal& journal);

/// Retires versions below `version`; with `force`, `confirmed_count` must equal how many stored
/// secrets it destroys (SecretsBelow), checked again as it happens.
base::Result<void> RetireMasterKeyVersions(vault::Vault& vault, journal::Journal& journal,
                                           uint32_t version, bool force,
                                           std::optional<size_t> confirmed_count);

}  // namespace amanah::keys
