#include "keys/master_key.h"

#include <spdlog/spdlog.h>
#include <boost/json.hpp>

#include "crypto/encoding.h"

namespace amanah::keys {

using journal::kSystemTenant;
namespace kind = journal::kind;

base::Result<VaultInitialised> RecordVaultInit(journal::Journal& j,
                                               std::string_view master_key_source) {
  const std::string public_hex = crypto::HexEncode(j.PublicKey());
  AMANAH_TRY(j.Append(kSystemTenant, kind::kVaultInitialised,
                      {{"master_key_source", master_key_source},
                       {"keyring_version", 1},
                       {"node_key", public_hex}}));
  AMANAH_TRY(j.WriteCheckpoint());
  spdlog::info("vault initialised: master key from {}, keyring version 1, node key {}",
               master_key_source, j.key_id());
  return VaultInitialised{j.key_id(), public_hex};
}

base::Result<vault::RotationReport> RotateMasterKey(vault::Vault& vault, journal::Journal& j) {
  AMANAH_ASSIGN_OR_RETURN(auto before, vault.Status());
  if (auto r = j.Append(kSystemTenant, kind::kVaultRotationRequested,
                        {{"current_version", before.current_version}});
      !r) {
    return r.error().WithContext("master key rotation refused");
  }
  auto rotated = vault.RotateMasterKey();
  if (!rotated) {
    // The failure is recorded if it can be; the rotation's error is what the caller sees.
    if (auto r = j.Append(kSystemTenant, kind::kVaultMasterKeyRotated,
                          {{"ok", false}, {"error", rotated.error().message()}});
        !r) {
      spdlog::error("recording the failed rotation: {}", r.error().ToString());
    }
    return rotated.error();
  }
  AMANAH_TRY(j.Append(
      kSystemTenant, kind::kVaultMasterKeyRotated,
      {{"ok", true}, {"new_version", rotated->new_version}, {"rewrapped", rotated->rewrapped}}));
  spdlog::info("master key rotated to version {}; {} data keys rewrapped", rotated->new_version,
               rotated->rewrapped);
  return *rotated;
}

base::Result<void> RetireMasterKeyVersions(vault::Vault& vault, journal::Journal& j,
                                           uint32_t version, bool force,
                                           std::optional<size_t> confirmed_count) {
  boost::json::object request{{"min_decryption_version", version}, {"force", force}};
  if (confirmed_count) request["destroys"] = static_cast<uint64_t>(*confirmed_count);
  if (auto r = j.Append(kSystemTenant, kind::kVaultVersionsRetired, request); !r) {
    return r.error().WithContext("retiring master key versions refused");
  }
  if (auto r = vault.SetMinDecryptionVersion(version, force, confirmed_count); !r) {
    if (auto rec = j.Append(kSystemTenant, kind::kVaultVersionsRetired,
                            {{"ok", false}, {"error", r.error().message()}});
        !rec) {
      spdlog::error("recording the failed retirement: {}", rec.error().ToString());
    }
    return r.error();
  }
  spdlog::info("min decryption version set to {}{}", version, force ? " (forced)" : "");
  return {};
}

}  // namespace amanah::keys
