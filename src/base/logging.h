// Logging: spdlog's default logger, set up once by main(). Every message passes through Redact()
// before any sink sees it, as a second line of defence: SecretBytes cannot be formatted at all, and
// this masks values that look like credentials anyway (`signature=…`, `"secret": "…"`,
// `X-MBX-APIKEY: …`, `Authorization: Bearer …`). Thread-safe after InitLogging.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <spdlog/spdlog.h>

namespace amanah::base {

struct LogOptions {
  /// Append here (created 0600) if set.
  std::optional<std::string> file;
  /// Minimum level for stderr (the file gets info and above).
  spdlog::level::level_enum stderr_level = spdlog::level::warn;
};

void InitLogging(const LogOptions& options);

/// `message` with the values of credential-looking keys replaced by "[REDACTED]".
std::string Redact(std::string_view message);

}  // namespace amanah::base
