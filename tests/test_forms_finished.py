"""Forms that look finished (issue 15, point 6): labels in words without Django's colon, choices
in words (never "---------"), checkboxes beside their labels, help texts and errors beside their
fields, sensible defaults; the buyer's home links its suppliers; the entry page's counters follow
the answers as they are saved (htmx out-of-band swaps)."""

from __future__ import annotations

import datetime
import re

import time_machine
from django.utils import timezone

from assessments import services
from factories.vocabulary import Stage
from tests.conftest import client_as
from tests.entry.entry_helpers import draft, htmx_post
from workspace.forms import CommitteeMemberForm, MeetingForm, TrainingForm, VisitForm
from workspace.models import RoadMapTarget


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_forms_show_choices_in_words_and_labels_without_colons(cast):
    factory_page = page(
        client_as(cast.factory_user), f"/factories/{cast.factory.pk}/committee/members/add/"
    )
    pm_page = page(client_as(cast.pm), "/buyers/overviews/")
    for html in (factory_page, pm_page):
        assert "---------" not in html
        assert not re.search(r"<label[^>]*>[^<]*:</label>", html)
    assert '<option value="" selected>Choose workers or management</option>' in factory_page
    assert "Choose a buyer" in pm_page


def test_a_checkbox_sits_inside_its_label_and_help_texts_are_linked():
    html = CommitteeMemberForm(adding=True).as_div()
    assert re.search(r'<label for="id_elected"><input type="checkbox"[^>]*> Elected', html)
    assert 'aria-describedby="id_position_helptext"' in html
    assert 'id="id_position_helptext"' in html
    assert "Position in the factory <span" in html and "(optional)" in html


def test_errors_come_right_after_their_field():
    form = CommitteeMemberForm({"name": "", "category": "workers"}, adding=True)
    assert not form.is_valid()
    html = form["name"].as_field_group()
    field_at, error_at = html.index('name="name"'), html.index('class="errorlist"')
    assert field_at < error_at
    assert 'aria-describedby="id_name_error"' in html


def test_dates_default_to_today():
    with time_machine.travel(datetime.datetime(2030, 5, 17, 10, tzinfo=datetime.UTC)):
        today = timezone.localdate()
        assert CommitteeMemberForm(adding=True)["joined"].value() == today
        assert MeetingForm()["date"].value() == today
        assert VisitForm(objectives=None)["date"].value() == today  # type: ignore[arg-type]
        targets = RoadMapTarget.objects.none()
        assert TrainingForm(targets=targets)["date"].value() == today


def test_a_new_assessment_is_dated_today_with_its_help_beside_the_fields(cast):
    html = page(client_as(cast.ea), f"/assessments/start/{cast.factory.pk}/")
    today = timezone.localdate().isoformat()
    assert f'name="visit_date" value="{today}"' in html
    assert 'id="id_visit_date_helptext"' in html
    assert "Proposed: today." in html


def test_the_buyer_home_links_each_supplier_to_its_page(cast):
    html = page(client_as(cast.buyer_user), "/")
    assert f'<a href="/buyers/suppliers/{cast.factory.pk}/">{cast.factory.name}</a>' in html


def test_the_sidebar_counters_follow_the_additional_questions_and_elements(cast):
    cast.factory.stage = Stage.CANDIDATE
    cast.factory.save()
    assessment = draft(cast)
    client = client_as(cast.ea)
    html = page(client, f"/assessments/{assessment.pk}/")
    assert re.search(r'id="progress-additional-nav">0/6<', html)
    assert re.search(r'id="progress-elements-nav">0/13<', html)
    codes = ["SD-1", "SD-2", "SD-3", "SD-4", "SD-5", "LE-1"]
    for count, code in enumerate(codes, start=1):
        response = htmx_post(
            client, f"/assessments/{assessment.pk}/additional/{code}/", {f"{code}-met": "yes"}
        )
        assert response.status_code == 200
        swapped = response.content.decode()
        assert re.search(rf'id="progress-additional-nav" hx-swap-oob="true">{count}/6<', swapped), (
            code
        )
    assert 'class="progress complete" id="progress-additional-nav"' in swapped
    response = htmx_post(
        client, f"/assessments/{assessment.pk}/elements/HR-1/", {"HR-1-satisfied": "yes"}
    )
    assert re.search(
        r'id="progress-elements-nav" hx-swap-oob="true">1/13<', response.content.decode()
    )


def test_the_report_lists_what_is_missing_as_ratings_are_saved(cast):
    report = services.progress_report_start(
        factory=cast.factory,
        actor=cast.ea,
        cycle=1,
        number=2,
        release_date=datetime.date(2024, 11, 20),
    )
    client = client_as(cast.ea)
    assert 'id="report-missing"' in page(client, f"/assessments/progress-reports/{report.pk}/")
    response = htmx_post(
        client,
        f"/assessments/progress-reports/{report.pk}/items/SD-1/",
        {"SD-1-rating": "on_track"},
    )
    swapped = response.content.decode()
    assert '<div id="report-missing" hx-swap-oob="true">' in swapped
    assert "SD-1" not in swapped.split('id="report-missing"')[1]
