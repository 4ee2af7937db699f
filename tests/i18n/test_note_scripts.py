"""The formal note in Bengali, Khmer and Arabic: shaped by WeasyPrint, bilingual with English,
and its text layer reads back as written (poppler's pdftotext; pypdf for the Arabic, whose
glyphs map to text one by one)."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from differentiation.notes import formal_note_html, note_languages, render_formal_note
from factories.models import Factory
from tests import makers
from tests.i18n.note_helpers import (
    approved_decision,
    catalogue_text,
    lines,
    normal,
    pdftotext,
    pypdf_text,
)

HEADING = "Formal note: high-performing factory status"
HOW = "How the factory met the criteria"
CONFIRMS = (
    "Better Work confirms that the factory has demonstrated high levels of compliance, "
    "sustainable systems and advanced worker-management dialogue, and meets all of the "
    "differentiation criteria over two consecutive assessments."
)

FACTORIES = [
    pytest.param("BGD", "bn", "ঢাকা পোশাক লিমিটেড", id="bn"),
    pytest.param("KHM", "km", "រោងចក្រកាត់ដេរភ្នំពេញ", id="km"),
    pytest.param("JOR", "ar", "مصنع عمان للملابس", id="ar"),
]


def _note(country: str, name: str) -> tuple[Factory, bytes, str]:
    factory = makers.make_factory(name, country=country)
    pm = makers.make_pm(countries=[country], username=f"pm-{country.lower()}")
    decision = approved_decision(factory, pm)
    buyer = makers.BuyerMaker(name="Northwind Apparel")
    html = formal_note_html(factory=factory, decision=decision, buyers=[buyer])
    pdf = render_formal_note(factory=factory, decision=decision, buyers=[buyer])
    return factory, pdf, html


@pytest.mark.parametrize(("country", "language", "name"), FACTORIES)
def test_the_name_in_its_script_and_the_english_part_read_back_intact(
    db: Any, country: str, language: str, name: str
) -> None:
    factory, pdf, _html = _note(country, name)
    assert pdf.startswith(b"%PDF")
    assert note_languages(factory) == [language, "en"]

    text = pdftotext(pdf)
    # The name, on its own line under the programme's, comes out letter for letter.
    assert normal(name) in lines(text)
    if language == "ar":
        assert normal(name) in lines(pypdf_text(pdf))
    # The English part, whole sentences (wrapped lines joined).
    flat = normal(text)
    for sentence in (HEADING, HOW, CONFIRMS, "To the management of"):
        assert sentence in flat
    assert "Northwind Apparel" in flat


@pytest.mark.parametrize(("country", "language", "name"), FACTORIES)
def test_the_factory_language_part_comes_first_in_the_catalogue_words(
    db: Any, country: str, language: str, name: str
) -> None:
    _factory, pdf, html = _note(country, name)
    heading = catalogue_text(language, HEADING)
    how = catalogue_text(language, HOW)
    with translation.override(language):
        assert translation.gettext(HEADING) == heading  # Django reads the same catalogue
    # The factory's part, then the English one: the heading once each (twice while the
    # catalogue has no translation, both English).
    first = html.index(f'lang="{language}"')
    english = html.index('lang="en"')
    assert first < english
    assert heading in html[first:english]
    assert HEADING in html[english:]
    assert html.count(heading) == (1 if heading != HEADING else 2)
    assert how in html[first:]
    if language == "ar":
        assert 'lang="ar" dir="rtl"' in html
    else:
        assert 'dir="rtl"' not in html
    # And the PDF's text layer holds the factory-language heading too.
    if language == "ar":
        assert set(normal(heading).split()) <= set(normal(pypdf_text(pdf)).split())
    else:
        assert normal(heading) in normal(pdftotext(pdf))


def test_a_factory_that_reads_english_gets_a_note_in_english_only(db: Any) -> None:
    factory, pdf, html = _note("LKA", "Colombo Garments Ltd")
    assert note_languages(factory) == ["en"]
    assert 'lang="en"' in html
    assert html.count(HEADING) == 1
    assert normal(pdftotext(pdf)).count(HEADING) == 1
