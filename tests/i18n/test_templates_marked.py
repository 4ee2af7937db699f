"""Every text a person reads in a template is marked for translation (issue 14).

The scan strips comments, scripts and styles, the `{% translate %}` tags and the
`{% blocktranslate %}` blocks, then every other template tag and variable; whatever text node,
translatable attribute (title, alt, placeholder, aria-label, aria-description, a button's
value) or literal filter argument (`default:"…"`, `yesno:"…"`) still holds a word is reported
as file:line. Codes (CL-1.1, HR-3, PR2), numbers, punctuation and a few proper names pass.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf.locale import LANG_INFO
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.template import engines
from django.template.loader import render_to_string
from django.test import RequestFactory, override_settings
from django.urls import include, path
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent.parent

# Proper names and acronyms that read the same in every language.
ALLOWED_WORDS = ("Better Work", "ILO", "IFC", "API", "CSV", "XLSX", "PDF", "PR", "Swagger")
ALLOWED = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for w in ALLOWED_WORDS) + r")\b"
    r"|\b[A-Z]{1,4}-?\d+(?:\.\d+)*\b"  # codes: CL-1.1, HR-3, PR2
)
LETTER = re.compile(r"[^\W\d_]")
# data-label: a stacked table's column name, shown on phones before each cell (portal.css).
TRANSLATABLE_ATTRIBUTES = {
    "title",
    "alt",
    "placeholder",
    "aria-label",
    "aria-description",
    "data-label",
}
BUTTON_INPUTS = {"submit", "button", "reset"}


def _blank(match: re.Match[str]) -> str:
    """The stripped region, as many newlines as it held: line numbers stay right."""
    return "\n" * match.group(0).count("\n")


STRIPPED = [
    re.compile(r"{%\s*comment\b.*?%}.*?{%\s*endcomment\s*%}", re.S),
    re.compile(r"{#.*?#}", re.S),
    re.compile(r"<script\b.*?</script>", re.S | re.I),
    re.compile(r"<style\b.*?</style>", re.S | re.I),
    re.compile(r"{%\s*blocktrans(?:late)?\b.*?%}.*?{%\s*endblocktrans(?:late)?\s*%}", re.S),
]
TAG_OR_VARIABLE = re.compile(r"{%.*?%}|{{.*?}}", re.S)
# A literal, untranslated argument of a filter that prints it: `default:"not set"`.
LITERAL_ARGUMENT = re.compile(r"""\|\s*(?:default|default_if_none|yesno)\s*:\s*(["'])(.*?)\1""")


def _wordy(text: str) -> bool:
    return bool(LETTER.search(ALLOWED.sub("", text)))


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        checked = set(TRANSLATABLE_ATTRIBUTES)
        if tag == "button" or (tag == "input" and named.get("type") in BUTTON_INPUTS):
            checked.add("value")
        for name, value in attrs:
            if name in checked and value and _wordy(value):
                self.found.append((self.getpos()[0], f'{name}="{value}"'))

    handle_startendtag = handle_starttag

    def handle_data(self, data: str) -> None:
        if _wordy(data):
            leading = data[: len(data) - len(data.lstrip())]
            self.found.append((self.getpos()[0] + leading.count("\n"), data.strip()))


def unmarked(source: str) -> list[tuple[int, str]]:
    """(line, text) of every human-visible text of `source` left out of translation."""
    for pattern in STRIPPED:
        source = pattern.sub(_blank, source)
    found = [
        (source.count("\n", 0, tag.start() + m.start()) + 1, m.group(0))
        for tag in TAG_OR_VARIABLE.finditer(source)
        for m in LITERAL_ARGUMENT.finditer(tag.group(0))
        if _wordy(m.group(2))
    ]
    scanner = _Scanner()
    scanner.feed(TAG_OR_VARIABLE.sub(_blank, source))
    scanner.close()
    return sorted(found + scanner.found)


def _template_dirs() -> list[Path]:
    return [ROOT / "templates", *(p for p in ROOT.glob("*/templates") if p.parent.name != ".venv")]


def _templates() -> list[Path]:
    return sorted(path for d in _template_dirs() for path in d.rglob("*.html"))


def test_there_are_templates_to_scan() -> None:
    assert len(_templates()) > 40


def test_every_template_text_is_marked() -> None:
    problems = [
        f"{path.relative_to(ROOT)}:{line}: {text}"
        for path in _templates()
        for line, text in unmarked(path.read_text())
    ]
    assert problems == []


@pytest.mark.parametrize("path", _templates(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_template_compiles(path: Path) -> None:
    """A blocktranslate holding `{{ a.b }}` or a missing `{% load i18n %}` fails here, at once."""
    directory = next(d for d in _template_dirs() if path.is_relative_to(d))
    assert engines["django"].get_template(str(path.relative_to(directory)))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("<h1>Factories</h1>", [(1, "Factories")]),
        ("{% load i18n %}\n<p>\n  Not marked\n</p>", [(3, "Not marked")]),
        ('<input placeholder="Name">', [(1, 'placeholder="Name"')]),
        ('<a title="Open it" href="/">{% translate "Open" %}</a>', [(1, 'title="Open it"')]),
        ('<button value="Go">{% translate "Go" %}</button>', [(1, 'value="Go"')]),
        ('<nav aria-label="Main {{ x }}"></nav>', [(1, 'aria-label="Main "')]),
        ('<td data-label="Stage">1</td>', [(1, 'data-label="Stage"')]),
        ('<td>{{ d|default:"not set" }}</td>', [(1, '|default:"not set"')]),
        ("<td>{{ ok|yesno:'Yes,No' }}</td>", [(1, "|yesno:'Yes,No'")]),
        ('{% load i18n %}\n\n<td>{{ d|default:"none" }}</td>', [(3, '|default:"none"')]),
        ("<p>{{ n }} of {{ total }}</p>", [(1, "of")]),
    ],
)
def test_the_scan_flags_unmarked_text(source: str, expected: list[tuple[int, str]]) -> None:
    assert unmarked(source) == expected


@pytest.mark.parametrize(
    "source",
    [
        '{% translate "Factories" %}',
        "{% blocktranslate trimmed with n=x %}\n  {{ n }} factories\n{% endblocktranslate %}",
        "{% blocktranslate count counter=n %}{{ counter }} item{% plural %}{{ counter }} items"
        "{% endblocktranslate %}",
        "{% comment %}Notes for developers{% endcomment %}{# and more #}",
        "<script>let a = 'text';</script><style>p::after { content: 'x'; }</style>",
        "<strong>CL-1.1</strong> HR-3 · PR2 — 13/13 &nbsp; 50 %",
        "<footer>ILO · IFC Better Work · API · CSV · XLSX · PDF</footer>",
        '<input type="hidden" name="next" value="somewhere">',
        '<button title="{% translate \'Save\' %}">{% translate "Save" %}</button>',
        '<td>{{ d|default:_("not set") }}</td><td>{{ d|default:"—" }}</td>',
        '<span class="stage stage-{{ stage }}">{{ label }}</span>',
    ],
)
def test_the_scan_passes_marked_text_codes_and_names(source: str) -> None:
    assert unmarked(source) == []


# URLconfs (any object with `urlpatterns`) without and with Django's set_language view.
class WithoutSetLanguage:
    urlpatterns: list = []


class WithSetLanguage:
    urlpatterns = [path("i18n/", include("django.conf.urls.i18n"))]


def _anonymous(url: str) -> HttpRequest:
    request = RequestFactory().get(url)
    request.user = AnonymousUser()
    return request


def _switcher() -> str:
    request = _anonymous("/factories/?q=x")
    return render_to_string("partials/language_switcher.html", request=request)


@override_settings(ROOT_URLCONF=WithoutSetLanguage)
def test_the_language_switcher_waits_for_the_set_language_route() -> None:
    assert _switcher().strip() == ""


@override_settings(ROOT_URLCONF=WithSetLanguage)
def test_the_language_switcher_posts_the_language_and_the_page_to_set_language() -> None:
    with translation.override("vi"):
        html = _switcher()
    assert 'action="/i18n/setlang/"' in html and 'method="post"' in html
    assert '<label for="language-select">' in html and '<select name="language"' in html
    assert '<input type="hidden" name="next" value="/factories/?q=x">' in html
    vietnamese, arabic = LANG_INFO["vi"]["name_local"], LANG_INFO["ar"]["name_local"]
    assert f'value="vi" lang="vi" selected>{vietnamese}</option>' in html
    assert f'value="ar" lang="ar">{arabic}</option>' in html
    assert 'type="submit"' in html


@pytest.mark.parametrize(("language", "direction"), [("en", "ltr"), ("vi", "ltr"), ("ar", "rtl")])
def test_the_page_declares_its_language_and_direction(language: str, direction: str) -> None:
    request = _anonymous("/accounts/login/")
    with translation.override(language):
        html = render_to_string("registration/login.html", request=request)
    assert f'<html lang="{language}" dir="{direction}">' in html
