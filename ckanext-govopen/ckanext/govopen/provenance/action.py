"""Actions of provenance: the note a derived product states (Shanxi art. 18)."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict

from ckanext.govopen.provenance import logic


@tk.side_effect_free
def govopen_provenance_note(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The provenance note (Shanxi art. 18) a derived product states for a dataset of
    this portal acquired on a date, in Chinese and English: 本产品使用了<发布方>在<平台>开放的
    《<数据集>》（<链接>），获取日期：YYYY年M月D日.

    :param id: the dataset's id or URL name (it must be visible to the caller)
    :type id: string
    :param date: the acquisition date, ``YYYY-MM-DD`` (default: today in China)
    :type date: string
    :returns: ``{"zh_Hans_CN": note, "en": note (quoting the English title when the
        dataset has one), "title", "title_en", "url", "publisher", "platform",
        "publisher_en", "platform_en", "acquired", "id", "name"}``
    :rtype: dictionary
    """
    tk.check_access("govopen_provenance_note", context, data_dict)
    return logic.provenance_note(context, data_dict)
