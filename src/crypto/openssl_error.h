// Turns OpenSSL's thread-local error queue into an Error, and clears it. Internal to crypto.
#pragma once

#include <string_view>

#include "base/error.h"

namespace amanah::crypto {

/// An Error with `code` whose message is `what` plus OpenSSL's reason, if it queued one.
base::Error OpenSslError(base::ErrorCode code, std::string_view what);

}  // namespace amanah::crypto
