#include "store/records.h"

namespace amanah::store {

std::string_view UserRoleName(UserRole role) {
  switch (role) {
    case UserRole::kOwner:
      return "owner";
    case UserRole::kOperator:
      return "operator";
    case UserRole::kViewer:
      return "viewer";
  }
  return "unknown";
}

std::optional<UserRole> ParseUserRole(std::string_view name) {
  for (auto r : {UserRole::kOwner, UserRole::kOperator, UserRole::kViewer}) {
    if (UserRoleName(r) == name) return r;
  }
  return std::nullopt;
}

std::string_view ConnectionStatusName(ConnectionStatus status) {
  switch (status) {
    case ConnectionStatus::kActive:
      return "active";
    case ConnectionStatus::kSuspended:
      return "suspended";
    case ConnectionStatus::kRevoked:
      return "revoked";
  }
  return "unknown";
}

std::optional<ConnectionStatus> ParseConnectionStatus(std::string_view name) {
  for (auto s :
       {ConnectionStatus::kActive, ConnectionStatus::kSuspended, ConnectionStatus::kRevoked}) {
    if (ConnectionStatusName(s) == name) return s;
  }
  return std::nullopt;
}

}  // namespace amanah::store
