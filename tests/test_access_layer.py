"""The one access layer: which factories each persona sees and may change."""

from __future__ import annotations

import pytest
from django.http import Http404

from assessments import scoped
from differentiation import scoped as approval_scope
from factories import access
from factories import services as factory_services
from factories.access import Action

# persona -> (sees factory, sees other_factory, actions on factory)
SCOPE = {
    "anonymous": (False, False, set()),
    "pm": (True, True, set(Action)),
    "ea": (True, True, {Action.VIEW, Action.CHANGE, Action.ASSESS, Action.WORK}),
    "other_pm": (False, False, set()),
    "factory_user": (True, False, {Action.VIEW, Action.MANAGE_ACCESS, Action.WORK}),
    "other_factory_user": (False, True, set()),
    "buyer_user": (True, False, {Action.VIEW}),
    "outsider_buyer_user": (False, False, set()),
}


@pytest.mark.parametrize("persona", SCOPE)
def test_it_scopes_factories_per_persona(cast, persona: str) -> None:
    from django.contrib.auth.models import AnonymousUser

    user = cast.persona(persona) or AnonymousUser()
    sees_factory, sees_other, actions = SCOPE[persona]
    visible = set(access.factories_for(user))
    assert (cast.factory in visible, cast.other_factory in visible) == (sees_factory, sees_other)
    assert {a for a in Action if access.may(user, a, cast.factory)} == actions
    if not sees_factory:
        with pytest.raises(Http404):
            access.get_factory_for(user, cast.factory.pk)


def test_it_hides_a_factory_from_a_buyer_the_moment_access_is_revoked(cast) -> None:
    assert access.may(cast.buyer_user, Action.VIEW, cast.factory)
    factory_services.third_party_access_revoke(
        factory=cast.factory, buyer=cast.buyer, actor=cast.factory_user
    )
    assert not access.factories_for(cast.buyer_user).exists()
    factory_services.third_party_access_grant(factory=cast.factory, buyer=cast.buyer, actor=cast.pm)
    assert list(access.factories_for(cast.buyer_user)) == [cast.factory]


def test_it_never_widens_scope_for_superusers_or_global_permissions(cast) -> None:
    from django.contrib.auth.models import Permission

    cast.outsider_buyer_user.is_superuser = True
    cast.outsider_buyer_user.save()
    cast.outsider_buyer_user.user_permissions.add(Permission.objects.get(codename="view_factory"))
    assert not access.factories_for(cast.outsider_buyer_user).exists()


def test_it_shows_drafts_only_to_programme_staff(cast) -> None:
    from tests import makers

    makers.make_assessment(cast.factory, by=cast.ea, finalise=False)
    assert scoped.assessments_for(cast.ea).count() == 1
    assert scoped.assessments_for(cast.factory_user).count() == 0
    assert scoped.assessments_for(cast.buyer_user).count() == 0
    assert approval_scope.approval_requests_for(cast.ea).count() == 0
