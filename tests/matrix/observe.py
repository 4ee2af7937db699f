"""Request every route as every persona, each request rolled back so none affects the next."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import PERSONAS
from tests.matrix.world import World


def portal_routes() -> list[tuple[str, str]]:
    """(name, pattern) of every route but the admin's and the format-suffix duplicates."""
    routes: dict[str, str] = {}

    def walk(patterns: list[Any], prefix: str, namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
                if str(p.pattern).startswith("admin/"):
                    continue
                walk(p.url_patterns, prefix + str(p.pattern), ns)
            elif isinstance(p, URLPattern) and p.name:
                pattern = prefix + str(p.pattern)
                if "format" in p.pattern.regex.groupindex:
                    continue
                routes.setdefault(f"{namespace}{p.name}", pattern)

    walk(get_resolver().url_patterns, "", "")
    return sorted(routes.items())


PK_OF = {
    "factories:": "factory",
    "api-factory": "factory",
    "api-supplier": "factory",
    "buyer_portal:supplier": "factory",
    "assessments:report": "report",
    "assessments:rating": "report",
    "assessments:report_finalise": "report",
    "api-progress-report": "report",
    "assessments:record": "finalised",
    "assessments:": "draft",
    "api-assessment": "draft",
    "differentiation:note": "note",
    "differentiation:": "request",
    "api-approval": "request",
    "buyer_portal:overview": "overview",
}


def url_for(world: World, name: str) -> str:
    kwargs: dict[str, object] = {}
    values = world.kwargs()
    objects = {
        "factory": world.cast.factory.pk,
        "report": world.report.pk,
        "draft": world.draft.pk,
        "finalised": world.finalised.pk,
        "note": world.note.pk,
        "request": world.request.pk,
        "overview": world.overview.pk,
    }
    pattern = dict(portal_routes())[name]
    for key in (
        "factory_id",
        "factory_pk",
        "buyer_id",
        "member_pk",
        "map_pk",
        "target_pk",
        "item_pk",
        "batch_pk",
        "kind",
        "code",
        "token",
        "question_code",
    ):
        if f"<{key}>" in pattern or f":{key}>" in pattern:
            kwargs[key] = values[key]
    if "<int:pk>" in pattern or "(?P<pk>" in pattern:
        owner = next(
            v for k, v in sorted(PK_OF.items(), key=lambda kv: -len(kv[0])) if name.startswith(k)
        )
        kwargs["pk"] = objects[owner]
    return reverse(name, kwargs=kwargs)


def request_as(world: World, persona: str, method: str, url: str) -> int:
    client = Client()
    user = world.cast.persona(persona)
    if user is not None:
        client.force_login(user)
    with transaction.atomic():
        call = getattr(client, method.lower())
        kwargs = {"content_type": "application/json"} if method in ("PUT", "DELETE") else {}
        response = call(url, **kwargs)
        transaction.set_rollback(True)
    return response.status_code


def observe(world: World, name: str, methods: list[str]) -> dict[str, str]:
    url = url_for(world, name)
    return {
        method: " ".join(str(request_as(world, p, method, url)) for p in PERSONAS)
        for method in methods
    }
