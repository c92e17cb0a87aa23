#!/bin/bash
# GovOpen scheduler: runs `ckan govopen tick` (every periodic duty: update status, reminder
# mails) every GOVOPEN_TICK_SECONDS (default 300). tick takes a database lock, so a second
# scheduler or an overlapping run skips instead of doing a duty twice.
set -euo pipefail

# As start_worker.sh: ckan.plugins from CKAN__PLUGINS, which prerun.py writes only in the
# web container.
if [ -n "${CKAN__PLUGINS:-}" ]; then
    ckan config-tool "$CKAN_INI" "ckan.plugins = ${CKAN__PLUGINS}" >/dev/null
fi

# The healthcheck reads the heartbeat file: touched after every tick that did not fail.
while true; do
    if ckan -c "$CKAN_INI" govopen tick; then
        touch /tmp/govopen-tick-heartbeat
    else
        echo "tick failed; next run in ${GOVOPEN_TICK_SECONDS:-300}s" >&2
    fi
    sleep "${GOVOPEN_TICK_SECONDS:-300}"
done
