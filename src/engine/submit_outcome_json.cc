#include "engine/submit_outcome_json.h"

#include <boost/json.hpp>

#include "order/intent.h"

namespace amanah::engine {

namespace json = boost::json;

json::object SubmitOutcomeJson(const SubmitOutcome& o) {
  json::object out{{"outcome", KindName(o.kind)}, {"checks", o.chain.ToJson()}};
  if (o.order) out["order"] = order::RowJson(*o.order);
  if (o.request) {
    out["request"] = json::object{{"method", exchange::MethodName(o.request->method)},
                                  {"path", o.request->path},
                                  {"query", o.request->query},
                                  {"body", o.request->body}};
  }
  if (o.exchange_failure) out["exchange_failure"] = o.exchange_failure->explanation;
  if (o.kind == SubmitOutcome::Kind::kDryRun) out["exchange_validated"] = o.exchange_validated;
  return out;
}

}  // namespace amanah::engine
