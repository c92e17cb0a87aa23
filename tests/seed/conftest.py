"""The demo catalog is built once per session: building it takes about a second."""
from __future__ import annotations

import pytest

from seed.generate import build
from seed.model import Catalog


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return build()
