#!/bin/bash
# GovOpen job worker: CKAN's RQ worker on the queues given as arguments, e.g.
#   start_worker.sh default govopen:desensitize
# It shares the web image and its ckan.ini, but not its entrypoint: the base image's
# start_ckan.sh/prerun.py (database migrations, uwsgi) run only in the web container, and
# compose starts the worker once that container is healthy.
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 QUEUE [QUEUE...]" >&2
    exit 2
fi

# prerun.py writes ckan.plugins from CKAN__PLUGINS into the web container's ckan.ini; do the
# same here. ckanext-envvars cannot do it: plugins are loaded before it runs.
if [ -n "${CKAN__PLUGINS:-}" ]; then
    ckan config-tool "$CKAN_INI" "ckan.plugins = ${CKAN__PLUGINS}" >/dev/null
fi

exec ckan -c "$CKAN_INI" jobs worker "$@"
