"""Every user-facing string of ours has its Chinese translation (zh_Hans_CN is the default)."""
from __future__ import annotations

import os
from pathlib import Path

import ckan
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

PACKAGE = Path(__file__).resolve().parent.parent / "ckanext-govopen" / "ckanext" / "govopen"
OURS = PACKAGE / "i18n" / "zh_Hans_CN" / "LC_MESSAGES" / "ckanext-govopen"
CORE = Path(os.path.dirname(ckan.__file__)) / "i18n" / "zh_Hans_CN" / "LC_MESSAGES" / "ckan.mo"


def _ids(catalog) -> set[str]:  # type: ignore[no-untyped-def]
    return {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id and m.string}


def test_every_translatable_string_has_a_chinese_translation() -> None:
    with open(f"{OURS}.po", "rb") as po, open(CORE, "rb") as mo:
        translated = _ids(read_po(po)) | _ids(read_mo(mo))
    found = extract_from_dir(
        str(PACKAGE),
        method_map=[("**/templates/**.html", "ckan.lib.extract:extract_ckan"), ("**.py", "python")],
        keywords={"_": None, "gettext": None, "ngettext": (1, 2), "ungettext": (1, 2)},
    )
    untranslated = sorted({
        (msg if isinstance(msg, str) else msg[0], filename)
        for filename, _, msg, _, _ in found
        if (msg if isinstance(msg, str) else msg[0]) not in translated
    })
    assert untranslated == []


def test_the_compiled_catalog_is_current() -> None:
    with open(f"{OURS}.po", "rb") as po, open(f"{OURS}.mo", "rb") as mo:
        source, compiled = read_po(po), read_mo(mo)
    assert {m.id: m.string for m in source if m.id and m.string} == {
        m.id: m.string for m in compiled if m.id}
