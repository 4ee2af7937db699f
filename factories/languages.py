"""Which language a person reads: the language of a programme's country, and a user's own.

The one mapping from a programme's country (ISO 3166-1 alpha-3, `Programme.code`) to the
language the factories there work in; countries not listed read English.
"""

from __future__ import annotations

from typing import Any

LANGUAGE_BY_COUNTRY: dict[str, str] = {
    "VNM": "vi",
    "BGD": "bn",
    "KHM": "km",
    "IDN": "id",
    "JOR": "ar",
    "EGY": "ar",
    "NIC": "es",
    "HTI": "fr",
}
DEFAULT_LANGUAGE = "en"


def language_for_country(code: str) -> str:
    """The language of a programme's country; English for a country not listed."""
    return LANGUAGE_BY_COUNTRY.get(str(code).upper(), DEFAULT_LANGUAGE)


def language_of(user: Any) -> str:
    """The language `user` reads: the one they chose, else for a factory user the language of
    their factory's programme country, else English."""
    profile = getattr(user, "profile", None) if user is not None else None
    if profile is None:
        return DEFAULT_LANGUAGE
    chosen = getattr(profile, "language", "")
    if chosen:
        return str(chosen)
    factory = getattr(profile, "factory", None)
    if factory is not None:
        return language_for_country(factory.programme.code)
    return DEFAULT_LANGUAGE
