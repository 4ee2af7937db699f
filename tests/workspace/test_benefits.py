"""Benefits of a high-performing factory: only then, kept with who and when, and each one
changing what the portal does (due dates, visit allowance, opt-ins)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assessments.schedule import next_assessment_due
from assessments.services import FindingInput
from differentiation.decisions import approval_decide
from differentiation.evaluation import factory_evaluate
from differentiation.models import ApprovalRequest
from factories.vocabulary import Stage
from tests import makers
from tests.conftest import Cast, client_as
from tests.workspace.conftest import SECOND_VISIT, make_high_performing
from workspace import selectors
from workspace import services as workspace
from workspace.models import BenefitChoice

CHOICES = [
    ("interval", {"months": "24"}),
    ("visits", {"visits": "4", "note": "OSH training instead"}),
    ("learning", {"themes": ["worker_health"]}),
    ("visibility", {"buyer_events": "on"}),
]


@pytest.mark.parametrize("kind, data", CHOICES)
def test_it_refuses_benefits_to_a_factory_that_is_not_high_performing(
    cast: Cast, kind: str, data: dict[str, object]
) -> None:
    response = client_as(cast.factory_user).post(
        f"/factories/{cast.factory.pk}/benefits/{kind}/", data
    )
    assert response.status_code == 400
    assert "Only a high-performing factory" in response.content.decode()
    assert not BenefitChoice.objects.exists()
    with pytest.raises(ValidationError):
        workspace.benefit_assessment_interval_choose(
            factory=cast.factory, actor=cast.factory_user, months=24
        )


@pytest.mark.parametrize(
    "persona, status",
    [
        ("factory_user", 302),
        ("pm", 302),
        ("ea", 403),
        ("other_factory_user", 404),
        ("buyer_user", 404),
        ("other_pm", 404),
        ("anonymous", 302),
    ],
)
def test_it_lets_the_factory_or_a_pm_choose(cast: Cast, persona: str, status: int) -> None:
    make_high_performing(cast)
    response = client_as(cast.persona(persona)).post(
        f"/factories/{cast.factory.pk}/benefits/interval/", {"months": "24"}
    )
    assert response.status_code == status
    chosen = BenefitChoice.objects.filter(factory=cast.factory).first()
    assert (chosen is not None) == (persona in ("factory_user", "pm"))
    if chosen is not None:
        assert chosen.chosen_by == cast.persona(persona)


def test_it_follows_the_due_date_rule_for_12_and_24_months_and_withdrawal(cast: Cast) -> None:
    factory = make_high_performing(cast)
    assert factory.next_assessment_due == datetime.date(2026, 3, 18)  # 12 months
    workspace.benefit_assessment_interval_choose(
        factory=factory, actor=cast.factory_user, months=24
    )
    factory.refresh_from_db()
    assert factory.assessment_interval_months == 24
    assert (
        factory.next_assessment_due
        == next_assessment_due(last_visit=SECOND_VISIT, interval_months=24)
        == datetime.date(2027, 3, 18)
    )

    # A later assessment fails a criterion: under review, the benefits hold until withdrawn.
    makers.make_assessment(
        factory,
        by=cast.ea,
        cycle=3,
        visit_date=datetime.date(2026, 3, 3),
        findings=[FindingInput(question="CL-1.1", remediated=True)],
    )
    factory_evaluate(factory_id=factory.pk, trigger="test")
    factory.refresh_from_db()
    assert factory.stage == Stage.UNDER_REVIEW
    assert factory.next_assessment_due == datetime.date(2028, 3, 3)  # still every 24 months
    workspace.benefit_learning_services_choose(
        factory=factory, actor=cast.factory_user, themes=["collective_bargaining"]
    )

    # The PM withdraws the status: back to 12 months, and no more benefit choices.
    review = ApprovalRequest.objects.get(factory=factory, status="pending", kind="review")
    approval_decide(request=review, actor=cast.pm2, approve=False, reason="CL-1.1")
    factory.refresh_from_db()
    assert factory.assessment_interval_months == 12
    assert factory.next_assessment_due == datetime.date(2027, 3, 3)
    with pytest.raises(ValidationError):
        workspace.benefit_assessment_interval_choose(
            factory=factory, actor=cast.factory_user, months=24
        )


def test_it_exchanges_visits_for_training_days(cast: Cast) -> None:
    factory = make_high_performing(cast)
    before = selectors.allowance_for(factory, 2)
    assert (before.visits_allowed, before.training_days_allowed) == (6, 5)
    with pytest.raises(ValidationError) as refused:
        workspace.benefit_fewer_visits_choose(factory=factory, actor=cast.factory_user, visits=7)
    assert "visits" in refused.value.message_dict
    choice = workspace.benefit_fewer_visits_choose(
        factory=factory, actor=cast.factory_user, visits=4, note="Two more OSH training days"
    )
    assert choice.value == {"visits": 4, "extra_training_days": 2}
    after = selectors.allowance_for(factory, 2)
    assert (after.visits_allowed, after.training_days_allowed, after.visits_given_up) == (4, 7, 2)
    for day in range(4):
        workspace.advisory_visit_record(
            factory=factory,
            actor=cast.ea,
            cycle=2,
            date=datetime.date(2025, 5, 1 + day),
            advisor=cast.ea,
        )
    with pytest.raises(ValidationError):
        workspace.advisory_visit_record(
            factory=factory,
            actor=cast.ea,
            cycle=2,
            date=datetime.date(2025, 6, 1),
            advisor=cast.ea,
        )
    workspace.training_session_record(
        factory=factory,
        actor=cast.ea,
        cycle=2,
        date=datetime.date(2025, 6, 1),
        topic="OSH",
        days=7,
    )
    with pytest.raises(ValidationError):
        workspace.training_session_record(
            factory=factory,
            actor=cast.ea,
            cycle=2,
            date=datetime.date(2025, 6, 2),
            topic="More",
            days=1,
        )


def test_it_keeps_every_choice_and_the_latest_holds(cast: Cast) -> None:
    factory = make_high_performing(cast)
    workspace.benefit_visibility_choose(
        factory=factory,
        actor=cast.factory_user,
        public_recognition=True,
        public_campaigns=False,
        buyer_events=True,
    )
    assert selectors.opted_in(factory, "public_recognition")
    assert not selectors.opted_in(factory, "public_campaigns")
    workspace.benefit_visibility_choose(
        factory=factory,
        actor=cast.pm,
        public_recognition=False,
        public_campaigns=False,
        buyer_events=True,
    )
    assert not selectors.opted_in(factory, "public_recognition")
    assert BenefitChoice.objects.filter(factory=factory, kind="public_recognition").count() == 2
    assert BenefitChoice.objects.filter(factory=factory, kind="buyer_events").count() == 1
    state = selectors.benefits_for(factory)
    assert state["public_recognition"].chosen_by == cast.pm  # type: ignore[union-attr]
    assert state["assessment_interval"] is None


def test_it_refuses_unknown_learning_themes(cast: Cast) -> None:
    factory = make_high_performing(cast)
    with pytest.raises(ValidationError):
        workspace.benefit_learning_services_choose(
            factory=factory, actor=cast.factory_user, themes=["astrology"]
        )
    response = client_as(cast.factory_user).post(
        f"/factories/{factory.pk}/benefits/learning/", {"themes": ["astrology"]}
    )
    assert response.status_code == 400


def test_it_refuses_an_ea_choosing_benefits(cast: Cast) -> None:
    factory = make_high_performing(cast)
    with pytest.raises(PermissionDenied):
        workspace.benefit_visibility_choose(
            factory=factory,
            actor=cast.ea,
            public_recognition=True,
            public_campaigns=True,
            buyer_events=True,
        )


def test_it_shows_the_benefit_forms_once_high_performing(cast: Cast) -> None:
    cast.factory_user.profile.language = "en"  # the texts below are the English ones
    cast.factory_user.profile.save(update_fields=["language"])
    client = client_as(cast.factory_user)
    url = f"/factories/{cast.factory.pk}/benefits/"
    assert "open once the programme manager approves" in client.get(url).content.decode()
    make_high_performing(cast)
    client.post(f"/factories/{cast.factory.pk}/benefits/visits/", {"visits": "5", "note": "x"})
    html = client.get(url).content.decode()
    assert "Brokered learning services" in html
    history = html.split("Choices made")[1]
    assert "5 advisory visits per cycle and 1 extra training day chosen by" in history
    assert "extra_training_days" not in history and "extratrainingdays" not in history
