"""A formal note for a factory of a given country, and its PDF read back as text."""

from __future__ import annotations

import gettext
import io
import re
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

from django.conf import settings
from pypdf import PdfReader

from differentiation.models import Decision
from differentiation.vocabulary import Group, Result
from factories.models import Factory
from tests import makers

# Bidi formatting characters a text extractor adds around right-to-left runs: not text.
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def normal(text: str) -> str:
    """`text` in NFC, without bidi controls, its whitespace runs made single spaces."""
    return " ".join(_BIDI_CONTROLS.sub("", unicodedata.normalize("NFC", text)).split())


def pdftotext(pdf: bytes) -> str:
    """The text layer as poppler's pdftotext reads it (one line a line of the page)."""
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return done.stdout.decode()


def pypdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def lines(text: str) -> list[str]:
    return [normal(line) for line in text.splitlines() if line.strip()]


def approved_decision(factory: Factory, pm: Any) -> Decision:
    """An approval of `factory` whose evaluation met every criterion."""
    outcome = {
        "criteria": [
            {
                "group": group.value,
                "result": Result.MET.value,
                "reasons": [{"text": f"{group.label}: met in both assessments."}],
            }
            for group in Group
        ]
    }
    evaluation = makers.EvaluationMaker(factory=factory, outcome=outcome, all_met=True)
    request = makers.ApprovalRequestMaker(factory=factory, evaluation=evaluation)
    decision: Decision = makers.DecisionMaker(request=request, decided_by=pm)
    return decision


def catalogue_text(language: str, message: str) -> str:
    """`message` as the project's catalogue for `language` has it (the English itself while it
    has no translation): read with Python's gettext from the compiled catalogue."""
    for directory in [*getattr(settings, "LOCALE_PATHS", []), Path(settings.BASE_DIR) / "locale"]:
        catalogue = gettext.translation(
            "django", localedir=str(directory), languages=[language], fallback=True
        )
        translated = catalogue.gettext(message)
        if translated != message:
            return translated
    return message
