#include "order/lifecycle.h"

#include <array>
#include <string>

#include "journal/record.h"

namespace amanah::order {
namespace {

constexpr std::array<std::pair<State, std::string_view>, 9> kNames{{
    {State::kIntended, "intended"},
    {State::kRejected, "rejected"},
    {State::kPending, "pending"},
    {State::kPlaced, "placed"},
    {State::kPartiallyFilled, "partially_filled"},
    {State::kFilled, "filled"},
    {State::kCancelled, "cancelled"},
    {State::kExpired, "expired"},
    {State::kUnknown, "unknown"},
}};

// Where an order on the exchange can go next (placed, partially filled).
bool AfterPlacement(State to) {
  return to == State::kPartiallyFilled || to == State::kFilled || to == State::kCancelled ||
         to == State::kExpired;
}

}  // namespace

std::string_view StateName(State s) {
  for (const auto& [state, name] : kNames) {
    if (state == s) return name;
  }
  return "?";
}

std::optional<State> ParseState(std::string_view name) {
  for (const auto& [state, n] : kNames) {
    if (n == name) return state;
  }
  return std::nullopt;
}

bool IsFinal(State s) {
  return s == State::kRejected || s == State::kFilled || s == State::kCancelled ||
         s == State::kExpired;
}

bool IsOpen(State s) { return s == State::kPlaced || s == State::kPartiallyFilled; }

bool NeedsSettlement(State s) { return s == State::kPending || s == State::kUnknown; }

bool CanMove(State from, State to) {
  switch (from) {
    case State::kIntended:
      return to == State::kRejected || to == State::kPending;
    case State::kPending:
    case State::kUnknown:
      // The first answer (or the settling query) may find the order anywhere in its life; an
      // exchange that never saw it leaves it rejected.
      return to == State::kPlaced || to == State::kRejected || to == State::kUnknown ||
             AfterPlacement(to);
    case State::kPlaced:
      return AfterPlacement(to);
    case State::kPartiallyFilled:
      return AfterPlacement(to);
    case State::kRejected:
    case State::kFilled:
    case State::kCancelled:
    case State::kExpired:
      return false;
  }
  return false;
}

base::Result<void> CheckMove(State from, State to) {
  if (CanMove(from, to)) return {};
  return base::Fail(base::ErrorCode::kFailedPrecondition, "an order cannot go from " +
                                                              std::string(StateName(from)) +
                                                              " to " + std::string(StateName(to)));
}

std::string_view TransitionKind(State from, State to) {
  namespace kind = journal::kind;
  if (from == State::kUnknown && to != State::kUnknown) return kind::kOrderSettled;
  switch (to) {
    case State::kIntended:
      return kind::kOrderIntent;
    case State::kRejected:
      return kind::kOrderRejected;
    case State::kPending:
      return kind::kOrderIntent;
    case State::kPlaced:
      return kind::kOrderPlaced;
    case State::kPartiallyFilled:
    case State::kFilled:
      return kind::kOrderFilled;
    case State::kCancelled:
      return kind::kOrderCancelled;
    case State::kExpired:
      return kind::kOrderExpired;
    case State::kUnknown:
      return kind::kOrderUnknown;
  }
  return kind::kOrderUnknown;
}

State FromExchange(exchange::OrderStatus status) {
  switch (status) {
    case exchange::OrderStatus::kNew:
    case exchange::OrderStatus::kPendingCancel:
      return State::kPlaced;
    case exchange::OrderStatus::kPartiallyFilled:
      return State::kPartiallyFilled;
    case exchange::OrderStatus::kFilled:
      return State::kFilled;
    case exchange::OrderStatus::kCanceled:
      return State::kCancelled;
    case exchange::OrderStatus::kRejected:
      return State::kRejected;
    case exchange::OrderStatus::kExpired:
      return State::kExpired;
    case exchange::OrderStatus::kUnknown:
      return State::kUnknown;
  }
  return State::kUnknown;
}

}  // namespace amanah::order
