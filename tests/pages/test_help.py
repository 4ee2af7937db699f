"""In-portal help: a page per role, the user's own by default, linked from every page's header,
signed-in only."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from betterwork import help as help_pages
from factories.vocabulary import Role
from tests.conftest import client_as

OWN_PAGE = {
    "pm": ("help-programme-manager", "Decide a request"),
    "ea": ("help-enterprise-advisor", "Enter and finalise an assessment"),
    "factory_user": ("help-factory", "Grant access to a buyer"),
    "buyer_user": ("help-buyer", "Read and export your suppliers"),
}


@pytest.mark.parametrize("persona", sorted(OWN_PAGE))
def test_help_opens_on_the_users_own_role(cast, persona: str) -> None:
    name, heading = OWN_PAGE[persona]
    client = client_as(getattr(cast, persona))
    response = client.get(reverse("help"))
    assert response.status_code == 302
    assert response["Location"] == reverse(name)
    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert heading in html
    # The other roles' pages are linked, the current one marked.
    for other in help_pages.SLUGS.values():
        assert reverse(f"help-{other}") in html
    assert f'href="{reverse(name)}" aria-current="page"' in html


@pytest.mark.parametrize("persona", sorted(OWN_PAGE))
def test_every_role_may_read_the_other_roles_help(cast, persona: str) -> None:
    client = client_as(getattr(cast, persona))
    for name, heading in OWN_PAGE.values():
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert heading in response.content.decode()


def test_a_user_without_a_role_gets_the_list_of_pages(db) -> None:
    user = User.objects.create_user("nobody")
    response = client_as(user).get(reverse("help"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "has no role" in html
    for role in Role:
        assert reverse(help_pages.url_name(role)) in html


def test_help_is_for_signed_in_users_only(db) -> None:
    for name in ("help", *(help_pages.url_name(role) for role in Role)):
        response = client_as(None).get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("persona", sorted(OWN_PAGE))
def test_every_page_header_links_to_help(cast, persona: str) -> None:
    html = client_as(getattr(cast, persona)).get(reverse("home")).content.decode()
    header = html.split("</header>")[0]
    assert f'href="{reverse("help")}"' in header
