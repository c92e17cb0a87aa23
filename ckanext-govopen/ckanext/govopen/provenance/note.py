"""The wording of provenance notes (Shanxi art. 18): pure, imports nothing of CKAN.

A derived product states whose data it used, on which platform, where, and when it was
acquired. The same facts are worded in Chinese and in English, and offered in an HTTP
header as RFC 8187 extended values (``UTF-8''…``), since header values must be ASCII.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from urllib.parse import quote

from ckanext.govopen.lib import clock

# English names of platform names we know; others are cited as configured.
PLATFORM_NAMES_EN = {
    "政府数据开放平台": "Government Open Data Platform",
    "山西省政府数据开放平台": "Shanxi Government Open Data Platform",
    "公共数据开放平台": "Public Data Open Platform",
}


@dataclass(frozen=True)
class NoteFacts:
    """What a note states. Titles, publisher names and platform names per language (the
    English ones empty when there is none: the English note then quotes the Chinese)."""

    title: str
    url: str
    publisher: str
    platform: str
    acquired: dt.date
    publisher_en: str = ""
    platform_en: str = ""
    title_en: str = ""


def today(now: dt.datetime | None = None) -> dt.date:
    """Today's date in China (the acquisition date of a download made now)."""
    return clock.today(now)


def platform_en(name: str, configured: str = "") -> str:
    """The English name of a platform: the configured one, a known one, or the name itself."""
    return configured or PLATFORM_NAMES_EN.get(name.strip(), name)


def date_zh(day: dt.date) -> str:
    """``2024年3月5日``: no leading zeros, as dates are written in Chinese prose."""
    return f"{day.year}年{day.month}月{day.day}日"


def date_en(day: dt.date) -> str:
    """``5 March 2024``."""
    return f"{day.day} {day:%B} {day.year}"


def note_zh(facts: NoteFacts) -> str:
    return (f"本产品使用了{facts.publisher}在{facts.platform}开放的《{facts.title}》"
            f"（{facts.url}），获取日期：{date_zh(facts.acquired)}")


def note_en(facts: NoteFacts) -> str:
    publisher = facts.publisher_en or facts.publisher
    platform = facts.platform_en or facts.platform
    title = facts.title_en or facts.title
    return (f"This product uses “{title}” ({facts.url}), opened by {publisher} "
            f"on the {platform}; date of acquisition: {date_en(facts.acquired)}")


def note(facts: NoteFacts) -> dict[str, object]:
    """Both wordings and the facts, as the action and the companion file return them."""
    data = asdict(facts)
    data["acquired"] = facts.acquired.isoformat()
    return {"zh_Hans_CN": note_zh(facts), "en": note_en(facts), **data}


def note_text(facts: NoteFacts) -> str:
    """The plain-text companion file: the Chinese note, then the English one."""
    return f"{note_zh(facts)}\n{note_en(facts)}\n"


def ext_value(text: str) -> str:
    """An RFC 8187 extended value: ``UTF-8''`` and the percent-encoded UTF-8 bytes."""
    return "UTF-8''" + quote(text, safe="!#$&+-.^_`|~")


def header_value(facts: NoteFacts) -> str:
    """The ``X-GovOpen-Provenance`` header: ASCII only, both notes as extended values."""
    return (f"acquired={facts.acquired.isoformat()}; "
            f"note*={ext_value(note_zh(facts))}; note-en*={ext_value(note_en(facts))}")


def parse_date(value: object) -> dt.date | None:
    """A date from an ISO date or datetime string (or a date); None when it is none."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None
