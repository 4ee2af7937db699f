"""Evaluating many factories at once: the facts of a batch in a fixed number of queries.

The per-factory logic is `services.evaluate_loaded`, the very body of `factory_evaluate`; only the
loading differs. A batch is one transaction holding the row locks of its factories (taken in id
order, as every other writer takes one lock at a time, so no deadlock), and each factory's write
is a savepoint, so one broken factory does not lose the others' evaluations.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db import transaction

from differentiation import criteria
from differentiation.models import Evaluation
from differentiation.services import EvaluationRun, evaluate_loaded, load_facts, load_reference
from factories.models import Factory

log = logging.getLogger(__name__)

BATCH_SIZE = 250


@dataclass
class BatchResult:
    runs: dict[int, EvaluationRun] = field(default_factory=dict)
    failed: dict[int, str] = field(default_factory=dict)

    @property
    def new(self) -> int:
        return sum(1 for run in self.runs.values() if run.evaluation is not None)


def _chunks(ids: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _latest_evaluations(factory_ids: list[int]) -> dict[int, Evaluation]:
    """The latest evaluation of each factory, without its (large) inputs and outcome."""
    latest = (
        Evaluation.objects.filter(factory_id__in=factory_ids)
        .order_by("factory_id", "-created_at", "-id")
        .only("id", "factory_id", "fingerprint", "rule_version", "created_at")
    )
    by_factory: dict[int, Evaluation] = {}
    for evaluation in latest:
        by_factory.setdefault(evaluation.factory_id, evaluation)
    return by_factory


def _unchanged(facts: criteria.FactoryFacts, latest: Evaluation | None) -> bool:
    """True when `evaluate_loaded` would write nothing: same data and rules, or no data yet."""
    if latest is None:
        return not facts.assessments and not facts.progress_reports
    return (
        latest.rule_version == criteria.RULE_VERSION
        and latest.fingerprint == criteria.fingerprint(facts, criteria.RULE_VERSION)
    )


def factories_evaluate(
    factory_ids: Iterable[int],
    reference: criteria.Reference | None = None,
    *,
    trigger: str = "",
    batch_size: int = BATCH_SIZE,
) -> BatchResult:
    """Evaluate every factory in `factory_ids`, like `factory_evaluate` one by one would."""
    reference = reference or load_reference()
    result = BatchResult()
    for batch in _chunks(sorted(set(factory_ids)), batch_size):
        with transaction.atomic():
            factories = list(
                Factory.objects.select_for_update().filter(pk__in=batch).order_by("pk")
            )
            facts = load_facts([f.pk for f in factories])
            latest = _latest_evaluations([f.pk for f in factories])
            for factory in factories:
                if _unchanged(facts[factory.pk], latest.get(factory.pk)):
                    # What evaluate_loaded answers too, without a savepoint per factory.
                    result.runs[factory.pk] = EvaluationRun(None, factory.stage)
                    continue
                try:
                    with transaction.atomic():
                        run = evaluate_loaded(
                            factory=factory,
                            facts=facts[factory.pk],
                            latest=latest.get(factory.pk),
                            trigger=trigger,
                            reference=reference,
                        )
                except Exception as error:  # one broken factory must not stop the others
                    log.exception("Could not evaluate factory %s", factory.pk)
                    result.failed[factory.pk] = f"{type(error).__name__}: {error}"
                    continue
                result.runs[factory.pk] = run
    return result
