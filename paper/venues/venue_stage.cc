#include "venues/venue_stage.h"

#include <exception>

#include "base/logging.h"

namespace amanah::paper {

namespace {

bool Trades(CallKind kind) { return kind == CallKind::kTrade || kind == CallKind::kPlaceOrder; }

}  // namespace

HttpResponse VenueStage::Handle(const HttpRequest& request) {
  auto lock = exchange_.Lock();
  exchange_.AdvanceMarkets();
  HttpResponse response = Run(request);
  response.delay = std::chrono::milliseconds(exchange_.faults().latency_ms);
  return response;
}

HttpResponse VenueStage::Run(const HttpRequest& request) {
  Admission admission = venue_.Admit(request);
  if (auto* answer = std::get_if<HttpResponse>(&admission)) return std::move(*answer);
  VenueCall& call = *std::get<std::unique_ptr<VenueCall>>(admission);
  Faults& faults = exchange_.faults();
  CallKind kind = call.kind();
  if (Trades(kind) && exchange_.maintenance()) return call.Refuse(Refusal::kMaintenance);
  bool places = kind == CallKind::kPlaceOrder;
  if (places && faults.fail_before_accept > 0) {
    --faults.fail_before_accept;
    return call.Refuse(Refusal::kFailBeforeAccept);
  }
  HttpResponse response;
  try {
    response = call.Execute();
  } catch (const std::exception& e) {
    spdlog::error("amanah-paper: {} {} {} failed: {}", venue_.name(), request.method,
                  request.Path(), e.what());
    return call.Refuse(Refusal::kInternal);
  }
  if (places && response.status < 300) {
    if (faults.fail_after_accept > 0) {
      --faults.fail_after_accept;
      return call.Refuse(Refusal::kFailAfterAccept);
    }
    if (faults.drop_after_accept > 0) {
      --faults.drop_after_accept;
      response.drop = true;
    }
  }
  return response;
}

}  // namespace amanah::paper
