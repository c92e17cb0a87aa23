"""The download count in the search index (sort 最多下载), refreshed by `tick` and by
`ckan govopen usage-reindex` rather than at every download."""
from __future__ import annotations

import datetime as dt

from ckan.lib.search import rebuild

from ckanext.govopen.lib import clock
from ckanext.govopen.usage import model as usage

# CKAN's Solr schema has no integer dynamic field: the count is indexed through the
# catch-all string field, zero-padded so that the string order is the number order.
WIDTH = 10


def sort_key(count: int) -> str:
    return str(count).zfill(WIDTH)


def reindex_recent(days: int) -> int:
    """Reindex the datasets downloaded on the last `days` days; returns how many."""
    ids = usage.packages_counted_since(clock.today() - dt.timedelta(days=days - 1))
    for pkg_id in ids:
        rebuild(pkg_id)
    return len(ids)
