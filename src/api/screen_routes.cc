// Screening: an asset's or a pair's verdict with the rules that fired and their citations, every
// asset, one rule explained, the rulesets Amanah ships. The same JSON as `amanah screen --json`.
#include <boost/json.hpp>

#include "api/problem.h"
#include "api/routes.h"
#include "screen/rule_json.h"
#include "screen/shipped_data.h"
#include "screen/verdicts_json.h"

namespace amanah::api {

namespace json = boost::json;
using boost::asio::awaitable;
using server::HttpResponse;

namespace {

/// The screening the request asks for: ?ruleset=NAME (a shipped ruleset), else the configured one.
base::Result<const screen::Screening*> ScreeningFor(Services& s, const Call& call) {
  if (auto name = call.Query("ruleset"); name && !name->empty()) return s.env.screening(*name);
  return s.env.screening();
}

}  // namespace

void AddScreenRoutes(Router& router, Services& s) {
  auto screen_one = [&s](Call& call) -> awaitable<HttpResponse> {
    auto l = ScreeningFor(s, call);
    if (!l) co_return Problem(l.error(), PathOf(call.request.target));
    std::string subject = call.Param("subject");
    for (char& c : subject) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    co_return Json(200, screen::VerdictsJson(**l, {(*l)->screener().Screen(subject)}));
  };
  router.Add("GET", "/api/v1/screen/assets/{subject}", Guard::kRead, screen_one);
  router.Add("GET", "/api/v1/screen/pairs/{subject}", Guard::kRead, screen_one);

  router.Add("GET", "/api/v1/screen/assets", Guard::kRead,
             [&s](Call& call) -> awaitable<HttpResponse> {
               auto l = ScreeningFor(s, call);
               if (!l) co_return Problem(l.error(), PathOf(call.request.target));
               co_return Json(200, screen::VerdictsJson(**l, (*l)->screener().ScreenAll()));
             });

  router.Add("GET", "/api/v1/screen/rules/{id}", Guard::kRead,
             [&s](Call& call) -> awaitable<HttpResponse> {
               auto l = ScreeningFor(s, call);
               if (!l) co_return Problem(l.error(), PathOf(call.request.target));
               const screen::Rule* rule = (*l)->ruleset().FindRule(call.Param("id"));
               if (rule == nullptr) {
                 co_return Problem(404, "not_found", "no rule with that id in the ruleset in use",
                                   PathOf(call.request.target));
               }
               co_return Json(200, screen::RuleJson((*l)->ruleset(), *rule));
             });

  router.Add("GET", "/api/v1/screen/rulesets", Guard::kRead,
             [&s](Call& call) -> awaitable<HttpResponse> {
               auto l = s.env.screening();
               if (!l) co_return Problem(l.error(), PathOf(call.request.target));
               json::array shipped;
               for (auto name : screen::ShippedRulesetNames()) shipped.emplace_back(name);
               const auto& rs = (*l)->ruleset();
               co_return Json(200, json::object{{"in_use", json::object{{"id", rs.id()},
                                                                        {"version", rs.version()},
                                                                        {"sha256", rs.sha256()}}},
                                                {"shipped", std::move(shipped)}});
             });
}

}  // namespace amanah::api
