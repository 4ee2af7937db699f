"""Finalisations and evaluations of the same factories at the same moment never deadlock
(PostgreSQL): every writer locks the factory row first.

Each factory is set up so that its evaluation moves it to candidate and therefore marks its
draft assessment for the additional questions, while that very draft is being finalised: with
the old order (the draft, then the factory) the two transactions wait on each other and
PostgreSQL kills one of them ("deadlock detected").
"""

from __future__ import annotations

import datetime
import threading
from typing import Any

import pytest
from django.db import connection

from assessments import services as assessment_services
from assessments.models import Assessment
from differentiation import tasks
from differentiation.evaluation import factories_evaluate, factory_evaluate
from factories.models import Factory
from tests import makers
from tests.conftest import needs_postgres

pytestmark = pytest.mark.postgres

FACTORIES = 12


def _factory_with_a_draft(n: int, ea: Any) -> tuple[Factory, Assessment]:
    """Cycle 1 and its PR2 finalised but not evaluated yet (its evaluation will make the factory
    a candidate and mark the draft), and the draft of cycle 2, its additional questions already
    answered so that it can be finalised whichever transaction goes first."""
    factory = makers.make_factory(f"Race Factory {n:02d}", advisor=ea)
    makers.make_assessment(factory, by=ea, cycle=1, visit_date=datetime.date(2024, 3, 12))
    makers.make_report(factory, by=ea, cycle=1, release_date=datetime.date(2024, 11, 20))
    draft = makers.make_assessment(
        factory, by=ea, cycle=2, visit_date=datetime.date(2025, 3, 1), finalise=False
    )
    Assessment.objects.filter(pk=draft.pk).update(includes_additional_questions=True)
    for answer in makers.all_items_met():
        assessment_services.additional_answer_record(
            assessment=draft, actor=ea, item=answer.item, met=answer.met
        )
    return factory, draft


@pytest.mark.parametrize("evaluation", ["one_by_one", "in_batches"])
def test_finalising_while_evaluating_never_deadlocks(
    transactional_db: Any, cast: Any, evaluation: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    needs_postgres()
    with monkeypatch.context() as broker_down:  # the set-up's own evaluations are not run
        broker_down.setattr(tasks.evaluate_factory, "apply_async", lambda *a, **k: None)
        made = [_factory_with_a_draft(n, cast.ea) for n in range(FACTORIES)]
    assert (
        Factory.objects.filter(stage="not_on_track", name__startswith="Race").count() == FACTORIES
    )
    barriers = [threading.Barrier(2, timeout=20) for _ in made]
    errors: list[BaseException] = []

    def finalise_all() -> None:
        try:
            for (_, draft), barrier in zip(made, barriers, strict=True):
                barrier.wait()
                assessment_services.assessment_finalise(
                    assessment=draft, actor=cast.ea, remaining_compliant=True
                )
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    def evaluate_all() -> None:
        try:
            for (factory, _), barrier in zip(made, barriers, strict=True):
                barrier.wait()
                if evaluation == "one_by_one":
                    factory_evaluate(factory_id=factory.pk, trigger="race")
                else:
                    result = factories_evaluate([f.pk for f, _ in made], trigger="race")
                    assert not result.failed, result.failed
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=finalise_all), threading.Thread(target=evaluate_all)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    assert not any(thread.is_alive() for thread in threads), "a writer hung"
    assert errors == [], [f"{type(e).__name__}: {e}" for e in errors]
    # Everything landed, and one more evaluation of the settled data is consistent.
    assert Assessment.objects.filter(cycle=2, status="finalised").count() == FACTORIES
    factories_evaluate([f.pk for f, _ in made], trigger="after")
    for factory, _ in made:
        factory.refresh_from_db()
        latest = factory.evaluations.order_by("-created_at", "-id").first()
        assert latest is not None and latest.stage_after == factory.stage
