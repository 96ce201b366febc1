// The SQLite schema as an ordered list of migrations. The database's PRAGMA user_version is the
// number applied; start-up applies the rest, each in its own transaction, and refuses a database
// whose version is newer than this binary knows. Append only: never edit a shipped migration.
#pragma once

#include <span>
#include <string_view>

#include "base/result.h"
#include "store/sqlite/database.h"

namespace amanah::store::sqlite {

std::span<const std::string_view> Migrations();

/// Brings `db` to the latest schema; kFailedPrecondition if it is newer than this binary.
base::Result<void> Migrate(Database& db);

}  // namespace amanah::store::sqlite
