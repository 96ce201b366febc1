// The JSON of users, access tokens and the caller, as the API answers and the CLI's --json prints:
// never a password hash, a token's secret or its hash.
#pragma once

#include <boost/json/object.hpp>

#include "access/principal.h"
#include "store/records.h"

namespace amanah::access {

boost::json::object UserJson(const store::User& user);
boost::json::object TokenJson(const store::AccessToken& token);
boost::json::object PrincipalJson(const Principal& principal);

}  // namespace amanah::access
