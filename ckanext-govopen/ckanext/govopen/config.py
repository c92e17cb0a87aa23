"""Typed accessors over config_declaration.yaml: the one place options are read."""
from __future__ import annotations

import ckan.plugins.toolkit as tk


def platform_name() -> str:
    return tk.config["ckanext.govopen.platform_name"]
