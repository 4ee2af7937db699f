"""Progress reports in the browser: start, rate, finalise (a PR2 needs all six items)."""

from __future__ import annotations

import datetime

from assessments import services
from assessments.models import ProgressReport, RecordChange
from tests import makers
from tests.conftest import client_as
from tests.entry.entry_helpers import htmx_post


def _start(cast, number=2):
    return services.progress_report_start(
        factory=cast.factory,
        actor=cast.ea,
        cycle=1,
        number=number,
        release_date=datetime.date(2024, 11, 20),
    )


def test_it_proposes_pr1_then_pr2_of_the_latest_cycle(cast):
    makers.make_assessment(cast.factory, by=cast.ea, cycle=1)
    assert services.progress_report_propose(cast.factory)[:2] == (1, 1)
    _start(cast, number=1)
    assert services.progress_report_propose(cast.factory)[:2] == (1, 2)


def test_it_starts_a_draft_report_from_the_page(cast):
    response = client_as(cast.ea).post(
        f"/assessments/progress-reports/start/{cast.factory.pk}/",
        {"cycle": 1, "number": 2, "release_date": "2024-11-20"},
    )
    report = ProgressReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/assessments/progress-reports/{report.pk}/"
    assert not report.ratings.exists()


def test_it_rates_an_item_per_row_and_refuses_a_bad_rating(cast):
    report = _start(cast)
    client = client_as(cast.ea)
    url = f"/assessments/progress-reports/{report.pk}/items/SD-1/"
    assert htmx_post(client, url, {"SD-1-rating": "on_track"}).status_code == 200
    assert htmx_post(client, url, {"SD-1-rating": "great"}).status_code == 422
    assert report.ratings.get().rating == "on_track"
    assert RecordChange.objects.filter(target="rating:SD-1").count() == 1


def test_it_refuses_to_finalise_a_pr2_with_items_unrated(cast):
    report = _start(cast)
    services.rating_record(report=report, actor=cast.ea, item="SD-1", rating="on_track")
    response = client_as(cast.ea).post(
        f"/assessments/progress-reports/{report.pk}/finalise/", {"confirm": "on"}
    )
    assert response.status_code == 400
    assert "Items not rated" in response.content.decode()
    report.refresh_from_db()
    assert report.status == "draft"


def test_it_saves_the_whole_form_then_finalises_with_confirmation(cast):
    report = _start(cast)
    client = client_as(cast.ea)
    codes = [r.item for r in makers.all_ratings()]
    data = {"item": codes, **{f"{c}-rating": "on_track" for c in codes}}
    assert client.post(f"/assessments/progress-reports/{report.pk}/", data).status_code == 302
    url = f"/assessments/progress-reports/{report.pk}/finalise/"
    assert client.post(url, {}).status_code == 400
    assert client.post(url, {"confirm": "on"}).status_code == 302
    report.refresh_from_db()
    assert report.status == "finalised"
    page = client.get(f"/assessments/progress-reports/{report.pk}/")
    assert b"hx-post" not in page.content
    assert b"Finalise the report" not in page.content
