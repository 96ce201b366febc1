#include "exchange/lost_connection.h"

#include <array>
#include <utility>

namespace amanah::exchange {

namespace {

constexpr std::array<std::pair<LostCause, std::string_view>, 10> kCauseNames{{
    {LostCause::kKeyDeleted, "key_deleted"},
    {LostCause::kKeyDeletedOrIpChanged, "key_deleted_or_ip_changed"},
    {LostCause::kPermissionsChanged, "permissions_changed"},
    {LostCause::kIpWhitelistChanged, "ip_whitelist_changed"},
    {LostCause::kMaintenance, "maintenance"},
    {LostCause::kClockSkew, "clock_skew"},
    {LostCause::kRateLimited, "rate_limited"},
    {LostCause::kBanned, "banned"},
    {LostCause::kNetwork, "network"},
    {LostCause::kExchangeFault, "exchange_fault"},
}};

}  // namespace

std::string_view LostCauseName(LostCause cause) {
  for (const auto& [c, name] : kCauseNames) {
    if (c == cause) return name;
  }
  return "unknown";
}

std::optional<LostConnection> LostConnectionOf(const Diagnosis& d, std::string_view exchange) {
  const std::string ex(exchange);
  LostConnection out;
  out.explanation = d.explanation;
  out.retry_at_ms = d.retry_at_ms;
  switch (d.failure) {
    case Failure::kKeyInvalid:
    case Failure::kSignatureRejected:
      out.cause = LostCause::kKeyDeleted;
      out.title = "The key was deleted (or replaced) on " + ex;
      out.fix =
          "If you deleted it, connect a new key (amanah rotate, or Rotate key on the "
          "dashboard). If you did not, treat the key as stolen: revoke it in Amanah "
          "(amanah revoke), then review the account on " +
          ex + ".";
      return out;
    case Failure::kKeyRefused:
    case Failure::kKeyOrIpRefused:
      out.cause = LostCause::kKeyDeletedOrIpChanged;
      out.title = ex + " refuses the key: it was deleted, or Amanah's IP left its whitelist";
      out.fix = "On " + ex +
                "'s API management page: if the key is gone, connect a new one (amanah rotate); "
                "if it is there, add Amanah's egress IP to its whitelist again, then run "
                "`amanah audit`.";
      return out;
    case Failure::kIpNotWhitelisted:
      out.cause = LostCause::kIpWhitelistChanged;
      out.title = "Amanah's IP is no longer on the key's whitelist on " + ex;
      out.fix = "Edit the key on " + ex +
                ": restrict it to Amanah's egress IP again (shown by `amanah connect` and on the "
                "dashboard), then run `amanah audit`.";
      return out;
    case Failure::kPermissionMissing:
      out.cause = LostCause::kPermissionsChanged;
      out.title = "The key's permissions changed on " + ex;
      out.fix = "Edit the key on " + ex +
                ": reading and spot trading on, everything else off; then run `amanah audit` to "
                "reactivate it.";
      return out;
    case Failure::kMaintenance:
      out.cause = LostCause::kMaintenance;
      out.title = ex + " is in maintenance";
      out.fix = "Nothing to do: Amanah tries again and resumes by itself when " + ex +
                " reports its status normal.";
      return out;
    case Failure::kClockSkew:
      out.cause = LostCause::kClockSkew;
      out.title = "This machine's clock disagrees with " + ex + "'s";
      out.fix =
          "Synchronise the clock (timedatectl set-ntp true, or start chronyd / "
          "systemd-timesyncd), then check with `amanah doctor`.";
      return out;
    case Failure::kRateLimited:
      out.cause = LostCause::kRateLimited;
      out.title = ex + " is rate limiting Amanah";
      out.fix =
          "Nothing to do: Amanah waits until the limit resets. If it happens often, run "
          "fewer plans or bots with this key or from this IP.";
      return out;
    case Failure::kBanned:
      out.cause = LostCause::kBanned;
      out.title = ex + " banned Amanah's IP for a while";
      out.fix = "Amanah waits until the ban ends. Stop any other program that calls " + ex +
                " from this IP; repeated bans get longer.";
      return out;
    case Failure::kNetwork:
      out.cause = LostCause::kNetwork;
      out.title = ex + " could not be reached";
      out.fix = "Check this machine's network, DNS and firewall (outbound HTTPS to " + ex +
                "); Amanah tries again by itself.";
      return out;
    case Failure::kExchangeFault:
    case Failure::kMalformedResponse:
      out.cause = LostCause::kExchangeFault;
      out.title = ex + " failed on its side";
      out.fix = "Nothing to do: Amanah tries again. If it lasts, check " + ex + "'s status page.";
      return out;
    case Failure::kNone:
    case Failure::kOutcomeUnknown:
    case Failure::kOrderRejected:
    case Failure::kNotFound:
    case Failure::kBadRequest:
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace amanah::exchange
