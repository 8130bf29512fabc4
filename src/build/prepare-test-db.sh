#!/usr/bin/env bash
# Gives the integration tests an empty PostgreSQL database (dropped and created anew on every run, so runs do
# not see each other's polls). Needs a PostgreSQL at 127.0.0.1:5432 that lets user postgres in.
set -euo pipefail
db="${1:-intrapoll_test}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
psql -v ON_ERROR_STOP=1 -q -d postgres -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)"
psql -v ON_ERROR_STOP=1 -q -d postgres -c "CREATE DATABASE \"$db\""
echo "PostgreSQL database $db is ready at $PGHOST:$PGPORT"
