#include "vault/vault.h"

#include <string>

#include "vault/envelope.h"

namespace amanah::vault {
namespace {

using base::ErrorCode;
constexpr size_t kDekSize = 32;
const crypto::Bytes kSealedHeader{static_cast<uint8_t>(BlobFormat::kSealed)};

base::Error NotInitialised() {
  return base::Error(ErrorCode::kFailedPrecondition,
                     "the vault is not initialised; run `amanah vault init`");
}

}  // namespace

Vault::Vault(store::Store& store, base::Random& random, const base::Clock& clock,
             VaultOptions options, crypto::SecretBytes root, Keyring keyring, store::VaultMeta meta)
    : store_(store),
      random_(random),
      clock_(clock),
      options_(options),
      root_(std::move(root)),
      keyring_(std::move(keyring)),
      meta_(std::move(meta)) {}

base::Result<std::unique_ptr<Vault>> Vault::Create(store::Store& store, RootKeyProvider& provider,
                                                   base::Random& random, const base::Clock& clock,
                                                   VaultOptions options) {
  AMANAH_ASSIGN_OR_RETURN(auto existing, store.GetVaultMeta());
  if (existing) {
    return base::Fail(
        ErrorCode::kAlreadyExists,
        "the vault is already initialised (master key from " + existing->root_provider + ")");
  }
  AMANAH_ASSIGN_OR_RETURN(NewRootKey root, provider.Create(random));
  Keyring keyring;
  const base::SystemTime now = clock.Now();
  AMANAH_ASSIGN_OR_RETURN(auto first, keyring.AddNew(root.key, 1, random, now));
  store::VaultMeta meta{std::string(provider.kind()), root.kdf_record, 1, 1, now};
  AMANAH_TRY(store.InitVault(meta, first));
  return std::unique_ptr<Vault>(new Vault(store, random, clock, options, std::move(root.key),
                                          std::move(keyring), std::move(meta)));
}

base::Result<std::unique_ptr<Vault>> Vault::Open(store::Store& store, RootKeyProvider& provider,
                                                 base::Random& random, const base::Clock& clock,
                                                 VaultOptions options) {
  AMANAH_ASSIGN_OR_RETURN(auto meta, store.GetVaultMeta());
  if (!meta) return NotInitialised();
  if (meta->root_provider != provider.kind()) {
    return base::Fail(ErrorCode::kFailedPrecondition, "this vault's master key comes from \"" +
                                                          meta->root_provider + ":\", not \"" +
                                                          std::string(provider.kind()) + ":\"");
  }
  AMANAH_ASSIGN_OR_RETURN(auto root, provider.Load(meta->root_kdf));
  AMANAH_ASSIGN_OR_RETURN(auto entries, store.ListKeyring());
  AMANAH_ASSIGN_OR_RETURN(auto keyring, Keyring::Unseal(root, entries));
  if (keyring.Find(meta->current_version) == nullptr) {
    return base::Fail(ErrorCode::kDataLoss, "the keyring lacks its current version " +
                                                std::to_string(meta->current_version));
  }
  return std::unique_ptr<Vault>(new Vault(store, random, clock, options, std::move(root),
                                          std::move(keyring), std::move(*meta)));
}

base::Result<void> Vault::CountWrap(uint32_t version) {
  std::lock_guard lock(counter_mu_);
  if (reserved_version_ != version || reserved_left_ == 0) {
    auto r = store_.ReserveEncryptions(version, options_.reserve_block, options_.encryption_limit);
    uint64_t got = options_.reserve_block;
    if (!r) {  // near the limit: take what is left one at a time
      AMANAH_TRY(store_.ReserveEncryptions(version, 1, options_.encryption_limit));
      got = 1;
    }
    reserved_version_ = version;
    reserved_left_ = got;
  }
  --reserved_left_;
  return {};
}

base::Result<crypto::SecretBytes> Vault::KekCopy(uint32_t version) {
  {
    std::shared_lock lock(mu_);
    if (version < meta_.min_decryption_version) {
      return base::Fail(ErrorCode::kFailedPrecondition,
                        "this secret is wrapped under retired master key version " +
                            std::to_string(version) + " (minimum decryption version is " +
                            std::to_string(meta_.min_decryption_version) + ")");
    }
    if (const auto* kek = keyring_.Find(version))
      return crypto::SecretBytes::CopyFrom(kek->bytes());
  }
  // Another process may have rotated: reload the keyring and settings once.
  AMANAH_ASSIGN_OR_RETURN(auto entries, store_.ListKeyring());
  AMANAH_ASSIGN_OR_RETURN(auto meta, store_.GetVaultMeta());
  if (!meta) return NotInitialised();
  std::unique_lock lock(mu_);
  AMANAH_ASSIGN_OR_RETURN(auto keyring, Keyring::Unseal(root_, entries));
  keyring_ = std::move(keyring);
  meta_ = std::move(*meta);
  if (const auto* kek = keyring_.Find(version)) return crypto::SecretBytes::CopyFrom(kek->bytes());
  return base::Fail(ErrorCode::kDataLoss,
                    "no master key version " + std::to_string(version) + " in the keyring");
}

base::Result<store::Blob> Vault::WrapDek(const CredentialContext& context, uint32_t version,
                                         const crypto::SecretBytes& kek,
                                         const crypto::SecretBytes& dek) {
  AMANAH_TRY(CountWrap(version));
  return SealBlob(kek.bytes(), random_, DekHeader(version), kDekPurpose,
                  {context.tenant.value(), context.connection.value()}, dek.bytes());
}

base::Result<SealedCredential> Vault::Seal(const CredentialContext& context,
                                           std::span<const SecretInput> fields) {
  uint32_t version;
  {
    std::shared_lock lock(mu_);
    version = meta_.current_version;
  }
  AMANAH_ASSIGN_OR_RETURN(auto kek, KekCopy(version));
  crypto::SecretBytes dek(kDekSize);
  random_.Fill(dek.mutable_bytes());
  SealedCredential out;
  out.kek_version = version;
  AMANAH_ASSIGN_OR_RETURN(out.wrapped_dek, WrapDek(context, version, kek, dek));
  for (const auto& f : fields) {
    AMANAH_ASSIGN_OR_RETURN(
        auto sealed, SealBlob(dek.bytes(), random_, kSealedHeader, kSecretPurpose,
                              {context.tenant.value(), context.connection.value(), context.exchange,
                               context.api_key_id, f.field},
                              f.value->bytes()));
    out.fields.push_back(store::SealedField{std::string(f.field), std::move(sealed)});
  }
  return out;
}

base::Result<crypto::SecretBytes> Vault::UnwrapDek(const store::TenantId& tenant,
                                                   const store::ConnectionId& connection,
                                                   const store::Blob& wrapped) {
  AMANAH_ASSIGN_OR_RETURN(uint32_t version, DekVersion(wrapped));
  AMANAH_ASSIGN_OR_RETURN(auto kek, KekCopy(version));
  auto dek = OpenBlob(kek.bytes(), wrapped, DekHeader(version).size(), kDekPurpose,
                      {tenant.value(), connection.value()});
  if (!dek || dek->size() != kDekSize) {
    return base::Fail(ErrorCode::kDataLoss,
                      "the data key of connection " + connection.value() +
                          " failed authentication (corrupt, tampered or moved record)");
  }
  return std::move(*dek);
}

base::Result<crypto::SecretBytes> Vault::OpenSealed(const CredentialContext& context,
                                                    uint32_t kek_version,
                                                    const store::Blob& wrapped_dek,
                                                    std::string_view field,
                                                    const store::Blob& sealed) {
  AMANAH_ASSIGN_OR_RETURN(auto version, DekVersion(wrapped_dek));
  if (version != kek_version) {
    return base::Fail(ErrorCode::kDataLoss,
                      "record " + context.connection.value() + " names master key version " +
                          std::to_string(kek_version) + " but its data key is wrapped under " +
                          std::to_string(version));
  }
  AMANAH_ASSIGN_OR_RETURN(auto dek, UnwrapDek(context.tenant, context.connection, wrapped_dek));
  auto plain = OpenBlob(dek.bytes(), sealed, kSealedHeader.size(), kSecretPurpose,
                        {context.tenant.value(), context.connection.value(), context.exchange,
                         context.api_key_id, field});
  if (!plain) {
    return base::Fail(ErrorCode::kDataLoss,
                      "the sealed " + std::string(field) + " of " + context.connection.value() +
                          " failed authentication (corrupt, tampered or moved record)");
  }
  return std::move(*plain);
}

base::Result<crypto::SecretBytes> Vault::OpenField(const store::Connection& connection,
                                                   std::string_view field) {
  if (connection.wrapped_dek.empty()) {
    return base::Fail(ErrorCode::kFailedPrecondition,
                      "connection \"" + connection.label + "\" has no secret (it was revoked)");
  }
  for (const auto& f : connection.sealed) {
    if (f.field == field) {
      return OpenSealed(CredentialContext::Of(connection), connection.kek_version,
                        connection.wrapped_dek, field, f.sealed);
    }
  }
  return base::Fail(
      ErrorCode::kNotFound,
      "connection \"" + connection.label + "\" has no sealed field \"" + std::string(field) + "\"");
}

base::Result<void> Vault::StoreSystemSecret(std::string_view name, std::string_view public_info,
                                            const crypto::SecretBytes& secret) {
  const SecretInput fields[] = {{"secret", &secret}};
  AMANAH_ASSIGN_OR_RETURN(auto sealed, Seal(CredentialContext::System(name), fields));
  return store_.InsertSystemSecret(store::SystemSecret{
      std::string(name), std::string(public_info), sealed.kek_version,
      std::move(sealed.wrapped_dek), std::move(sealed.fields.front().sealed), clock_.Now()});
}

base::Result<crypto::SecretBytes> Vault::OpenSystemSecret(std::string_view name) {
  AMANAH_ASSIGN_OR_RETURN(auto row, store_.GetSystemSecret(name));
  if (!row) {
    return base::Fail(ErrorCode::kNotFound, "no system secret \"" + std::string(name) + "\"");
  }
  return OpenSealed(CredentialContext::System(name), row->kek_version, row->wrapped_dek, "secret",
                    row->sealed);
}

base::Result<uint32_t> Vault::AddKeyVersion() {
  std::unique_lock lock(mu_);
  // Start from the store's view, in case another process rotated since we opened.
  AMANAH_ASSIGN_OR_RETURN(auto meta, store_.GetVaultMeta());
  if (!meta) return NotInitialised();
  const uint32_t version = std::max(meta->current_version, keyring_.Latest()) + 1;
  AMANAH_ASSIGN_OR_RETURN(auto entry, keyring_.AddNew(root_, version, random_, clock_.Now()));
  AMANAH_TRY(store_.AddKeyringVersion(entry));
  meta_ = std::move(*meta);
  meta_.current_version = version;
  return version;
}

base::Result<size_t> Vault::RewrapAll() {
  uint32_t current;
  {
    std::shared_lock lock(mu_);
    current = meta_.current_version;
  }
  AMANAH_ASSIGN_OR_RETURN(auto kek, KekCopy(current));
  size_t total = 0;
  for (;;) {
    AMANAH_ASSIGN_OR_RETURN(auto batch, store_.ListDeksNotUnder(current, options_.rewrap_batch));
    if (batch.empty()) break;
    std::vector<store::DekRewrap> rewraps;
    rewraps.reserve(batch.size());
    for (auto& row : batch) {
      AMANAH_ASSIGN_OR_RETURN(auto dek, UnwrapDek(row.tenant, row.connection, row.wrapped_dek));
      AMANAH_ASSIGN_OR_RETURN(
          auto wrapped,
          WrapDek(CredentialContext{row.tenant, row.connection, "", ""}, current, kek, dek));
      rewraps.push_back(store::DekRewrap{row.owner, row.connection, std::move(row.wrapped_dek),
                                         current, std::move(wrapped)});
    }
    AMANAH_ASSIGN_OR_RETURN(size_t written, store_.ReplaceWrappedDeks(rewraps));
    total += written;
  }
  return total;
}

base::Result<RotationReport> Vault::RotateMasterKey() {
  AMANAH_ASSIGN_OR_RETURN(uint32_t version, AddKeyVersion());
  AMANAH_ASSIGN_OR_RETURN(size_t rewrapped, RewrapAll());
  return RotationReport{version, rewrapped};
}

base::Result<void> Vault::SetMinDecryptionVersion(uint32_t version, bool force) {
  AMANAH_ASSIGN_OR_RETURN(auto meta, store_.GetVaultMeta());
  if (!meta) return NotInitialised();
  if (version < 1 || version > meta->current_version) {
    return base::Fail(ErrorCode::kInvalidArgument,
                      "the minimum decryption version must be between 1 and the current version " +
                          std::to_string(meta->current_version));
  }
  if (!force) {
    AMANAH_ASSIGN_OR_RETURN(auto counts, store_.CountDeksByVersion());
    uint64_t below = 0;
    for (size_t v = 0; v < counts.size() && v < version; ++v) below += counts[v];
    if (below > 0) {
      return base::Fail(ErrorCode::kFailedPrecondition,
                        std::to_string(below) +
                            " stored secret(s) are still wrapped under versions "
                            "below " +
                            std::to_string(version) +
                            " and would become unreadable; run `amanah vault rotate-master-key` "
                            "first (or pass --force to retire them anyway)");
    }
  }
  AMANAH_TRY(store_.SetMinDecryptionVersion(version));
  std::unique_lock lock(mu_);
  meta_ = std::move(*meta);
  meta_.min_decryption_version = version;
  return {};
}

base::Result<void> Vault::Shred(const store::ConnectionId& connection) {
  return store_.ShredCredential(connection);
}

base::Result<VaultStatus> Vault::Status() {
  AMANAH_ASSIGN_OR_RETURN(auto meta, store_.GetVaultMeta());
  if (!meta) return NotInitialised();
  AMANAH_ASSIGN_OR_RETURN(auto entries, store_.ListKeyring());
  AMANAH_ASSIGN_OR_RETURN(auto counts, store_.CountDeksByVersion());
  VaultStatus s{meta->root_provider,
                meta->current_version,
                meta->min_decryption_version,
                options_.encryption_limit,
                {}};
  for (const auto& e : entries) {
    s.versions.push_back({e.version, e.created_at, e.encryptions,
                          e.version < counts.size() ? counts[e.version] : 0});
  }
  return s;
}

}  // namespace amanah::vault
