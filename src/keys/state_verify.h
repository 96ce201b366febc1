// State verification: holds the stored connections against the journal. Every state change of a
// connection is journaled with the state it left (status and state MAC), so the connection rows
// must equal what their last records say — a row rolled back to an older authentic copy, edited,
// inserted or deleted behind Amanah's back shows up here (`amanah journal verify --state`); with
// the vault open, each row's MAC is checked as well. Verify the journal itself first
// (journal/verify.h): this trusts the records it reads.
#pragma once

#include <string>
#include <vector>

#include "base/result.h"
#include "store/store.h"
#include "vault/state_mac.h"

namespace amanah::keys {

struct StateReport {
  bool ok = true;
  uint64_t connections = 0;
  std::vector<std::string> problems;
};

/// `mac`, when given, also checks every row's state MAC.
base::Result<StateReport> VerifyStoredState(store::Store& store, const vault::StateMac* mac);

}  // namespace amanah::keys
