"""Every language's catalogue is complete and current.

- complete: every entry of every `.po` is translated (no empty msgstr, no fuzzy guess), and the
  languages hold the same entries;
- current: `makemessages`, run on a copy of the code, finds exactly the entries the catalogues
  hold, so a string added to a template or module without its translations fails here.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
LOCALE = Path(settings.LOCALE_PATHS[0])
LANGUAGES = [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
SOURCES = (
    "betterwork",
    "factories",
    "assessments",
    "differentiation",
    "workspace",
    "buyer_portal",
    "templates",
)


def _ids(po: polib.POFile) -> set[tuple[str | None, str]]:
    return {(e.msgctxt, e.msgid) for e in po if not e.obsolete}


def _po(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated(language: str) -> None:
    po = _po(language)
    missing = [e.msgid for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    assert not missing, f"{language}: {len(missing)} entries untranslated, e.g. {missing[:5]}"


def test_the_languages_hold_the_same_entries() -> None:
    reference = _ids(_po(LANGUAGES[0]))
    for language in LANGUAGES[1:]:
        assert _ids(_po(language)) == reference, language


def test_the_catalogues_hold_what_the_code_marks(tmp_path: Path) -> None:
    if shutil.which("xgettext") is None:
        pytest.skip("GNU gettext (xgettext) is not installed; CI installs it")
    for name in (*SOURCES, "manage.py"):
        source = ROOT / name
        copy = shutil.copytree if source.is_dir() else shutil.copy2
        copy(source, tmp_path / name)  # type: ignore[operator]
    language = LANGUAGES[0]
    target = tmp_path / "locale" / language / "LC_MESSAGES"
    target.mkdir(parents=True)
    shutil.copy2(LOCALE / language / "LC_MESSAGES" / "django.po", target / "django.po")
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            language,
            "--no-location",
            "--no-obsolete",
            "--ignore=tests",
        ],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_DEBUG": "1",
            "HOME": str(tmp_path),
            "DJANGO_SETTINGS_MODULE": "betterwork.settings",
        },
    )
    found = _ids(polib.pofile(str(target / "django.po")))
    held = _ids(_po(language))
    assert found == held, (
        f"run `make messages` and translate: new {sorted(found - held)[:5]}, "
        f"gone {sorted(held - found)[:5]}"
    )
