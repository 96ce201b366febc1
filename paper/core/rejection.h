// Rejection: why the paper exchange refused an order or a cancel, in venue-neutral terms. Each
// venue turns it into its own code and text (Binance: -1013 "Filter failure: LOT_SIZE", -2010,
// -2011, -2013, -1121).
#pragma once

#include <string>

#include <boost/system/result.hpp>

namespace amanah::paper {

enum class RejectCode {
  kUnknownSymbol,           ///< no such symbol
  kMarketClosed,            ///< symbol not TRADING, or the exchange is in maintenance
  kFilter,                  ///< a symbol filter failed; `detail` names it (e.g. "LOT_SIZE")
  kInsufficientBalance,     ///< not enough free balance
  kDuplicateClientOrderId,  ///< an open order already has this client order id
  kWouldTake,               ///< a LIMIT_MAKER order would trade at once
  kAccountCannotTrade,      ///< trading is disabled on the account
  kUnknownOrder,            ///< no such order on this account
  kNotOpen,                 ///< the order is no longer open (cancel)
  kWouldTrigger,            ///< a contingent order's stop price is already reached
  kNoTrigger,               ///< a contingent order with neither stop price nor trailing delta
};

struct Rejection {
  RejectCode code = RejectCode::kUnknownOrder;
  std::string detail;
};

template <typename T>
using Outcome = boost::system::result<T, Rejection>;

}  // namespace amanah::paper
