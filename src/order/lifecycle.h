// Lifecycle: where an order of Amanah's stands, and which moves between states are allowed.
//
//   intended ─┬─> rejected                      (a check refused it; nothing was sent)
//             └─> pending ─┬─> placed ─┬─> partially_filled ─┬─> filled
//                          │           │                     ├─> cancelled
//                          │           │                     └─> expired
//                          │           ├─> filled | cancelled | expired
//                          ├─> rejected (the exchange refused it)
//                          ├─> (any state placed can reach, when the first answer says so)
//                          └─> unknown ──> (settled: whatever the exchange says; rejected when it
//                                           never saw the order)
//
// `pending` is written, durably, before the order is signed and sent; `unknown` when it was sent
// and no answer came. Both are settled by asking the exchange for the client order id, never by
// sending again. Every transition is journaled under the kind TransitionKind gives. Values.
#pragma once

#include <optional>
#include <string_view>

#include "base/result.h"
#include "exchange/order.h"

namespace amanah::order {

enum class State {
  kIntended,
  kRejected,
  kPending,
  kPlaced,
  kPartiallyFilled,
  kFilled,
  kCancelled,
  kExpired,
  kUnknown,
};

std::string_view StateName(State s);  ///< "partially_filled", …
std::optional<State> ParseState(std::string_view name);

/// Nothing more can happen to an order in this state.
bool IsFinal(State s);
/// Resting on the exchange (placed or partially filled).
bool IsOpen(State s);
/// Sent, or about to be, without a known outcome: settled by the client order id.
bool NeedsSettlement(State s);

/// Whether `from` → `to` is a move of the lifecycle (staying in partially_filled with more fills
/// is one: each fill is recorded).
bool CanMove(State from, State to);
/// kFailedPrecondition naming both states if the move is not allowed.
base::Result<void> CheckMove(State from, State to);

/// The journal kind that records entering `to` from `from` ("order.placed", "order.settled", …).
std::string_view TransitionKind(State from, State to);

/// The state an exchange's report of the order puts it in.
State FromExchange(exchange::OrderStatus status);

}  // namespace amanah::order
