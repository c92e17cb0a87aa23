"""Test setup shared by every test module.

Tests that need CKAN use its pytest fixtures (`with_plugins`, `clean_db`, …); the
services behind them are started by `make test` (tools/stack.py test).
"""
from __future__ import annotations
