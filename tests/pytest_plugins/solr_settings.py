"""A pytest plugin for the compat run: undo the search credentials a CKAN test leaves behind.

`ckan/tests/lib/search/test_common.py::test_solr_user_and_password` builds an app with
`solr_user = solr`, `solr_password = password`. CKAN copies them into the class-level
`SolrSettings` when the app is made, and nothing copies them back when the test's config
is restored, so every later test that talks to the search service without making a new
app sends those credentials. Against a search service that checks them (ours does: it
holds private datasets) that is 150 errors that have nothing to do with search. After each
test the settings are taken from the configuration again, as a fresh app would.

Loaded with `-p solr_settings` by tools/stack.py compat.
"""
from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _govopen_solr_settings_from_config() -> Iterator[None]:
    yield
    # Autouse fixtures are torn down last: ckan_config has restored the config by now.
    from ckan.common import config
    from ckan.lib.search.common import SolrSettings

    SolrSettings.init(config.get("solr_url"), config.get("solr_user"), config.get("solr_password"))
