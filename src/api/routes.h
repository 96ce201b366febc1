// The API's routes, one function per resource, each adding its routes to the table. Routes parse
// the request, call the service layer with the caller's tenant and render its answer — the same
// JSON the CLI's --json prints.
#pragma once

#include "api/api.h"
#include "api/router.h"

namespace amanah::api {

/// /healthz, /readyz, /metrics, /api/v1/openapi.json.
void AddOperationsRoutes(Router& router, Services& s);
/// /api/v1/setup, /session, /me, /users, /tokens.
void AddAccessRoutes(Router& router, Services& s);
/// /api/v1/connections… (create, list, get, audit, balances, pairs, disconnect).
void AddConnectionRoutes(Router& router, Services& s);
/// incident_routes.cc: revoke a connection, read incident reports.
void AddIncidentRoutes(Router& router, Services& s);
/// notify_routes.cc: /api/v1/notify/endpoints… and /api/v1/notifications….
void AddNotifyRoutes(Router& router, Services& s);
/// /api/v1/orders… (create with dry run, list, get with checks and journal proof, cancel).
void AddOrderRoutes(Router& router, Services& s);
/// /api/v1/journal… (verify, export, checkpoints) and /api/v1/alerts….
void AddJournalRoutes(Router& router, Services& s);
/// /api/v1/events (what changed in the tenant, as Server-Sent Events).
void AddEventRoutes(Router& router, Services& s);
/// /api/v1/plans… (create, list, show, pause, resume, run, history, delete, webhook) and the
/// webhook receiver /api/v1/hooks/{plan}.
void AddPlanRoutes(Router& router, Services& s);
/// /api/v1/screen… (assets, pairs, rules, rulesets).
void AddScreenRoutes(Router& router, Services& s);

}  // namespace amanah::api
