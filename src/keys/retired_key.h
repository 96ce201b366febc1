// A connection's former key as the vault can open it: the retired row's MAC (under the vault's
// state key, over every field that says which key it is and whose), and the connection row it
// stood in, rebuilt so that its sealed fields — bound to the connection's id and the old API key
// id — open as they did before the rotation.
#pragma once

#include "store/records.h"
#include "vault/state_mac.h"

namespace amanah::keys {

store::Blob RetiredKeyMac(const vault::StateMac& mac, const store::RetiredKey& key);
/// kDataLoss naming the connection if the retired key's MAC fails.
base::Result<void> VerifyRetiredKey(const vault::StateMac& mac, const store::RetiredKey& key);

/// `owner` as it stood with `key`: suspended (it never trades), its credential the old one. The
/// caller seals its state before handing it to the vault.
store::Connection AsConnection(const store::Connection& owner, const store::RetiredKey& key);

}  // namespace amanah::keys
