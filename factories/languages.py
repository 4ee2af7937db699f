"""Which language a person reads the portal in: their choice, else their programme's, else English.

`language_of(user)` is the one answer (pages, and the e-mails sent to a person). The middleware
activates it for each request of a signed-in user; the sign-in page and API clients with a token
keep Django's LocaleMiddleware choice (language cookie, then Accept-Language).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.views.i18n import LANGUAGE_QUERY_PARAMETER
from django.views.i18n import set_language as django_set_language

from factories.models import Profile
from factories.vocabulary import Role

COUNTRY_LANGUAGES: dict[str, str] = {
    "VNM": "vi",
    "BGD": "bn",
    "KHM": "km",
    "IDN": "id",
    "JOR": "ar",
    "EGY": "ar",
    "NIC": "es",
    "HTI": "fr",
}
"""A programme's country (ISO 3166-1 alpha-3, Programme.code) -> the language its factories read."""

DEFAULT_LANGUAGE = "en"


def country_language(code: str) -> str:
    return COUNTRY_LANGUAGES.get(code, DEFAULT_LANGUAGE)


def _profile(user: Any) -> Profile | None:
    """The user's profile with its factory's programme, cached on the user (one query)."""
    if not getattr(user, "is_authenticated", False):
        return None
    descriptor = Profile._meta.get_field("user").remote_field  # the user's `profile` side
    if descriptor.is_cached(user):
        try:
            return user.profile
        except Profile.DoesNotExist:
            return None
    profile = Profile.objects.select_related("factory__programme").filter(user=user).first()
    descriptor.set_cached_value(user, profile)
    return profile


def _language_of_profile(profile: Profile) -> str:
    if profile.language:
        return profile.language
    if profile.role == Role.FACTORY and profile.factory is not None:
        return country_language(profile.factory.programme.code)
    return DEFAULT_LANGUAGE


def language_of(user: Any) -> str:
    """The language `user` reads the portal (and its e-mails) in."""
    profile = _profile(user)
    return DEFAULT_LANGUAGE if profile is None else _language_of_profile(profile)


class UserLanguageMiddleware:
    """Activates a signed-in user's language (after Locale- and AuthenticationMiddleware).

    A user without a profile (a superuser) keeps LocaleMiddleware's choice.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        profile = _profile(request.user)
        if profile is not None:
            language = _language_of_profile(profile)
            translation.activate(language)
            request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        return self.get_response(request)


def set_language(request: HttpRequest) -> HttpResponse:
    """Django's set_language (cookie, `next`), and the choice kept on a signed-in user's profile."""
    response = django_set_language(request)
    language = request.POST.get(LANGUAGE_QUERY_PARAMETER, "")
    profile = _profile(request.user)
    if request.method == "POST" and profile is not None and language in dict(settings.LANGUAGES):
        Profile.objects.filter(pk=profile.pk).update(language=language)
        profile.language = language
    return response
