"""The compliance catalogue's texts in other languages.

One pure-Python data module a language (``vi.py``, ``bn.py``, ...), each a dict ``TEXTS`` from a
catalogue key to the text in that language. The keys are those of the English source: the code
(``CL-1.1``, ``HR-3``, ``SD-1``) for a question, a management-system element or a progress-report
item, and ``CODE:name`` (``CL:name``, ``CL-1:name``) for a cluster or compliance-point name.

``catalogue_text`` gives the text in the active language and falls back to the English text
(never to a code) when the language or the key has no translation. The models' ``display_text``
and ``display_name`` (the mixins below) use it; the database and the API keep the English text.
"""

from __future__ import annotations

import pkgutil
from collections.abc import Mapping
from functools import cache
from importlib import import_module
from pathlib import Path
from types import MappingProxyType
from typing import Protocol

from django.utils.translation import get_language

# The languages with a data module here, found once: adding a file is enough.
AVAILABLE: frozenset[str] = frozenset(
    module.name for module in pkgutil.iter_modules([str(Path(__file__).parent)])
)


def name_key(code: str) -> str:
    """The key of a cluster's or a compliance point's name: ``CL:name``, ``CL-1:name``."""
    return f"{code}:name"


def texts(language: str) -> Mapping[str, str]:
    """The translated texts of `language` (``vi``, ``pt-br``; a regional variant falls back to
    its base language); empty for English and for a language without a data module."""
    code = language.lower().replace("_", "-")
    for candidate in (code, code.split("-")[0]):
        module_name = candidate.replace("-", "_")
        if module_name in AVAILABLE:
            return _load(module_name)
    return MappingProxyType({})


@cache
def _load(module_name: str) -> Mapping[str, str]:
    """One data module's texts, imported once (only names in AVAILABLE reach here)."""
    return MappingProxyType(import_module(f"{__name__}.{module_name}").TEXTS)


def catalogue_text(key: str, english: str, language: str | None = None) -> str:
    """The text of catalogue `key` in `language` (default: the active language), else `english`."""
    language = language or get_language()
    if not language:
        return english
    return texts(language).get(key) or english


class _Texted(Protocol):
    code: str
    text: str


class _Named(Protocol):
    code: str
    name: str


class DisplayText:
    """For Question, ManagementSystemElement and ProgressItem: `text` in the active language."""

    @property
    def display_text(self: _Texted) -> str:
        return catalogue_text(self.code, self.text)


class DisplayName:
    """For Cluster and CompliancePoint: `name` in the active language."""

    @property
    def display_name(self: _Named) -> str:
        return catalogue_text(name_key(self.code), self.name)
