"""A pytest plugin that makes every random draw of a test run repeatable.

CKAN's factories (and ours) fill names, titles and texts with Faker. Unseeded, one run in
many draws a word that a test happens to match (CKAN's `test_name_multiple_results` once
got a title containing "record"), and CI fails by luck. Here each test starts from a seed
derived from its own node id, so a test draws the same values whether it runs alone or
in the whole suite, in any order, and two tests do not draw the same values.

Seeded: Python's `random`, Faker's shared generator and factory_boy's (`factory.random`,
which also reseeds Faker), and Hypothesis (derandomized, no example database).
`GOVOPEN_TEST_SEED=<n>` changes the base seed, to look for luck-dependent tests on
purpose; the header of the run names the seed in use.

Loaded by tests/conftest.py for our suite and with `-p random_seed` for the compat run
(tools/stack.py compat).
"""
from __future__ import annotations

import os
import random
import zlib

import pytest

BASE_SEED = int(os.environ.get("GOVOPEN_TEST_SEED", "20261203"))


def seed_for(nodeid: str) -> int:
    return (BASE_SEED * 1_000_003 + zlib.crc32(nodeid.encode())) % 2**32


def seed_everything(seed: int) -> None:
    random.seed(seed)
    try:
        import factory.random
    except ImportError:
        pass
    else:
        factory.random.reseed_random(seed)  # factory_boy's generator and Faker's shared one
    try:
        from faker import Faker
    except ImportError:
        return
    Faker.seed(seed)


def pytest_configure(config: pytest.Config) -> None:
    try:
        from hypothesis import settings
    except ImportError:
        return
    # Same examples every run; the explicit settings of a test still apply on top.
    settings.register_profile("govopen-seeded", derandomize=True, database=None)
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "govopen-seeded"))


def pytest_report_header(config: pytest.Config) -> str:
    return f"random seed: GOVOPEN_TEST_SEED={BASE_SEED} (per test: derived from its node id)"


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    # Before any fixture of the test is set up, module- and class-scoped ones included.
    seed_everything(seed_for(item.nodeid))
