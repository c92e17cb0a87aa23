from __future__ import annotations

from ckanext.govopen import config


def govopen_platform_name() -> str:
    """The platform's display name, as configured."""
    return config.platform_name()
