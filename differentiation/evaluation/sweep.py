"""Which factories have finalised data no evaluation has read: what the periodic sweep re-drives."""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.db.models import DateTimeField, F, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Greatest

from assessments.models import (
    Assessment,
    ProgressReport,
    RecordChange,
)
from assessments.services import REMEDIATION_TARGET
from differentiation import criteria
from differentiation.models import (
    Evaluation,
    EvaluationCheck,
)
from factories.models import Factory

log = logging.getLogger(__name__)

EPOCH_AT = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
EPOCH = Value(EPOCH_AT, output_field=DateTimeField())
"""When a factory was never evaluated nor checked: before everything."""


def _last_finalised() -> dict[str, Any]:
    """Annotations of a factory queryset: when its latest assessment and PR2 were finalised,
    and when a remediation was last recorded on a finalised assessment."""
    return {
        "last_remediation": Subquery(
            RecordChange.objects.filter(
                factory=OuterRef("pk"), target__startswith=REMEDIATION_TARGET
            )
            .order_by("-at")
            .values("at")[:1]
        ),
        "last_assessment": Subquery(
            Assessment.objects.finalised()
            .filter(factory=OuterRef("pk"))
            .order_by("-finalised_at")
            .values("finalised_at")[:1]
        ),
        "last_report": Subquery(
            ProgressReport.objects.finalised()
            .filter(factory=OuterRef("pk"), number=criteria.PROGRESS_REPORT_2)
            .order_by("-finalised_at")
            .values("finalised_at")[:1]
        ),
    }


def _unseen_data() -> Q:
    """Finalised data newer than what the latest evaluation (or unchanged check) saw."""
    return (
        Q(last_assessment__gt=F("seen"))
        | Q(last_report__gt=F("seen"))
        | Q(last_remediation__gt=F("seen"))
    )


def _with_seen(queryset: Any) -> Any:
    latest_evaluation = Evaluation.objects.filter(factory=OuterRef("pk")).order_by(
        "-created_at", "-id"
    )
    return (
        queryset.annotate(
            **_last_finalised(),
            last_evaluation=Subquery(latest_evaluation.values("created_at")[:1]),
            last_rules=Subquery(latest_evaluation.values("rule_version")[:1]),
            last_check=Subquery(
                EvaluationCheck.objects.filter(factory=OuterRef("pk")).values("checked_at")[:1]
            ),
        )
        # Greatest is NULL on SQLite when an argument is: never seen counts as the epoch.
        .annotate(seen=Greatest(Coalesce("last_evaluation", EPOCH), Coalesce("last_check", EPOCH)))
    )


def _latest(queryset: Any, field: str) -> dict[int, datetime.datetime]:
    """The latest `field` of each factory's rows in `queryset`: one grouped query."""
    return dict(queryset.order_by().values_list("factory_id").annotate(at=Max(field)))


def factories_needing_evaluation() -> list[int]:
    """Factories whose latest finalised data is newer than their latest evaluation (or than
    the last time their evidence was found unchanged, see EvaluationCheck), and factories last
    evaluated under an older rule version.

    The sweep's query: it finds the work a lost task message left undone, and re-evaluates the
    programme (in batches) when the rules change. Set-based, as it runs every few minutes over
    every factory: six grouped reads (one a table, a row a factory), compared in Python, rather
    than six correlated subqueries for each of tens of thousands of factories.
    """
    assessed = _latest(Assessment.objects.finalised(), "finalised_at")
    reported = _latest(
        ProgressReport.objects.finalised().filter(number=criteria.PROGRESS_REPORT_2),
        "finalised_at",
    )
    if not assessed and not reported:
        return []
    remediated = _latest(RecordChange.objects.filter(target__startswith=REMEDIATION_TARGET), "at")
    evaluated = _latest(Evaluation.objects.all(), "created_at")
    # The latest evaluation is of older rules when one of the current rules is older than it,
    # or there is none.
    current = _latest(Evaluation.objects.filter(rule_version=criteria.RULE_VERSION), "created_at")
    checked = dict(EvaluationCheck.objects.values_list("factory_id", "checked_at"))
    pending = []
    for pk in sorted(set(assessed) | set(reported)):
        seen = max(evaluated.get(pk, EPOCH_AT), checked.get(pk, EPOCH_AT))
        unseen = any(
            at is not None and at > seen
            for at in (assessed.get(pk), reported.get(pk), remediated.get(pk))
        )
        old_rules = pk in evaluated and (pk not in current or current[pk] < evaluated[pk])
        if unseen or old_rules:
            pending.append(pk)
    return pending


def has_unevaluated_data(factory: Factory) -> bool:
    """True when a record of the factory was finalised after its latest evaluation (and after
    the last time its evidence was found unchanged): the evaluation is not current yet."""
    return _with_seen(Factory.objects.filter(pk=factory.pk)).filter(_unseen_data()).exists()
