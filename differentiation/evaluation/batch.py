"""Evaluating many factories at once: the facts of a batch in a fixed number of queries.

The per-factory logic is `one.evaluate_loaded`, the very body of `factory_evaluate`; only the
loading differs. A batch is one transaction holding the row locks of its factories (taken in id
order, as every other writer takes one lock at a time, so no deadlock), and each factory's write
is a savepoint, so one broken factory does not lose the others' evaluations.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from differentiation import criteria
from differentiation.evaluation import bulk
from differentiation.evaluation.loading import load_evidence, load_new_evidence
from differentiation.evaluation.one import EvaluationRun, evaluate_loaded
from differentiation.evaluation.one import note_unchanged as checked_unchanged
from differentiation.models import Evaluation
from factories.models import Factory

log = logging.getLogger(__name__)

BATCH_SIZE = 1000
"""Factories per transaction. A re-evaluation reads a batch in seven queries; at 1,000 a first
evaluation holds a batch's row locks for about two seconds (see `manage.py benchmark`)."""


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


def _unchanged(rows: list[criteria.EvidenceRow], latest: Evaluation | None) -> bool:
    """True when `evaluate_loaded` would write nothing: same data and rules, or no data yet.

    `rows` are sorted. This is the fingerprint `evaluate_loaded` computes from the facts, taken
    from the rows before any fact is built: most factories of a re-evaluation are unchanged.
    """
    if latest is None:
        return not rows
    return (
        latest.rule_version == criteria.RULE_VERSION
        and latest.fingerprint == criteria.rows_fingerprint(rows, criteria.RULE_VERSION)
    )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a batch's rows are alive.

    A batch allocates a few hundred thousand small tuples that are all still referenced, so
    every collection the allocations trigger walks them all for nothing: at programme scale
    that was over a third of a re-evaluation. Reference counting still frees everything, and
    the collector runs again when the batch is done.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def factories_evaluate(
    factory_ids: Iterable[int],
    *,
    trigger: str = "",
    batch_size: int = BATCH_SIZE,
    progress: Callable[[int], object] | None = None,
    note_unchanged: bool = False,
) -> BatchResult:
    """Evaluate every factory in `factory_ids`, like `factory_evaluate` one by one would.

    `progress(1)` is called as each factory is done (a progress bar's `update`). With
    `note_unchanged`, factories found unchanged are noted as checked (one query a batch), as
    `factory_evaluate` notes them: the sweep's way of not trying them again.
    """
    result = BatchResult()
    for batch in _chunks(sorted(set(factory_ids)), batch_size):
        with transaction.atomic(), _collector_paused():
            factories = list(
                Factory.objects.select_for_update().filter(pk__in=batch).order_by("pk")
            )
            read_at = timezone.now()
            evidence = load_evidence([f.pk for f in factories])
            latest = _latest_evaluations([f.pk for f in factories])
            new_evidence = load_new_evidence([f.pk for f in factories])
            checked: list[int] = []
            planned: list[bulk.Planned] = []
            changed: dict[int, list[criteria.EvidenceRow]] = {}
            for factory in factories:
                rows = sorted(evidence.pop(factory.pk))
                if _unchanged(rows, latest.get(factory.pk)):
                    # What evaluate_loaded answers too, without a savepoint per factory.
                    result.runs[factory.pk] = EvaluationRun(None, factory.stage)
                    if rows:
                        checked.append(factory.pk)
                else:
                    changed[factory.pk] = rows
                    try:
                        planned.append(bulk.plan(factory, rows, new_evidence[factory.pk], trigger))
                    except Exception as error:  # one broken factory must not stop the others
                        log.exception("Could not evaluate factory %s", factory.pk)
                        result.failed[factory.pk] = f"{type(error).__name__}: {error}"
                if progress is not None:
                    progress(1)
            _write(planned, changed, latest, trigger, new_evidence, result)
            if note_unchanged:
                checked_unchanged(checked, read_at)
    return result


def _write(
    planned: list[bulk.Planned],
    changed: dict[int, list[criteria.EvidenceRow]],
    latest: dict[int, Evaluation],
    trigger: str,
    new_evidence: dict[int, criteria.NewEvidence | None],
    result: BatchResult,
) -> None:
    """The batch's changed factories written in bulk; should a bulk statement fail, one by one
    (each in its savepoint, a failure noted), as before the bulk path existed."""
    if not planned:
        return
    stages = {p.factory.pk: (p.factory.stage, p.factory.high_performing_since) for p in planned}
    try:
        with transaction.atomic():
            bulk.write(planned)
    except Exception:
        log.exception("Bulk evaluation write failed; writing factory by factory.")
        for p in planned:
            p.factory.stage, p.factory.high_performing_since = stages[p.factory.pk]
            pk = p.factory.pk
            if run := _evaluate_one(
                p.factory, changed[pk], latest.get(pk), trigger, new_evidence[pk], result
            ):
                result.runs[pk] = run
        return
    for p in planned:
        result.runs[p.factory.pk] = EvaluationRun(p.evaluation, p.factory.stage)


def _evaluate_one(
    factory: Factory,
    rows: list[criteria.EvidenceRow],
    latest: Evaluation | None,
    trigger: str,
    new_evidence: criteria.NewEvidence | None,
    result: BatchResult,
) -> EvaluationRun | None:
    """One changed factory in its own savepoint; a failure is noted in `result`, not raised."""
    try:
        with transaction.atomic():
            return evaluate_loaded(
                factory=factory,
                facts=criteria.facts_from_rows(rows),
                latest=latest,
                trigger=trigger,
                new_evidence=new_evidence,
            )
    except Exception as error:  # one broken factory must not stop the others
        log.exception("Could not evaluate factory %s", factory.pk)
        result.failed[factory.pk] = f"{type(error).__name__}: {error}"
        return None
