"""Approve, reject, keep, withdraw and revoke ask first, saying what will happen (issue 15,
point 4); plain forms, no JavaScript: a post without `confirmed=yes` decides nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from differentiation.confirming import decision_consequences
from differentiation.models import Decision
from differentiation.vocabulary import RequestKind
from tests.conftest import Cast, client_as
from tests.pages.pm_helpers import make_eligible


@pytest.mark.parametrize(
    ("kind", "approve", "title", "effect"),
    [
        (RequestKind.GRANT, True, "Approve high-performing status", "A formal note is issued"),
        (RequestKind.GRANT, False, "Reject high-performing status", "does not become"),
        (RequestKind.REVIEW, True, "Keep the high-performing status", "keeps its benefits"),
        (RequestKind.REVIEW, False, "Withdraw the high-performing status", "Its benefits end"),
    ],
)
def test_each_decision_says_what_will_happen(
    cast: Cast, kind: str, approve: bool, title: str, effect: str
) -> None:
    request = make_eligible(cast.factory, by=cast.ea)
    request.kind = kind
    said = decision_consequences(request, approve=approve)
    assert said.title.startswith(title) and cast.factory.name in said.title
    assert any(effect in line for line in said.effects), said.effects
    if kind == RequestKind.REVIEW and not approve:
        # The buyer with access (Northwind) is named: it will see the factory lose the status.
        assert any("Northwind Apparel" in line for line in said.effects)


def test_the_confirmation_page_posts_back_the_reason_and_decides_only_when_confirmed(
    cast: Cast,
) -> None:
    request = make_eligible(cast.factory, by=cast.ea)
    url = reverse("differentiation:reject", args=[request.pk])
    client = client_as(cast.pm)
    asked = client.post(url, {"reason": "Committee not elected."})
    body = asked.content.decode()
    assert asked.status_code == 200
    assert f'action="{url}"' in body
    assert 'name="confirmed" value="yes"' in body
    assert 'name="reason" value="Committee not elected."' in body
    assert "<script" not in body.split("<main")[1]  # plain HTML: no script needed
    assert not Decision.objects.exists()
    assert client.post(url, {"reason": "Committee not elected.", "confirmed": "yes"}).status_code
    assert Decision.objects.get().reason == "Committee not elected."


def test_a_decision_that_would_be_refused_is_refused_before_the_confirmation(cast: Cast) -> None:
    request = make_eligible(cast.factory, by=cast.ea, finaliser=cast.pm)  # four eyes
    response = client_as(cast.pm).post(reverse("differentiation:approve", args=[request.pk]))
    assert response.status_code == 403
    assert "Yes, approve" not in response.content.decode()
