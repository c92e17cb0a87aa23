#!/bin/bash
# Runs once, when the db volume is first initialized (postgres image convention).
# CKAN gets its own login role that owns its database and nothing else; the superuser
# (POSTGRES_USER, default postgres) is for backups and maintenance only.
set -euo pipefail

if [ -z "${CKAN_DB_PASSWORD:-}" ]; then
    echo "10-govopen.sh: CKAN_DB_PASSWORD is not set" >&2
    exit 1
fi

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
     --set=ckan_password="$CKAN_DB_PASSWORD" <<'SQL'
CREATE ROLE ckan LOGIN PASSWORD :'ckan_password';
CREATE DATABASE ckan OWNER ckan ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE ckan FROM PUBLIC;
SQL
