"""The compiled catalogues (.mo) are committed with their sources (.po) and match them: each
locale's .mo holds exactly the .po's translated entries. A stale .mo fails here: run
`make messages` (or `manage.py compilemessages`) and commit both."""

from __future__ import annotations

import gettext
from pathlib import Path
from typing import Any

import polib
import pytest
from django.conf import settings

LOCALE = Path(settings.LOCALE_PATHS[0])
TRANSLATED_LANGUAGES = [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def _po_entries(path: Path) -> dict[Any, str]:
    """The translated entries as `GNUTranslations` keys them (context + EOT + msgid; a plural
    form as (msgid, n))."""
    entries: dict[Any, str] = {}
    for entry in polib.pofile(str(path)).translated_entries():
        msgid = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural:
            for n, text in entry.msgstr_plural.items():
                entries[(msgid, int(n))] = text
        else:
            entries[msgid] = entry.msgstr
    return entries


def _mo_entries(path: Path) -> dict[Any, str]:
    with path.open("rb") as mo:
        catalog = dict(gettext.GNUTranslations(mo)._catalog)  # type: ignore[attr-defined]
    catalog.pop("", None)  # the header
    return catalog


def test_every_language_of_the_portal_has_a_catalogue() -> None:
    assert settings.LANGUAGE_CODE == "en"
    for code in TRANSLATED_LANGUAGES:
        assert (LOCALE / code / "LC_MESSAGES" / "django.po").is_file(), code


@pytest.mark.parametrize("code", TRANSLATED_LANGUAGES)
def test_the_compiled_catalogue_matches_its_source(code: str) -> None:
    folder = LOCALE / code / "LC_MESSAGES"
    assert (folder / "django.mo").is_file(), f"{code}: compile the catalogue and commit the .mo"
    assert _mo_entries(folder / "django.mo") == _po_entries(folder / "django.po"), (
        f"{code}: the .mo is stale; run `make messages` and commit both files"
    )


def test_the_comparison_sees_a_stale_catalogue(tmp_path: Path) -> None:
    po = polib.POFile()
    po.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Plural-Forms": "nplurals=1; plural=0;",
    }
    po.append(polib.POEntry(msgid="Saved.", msgstr="Đã lưu."))
    po.save_as_mofile(str(tmp_path / "django.mo"))
    po.append(polib.POEntry(msgid="Road map", msgstr="Lộ trình"))
    po.append(polib.POEntry(msgid="Not yet translated", msgstr=""))
    po.save(str(tmp_path / "django.po"))
    assert _mo_entries(tmp_path / "django.mo") == {"Saved.": "Đã lưu."}
    assert _po_entries(tmp_path / "django.po") == {"Saved.": "Đã lưu.", "Road map": "Lộ trình"}
