"""The benefits a high-performing factory chooses (docs/rules.md section 10)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext

from assessments.schedule import next_assessment_due_set
from factories.models import Factory
from workspace.models import BenefitChoice
from workspace.services.permissions import (
    is_high_performing,
    may_choose_benefits,
)
from workspace.vocabulary import BenefitKind, LearningTheme

if TYPE_CHECKING:
    from django.contrib.auth.models import User


# --- benefits of a high-performing factory -------------------------------------------------


def latest_benefit(factory: Factory, kind: str) -> BenefitChoice | None:
    return BenefitChoice.objects.filter(factory=factory, kind=kind).order_by("-id").first()


def _lock_high_performing(factory: Factory, actor: User) -> Factory:
    if not may_choose_benefits(actor, factory):
        raise PermissionDenied(
            gettext(
                "The factory's own users, or a programme manager on its behalf, choose its benefits."
            )
        )
    locked = Factory.objects.select_for_update().select_related("programme").get(pk=factory.pk)
    if not is_high_performing(locked):
        raise ValidationError(
            {"detail": [gettext("Only a high-performing factory can take up these benefits.")]}
        )
    return locked


def _choose(
    factory: Factory, actor: User, kind: str, value: dict[str, Any], note: str = ""
) -> BenefitChoice:
    return BenefitChoice.objects.create(
        factory=factory, kind=kind, value=value, note=note.strip(), chosen_by=actor
    )


@transaction.atomic
def benefit_assessment_interval_choose(
    *, factory: Factory, actor: User, months: int
) -> BenefitChoice:
    """'If the factory agrees ... an assessment once in 24 months instead of 12.' The next
    assessment falls due that long after the last finalised one."""
    locked = _lock_high_performing(factory, actor)
    if months not in (12, 24):
        raise ValidationError({"months": [gettext("The assessment interval is 12 or 24 months.")]})
    fields = next_assessment_due_set(locked, interval_months=months)
    locked.save(update_fields=fields)
    factory.assessment_interval_months = locked.assessment_interval_months
    factory.next_assessment_due = locked.next_assessment_due
    return _choose(locked, actor, BenefitKind.ASSESSMENT_INTERVAL, {"months": months})


@transaction.atomic
def benefit_fewer_visits_choose(
    *, factory: Factory, actor: User, visits: int, note: str = ""
) -> BenefitChoice:
    """'The factory can choose to reduce the amount of visits and replace these with
    additional training': each visit given up is one more training day."""
    locked = _lock_high_performing(factory, actor)
    default = locked.programme.advisory_visits_per_cycle
    if not 0 <= visits <= default:
        raise ValidationError(
            {"visits": [gettext("Choose between 0 and {default} visits.").format(default=default)]}
        )
    value = {"visits": visits, "extra_training_days": default - visits}
    return _choose(locked, actor, BenefitKind.FEWER_VISITS, value, note)


@transaction.atomic
def benefit_learning_services_choose(
    *, factory: Factory, actor: User, themes: Iterable[str]
) -> BenefitChoice:
    locked = _lock_high_performing(factory, actor)
    chosen = list(dict.fromkeys(themes))
    unknown = [t for t in chosen if t not in LearningTheme.values]
    if unknown:
        raise ValidationError(
            {
                "themes": [
                    gettext("Unknown learning theme: {themes}.").format(themes=", ".join(unknown))
                ]
            }
        )
    return _choose(locked, actor, BenefitKind.LEARNING_SERVICES, {"themes": chosen})


@transaction.atomic
def benefit_visibility_choose(
    *,
    factory: Factory,
    actor: User,
    public_recognition: bool,
    public_campaigns: bool,
    buyer_events: bool,
) -> list[BenefitChoice]:
    """The three opt-ins; nothing about the status is shown publicly without them. A row is
    kept for every opt-in that changes."""
    locked = _lock_high_performing(factory, actor)
    wanted = {
        BenefitKind.PUBLIC_RECOGNITION: public_recognition,
        BenefitKind.PUBLIC_CAMPAIGNS: public_campaigns,
        BenefitKind.BUYER_EVENTS: buyer_events,
    }
    rows = []
    for kind, opt_in in wanted.items():
        current = latest_benefit(locked, kind)
        if current is None or bool(current.value.get("opt_in")) != opt_in:
            rows.append(_choose(locked, actor, kind, {"opt_in": opt_in}))
    return rows
