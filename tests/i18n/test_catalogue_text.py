"""The compliance catalogue in other languages: the data modules' keys, the Vietnamese coverage,
catalogue_text's fallback to English, the models' display texts and the entry page under `vi`."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.utils import translation

from assessments.catalogue_data import CLUSTERS, MANAGEMENT_SYSTEM_ELEMENTS, PROGRESS_ITEMS
from assessments.catalogue_i18n import AVAILABLE, catalogue_text, name_key, texts
from assessments.models import Cluster, CompliancePoint, ManagementSystemElement, Question
from assessments.services.finalising import Completeness
from tests.conftest import client_as
from tests.entry.entry_helpers import draft


def _english() -> dict[str, str]:
    """Every catalogue key and its English text, from the source data."""
    english: dict[str, str] = {}
    for cluster in CLUSTERS:
        english[name_key(cluster["code"])] = cluster["name"]
        for point in cluster["compliance_points"]:
            english[name_key(point["code"])] = point["name"]
            english.update((q["code"], q["text"]) for q in point["questions"])
    english.update((e["code"], e["text"]) for e in MANAGEMENT_SYSTEM_ELEMENTS)
    english.update((i["code"], i["text"]) for i in PROGRESS_ITEMS)
    return english


ENGLISH = _english()
QUESTIONS = {q["code"] for c in CLUSTERS for p in c["compliance_points"] for q in p["questions"]}
VI = import_module("assessments.catalogue_i18n.vi").TEXTS


def test_the_catalogue_has_307_keys() -> None:
    assert len(ENGLISH) == 307
    assert len(QUESTIONS) == 243


def test_vietnamese_and_bengali_have_data_modules() -> None:
    assert {"vi", "bn"} <= AVAILABLE


@pytest.mark.parametrize("language", sorted(AVAILABLE))
def test_every_key_of_a_language_is_a_catalogue_key(language: str) -> None:
    translated = import_module(f"assessments.catalogue_i18n.{language}").TEXTS
    assert set(translated) - set(ENGLISH) == set()


@pytest.mark.parametrize("language", sorted(AVAILABLE))
def test_no_text_is_empty_padded_or_left_in_english(language: str) -> None:
    translated = import_module(f"assessments.catalogue_i18n.{language}").TEXTS
    assert [k for k, text in translated.items() if not text or text != text.strip()] == []
    assert [k for k, text in translated.items() if text == ENGLISH[k]] == []


@pytest.mark.parametrize("language", sorted(AVAILABLE))
def test_questions_stay_questions(language: str) -> None:
    """A question is asked ("yes" means non-compliance); a name or an element is not."""
    translated = import_module(f"assessments.catalogue_i18n.{language}").TEXTS
    assert [k for k in QUESTIONS & set(translated) if not translated[k].endswith("?")] == []
    assert [k for k in set(translated) - QUESTIONS if translated[k].endswith("?")] == []


def test_vietnamese_covers_every_key() -> None:
    assert set(VI) == set(ENGLISH)


def test_vietnamese_uses_the_programme_vocabulary() -> None:
    assert VI["SD-3"].startswith("Ban đối thoại hai bên")  # bipartite committee
    assert "người sử dụng lao động" in VI["CO-1.1"]  # employer
    assert "người lao động" in VI["CO-1.1"]  # worker
    assert VI["FA:name"] == "Tự do hiệp hội và thương lượng tập thể"


@pytest.mark.parametrize(
    ("key", "english", "language", "expected"),
    [
        ("CL-1.1", "English text", "vi", VI["CL-1.1"]),
        ("CL:name", "Child Labour", "vi", "Lao động trẻ em"),
        ("CL:name", "Child Labour", "vi-vn", "Lao động trẻ em"),  # a regional variant
        ("CL:name", "Child Labour", "VI", "Lao động trẻ em"),
        ("CL:name", "Child Labour", "en", "Child Labour"),
        ("CL:name", "Child Labour", "en-gb", "Child Labour"),
        ("CL:name", "Child Labour", "fr", "Child Labour"),  # no data module yet
        ("CL:name", "Child Labour", "xx", "Child Labour"),  # unknown language
        ("CL:name", "Child Labour", "../vi", "Child Labour"),  # never a path
        ("ZZ-9.9", "A question added later", "vi", "A question added later"),  # missing key
        ("ZZ-9.9", "", "vi", ""),  # English, never the code
    ],
)
def test_catalogue_text(key: str, english: str, language: str, expected: str) -> None:
    assert catalogue_text(key, english, language) == expected


def test_the_active_language_is_the_default() -> None:
    with translation.override("vi"):
        assert catalogue_text("HR-1", "Adequate Human Resources Policy") == VI["HR-1"]
    with translation.override("en"):
        assert catalogue_text("HR-1", "Adequate Human Resources Policy") == (
            "Adequate Human Resources Policy"
        )
    with translation.override(None):  # translation deactivated
        assert catalogue_text("HR-1", "Adequate Human Resources Policy") == (
            "Adequate Human Resources Policy"
        )


def test_an_unknown_language_has_no_texts() -> None:
    assert dict(texts("en")) == {}
    assert dict(texts("zz-zz")) == {}


def test_the_models_display_the_active_language() -> None:
    cluster = Cluster(code="CL", name="Child Labour")
    point = CompliancePoint(code="CL-1", name="Child Labourers")
    question = Question(code="CL-1.1", text=ENGLISH["CL-1.1"])
    element = ManagementSystemElement(code="OSH-1", text="Adequate OSH Policy")
    later = Question(code="ZZ-1.1", text="Not translated yet?")
    with translation.override("vi"):
        assert cluster.display_name == "Lao động trẻ em"
        assert point.display_name == VI["CL-1:name"]
        assert question.display_text == VI["CL-1.1"]
        assert element.display_text == VI["OSH-1"]
        assert later.display_text == "Not translated yet?"
    with translation.override("en"):
        assert cluster.display_name == "Child Labour"
        assert question.display_text == ENGLISH["CL-1.1"]


def test_the_unanswered_questions_message_is_localized() -> None:
    gap = Completeness(
        total=243,
        unanswered=1,
        first_unanswered=[("CL-1.1", ENGLISH["CL-1.1"][:60])],
        missing_elements=[],
        missing_additional=[],
    )
    with translation.override("vi"):
        (line,) = gap.messages()
    assert f"CL-1.1 ({VI['CL-1.1'][:59]}…)" in line


@pytest.mark.django_db
def test_the_entry_page_in_vietnamese_shows_vietnamese_questions(cast) -> None:
    assessment = draft(cast)
    cast.ea.profile.language = "vi"  # the EA chose Vietnamese
    cast.ea.profile.save(update_fields=["language"])
    page = client_as(cast.ea).get(f"/assessments/{assessment.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert VI["CL-1.1"] in html
    assert VI["CL:name"] in html
    assert VI["CL-1:name"] in html
    assert ENGLISH["CL-1.1"] not in html
    assert "CL-1.1" in html  # the codes stay
