"""A factory's records: a finalised assessment with zero-tolerance findings (one remediated), a
finalised progress report, a draft assessment, and a formal note addressed to its buyer."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.utils import translation

from assessments import services
from assessments.models import Assessment, ProgressReport
from differentiation.models import FormalNote
from factories.models import Factory
from factories.vocabulary import Stage
from tests import makers
from tests.conftest import Cast
from tests.i18n.note_helpers import approved_decision

VISIT = datetime.date(2024, 3, 12)


@pytest.fixture(autouse=True)
def _language_back() -> Iterator[None]:
    """A request as the factory's user leaves its language (Bengali) active in the thread, as
    the portal's middleware does; the next test starts in the default language again."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@dataclass
class Records:
    finalised: Assessment
    report: ProgressReport
    draft: Assessment
    note: FormalNote


@pytest.fixture
def records(cast: Cast) -> Records:
    finalised = makers.make_assessment(
        cast.factory,
        by=cast.ea,
        visit_date=VISIT,
        findings=[
            services.FindingInput(question="CL-1.1", note="two minors on the line"),
            services.FindingInput(question="CT-3.1"),
            services.FindingInput(question="CL-1.2"),
        ],
        elements=makers.all_elements(failing=["HR-1"]),
    )
    services.finding_remediate(
        assessment=finalised,
        question_code="CL-1.1",
        actor=cast.ea,
        remediated_on=datetime.date(2024, 5, 2),
        note="Minors removed, paid",
    )
    report = makers.make_report(
        cast.factory,
        by=cast.ea,
        release_date=datetime.date(2024, 11, 20),
        ratings=makers.all_ratings(overrides={"SD-1": "no_progress"}),
    )
    # A candidate's next assessment includes the additional questions: one of six not met.
    Factory.objects.filter(pk=cast.factory.pk).update(stage=Stage.CANDIDATE)
    draft = makers.make_assessment(
        cast.factory,
        by=cast.ea,
        cycle=2,
        visit_date=datetime.date(2025, 3, 1),
        additional=makers.all_items_met(failing=["SD-2"]),
        finalise=False,
    )
    note = makers.FormalNoteMaker(
        factory=cast.factory,
        decision=approved_decision(cast.factory, cast.pm),
        buyers=[cast.buyer],
    )
    return Records(finalised, report, draft, note)
