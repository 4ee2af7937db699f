"""From finalising an assessment to the new stage, with a real Celery worker on Redis."""

from __future__ import annotations

import datetime
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.utils import timezone

from assessments import services as assessment_services
from assessments.models import (
    Assessment,
    ManagementSystemElement,
    ProgressItem,
    Question,
)
from betterwork.tooling.benchmark.seeding import Seeded
from betterwork.tooling.benchmark.serving import production_env
from betterwork.tooling.workers import celery_worker
from factories.models import Factory
from factories.vocabulary import Stage


@contextmanager
def worker(workdir: Path) -> Iterator[None]:
    """The one worker launcher with production settings; its log's end says why, on failure."""
    with (workdir / "worker.log").open("wb") as log:
        try:
            with celery_worker(
                env=production_env(workdir),
                pool="prefork",
                concurrency=2,
                output=log,
                queue_prefix="bench",
            ):
                yield
        except Exception as error:
            log.flush()
            tail = (workdir / "worker.log").read_text(errors="replace")[-3000:]
            raise RuntimeError(f"{error}\nThe worker's log ends:\n{tail}") from error


def draft_assessments(seeded: Seeded, count: int) -> list[Assessment]:
    """Cycle-4 drafts, through the entry service, for factories spread over the stages."""
    from differentiation.models import Evaluation  # noqa: F401  (the app must be loaded)

    questions = list(Question.objects.values_list("code", "publicly_reported"))
    element_codes = list(ManagementSystemElement.objects.values_list("code", flat=True))
    item_codes = list(ProgressItem.objects.values_list("code", flat=True))
    factories = list(
        Factory.objects.filter(pk__in=seeded.factory_ids).order_by("-stage", "pk")[: count * 3]
    )[::3][:count]
    today = timezone.localdate()
    drafts = []
    for factory in factories:
        drafts.append(
            assessment_services.assessment_create(
                factory=factory,
                cycle=4,
                visit_date=today - datetime.timedelta(days=3),
                actor=seeded.advisors[factory.programme_id],
                findings=[
                    assessment_services.FindingInput(question=code, non_compliant=False)
                    for code, _ in questions
                ],
                elements=[
                    assessment_services.ElementInput(element=c, satisfied=True)
                    for c in element_codes
                ],
                additional=[assessment_services.AnswerInput(item=c, met=True) for c in item_codes]
                if factory.stage == Stage.CANDIDATE
                else [],
                context="benchmark",
            )
        )
    return drafts


def finalise_to_stage(
    seeded: Seeded, drafts: list[Assessment], *, timeout: float = 30.0
) -> list[float]:
    """Milliseconds from calling the finalise service to the evaluation (and stage) committed."""
    from differentiation.models import Evaluation

    timings = []
    for assessment in drafts:
        actor = seeded.advisors[assessment.factory.programme_id]
        trigger = f"assessment:{assessment.pk}"
        started = time.perf_counter()
        assessment_services.assessment_finalise(assessment=assessment, actor=actor)
        seen = Evaluation.objects.filter(factory_id=assessment.factory_id, trigger=trigger)
        while not seen.exists():
            if time.perf_counter() - started > timeout:
                raise RuntimeError(f"No evaluation for {trigger} within {timeout:.0f} s.")
            time.sleep(0.002)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


# --- the machine ----------------------------------------------------------------------------
