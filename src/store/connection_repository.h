// ConnectionRepository: exchange connections — one API key each, its sealed credential, its status
// and audit times. A revoked connection stays as a record; only live ones (active or suspended)
// hold a label and a key fingerprint uniquely, so a revoked key can be connected again under the
// same label. Reached through a UnitOfWork.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "store/records.h"

namespace amanah::store {

class ConnectionRepository {
 public:
  virtual ~ConnectionRepository() = default;
  /// kAlreadyExists if a live connection of the tenant has the label, or any live connection has
  /// the key fingerprint.
  virtual base::Result<void> Insert(const Connection& connection) = 0;
  virtual base::Result<std::optional<Connection>> Get(const ConnectionId& id) = 0;
  /// The live connection with this label, else the most recent revoked one.
  virtual base::Result<std::optional<Connection>> FindByLabel(const TenantId& tenant,
                                                              std::string_view label) = 0;
  /// Every connection of the tenant, revoked ones included, by label then creation.
  virtual base::Result<std::vector<Connection>> List(const TenantId& tenant) = 0;
  /// Every connection of every tenant (state verification, rotation).
  virtual base::Result<std::vector<Connection>> ListAll() = 0;
  /// The same without the sealed credential fields (`sealed` left empty): for listing and
  /// scheduling, which never need the ciphertexts — cheaper, and no secret is read for nothing.
  virtual base::Result<std::vector<Connection>> ListStates(
      const std::optional<TenantId>& tenant) = 0;
  /// Writes the connection's state (status, account pin, endpoint, label, audit and key times,
  /// state MAC); the credential material is changed only by Shred and rewrapping. kNotFound if
  /// there is no such connection.
  virtual base::Result<void> UpdateState(const Connection& connection) = 0;
  /// Deletes the wrapped data key and every sealed field together and marks the connection
  /// revoked, with `mac` as its new state MAC (crypto-shred). kNotFound if there is none.
  virtual base::Result<void> Shred(const ConnectionId& id, const Blob& mac) = 0;

  /// Rotation, inside one unit: writes the connection's new key (api key id, fingerprint, key
  /// type, key creation time, credential material, state MAC) and keeps the old one as `retired`.
  /// kAlreadyExists if a live connection has the new fingerprint; kNotFound if there is no such
  /// connection.
  virtual base::Result<void> ReplaceKey(const Connection& connection,
                                        const RetiredKey& retired) = 0;
  /// The retired keys still held (of one connection, or of every connection), oldest first.
  virtual base::Result<std::vector<RetiredKey>> RetiredKeys(
      const std::optional<ConnectionId>& connection) = 0;
  /// Writes a retired key's probe time, note and MAC. kNotFound if it is gone.
  virtual base::Result<void> UpdateRetiredKey(const RetiredKey& retired) = 0;
  /// Deletes a retired key and its sealed fields (crypto-shred); false if there was none.
  virtual base::Result<bool> DeleteRetiredKey(std::string_view id) = 0;

  /// Stores what the last check of the connection found (replacing what was there).
  virtual base::Result<void> PutHealth(const ConnectionHealth& health) = 0;
  virtual base::Result<std::optional<ConnectionHealth>> Health(const ConnectionId& id) = 0;

  /// Adds (or re-approves) a pair on the connection's allow-list.
  virtual base::Result<void> ApprovePair(const ApprovedPair& pair) = 0;
  /// Whether the pair was on the list.
  virtual base::Result<bool> RevokePair(const ConnectionId& id, std::string_view symbol) = 0;
  /// The connection's approved pairs, by symbol.
  virtual base::Result<std::vector<ApprovedPair>> ApprovedPairs(const ConnectionId& id) = 0;
};

}  // namespace amanah::store
