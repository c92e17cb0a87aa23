"""The publishing fixtures (a provider organization with an editor and a reviewer, and a
burst run of the job worker) serve the browser tests too: a restricted file must exist
before anyone can apply for it."""
from __future__ import annotations

from tests.publishing.conftest import agency, run_worker  # noqa: F401 -- fixtures
