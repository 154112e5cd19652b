// Versioned schema migrations of the SQLite store. Each migration runs in
// its own transaction together with the row recording it in
// schema_migrations, so a crash leaves the schema at a known version.
#pragma once

#include "common/status.h"
#include "store/sqlite/db.h"

namespace kefu::sqlite {

// Applies every migration newer than the database's version. Idempotent.
// Returns the version the database is at afterwards.
StatusOr<int> Migrate(Db& db);

// The newest schema version this build knows.
int LatestSchemaVersion();

}  // namespace kefu::sqlite
