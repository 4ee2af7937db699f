from typing import Any

from django.http import HttpRequest

from assessments.vocabulary import Answer, Rating
from betterwork.core.version import __version__
from differentiation import vocabulary as differentiation_vocabulary
from differentiation.vocabulary import RequestKind, RequestStatus
from factories import access
from factories.vocabulary import Role, Stage


def role(request: HttpRequest) -> dict[str, Any]:
    """The signed-in user's profile and role, for the navigation."""
    profile = access.profile_of(request.user)
    return {"profile": profile, "role": profile.role if profile else None}


def vocabulary(request: HttpRequest) -> dict[str, Any]:
    """The enums templates compare with (`{% if factory.stage == stages.CANDIDATE %}`): a
    template never spells a state."""
    return {
        "answers": Answer,
        "roles": Role,
        "stages": Stage,
        "rating_scale": Rating,
        "request_kinds": RequestKind,
        "request_statuses": RequestStatus,
        "request_filters": {"DECIDED": differentiation_vocabulary.DECIDED},
    }


def version(request: HttpRequest) -> dict[str, Any]:
    """The portal's version, for every page's footer."""
    return {"portal_version": __version__}
