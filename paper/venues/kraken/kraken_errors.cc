// Kraken's envelope and its documented errors on the paper exchange (kraken.md §7): every answer
// is {"error": [...], "result": ...}; an error's HTTP status is 200 unless Kraken's service itself
// fails.
#include <boost/json.hpp>

#include "venues/kraken/kraken_request.h"

namespace amanah::paper::kraken {

namespace json = boost::json;

HttpResponse Envelope(const KrakenReply& reply) {
  HttpResponse r;
  json::object out;
  if (reply) {
    out = json::object{{"error", json::array{}}, {"result", *reply}};
  } else {
    r.status = reply.error().http;
    out = json::object{{"error", json::array{json::string(reply.error().error)}}};
  }
  r.body = json::serialize(out);
  return r;
}

KrakenError InvalidKey() { return KrakenError("EAPI:Invalid key"); }
KrakenError InvalidSignature() { return KrakenError("EAPI:Invalid signature"); }
KrakenError InvalidNonce() { return KrakenError("EAPI:Invalid nonce"); }
KrakenError PermissionDenied() { return KrakenError("EGeneral:Permission denied"); }
KrakenError InvalidArguments(std::string_view name) {
  return KrakenError(name.empty()
                         ? std::string("EGeneral:Invalid arguments")
                         : "EGeneral:Invalid arguments:" + std::string(name.substr(0, 40)));
}
KrakenError UnknownPair() { return KrakenError("EQuery:Unknown asset pair"); }
KrakenError UnknownOrder() { return KrakenError("EOrder:Unknown order"); }
KrakenError InsufficientFunds() { return KrakenError("EOrder:Insufficient funds"); }
KrakenError OrderMinimum() { return KrakenError("EOrder:Order minimum not met"); }
KrakenError CostMinimum() { return KrakenError("EOrder:Cost minimum not met"); }
KrakenError RateLimit() { return KrakenError("EAPI:Rate limit exceeded"); }
KrakenError Unavailable() { return KrakenError("EService:Unavailable", 503); }
KrakenError InternalError() { return KrakenError("EGeneral:Internal error", 500); }
KrakenError UnknownMethod() { return KrakenError("EGeneral:Unknown method"); }
KrakenError CannotOpenPosition() { return KrakenError("EOrder:Cannot open position"); }

}  // namespace amanah::paper::kraken
