"""Plugin hooks of the search capability."""
from __future__ import annotations

import json
from typing import Any

# Text field (``extras_*`` is text in CKAN's schema and copied into ``text``) holding
# the publishing organization's title: CKAN indexes only its name, so 发改委 could not
# find the datasets of 省发展和改革委员会. searchd also indexes its pinyin.
ORG_TITLE_FIELD = "extras_govopen_org_title"


def index_fields(pkg_dict: dict[str, Any]) -> dict[str, Any]:
    """Add the organization's title to a document CKAN is about to index."""
    raw = pkg_dict.get("validated_data_dict")
    try:
        org = json.loads(raw).get("organization") if isinstance(raw, str) else None
    except ValueError:
        org = None
    title = org.get("title") if isinstance(org, dict) else None
    if isinstance(title, str) and title.strip():
        pkg_dict[ORG_TITLE_FIELD] = title
    return pkg_dict
