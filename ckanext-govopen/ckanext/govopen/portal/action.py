"""Actions about the portal itself."""
from __future__ import annotations

from importlib.metadata import version
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict


@tk.side_effect_free
def govopen_about(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Describe this GovOpen portal: its name and extension version.

    :returns: ``{"platform_name": ..., "version": ...}``
    :rtype: dictionary
    """
    tk.check_access("govopen_about", context, data_dict)
    return {
        "platform_name": tk.config["ckanext.govopen.platform_name"],
        "version": version("ckanext-govopen"),
    }
