from typing import Any

from django.http import HttpRequest

from factories import access


def role(request: HttpRequest) -> dict[str, Any]:
    """The signed-in user's profile and role, for the navigation."""
    profile = access.profile_of(request.user)
    return {"profile": profile, "role": profile.role if profile else None}
