"""Actions of the search capability: the synonyms sysadmins add to the shipped ones.

The shipped dictionary is ``searchd/synonyms.txt``; sysadmins' lines live in the file
``ckanext.govopen.search.synonyms_file``, which searchd reads beside it (``--synonyms``)
and re-reads when it changes: query-side expansion, so no reindex is needed. Production
Solr reads the same format (docker/README.md says how to apply it there).
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict

from ckanext.govopen import config
from ckanext.govopen.search.texts import TEXTS
from ckanext.govopen.searchd import synonyms

MAX_CHARS = 200_000
# synonyms.check's English problems, as our message keys.
_PROBLEMS = {"more than one '=>'": "problem.arrows",
             "'=>' needs words on both sides": "problem.sides",
             "a line needs at least two words separated by ','": "problem.words"}


def _local_file() -> Path | None:
    path = config.search_synonyms_file()
    return Path(path) if path else None


@tk.side_effect_free
def govopen_search_synonyms_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The shipped synonyms and the sysadmins' own (sysadmins only).

    :returns: ``{"shipped": text, "local": text, "file": path or None}``
    :rtype: dictionary
    """
    tk.check_access("govopen_search_synonyms_show", context, data_dict)
    path = _local_file()
    local = path.read_text("utf-8") if path is not None and path.exists() else ""
    return {"shipped": synonyms.SHIPPED.read_text("utf-8"), "local": local,
            "file": str(path) if path is not None else None}


def govopen_search_synonyms_update(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Replace the sysadmins' synonyms (sysadmins only); searches use them within seconds.

    :param text: lines in Solr's synonyms format: ``a, b, c`` (equivalent) or ``a => b``
    :type text: string
    :returns: ``{"local": text, "rules": number of words with synonyms}``
    :rtype: dictionary
    """
    tk.check_access("govopen_search_synonyms_update", context, data_dict)
    text = data_dict.get("text", "")
    if not isinstance(text, str):
        raise tk.ValidationError({"text": [TEXTS.both("err.text")]})
    if len(text) > MAX_CHARS:
        raise tk.ValidationError({"text": [TEXTS.both("err.too_long", limit=MAX_CHARS)]})
    problems: list[str | dict[str, Any]] = []
    for problem in synonyms.check(text):
        line, _, what = problem.partition(": ")
        key = _PROBLEMS.get(what, "problem.words")
        # The problem itself differs by language, so both() cannot fill it in.
        problems.append(f"{TEXTS.zh('err.line', line=line, problem=TEXTS.zh(key))} / "
                        f"{TEXTS.en('err.line', line=line, problem=TEXTS.en(key))}")
    if problems:
        raise tk.ValidationError({"text": problems})
    path = _local_file()
    if path is None:
        raise tk.ValidationError({"text": [TEXTS.both("err.no_file")]})
    _write(path, text.replace("\r\n", "\n"))
    return {"local": text, "rules": len(synonyms.parse(text))}


def _write(path: Path, text: str) -> None:
    """Atomically: searchd may read the file at any moment."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".synonyms-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
