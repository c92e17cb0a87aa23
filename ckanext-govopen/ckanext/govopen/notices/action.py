"""Actions of the notices capability: sysadmins write notices, everyone reads them."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import Context, DataDict

from ckanext.govopen.lib.db import utcnow
from ckanext.govopen.lib.lang import is_english
from ckanext.govopen.notices.model import Notice
from ckanext.govopen.notices.texts import TEXTS

# field → (required, longest length)
FIELDS: dict[str, tuple[bool, int]] = {
    "title": (True, 200), "body": (False, 20_000),
    "title_en": (False, 200), "body_en": (False, 20_000),
}


def _clean(data_dict: DataDict, partial: bool) -> dict[str, str]:
    errors: dict[str, Any] = {}
    clean: dict[str, str] = {}
    for name, (required, longest) in FIELDS.items():
        if partial and name not in data_dict:
            continue
        value = data_dict.get(name, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            errors[name] = [TEXTS.both("err.required")]
            continue
        value = value.strip()
        if required and not value:
            errors[name] = [TEXTS.both("err.required")]
        elif len(value) > longest:
            errors[name] = [TEXTS.both("err.too_long", n=longest)]
        clean[name] = value
    if errors:
        raise tk.ValidationError(errors)
    return clean


def _get(data_dict: DataDict) -> Notice:
    notice_id = data_dict.get("id")
    notice = model.Session.get(Notice, notice_id) if isinstance(notice_id, str) else None
    if notice is None:
        raise tk.ObjectNotFound(TEXTS.both("err.not_found"))
    return notice


def _shown(notice: Notice) -> dict[str, Any]:
    english = is_english()
    return {**notice.as_dict(),
            "display_title": (english and notice.title_en) or notice.title,
            "display_body": (english and notice.body_en) or notice.body}


def govopen_notice_create(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Publish a notice (sysadmins).

    :param title: the title (Chinese; required, at most 200 characters)
    :type title: string
    :param body: the text, Markdown (at most 20,000 characters)
    :type body: string
    :param title_en: English title (optional)
    :type title_en: string
    :param body_en: English text (optional)
    :type body_en: string
    :returns: the notice (``id``, the fields, ``author``, ``created``, ``modified``,
        ``display_title`` and ``display_body`` in the request's language)
    :rtype: dictionary
    """
    tk.check_access("govopen_notice_create", context, data_dict)
    notice = Notice(**_clean(data_dict, partial=False), author=context.get("user") or "")
    model.Session.add(notice)
    model.Session.commit()
    return _shown(notice)


def govopen_notice_update(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Change a notice (sysadmins); fields left out stay as they are.

    :param id: the notice's id
    :type id: string
    :param title, body, title_en, body_en: as in ``govopen_notice_create``
    :returns: the notice, as ``govopen_notice_create`` returns it
    :rtype: dictionary
    """
    tk.check_access("govopen_notice_update", context, data_dict)
    notice = _get(data_dict)
    for name, value in _clean(data_dict, partial=True).items():
        setattr(notice, name, value)
    notice.modified = utcnow()
    model.Session.commit()
    return _shown(notice)


def govopen_notice_delete(context: Context, data_dict: DataDict) -> dict[str, str]:
    """Remove a notice (sysadmins).

    :param id: the notice's id
    :type id: string
    :returns: ``{"id": id}``
    :rtype: dictionary
    """
    tk.check_access("govopen_notice_delete", context, data_dict)
    notice = _get(data_dict)
    model.Session.delete(notice)
    model.Session.commit()
    return {"id": data_dict["id"]}


@tk.side_effect_free
def govopen_notice_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """One notice.

    :param id: the notice's id
    :type id: string
    :returns: the notice, as ``govopen_notice_create`` returns it
    :rtype: dictionary
    """
    tk.check_access("govopen_notice_show", context, data_dict)
    return _shown(_get(data_dict))


@tk.side_effect_free
def govopen_notice_list(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Notices, newest first.

    :param limit: how many (default 20, at most 100)
    :type limit: int
    :param offset: how many to skip (default 0)
    :type offset: int
    :returns: ``{"count": all notices, "results": [notice, ...]}``
    :rtype: dictionary
    """
    tk.check_access("govopen_notice_list", context, data_dict)
    errors: dict[str, Any] = {}
    numbers = {}
    for name, default, lo, hi in (("limit", 20, 1, 100), ("offset", 0, 0, 1_000_000)):
        try:
            numbers[name] = int(data_dict.get(name, default))
            if not lo <= numbers[name] <= hi:
                raise ValueError
        except (TypeError, ValueError):
            errors[name] = [TEXTS.both("err.number", lo=lo, hi=hi)]
    if errors:
        raise tk.ValidationError(errors)
    query = model.Session.query(Notice)
    rows = (query.order_by(Notice.created.desc(), Notice.id)
            .offset(numbers["offset"]).limit(numbers["limit"]))
    return {"count": query.count(), "results": [_shown(n) for n in rows]}
