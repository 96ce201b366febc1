// VenueStage: the one stage in front of every venue. Per request it takes the Exchange lock,
// moves the markets to now, lets the venue admit the request, then applies what is the same on
// every exchange: maintenance refuses trading calls, the injected order faults (5xx before or
// after the order is accepted, a dropped connection after it is accepted) run down, an exception
// from a handler is logged and answered 500 in the venue's words, and the latency fault delays
// every answer. The venue renders each refusal (VenueCall::Refuse). Thread-safe.
#pragma once

#include "core/exchange.h"
#include "http/http_server.h"
#include "venues/venue.h"

namespace amanah::paper {

class VenueStage {
 public:
  VenueStage(Exchange& exchange, Venue& venue) : exchange_(exchange), venue_(venue) {}

  HttpResponse Handle(const HttpRequest& request);
  /// As an HttpHandler for HttpServer.
  HttpHandler Handler() {
    return [this](const HttpRequest& request) { return Handle(request); };
  }

 private:
  HttpResponse Run(const HttpRequest& request);

  Exchange& exchange_;
  Venue& venue_;
};

}  // namespace amanah::paper
