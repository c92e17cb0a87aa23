#!/bin/bash
# Runs once, when the db volume is first initialized (after 10-govopen.sh). CKAN's DataStore
# setup: a database of its own owned by ckan (the write user), and a role that may only read
# it. The grants themselves are `ckan datastore set-permissions`, which the CKAN image's
# prerun.py runs against CKAN_DATASTORE_WRITE_URL on every start of the web container.
set -euo pipefail

if [ -z "${DATASTORE_RO_PASSWORD:-}" ]; then
    echo "20-datastore.sh: DATASTORE_RO_PASSWORD is not set" >&2
    exit 1
fi

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
     --set=ro_password="$DATASTORE_RO_PASSWORD" <<'SQL'
CREATE ROLE datastore_ro LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'ro_password';
ALTER ROLE datastore_ro SET default_transaction_read_only = on;
ALTER ROLE datastore_ro SET statement_timeout = '30s';
CREATE DATABASE ckan_datastore OWNER ckan ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE ckan_datastore FROM PUBLIC;
SQL
