"""The publishing fixtures (an agency with editor and reviewer, a burst worker run) make
the public, downloadable datasets the home page counts."""
from __future__ import annotations

from tests.publishing.conftest import agency, run_worker  # noqa: F401 -- fixtures
