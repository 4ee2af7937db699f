"""The home page each role lands on, and the health endpoint."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from betterwork import homepages
from factories import access
from factories.vocabulary import Role

HOME_TEMPLATES: dict[str, str] = {
    Role.PROGRAMME_MANAGER: "home/programme_manager.html",
    Role.ENTERPRISE_ADVISOR: "home/enterprise_advisor.html",
    Role.FACTORY: "home/factory.html",
    Role.BUYER: "home/buyer.html",
}


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    role = access.role_of(request.user)
    if role is None:
        return render(request, "home/no_role.html")
    context = homepages.context_for(request.user, role)
    return render(request, HOME_TEMPLATES[role], context)


# Outermost: with ATOMIC_REQUESTS the handler would open a transaction (a connection) before
# the view runs, and a dead database would be a 500 there instead of this view's 503.
@transaction.non_atomic_requests
@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """Liveness for load balancers and compose: the database and the broker both answer."""
    checks: dict[str, str] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception:
        checks["database"] = "unavailable"
    if settings.REDIS_URL:
        try:
            import redis

            redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2).ping()
            checks["broker"] = "ok"
        except Exception:
            checks["broker"] = "unavailable"
    else:
        checks["broker"] = "in-process"
    healthy = all(value in ("ok", "in-process") for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503
    )
