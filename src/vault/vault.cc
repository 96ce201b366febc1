#include "vault/vault.h"

#include <string>

#include "vault/envelope.h"

namespace amanah::vault {
namespace {

using base::ErrorCode;
using store::Access;
using store::UnitOfWork;
constexpr size_t kDekSize = 32;
constexpr size_t kStateKeySize = 32;
const crypto::Bytes kSealedHeader{static_cast<uint8_t>(BlobFormat::kSealed)};
constexpr std::string_view kPassphraseField = "passphrase";

base::Error NotInitialised() {
  return base::Error(ErrorCode::kFailedPrecondition,
                     "the vault is not initialised; run `amanah vault init`");
}

}  // namespace

std::string_view SecretFieldFor(std::string_view key_type) {
  return key_type == "hmac" ? "secret" : "private_key";
}

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
  AMANAH_ASSIGN_OR_RETURN(auto existing,
                          store.Read([](UnitOfWork& u) { return u.keyring().GetVaultMeta(); }));
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
  AMANAH_TRY(store.Write([&](UnitOfWork& u) { return u.keyring().InitVault(meta, first); }));
  std::unique_ptr<Vault> vault(new Vault(store, random, clock, options, std::move(root.key),
                                         std::move(keyring), std::move(meta)));
  AMANAH_TRY(vault->LoadStateKey(/*create=*/true));
  return vault;
}

base::Result<std::unique_ptr<Vault>> Vault::Open(store::Store& store, RootKeyProvider& provider,
                                                 base::Random& random, const base::Clock& clock,
                                                 VaultOptions options) {
  AMANAH_ASSIGN_OR_RETURN(auto meta,
                          store.Read([](UnitOfWork& u) { return u.keyring().GetVaultMeta(); }));
  if (!meta) return NotInitialised();
  if (meta->root_provider != provider.kind()) {
    return base::Fail(ErrorCode::kFailedPrecondition, "this vault's master key comes from \"" +
                                                          meta->root_provider + ":\", not \"" +
                                                          std::string(provider.kind()) + ":\"");
  }
  AMANAH_ASSIGN_OR_RETURN(auto root, provider.Load(meta->root_kdf));
  AMANAH_ASSIGN_OR_RETURN(auto entries,
                          store.Read([](UnitOfWork& u) { return u.keyring().ListKeyring(); }));
  AMANAH_ASSIGN_OR_RETURN(auto keyring, Keyring::Unseal(root, entries));
  if (keyring.Find(meta->current_version) == nullptr) {
    return base::Fail(ErrorCode::kDataLoss, "the keyring lacks its current version " +
                                                std::to_string(meta->current_version));
  }
  std::unique_ptr<Vault> vault(new Vault(store, random, clock, options, std::move(root),
                                         std::move(keyring), std::move(*meta)));
  AMANAH_TRY(vault->LoadStateKey(/*create=*/false));
  return vault;
}

base::Result<void> Vault::LoadStateKey(bool create) {
  auto key = OpenSystemSecret(kStateKeyName);
  if (!key && key.error().code() == ErrorCode::kNotFound) {
    // A vault made before state MACs has none: make it, unless some row already carries a MAC —
    // then the key was deleted, and a new one must not quietly take its place.
    if (!create) {
      AMANAH_ASSIGN_OR_RETURN(auto all,
                              store_.Read([](UnitOfWork& u) { return u.connections().ListAll(); }));
      for (const auto& c : all) {
        if (!c.state_mac.empty()) {
          return base::Fail(ErrorCode::kDataLoss,
                            "the vault's state key is missing although stored connections carry "
                            "MACs made with it: the data directory was tampered with; restore it "
                            "from a backup");
        }
      }
    }
    crypto::SecretBytes fresh(kStateKeySize);
    random_.Fill(fresh.mutable_bytes());
    AMANAH_TRY(StoreSystemSecret(kStateKeyName, "", fresh));
    key = OpenSystemSecret(kStateKeyName);
  }
  if (!key) return key.error().WithContext("the vault's state key");
  AMANAH_ASSIGN_OR_RETURN(auto mac, StateMac::FromKey(*key));
  state_mac_ = std::make_unique<StateMac>(std::move(mac));
  return {};
}

base::Result<void> Vault::CountWrap(uint32_t version) {
  std::lock_guard lock(counter_mu_);
  if (reserved_version_ != version || reserved_left_ == 0) {
    auto reserve = [&](uint64_t n) {
      return store_.Write([&](UnitOfWork& u) {
        return u.keyring().ReserveEncryptions(version, n, options_.encryption_limit);
      });
    };
    uint64_t got = options_.reserve_block;
    if (!reserve(got)) {  // near the limit: take what is left one at a time
      AMANAH_TRY(reserve(1));
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
  AMANAH_ASSIGN_OR_RETURN(auto entries,
                          store_.Read([](UnitOfWork& u) { return u.keyring().ListKeyring(); }));
  AMANAH_ASSIGN_OR_RETURN(auto meta,
                          store_.Read([](UnitOfWork& u) { return u.keyring().GetVaultMeta(); }));
  if (!meta) return NotInitialised();
  std::unique_lock lock(mu_);
  AMANAH_ASSIGN_OR_RETURN(auto keyring, Keyring::Unseal(root_, entries));
  keyring_ = std::move(keyring);
  meta_ = std::move(*meta);
  if (const auto* kek = keyring_.Find(version)) return crypto::SecretBytes::CopyFrom(kek->bytes());
  return base::Fail(ErrorCode::kDataLoss,
                    "no master key version " + std::to_string(version) + " in the keyring");
}

base::Result<uint32_t> Vault::CurrentVersion() {
  AMANAH_ASSIGN_OR_RETURN(auto meta,
                          store_.Read([](UnitOfWork& u) { return u.keyring().GetVaultMeta(); }));
  if (!meta) return NotInitialised();
  return meta->current_version;
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
  AMANAH_ASSIGN_OR_RETURN(uint32_t version, CurrentVersion());
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

base::Result<SealedCredential> Vault::SealCredential(const CredentialContext& context,
                                                     std::string_view key_type,
                                                     const crypto::SecretBytes& secret,
                                                     const crypto::SecretBytes* passphrase) {
  std::vector<SecretInput> inputs{{SecretFieldFor(key_type), &secret}};
  if (passphrase) inputs.push_back({kPassphraseField, passphrase});
  return Seal(context, inputs);
}

base::Result<void> Vault::CheckCurrent(UnitOfWork& unit, uint32_t kek_version) {
  AMANAH_ASSIGN_OR_RETURN(auto meta, unit.keyring().GetVaultMeta());
  if (!meta) return NotInitialised();
  if (meta->current_version != kek_version) {
    return base::Fail(ErrorCode::kAborted, "the master key was rotated to version " +
                                               std::to_string(meta->current_version) +
                                               " while this secret was sealed under version " +
                                               std::to_string(kek_version) + "; seal it again");
  }
  return {};
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
  AMANAH_TRY(VerifyState(connection));
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

base::Result<CredentialSecrets> Vault::OpenCredential(const store::Connection& connection) {
  CredentialSecrets out;
  AMANAH_ASSIGN_OR_RETURN(out.secret, OpenField(connection, SecretFieldFor(connection.key_type)));
  for (const auto& f : connection.sealed) {
    if (f.field == kPassphraseField) {
      AMANAH_ASSIGN_OR_RETURN(auto passphrase, OpenField(connection, kPassphraseField));
      out.passphrase = std::move(passphrase);
    }
  }
  return out;
}

void Vault::SealState(store::Connection& connection) const {
  connection.state_mac = state_mac_->Of(connection);
}

base::Result<void> Vault::VerifyState(const store::Connection& connection) const {
  return state_mac_->Verify(connection);
}

base::Result<void> Vault::Shred(UnitOfWork& unit, store::Connection& connection) {
  AMANAH_TRY(VerifyState(connection));
  connection.status = store::ConnectionStatus::kRevoked;
  connection.kek_version = 0;
  connection.wrapped_dek.clear();
  connection.sealed.clear();
  SealState(connection);
  return unit.connections().Shred(connection.id, connection.state_mac);
}

base::Result<void> Vault::StoreSystemSecret(std::string_view name, std::string_view public_info,
                                            const crypto::SecretBytes& secret) {
  const SecretInput fields[] = {{"secret", &secret}};
  for (int attempt = 0;; ++attempt) {
    AMANAH_ASSIGN_OR_RETURN(auto sealed, Seal(CredentialContext::System(name), fields));
    auto stored = store_.Write([&](UnitOfWork& u) -> base::Result<void> {
      AMANAH_TRY(CheckCurrent(u, sealed.kek_version));
      return u.keyring().InsertSystemSecret(
          store::SystemSecret{std::string(name), std::string(public_info), sealed.kek_version,
                              sealed.wrapped_dek, sealed.fields.front().sealed, clock_.Now()});
    });
    if (stored || stored.error().code() != ErrorCode::kAborted || attempt == 3) return stored;
  }
}

base::Result<crypto::SecretBytes> Vault::OpenSystemSecret(std::string_view name) {
  AMANAH_ASSIGN_OR_RETURN(
      auto row, store_.Read([&](UnitOfWork& u) { return u.keyring().GetSystemSecret(name); }));
  if (!row) {
    return base::Fail(ErrorCode::kNotFound, "no system secret \"" + std::string(name) + "\"");
  }
  return OpenSealed(CredentialContext::System(name), row->kek_version, row->wrapped_dek, "secret",
                    row->sealed);
}

base::Result<uint32_t> Vault::AddKeyVersion() {
  std::unique_lock lock(mu_);
  // The new version is chosen and stored in one write unit, from the store's view, so two
  // processes rotating at once each add their own version.
  store::KeyringEntry entry;
  store::VaultMeta meta;
  AMANAH_TRY(store_.Write([&](UnitOfWork& u) -> base::Result<void> {
    AMANAH_ASSIGN_OR_RETURN(auto current, u.keyring().GetVaultMeta());
    if (!current) return NotInitialised();
    AMANAH_ASSIGN_OR_RETURN(auto entries, u.keyring().ListKeyring());
    uint32_t latest = current->current_version;
    for (const auto& e : entries) latest = std::max(latest, e.version);
    AMANAH_ASSIGN_OR_RETURN(entry, keyring_.AddNew(root_, latest + 1, random_, clock_.Now()));
    meta = *current;
    meta.current_version = entry.version;
    return u.keyring().AddKeyringVersion(entry);
  }));
  meta_ = std::move(meta);
  return entry.version;
}

base::Result<size_t> Vault::RewrapAll() {
  AMANAH_ASSIGN_OR_RETURN(uint32_t current, CurrentVersion());
  AMANAH_ASSIGN_OR_RETURN(auto kek, KekCopy(current));
  size_t total = 0;
  for (;;) {
    AMANAH_ASSIGN_OR_RETURN(auto batch, store_.Read([&](UnitOfWork& u) {
      return u.keyring().ListDeksNotUnder(current, options_.rewrap_batch);
    }));
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
    AMANAH_ASSIGN_OR_RETURN(size_t written, store_.Write([&](UnitOfWork& u) {
      return u.keyring().ReplaceWrappedDeks(rewraps);
    }));
    total += written;
  }
  return total;
}

base::Result<RotationReport> Vault::RotateMasterKey() {
  AMANAH_ASSIGN_OR_RETURN(uint32_t version, AddKeyVersion());
  AMANAH_ASSIGN_OR_RETURN(size_t rewrapped, RewrapAll());
  return RotationReport{version, rewrapped};
}

base::Result<std::vector<store::WrappedDek>> Vault::SecretsBelow(uint32_t version) {
  return store_.Read([&](UnitOfWork& u) { return u.keyring().ListDeksBelow(version); });
}

base::Result<void> Vault::SetMinDecryptionVersion(uint32_t version, bool force,
                                                  std::optional<size_t> expected_destroyed) {
  store::VaultMeta meta;
  AMANAH_TRY(store_.Write([&](UnitOfWork& u) -> base::Result<void> {
    AMANAH_ASSIGN_OR_RETURN(auto current, u.keyring().GetVaultMeta());
    if (!current) return NotInitialised();
    if (version < 1 || version > current->current_version) {
      return base::Fail(
          ErrorCode::kInvalidArgument,
          "the minimum decryption version must be between 1 and the current version " +
              std::to_string(current->current_version));
    }
    AMANAH_ASSIGN_OR_RETURN(auto below, u.keyring().ListDeksBelow(version));
    if (force && expected_destroyed && *expected_destroyed != below.size()) {
      return base::Fail(ErrorCode::kAborted,
                        "retiring would now destroy " + std::to_string(below.size()) +
                            " stored secret(s), not the " + std::to_string(*expected_destroyed) +
                            " confirmed; nothing was changed");
    }
    if (!force) {
      if (!below.empty()) {
        return base::Fail(ErrorCode::kFailedPrecondition,
                          std::to_string(below.size()) +
                              " stored secret(s) are still wrapped under versions below " +
                              std::to_string(version) +
                              " and would become unreadable; run `amanah vault "
                              "rotate-master-key` first (or pass --force to retire them anyway)");
      }
    }
    meta = *current;
    meta.min_decryption_version = version;
    return u.keyring().SetMinDecryptionVersion(version);
  }));
  std::unique_lock lock(mu_);
  meta_ = std::move(meta);
  return {};
}

base::Result<VaultStatus> Vault::Status() {
  return store_.Read([&](UnitOfWork& u) -> base::Result<VaultStatus> {
    AMANAH_ASSIGN_OR_RETURN(auto meta, u.keyring().GetVaultMeta());
    if (!meta) return NotInitialised();
    AMANAH_ASSIGN_OR_RETURN(auto entries, u.keyring().ListKeyring());
    AMANAH_ASSIGN_OR_RETURN(auto counts, u.keyring().CountDeksByVersion());
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
  });
}

}  // namespace amanah::vault
