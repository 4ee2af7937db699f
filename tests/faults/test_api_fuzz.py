"""The API under a schema-driven fuzzer: schemathesis generates requests from /api/v1/schema/
for every operation, sent in-process to the WSGI app as a programme manager; none may answer 500.

Bounded (25 examples per operation, no deadline) so that it finishes in a few minutes. Every
500 is collected with its request and the server's traceback, and reported together.
"""

from __future__ import annotations

import datetime
import traceback
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import got_request_exception, request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from knox.models import AuthToken

from betterwork.wsgi import application
from tests import makers
from tests.api import payloads

MAX_EXAMPLES = 25


def _describe(case: Any) -> str:
    parts = [f"{case.method} {case.formatted_path}"]
    for name in ("query", "body"):
        value = getattr(case, name, None)
        if value not in (None, {}, []):
            parts.append(f"{name}={value!r:.600}")
    return " ".join(parts)


@pytest.fixture
def wsgi_calls_keep_the_test_transaction() -> Iterator[None]:
    """The app is called as a real WSGI app: keep it from closing the test's connection (and
    its transaction, on PostgreSQL) at each request's end, as Django's test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.usefixtures("wsgi_calls_keep_the_test_transaction")
def test_it_never_answers_500_to_generated_requests(db: Any, cast: Any) -> None:
    # Some real rows, so that generated ids sometimes hit objects in scope.
    payloads.make_eligible(cast.factory, ea=cast.ea, by=cast.ea)
    makers.make_assessment(cast.other_factory, by=cast.ea, visit_date=datetime.date(2024, 5, 2))
    token = AuthToken.objects.create(user=cast.pm)[1]
    auth = {"Authorization": f"Token {token}"}
    schema = schemathesis.openapi.from_wsgi(
        "/api/v1/schema/?format=json", application, headers=auth
    )

    server_errors: list[str] = []
    statuses: Counter[int] = Counter()
    last_traceback: list[str] = []

    def remember(sender: Any, request: Any = None, **kwargs: Any) -> None:
        last_traceback.append(traceback.format_exc())

    got_request_exception.connect(remember)
    operations = 0
    try:
        for result in schema.get_all_operations():
            operation = result.ok()
            operations += 1

            @given(case=operation.as_strategy())
            @settings(
                max_examples=MAX_EXAMPLES,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
                derandomize=True,
            )
            def fuzz(case: Any) -> None:
                last_traceback.clear()
                response = case.call(headers=auth)
                statuses[response.status_code] += 1
                if not AuthToken.objects.filter(user=cast.pm).exists():
                    # DELETE /api/v1/auth/token/ revoked the token in use: carry on with a new one.
                    auth["Authorization"] = f"Token {AuthToken.objects.create(user=cast.pm)[1]}"
                if response.status_code >= 500:
                    trace = last_traceback[-1] if last_traceback else "(no traceback)"
                    server_errors.append(
                        f"{response.status_code} for {_describe(case)}\n{trace[-2500:]}"
                    )

            fuzz()
    finally:
        got_request_exception.disconnect(remember)
    assert operations > 10, f"the schema lists only {operations} operations"
    assert sum(n for status, n in statuses.items() if status < 300) > operations, (
        f"too few successful requests to trust the run: {dict(statuses)}"
    )
    if server_errors:
        unique = list(dict.fromkeys(e.split("\n", 1)[0] for e in server_errors))
        pytest.fail(
            f"{len(server_errors)} server error(s), e.g.:\n"
            + "\n".join(unique[:15])
            + "\n\nfirst traceback:\n"
            + server_errors[0]
        )
