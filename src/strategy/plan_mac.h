// PlanMac: a plan's stored state, its runs and its webhook signals authenticated like a
// connection's (vault/state_mac.h), so that someone who can write the database cannot make Amanah
// run a plan they changed (another pair, a larger amount, an earlier next run) or send intents
// they wrote into a run left "started". A row whose MAC fails is refused as kDataLoss naming it.
//
// Grammars (fields length-prefixed as StateMac::Of does; decimals as their exact text, times in
// ms, an absent next run as a missing field):
//   "amanah/state/plan/v1" ‖ tenant ‖ id ‖ connection ‖ name ‖ kind ‖ status ‖ status_reason ‖
//     period ‖ time_zone ‖ catch_up ‖ spec ‖ created_at ‖ opt(next_run) ‖ spent ‖ runs
//   "amanah/state/plan-run/v1" ‖ tenant ‖ plan_id ‖ slot ‖ state ‖ intents ‖ outcome
//   "amanah/state/plan-signal/v1" ‖ tenant ‖ plan_id ‖ signal_id ‖ received_at ‖ body ‖ state ‖
//     order_id
// The webhook secret is not stored at all: it is HMAC-SHA256 under the state key over
// "amanah/webhook-secret/v1" ‖ plan id ‖ nonce (the nonce is in the plan's MAC'd spec), as 64 hex
// characters — so it is as safe as the master key, and a new nonce is a new secret.
#pragma once

#include <string_view>

#include "base/result.h"
#include "crypto/secret_bytes.h"
#include "store/plan_repository.h"
#include "vault/state_mac.h"

namespace amanah::strategy {

void Seal(const vault::StateMac& mac, store::PlanRow& row);
base::Result<void> Verify(const vault::StateMac& mac, const store::PlanRow& row);
void Seal(const vault::StateMac& mac, store::PlanRunRow& row);
base::Result<void> Verify(const vault::StateMac& mac, const store::PlanRunRow& row);
void Seal(const vault::StateMac& mac, store::SignalRow& row);
base::Result<void> Verify(const vault::StateMac& mac, const store::SignalRow& row);

/// The plan's webhook secret (64 lowercase hex characters).
crypto::SecretBytes WebhookSecret(const vault::StateMac& mac, std::string_view plan_id,
                                  std::string_view nonce);

}  // namespace amanah::strategy
