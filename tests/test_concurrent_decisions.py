"""Two PMs decide the same request at the same moment: exactly one decision wins (PostgreSQL)."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db import connection

from betterwork.core.errors import Conflict
from differentiation.decisions import approval_decide
from differentiation.evaluation import factory_evaluate
from differentiation.models import ApprovalRequest, Decision
from factories.vocabulary import Stage
from tests import makers
from tests.conftest import api_as, needs_postgres

pytestmark = pytest.mark.postgres


def _eligible_request(cast) -> ApprovalRequest:  # type: ignore[no-untyped-def]
    makers.make_assessment(cast.factory, by=cast.ea, cycle=1, visit_date=datetime.date(2024, 3, 12))
    makers.make_report(cast.factory, by=cast.ea, cycle=1, release_date=datetime.date(2024, 11, 20))
    factory_evaluate(factory_id=cast.factory.pk)
    makers.make_assessment(cast.factory, by=cast.ea, cycle=2, visit_date=datetime.date(2025, 3, 1))
    factory_evaluate(factory_id=cast.factory.pk)
    return ApprovalRequest.objects.get(factory=cast.factory, status="pending")


@pytest.mark.parametrize("second", ["approve", "reject"])
def test_it_lets_exactly_one_of_two_simultaneous_decisions_win(
    transactional_db, cast, second: str
) -> None:
    needs_postgres()
    request = _eligible_request(cast)
    barrier = threading.Barrier(2)
    statuses: dict[str, int] = {}
    bodies: dict[str, object] = {}

    def decide(name: str, user, action: str) -> None:  # type: ignore[no-untyped-def]
        try:
            client = api_as(user)
            barrier.wait(timeout=10)
            response = client.post(
                f"/api/v1/approvals/{request.pk}/{action}/",
                {"reason": "Evidence checked."},
                format="json",
            )
            statuses[name] = response.status_code
            bodies[name] = response.json()
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=("pm", cast.pm, "approve")),
        threading.Thread(target=decide, args=("pm2", cast.pm2, second)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(statuses.values()) == [200, 409], (statuses, bodies)
    assert Decision.objects.filter(request=request).count() == 1
    loser = next(name for name, code in statuses.items() if code == 409)
    assert "already" in str(bodies[loser]) or "moment ago" in str(bodies[loser])
    cast.factory.refresh_from_db()
    winner = Decision.objects.get(request=request)
    expected = Stage.HIGH_PERFORMING if winner.outcome == "approved" else cast.factory.stage
    assert cast.factory.stage == expected


def test_it_refuses_a_second_decision_in_the_service(cast) -> None:
    request = _eligible_request(cast)
    approval_decide(request=request, actor=cast.pm, approve=True)
    with pytest.raises(Conflict, match="already approved"):
        approval_decide(request=request, actor=cast.pm2, approve=False, reason="late")
