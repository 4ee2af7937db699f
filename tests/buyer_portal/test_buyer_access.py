"""Third-party access: the factory's page and API, per persona, with the history kept."""

from __future__ import annotations

import pytest

from factories import services as factory_services
from factories.models import ThirdPartyAccess
from tests.conftest import PERSONAS, api_as, client_as

PAGE_STATUS = {
    "anonymous": 302,
    "pm": 200,
    "ea": 404,
    "other_pm": 404,
    "factory_user": 200,
    "other_factory_user": 404,
    "buyer_user": 404,
    "outsider_buyer_user": 404,
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_shows_the_access_page_to_the_factory_and_its_pms_only(cast, persona):
    response = client_as(cast.persona(persona)).get(f"/buyers/access/{cast.factory.pk}/")
    assert response.status_code == PAGE_STATUS[persona]
    if response.status_code == 200:
        assert b"Northwind Apparel" in response.content  # the open grant
        assert b"fiona-factory" in response.content  # who granted it


def test_it_answers_404_for_a_factory_that_does_not_exist(cast):
    assert client_as(cast.factory_user).get("/buyers/access/999999/").status_code == 404


@pytest.mark.parametrize("persona", ["factory_user", "pm"])
def test_it_grants_and_revokes_from_the_page_and_keeps_the_history(cast, persona):
    user = cast.persona(persona)
    user.profile.language = "en"  # the texts below are the English ones
    user.profile.save(update_fields=["language"])
    client = client_as(user)
    url = f"/buyers/access/{cast.factory.pk}/"
    response = client.post(url, {"buyer": cast.outsider_buyer.pk})
    assert response.status_code == 302
    assert cast.outsider_buyer_user and cast.factory in _visible(cast.outsider_buyer_user)

    revoke = f"{url}revoke/{cast.outsider_buyer.pk}/"
    asked = client.post(revoke)  # the confirmation step says what revoking does, and waits
    assert asked.status_code == 200
    assert "no longer appears in the supplier list of Contoso Retail" in asked.content.decode()
    assert cast.factory in _visible(cast.outsider_buyer_user)
    response = client.post(revoke, {"confirmed": "yes"})
    assert response.status_code == 302
    assert cast.factory not in _visible(cast.outsider_buyer_user)
    grant = ThirdPartyAccess.objects.get(factory=cast.factory, buyer=cast.outsider_buyer)
    assert (grant.granted_by, grant.revoked_by) == (user, user)
    assert grant.revoked_at is not None

    page = client.get(url).content.decode()
    assert "Contoso Retail" in page  # in the history
    assert page.count("Revoke access of") == 1  # only Northwind's grant is still open


def _visible(user):
    from factories import access

    return list(access.factories_for(user))


def test_it_offers_only_buyers_without_an_open_grant(cast):
    page = client_as(cast.factory_user).get(f"/buyers/access/{cast.factory.pk}/").content.decode()
    form = page.split('id="grant-title"')[1]
    assert "Contoso Retail" in form
    assert f'value="{cast.buyer.pk}"' not in form


@pytest.mark.parametrize("buyer", ["already", "unknown", ""])
def test_it_refuses_a_bad_grant_naming_the_buyer_field(cast, buyer):
    value = {"already": cast.buyer.pk, "unknown": 999999, "": ""}[buyer]
    response = client_as(cast.factory_user).post(
        f"/buyers/access/{cast.factory.pk}/", {"buyer": value}
    )
    assert response.status_code == 400
    assert "buyer" in response.context["form"].errors
    assert ThirdPartyAccess.objects.filter(factory=cast.factory).count() == 1


def test_it_answers_404_when_revoking_a_buyer_without_access(cast):
    url = f"/buyers/access/{cast.factory.pk}/revoke/{cast.outsider_buyer.pk}/"
    assert client_as(cast.factory_user).post(url).status_code == 404


@pytest.mark.parametrize("persona", ["ea", "other_pm", "other_factory_user", "buyer_user"])
def test_it_refuses_grants_and_revocations_out_of_scope(cast, persona):
    client = client_as(cast.persona(persona))
    url = f"/buyers/access/{cast.factory.pk}/"
    assert client.post(url, {"buyer": cast.outsider_buyer.pk}).status_code == 404
    assert client.post(f"{url}revoke/{cast.buyer.pk}/").status_code == 404
    assert ThirdPartyAccess.objects.get(factory=cast.factory).revoked_at is None
    assert not ThirdPartyAccess.objects.filter(buyer=cast.outsider_buyer).exists()


def test_it_refuses_a_get_on_revoke(cast):
    url = f"/buyers/access/{cast.factory.pk}/revoke/{cast.buyer.pk}/"
    assert client_as(cast.factory_user).get(url).status_code == 405


def test_it_keeps_the_access_page_queries_flat(cast, django_assert_max_num_queries):
    for n in range(12):
        buyer = factory_services.Buyer.objects.create(name=f"Brand {n}")
        factory_services.third_party_access_grant(
            factory=cast.factory, buyer=buyer, actor=cast.factory_user
        )
        if n % 2:
            factory_services.third_party_access_revoke(
                factory=cast.factory, buyer=buyer, actor=cast.pm
            )
    client = client_as(cast.factory_user)
    with django_assert_max_num_queries(12):
        assert client.get(f"/buyers/access/{cast.factory.pk}/").status_code == 200


# --- API ----------------------------------------------------------------------------------

API_READ = {**PAGE_STATUS, "anonymous": 401}


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_lists_grants_with_history_through_the_api(cast, persona):
    response = api_as(cast.persona(persona)).get(
        f"/api/v1/factories/{cast.factory.pk}/third-party-access/"
    )
    assert response.status_code == API_READ[persona]
    if response.status_code == 200:
        [grant] = response.json()
        assert grant["buyer"] == {"id": cast.buyer.pk, "name": "Northwind Apparel"}
        assert grant["granted_by"] == "fiona-factory"
        assert grant["active"] is True and grant["revoked_at"] is None


API_GRANT = {**PAGE_STATUS, "anonymous": 401, "pm": 201, "factory_user": 201}


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_grants_through_the_api_per_persona(cast, persona):
    response = api_as(cast.persona(persona)).post(
        f"/api/v1/factories/{cast.factory.pk}/third-party-access/",
        {"buyer": cast.outsider_buyer.pk},
        format="json",
    )
    assert response.status_code == API_GRANT[persona]
    granted = ThirdPartyAccess.objects.filter(buyer=cast.outsider_buyer, revoked_at=None).exists()
    assert granted == (response.status_code == 201)
    if granted:
        assert response.json()["buyer"]["id"] == cast.outsider_buyer.pk


@pytest.mark.parametrize(
    "body",
    [{"buyer": 999999}, {"buyer": "x"}, {}, "already"],
    ids=["unknown", "text", "missing", "already"],
)
def test_it_refuses_a_bad_api_grant_naming_buyer(cast, body):
    if body == "already":
        body = {"buyer": cast.buyer.pk}
    response = api_as(cast.factory_user).post(
        f"/api/v1/factories/{cast.factory.pk}/third-party-access/", body, format="json"
    )
    assert response.status_code == 400
    assert "buyer" in response.json()


API_REVOKE = {**PAGE_STATUS, "anonymous": 401, "pm": 204, "factory_user": 204}


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_revokes_through_the_api_per_persona(cast, persona):
    response = api_as(cast.persona(persona)).delete(
        f"/api/v1/factories/{cast.factory.pk}/third-party-access/{cast.buyer.pk}/"
    )
    assert response.status_code == API_REVOKE[persona]
    open_grant = ThirdPartyAccess.objects.filter(buyer=cast.buyer, revoked_at=None).exists()
    assert open_grant == (response.status_code != 204)


def test_it_answers_404_on_revoking_twice_or_an_unknown_buyer(cast):
    client = api_as(cast.factory_user)
    url = f"/api/v1/factories/{cast.factory.pk}/third-party-access"
    assert client.delete(f"{url}/{cast.buyer.pk}/").status_code == 204
    assert client.delete(f"{url}/{cast.buyer.pk}/").status_code == 404
    assert client.delete(f"{url}/999999/").status_code == 404
    history = client.get(f"{url}/").json()
    assert history[0]["revoked_by"] == "fiona-factory"


BUYERS_STATUS = {
    "anonymous": 401,
    "pm": 200,
    "ea": 403,
    "other_pm": 403,  # no factory of VNM in the cast: nobody to grant for
    "factory_user": 200,
    "other_factory_user": 200,
    "buyer_user": 403,
    "outsider_buyer_user": 403,
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_lists_the_buyers_a_factory_may_grant(cast, persona):
    response = api_as(cast.persona(persona)).get("/api/v1/buyers/")
    assert response.status_code == BUYERS_STATUS[persona]
    if response.status_code == 200:
        names = [b["name"] for b in response.json()["results"]]
        assert names == ["Contoso Retail", "Northwind Apparel"]


def test_it_leaves_out_buyers_already_granted_for_a_factory(cast):
    client = api_as(cast.factory_user)
    response = client.get(f"/api/v1/buyers/?factory={cast.factory.pk}")
    assert [b["id"] for b in response.json()["results"]] == [cast.outsider_buyer.pk]
    assert client.get(f"/api/v1/buyers/?factory={cast.other_factory.pk}").status_code == 404


@pytest.mark.parametrize(
    "persona, links, absent",
    [
        ("factory_user", ["/buyers/access/{factory}/"], ["/buyers/suppliers/"]),
        ("buyer_user", ["/buyers/suppliers/", "/buyers/overviews/"], ["/buyers/access/"]),
        ("ea", [], ["/buyers/access/", "/buyers/suppliers/", "/buyers/overviews/"]),
    ],
)
def test_it_links_the_buyer_portal_from_the_navigation(cast, persona, links, absent):
    page = client_as(cast.persona(persona)).get("/").content.decode()
    nav = page.split('class="mainnav"')[1].split("</nav>")[0]
    for link in links:
        assert f'href="{link.format(factory=cast.factory.pk)}"' in nav
    for link in absent:
        assert link not in nav
