// IntentInput: an order as a person or a script writes it — words and decimal strings ("buy",
// "BTCUSDT", "0.01", "stop_loss_limit") from the CLI's flags or the API's JSON body — and the one
// place they become an Intent: the pair upper-cased, each amount parsed exactly once, the side,
// type and time in force checked against their names (an unknown one is an error naming the
// choices, never a default), the type "limit" when a limit price is given and "market" otherwise.
#pragma once

#include <optional>
#include <string>

#include "base/result.h"
#include "order/intent.h"

namespace amanah::order {

struct IntentInput {
  std::string connection;
  std::string pair;
  std::string side;  ///< "buy" | "sell"
  std::string quantity;
  std::string quote_amount;
  std::string limit;
  std::string type;  ///< empty: limit with a limit price, else market
  std::string tif = "gtc";
  std::string trigger;
  int64_t trailing_bips = 0;
  std::string id;  ///< empty: the fresh id of `base`
};

/// `base` (a fresh intent with its tenant and id) completed from `input`; kInvalidArgument naming
/// the field that is wrong. The intent's own rules (Validate) are checked by the engine.
base::Result<Intent> BuildIntent(const IntentInput& input, Intent base);

}  // namespace amanah::order
