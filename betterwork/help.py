"""In-portal help: a short "how do I" page per role, the signed-in user's own by default."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from factories import access
from factories.vocabulary import Role

# The slug in the URL (help/<slug>/) of each role's page, in the order the pages are listed.
SLUGS: dict[str, str] = {
    Role.PROGRAMME_MANAGER: "programme-manager",
    Role.ENTERPRISE_ADVISOR: "enterprise-advisor",
    Role.FACTORY: "factory",
    Role.BUYER: "buyer",
}


def url_name(role: str) -> str:
    return f"help-{SLUGS[role]}"


@login_required
@require_GET
def help_index(request: HttpRequest) -> HttpResponse:
    """The page of the user's own role; a user without a role gets the list of pages."""
    role = access.role_of(request.user)
    if role in SLUGS:
        return redirect(url_name(role))
    return render(request, "help/index.html", {"pages": _pages(None)})


def help_page(role: str) -> Callable[[HttpRequest], HttpResponse]:
    """The view of one role's page: any signed-in user may read any role's help."""

    @login_required
    @require_GET
    def view(request: HttpRequest) -> HttpResponse:
        own = access.role_of(request.user)
        return render(
            request,
            f"help/{role}.html",
            {"help_role": Role(role), "pages": _pages(role), "own_role": own},
        )

    view.__name__ = f"help_{role}"
    return view


def _pages(current: str | None) -> list[dict[str, object]]:
    return [
        {
            "role": Role(role),
            "label": gettext(Role(role).label),
            "url_name": url_name(role),
            "current": role == current,
        }
        for role in SLUGS
    ]
