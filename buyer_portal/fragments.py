"""Rendered fragments and API data cached until their data changes: never stale, nothing to
invalidate.

A fragment's cache key carries a revision the database itself keeps (`models.DataRevision`):
triggers give a table's row a new random token in the same statement as any insert, update or
delete on it, so whatever writes (a service, `.update()`, the admin, raw SQL) moves the key, and
no Python code has to remember which change touches which page. The token changes inside the
writing transaction, so a reader sees the new token when, and only when, it sees the new data;
a rolled-back token is never reused, as tokens are random.

The revision is read *before* the fragment's queries: a write landing in between makes the
rendered fragment newer than its key, never older, and no later request computes that key again.

Where there is no revision yet (nothing written since the tables were made) or the cache cannot
be reached, fragments are rendered every time: slower, never wrong. Several web processes need a
shared cache (Redis, `REDIS_URL`) to share fragments; a per-process cache is correct, just colder.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from typing import TypeVar, cast

from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from buyer_portal.models import DataRevision
from factories import access
from factories.access import AnyUser

log = logging.getLogger(__name__)

T = TypeVar("T")
MISSING = object()

TIMEOUT = 600
"""Seconds a fragment is kept: a bound on the cache's size, not on staleness."""

FORMAT = "1"
"""Bump when a cached fragment's template or context changes shape (or flush the cache)."""


def scope_of(user: AnyUser) -> tuple[object, ...]:
    """Whose a cached value is: the user and its buyer.

    Keyed per user, not per buyer: what a user sees is decided by the access layer for that
    user (its groups), so two users of one buyer never share a value, whatever their rights.
    The buyer is in the key too, so a user moved to another buyer never meets a value computed
    before the move. (A later design replaces this cache with a read model.)
    """
    profile = access.profile_of(user)
    return ("user", user.pk, "buyer", profile.buyer_id if profile else None)


def revision(name: str) -> str | None:
    """The tokens of the tables `name` watches, in one string; None before any write."""
    tokens = list(
        DataRevision.objects.filter(name__startswith=f"{name}:")
        .order_by("name")
        .values_list("name", "token")
    )
    return repr(tokens) if tokens else None


def cache_key(*parts: object) -> str:
    digest = hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()
    return f"fragment:{FORMAT}:{digest}"


def cached(name: str, parts: tuple[object, ...], compute: Callable[[], T]) -> T:
    """`compute()`, or what it returned for the same `parts` and revision of `name`.

    `parts` must name everything the value depends on besides the watched tables and the active
    language (always in the key): whose it is
    (`scope_of(user)`: the user, never only the buyer, as access is decided per user) and the
    request's parameters. A value holds nothing per session (no CSRF token) and nothing that
    depends on the clock; it must pickle.
    """
    current = revision(name)
    if current is None:
        return compute()
    # The active language too: a fragment holds text in the language it was rendered in.
    key = cache_key(name, current, get_language(), *parts)
    try:
        found = cache.get(key, MISSING)
    except Exception:  # the cache is down: compute, do not fail the request
        log.warning("Fragment cache unavailable; computing %s.", name, exc_info=True)
        return compute()
    if found is not MISSING:
        return cast(T, found)
    value = compute()
    try:
        cache.set(key, value, TIMEOUT)
    except Exception:
        log.warning("Fragment cache unavailable; not keeping %s.", name, exc_info=True)
    return value


def cached_fragment(name: str, parts: tuple[object, ...], render: Callable[[], str]) -> SafeString:
    """Rendered HTML kept like `cached` keeps a value; our own rendering, so marked safe."""
    return mark_safe(cached(name, parts, render))
