"""A factory's progress towards the criteria, and its current cycle."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Max
from django.utils.translation import gettext

from differentiation import display
from differentiation.vocabulary import Result
from factories.models import Factory
from factories.vocabulary import Stage

if TYPE_CHECKING:
    pass


def current_cycle(factory: Factory) -> int:
    """The latest cycle with an assessment or a progress report; 1 before any."""
    from assessments.models import Assessment, ProgressReport

    cycles = [
        Assessment.objects.filter(factory=factory).aggregate(c=Max("cycle"))["c"],
        ProgressReport.objects.filter(factory=factory).aggregate(c=Max("cycle"))["c"],
    ]
    return max([c for c in cycles if c is not None], default=1)


# --- progress towards the criteria ---------------------------------------------------------


@dataclass
class Progress:
    factory: Factory
    evaluation: Any  # differentiation.models.Evaluation | None
    criteria: list[dict[str, Any]] = field(default_factory=list)
    obstacles: list[str] = field(default_factory=list)
    stage: str = ""  # as the reader may see it: buyers see the PM's decision only
    stage_label: str = ""
    next_steps: list[str] = field(default_factory=list)  # the programme's own pipeline

    @property
    def assessment_overdue(self) -> bool:
        """The next assessment was due before today: flagged on the factory's page."""
        return self.factory.assessment_overdue

    @property
    def met_count(self) -> int:
        return sum(1 for c in self.criteria if c["result"] == "met")

    @property
    def high_performing(self) -> bool:
        return self.stage == Stage.HIGH_PERFORMING


def _next_steps(factory: Factory) -> list[str]:
    """What comes next in the programme's pipeline, for the factory and the programme staff."""
    due = factory.next_assessment_due
    match factory.stage:
        case Stage.CANDIDATE:
            if due:
                text = gettext(
                    "Candidate: the next assessment due on {due} will include the additional "
                    "questions. The factory becomes eligible when it is finalised with every "
                    "additional question confirmed and all five criteria met."
                ).format(due=f"{due:%Y-%m-%d}")
            else:
                text = gettext(
                    "Candidate: the next assessment will include the additional questions. The "
                    "factory becomes eligible when it is finalised with every additional question "
                    "confirmed and all five criteria met."
                )
            return [text]
        case Stage.ELIGIBLE:
            return [
                gettext("All five criteria are met: the programme manager's decision is pending.")
            ]
        case Stage.UNDER_REVIEW:
            return [
                gettext(
                    "Newer data failed a criterion: a programme manager is reviewing the "
                    "high-performing status, which stands until they decide."
                )
            ]
        case _:
            return []


def progress_for(factory: Factory, *, for_buyer: bool = False) -> Progress:
    """Where the factory stands on each criterion, from its latest evaluation, and a plain list
    of what still stands between it and high-performing status. Buyers see the stage only as
    the PM decided it, and nothing of the programme's pipeline (docs/rules.md section 9)."""
    stage = factory.buyer_stage if for_buyer else Stage(factory.stage)
    shown: dict[str, Any] = {
        "stage": stage.value,
        "stage_label": gettext(stage.label),
        "next_steps": [] if for_buyer else _next_steps(factory),
    }
    evaluation = factory.evaluations.order_by("-created_at", "-id").first()
    criteria = display.criterion_rows(
        evaluation.outcome if evaluation else None,
        not_evaluated=gettext("No finalised assessment has been evaluated yet."),
    )
    if evaluation is None:
        return Progress(
            factory=factory,
            evaluation=None,
            criteria=criteria,
            obstacles=[gettext("A first finalised assessment, then a second one, are needed.")],
            **shown,
        )
    obstacles = [r for c in criteria if c["result"] != Result.MET for r in c["reasons"]]
    if not for_buyer and factory.stage == Stage.NOT_ON_TRACK:
        obstacles.extend(
            display.translated_reasons(evaluation.outcome.get("prequalification_reasons", []))
        )
    return Progress(
        factory=factory,
        evaluation=evaluation,
        criteria=criteria,
        obstacles=list(dict.fromkeys(obstacles)),
        **shown,
    )
