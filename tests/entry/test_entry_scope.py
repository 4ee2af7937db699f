"""Who may open the entry pages: the EA and PMs of the programme; nobody else sees they exist."""

from __future__ import annotations

import datetime

import pytest

from assessments import services
from factories.vocabulary import Stage
from tests import makers
from tests.conftest import client_as
from tests.entry.entry_helpers import draft

ALLOWED = {"pm": 200, "ea": 200}
HIDDEN = {
    "other_pm": 404,
    "factory_user": 404,
    "other_factory_user": 404,
    "buyer_user": 404,
    "outsider_buyer_user": 404,
}
TABLE = [*ALLOWED.items(), *HIDDEN.items(), ("anonymous", 302)]

PAGES = [
    "/assessments/start/{factory}/",
    "/assessments/{assessment}/",
    "/assessments/{assessment}/review/",
    "/assessments/progress-reports/start/{factory}/",
    "/assessments/progress-reports/{report}/",
    "/assessments/import/template.csv?factory={factory}",
    "/assessments/import/template.xlsx?factory={factory}",
]


@pytest.fixture
def records(cast):
    assessment = draft(cast)
    report = services.progress_report_start(
        factory=cast.factory,
        actor=cast.ea,
        cycle=1,
        number=1,
        release_date=datetime.date(2024, 11, 20),
    )
    return {"factory": cast.factory.pk, "assessment": assessment.pk, "report": report.pk}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(("persona", "status"), TABLE)
def test_it_scopes_every_entry_page(cast, records, page, persona, status):
    response = client_as(cast.persona(persona)).get(page.format(**records))
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/assessments/{assessment}/questions/CL-1.1/", {"CL-1.1-answer": "non_compliant"}),
        ("/assessments/{assessment}/elements/HR-1/", {"HR-1-satisfied": "yes"}),
        ("/assessments/{assessment}/save/", {"q": "CL-1.1", "CL-1.1-answer": "non_compliant"}),
        ("/assessments/progress-reports/{report}/items/SD-1/", {"SD-1-rating": "on_track"}),
    ],
)
@pytest.mark.parametrize(("persona", "status"), [*HIDDEN.items(), ("anonymous", 302)])
def test_it_refuses_writes_out_of_scope_and_saves_nothing(
    cast, records, url, data, persona, status
):
    response = client_as(cast.persona(persona)).post(url.format(**records), data)
    assert response.status_code == status
    assert not cast.factory.assessments.get().findings.exists()
    assert not cast.factory.assessments.get().management_systems.exists()


@pytest.mark.parametrize(("persona", "status"), TABLE)
def test_it_scopes_the_import_page(cast, persona, status):
    response = client_as(cast.persona(persona)).get("/assessments/import/")
    assert response.status_code == status


def test_it_does_not_let_a_buyer_with_third_party_access_see_drafts(cast, records):
    # The buyer has third-party access to cast.factory: still nothing of the entry pages.
    response = client_as(cast.buyer_user).get(f"/assessments/{records['assessment']}/")
    assert response.status_code == 404


def test_it_does_not_apply_someone_elses_import(cast):
    from assessments.importing import import_dry_run

    batch = import_dry_run(user=cast.pm, filename="a.csv", content=b"kind,code,answer\n")
    response = client_as(cast.ea).post(f"/assessments/import/{batch.pk}/apply/")
    assert response.status_code == 404


# --- the EA's home ----------------------------------------------------------------------------


def _home_data(cast, extra: int) -> None:
    for n in range(extra):
        factory = makers.make_factory(f"Extra {extra}-{n}", advisor=cast.ea)
        services.assessment_start(
            factory=factory, actor=cast.ea, cycle=1, visit_date=datetime.date(2024, 3, 1)
        )
        if n % 2:
            factory.stage = Stage.CANDIDATE
            factory.save()


@pytest.mark.parametrize("extra", [1, 6])
def test_it_shows_the_ea_home_in_a_fixed_number_of_queries(
    cast, extra, django_assert_max_num_queries
):
    _home_data(cast, extra)
    client = client_as(cast.ea)
    with django_assert_max_num_queries(12):
        response = client.get("/")
    assert response.status_code == 200
    assert len(response.context["drafts"]) == extra
    assert b"/assessments/start/" in response.content


def test_it_lists_drafts_candidates_and_plan_items_to_confirm_on_the_ea_home(cast):
    from assessments.models import Question
    from workspace.models import ImprovementPlanItem

    cast.factory.stage = Stage.CANDIDATE
    cast.factory.save()
    assessment = draft(cast)
    makers.ImprovementPlanItemMaker(
        assessment=assessment,
        question=Question.objects.get(code="CL-1.1"),
        action="Remove minors, pay remediation",
        status=ImprovementPlanItem.Status.COMPLETED,
    )
    makers.ImprovementPlanItemMaker(
        assessment=assessment,
        question=Question.objects.get(code="CL-1.2"),
        status=ImprovementPlanItem.Status.IN_PROGRESS,
    )
    body = client_as(cast.ea).get("/").content.decode()
    assert f"/assessments/{assessment.pk}/" in body
    assert "Remove minors, pay remediation" in body
    assert "CL-1.2" not in body.split('id="plan-items"')[1].split("</section>")[0]
    assert "Dhaka Knitwear Ltd" in body.split('id="candidates"')[1].split("</section>")[0]
