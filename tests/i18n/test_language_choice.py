"""Which language a person reads the portal in (issue 14): their choice on the profile, else a
factory user's programme country, else English; before signing in, the browser's."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import translation

from factories.languages import COUNTRY_LANGUAGES, country_language, language_of
from factories.models import Profile
from factories.vocabulary import Role
from tests import makers
from tests.conftest import Cast, api_as, client_as
from tests.scope import admin_client

pytestmark = pytest.mark.django_db


def _factory_user(country: str) -> User:
    factory = makers.make_factory(country=country)
    return makers.make_user(Role.FACTORY, factory=factory)


def _language_of_page(user: User | None, **headers: str) -> str:
    response = client_as(user).get(reverse("home"), follow=True, headers=headers)
    assert response.status_code == 200
    return response["Content-Language"]


def test_the_country_languages_are_languages_of_the_portal() -> None:
    assert set(COUNTRY_LANGUAGES.values()) <= {code for code, _ in settings.LANGUAGES}
    assert country_language("VNM") == "vi"
    assert country_language("JOR") == country_language("EGY") == "ar"
    assert country_language("ETH") == "en"


@pytest.mark.parametrize(
    ("country", "language"), [("VNM", "vi"), ("BGD", "bn"), ("HTI", "fr"), ("PAK", "en")]
)
def test_a_factory_user_reads_their_programme_country_language(country: str, language: str) -> None:
    user = _factory_user(country)
    assert language_of(user) == language
    assert _language_of_page(user) == language


@pytest.mark.parametrize("persona", ["pm", "ea", "other_pm", "buyer_user"])
def test_staff_and_buyers_read_english_whatever_the_browser_asks(cast: Cast, persona: str) -> None:
    user = cast.persona(persona)
    assert language_of(user) == "en"
    assert _language_of_page(user, accept_language="vi") == "en"


def test_the_profile_choice_wins_over_the_role_default(cast: Cast) -> None:
    user = _factory_user("VNM")
    Profile.objects.filter(user=user).update(language="es")
    cast.ea.profile.language = "fr"
    cast.ea.profile.save(update_fields=["language"])
    assert language_of(User.objects.get(pk=user.pk)) == "es"
    assert _language_of_page(user) == "es"
    assert _language_of_page(cast.ea, accept_language="vi") == "fr"


def test_choosing_a_language_keeps_it_on_the_profile(cast: Cast) -> None:
    client = client_as(cast.ea)
    response = client.post(reverse("set_language"), {"language": "km", "next": "/factories/"})
    assert response.status_code == 302
    assert response["Location"] == "/factories/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "km"
    assert Profile.objects.get(user=cast.ea).language == "km"
    assert client.get(reverse("home"), follow=True)["Content-Language"] == "km"


def test_a_language_outside_the_portal_is_not_kept(cast: Cast) -> None:
    response = client_as(cast.pm).post(reverse("set_language"), {"language": "de", "next": "/"})
    assert response.status_code == 302
    assert Profile.objects.get(user=cast.pm).language == ""


def test_the_language_url_is_djangos_set_language() -> None:
    assert reverse("set_language") == "/i18n/setlang/"


def test_before_signing_in_the_browser_language_is_used() -> None:
    login = reverse("login")
    assert client_as(None).get(login, headers={"accept-language": "vi"})["Content-Language"] == "vi"
    assert client_as(None).get(login, headers={"accept-language": "ar"})["Content-Language"] == "ar"
    assert client_as(None).get(login, headers={"accept-language": "de"})["Content-Language"] == "en"


def test_an_anonymous_choice_sets_the_cookie_only() -> None:
    client = client_as(None)
    response = client.post(reverse("set_language"), {"language": "id", "next": reverse("login")})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "id"
    assert client.get(reverse("login"))["Content-Language"] == "id"
    assert not Profile.objects.exclude(language="").exists()


def test_an_api_error_is_in_the_language_the_client_asks_for(cast: Cast) -> None:
    response = api_as(cast.pm).post(
        "/api/v1/factories/", {}, format="json", headers={"accept-language": "fr"}
    )
    assert response.status_code == 400
    assert response["Content-Language"] == "fr"
    assert response.json()["name"] == ["Ce champ est obligatoire."]


def test_an_api_error_is_in_english_by_default(cast: Cast) -> None:
    response = api_as(cast.pm).post("/api/v1/factories/", {}, format="json")
    assert response.status_code == 400
    assert response["Content-Language"] == "en"
    assert response.json()["name"] == ["This field is required."]


INTRO = (
    "The factories that granted you third-party access. High-performing status is confidential: "
    "it is never published."
)


def test_the_supplier_list_follows_the_readers_language(cast: Cast) -> None:
    english = client_as(cast.buyer_user).get("/buyers/suppliers/").content.decode()
    Profile.objects.filter(user=cast.buyer_user).update(language="fr")
    french = client_as(cast.buyer_user).get("/buyers/suppliers/").content.decode()
    with translation.override("fr"):
        intro = translation.gettext(INTRO)
    assert INTRO in english and intro != INTRO and intro in french and INTRO not in french
    assert '<html lang="fr"' in french


def test_the_admin_sets_a_persons_language_with_their_scope(cast: Cast) -> None:
    client, _ = admin_client()
    profile = Profile.objects.get(user=cast.pm)
    page = client.get(f"/admin/factories/profile/{profile.pk}/change/")
    assert 'name="language"' in page.content.decode()
    response = client.post(
        f"/admin/factories/profile/{profile.pk}/change/",
        {
            "user": cast.pm.pk,
            "role": Role.PROGRAMME_MANAGER,
            "programmes": [makers.programme("BGD").pk],
            "factory": "",
            "buyer": "",
            "language": "bn",
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert (profile.language, profile.role) == ("bn", Role.PROGRAMME_MANAGER)
    assert language_of(User.objects.get(pk=cast.pm.pk)) == "bn"


def test_pages_know_the_language_and_its_direction() -> None:
    arabic = client_as(None).get(reverse("login"), headers={"accept-language": "ar"})
    assert (arabic.context["LANGUAGE_CODE"], arabic.context["LANGUAGE_BIDI"]) == ("ar", True)
    english = client_as(None).get(reverse("login"))
    assert (english.context["LANGUAGE_CODE"], english.context["LANGUAGE_BIDI"]) == ("en", False)
