"""The accessibility harness (issue 14): a small programme, each role's pages, and per page the
checks every page must pass: axe-core (from axe-playwright-python, which bundles it) with the
WCAG 2.2 AA tags, and no horizontal scroll of the page at a phone's 390 px.

`crawl` walks what a person can reach by following links from the home page (navigation first),
one page per URL shape (/factories/12/ and /factories/13/ are one shape); `check_page` returns
readable problems, so that a failing test lists every violation of every page at once.
"""

from __future__ import annotations

import datetime
import re
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import polib
from django.conf import settings
from django.contrib.auth.models import User

from betterwork.tooling.demo import FACTORIES, DemoBuilder
from buyer_portal.quarters import Quarter
from buyer_portal.services import quarterly_overview_produce
from factories.models import Buyer, Factory
from tests import makers

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}

# Not portal pages, or not pages at all: downloads, the API and its (third-party) Swagger UI,
# Django's admin, signing out, and the language switch.
SKIPPED = re.compile(
    r"^/(accounts/logout|admin|api|i18n)/|\.(csv|xlsx|pdf)$|/pdf$|/template\.|/export"
)

# The demo's stories, a few factories of Bangladesh covering every stage: the PM has requests to
# decide, the EA factories of each kind, the factory user and the buyer their own pages.
SMALL_PROGRAMME = (
    "Gazipur Knit Composite Ltd",  # high-performing; login factory.hp; Northwind, Tailspin
    "Ashulia Apparels Ltd",  # eligible (a grant request waits); Northwind
    "Chattogram Garments Ltd",  # candidate; login factory.candidate
    "Kaliakair Shirts Ltd",  # zero tolerance
    "Dhamrai Sportswear Ltd",  # under review (a review request waits); Northwind
    "Uttara Woven Garments Ltd",  # not on track
)
LOGINS = {
    "pm": "pm.bgd",
    "ea": "ea.bgd",
    "factory": "factory.hp",
    "buyer": "buyer.northwind",
}


def seed_small_programme() -> None:
    """The demo's Bangladesh factories above, built through the real services, plus what the
    stories leave out: a draft assessment and a quarterly overview."""
    builder = DemoBuilder(password=makers.PASSWORD)
    builder.ensure_people()
    index = {spec.name: i for i, spec in enumerate(FACTORIES)}
    for spec in FACTORIES:
        if spec.name in SMALL_PROGRAMME:
            builder.ensure_factory(spec, index[spec.name])
    ea = User.objects.get(username=LOGINS["ea"])
    makers.make_assessment(
        Factory.objects.get(name="Uttara Woven Garments Ltd"),
        by=ea,
        cycle=4,
        visit_date=datetime.date(2026, 10, 6),
        finalise=False,
    )
    quarterly_overview_produce(
        buyer=Buyer.objects.get(name="Northwind Apparel"),
        quarter=Quarter.just_ended(),
        actor=User.objects.get(username=LOGINS["pm"]),
    )


def set_language(user: User, code: str) -> None:
    """The user's preferred language, where the profile has one (the sign-in also sets it)."""
    profile = user.profile  # type: ignore[attr-defined]
    if any(f.name == "language" for f in profile._meta.get_fields()):
        profile.language = code
        profile.save(update_fields=["language"])


# --- crawling -------------------------------------------------------------------------------


def shape(path: str) -> str:
    """/factories/12/ and /factories/13/ are one shape; a query string makes a page of its own
    (/differentiation/approvals/?status=decided shows other columns), but for its numbers."""
    return re.sub(r"\d+", "N", path)


def links_of(page: Any, origin: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    paths = []
    for href in hrefs:
        parts = urlsplit(href)
        if f"{parts.scheme}://{parts.netloc}" != origin or SKIPPED.search(parts.path):
            continue
        paths.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return paths


def crawl(page: Any, origin: str, extra: Iterable[str] = (), limit: int = 45) -> list[str]:
    """Every page shape reachable from the home page by links (the navigation first, then the
    links of each page found), plus `extra`; at most `limit` pages."""
    found: list[str] = []
    shapes: set[str] = set()
    queue: deque[str] = deque(["/", *extra])
    while queue and len(found) < limit:
        path = queue.popleft()
        if shape(path) in shapes:
            continue
        shapes.add(shape(path))
        response = page.goto(origin + path)
        if (
            response is None
            or response.status != 200
            or "text/html" not in response.headers.get("content-type", "")
        ):
            continue
        found.append(path)
        queue.extend(links_of(page, origin))
    return found


# --- the checks -----------------------------------------------------------------------------


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    pages: int = 0

    def add(self, where: str, lines: Iterable[str]) -> None:
        self.problems.extend(f"{where}: {line}" for line in lines)

    def __str__(self) -> str:
        return f"{len(self.problems)} problem(s) on {self.pages} page visits:\n" + "\n".join(
            self.problems
        )


def axe_violations(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    results = Axe().run(page, options=options)
    lines = []
    for violation in results.response["violations"]:
        nodes = violation["nodes"]
        targets = "; ".join(" ".join(map(str, n["target"])) for n in nodes[:4])
        more = f" (+{len(nodes) - 4} more)" if len(nodes) > 4 else ""
        summary = (nodes[0].get("failureSummary") or "").replace("\n", " ") if nodes else ""
        lines.append(
            f"axe {violation['id']} [{violation['impact']}] {violation['help']}: "
            f"{targets}{more} -- {summary[:220]}"
        )
    return lines


OVERFLOW_JS = """() => {
  const width = window.innerWidth;
  const scroll = document.documentElement.scrollWidth;
  if (scroll <= width) return null;
  const sticksOut = (el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && (box.right > width + 1 || box.left < -1);
  };
  const scrolls = (el) => ['auto', 'scroll', 'hidden'].includes(getComputedStyle(el).overflowX);
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    const parent = el.parentElement;
    if (!sticksOut(el) || (parent !== document.body && sticksOut(parent))) continue;
    let contained = false;
    for (let p = parent; p && p !== document.body; p = p.parentElement) {
      if (scrolls(p)) { contained = true; break; }
    }
    if (contained) continue;
    const box = el.getBoundingClientRect();
    const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
      + (el.classList.length ? '.' + [...el.classList].join('.') : '');
    wide.push(`${name} ${Math.round(box.left)}..${Math.round(box.right)}`);
  }
  return {scroll, width, wide: wide.slice(0, 6)};
}"""


def overflow(page: Any) -> list[str]:
    """The page scrolls horizontally: how wide, and the first elements sticking out."""
    found = page.evaluate(OVERFLOW_JS)
    if not found:
        return []
    return [
        f"scrolls horizontally at {found['width']} px ({found['scroll']} px wide): "
        + ", ".join(found["wide"])
    ]


def empty_headers(page: Any) -> list[str]:
    """axe counts an empty <th> as best practice only; the issue asks for none."""
    count = page.evaluate(
        "[...document.querySelectorAll('th')].filter(th => !th.textContent.trim()"
        " && !th.getAttribute('aria-label')).length"
    )
    return [f"{count} empty table header(s)"] if count else []


def check_page(page: Any, url: str, *, language: str) -> list[str]:
    response = page.goto(url)
    if response is None or response.status != 200:
        return [f"status {response.status if response else 'none'}"]
    problems: list[str] = []
    html = page.evaluate("[document.documentElement.lang, document.documentElement.dir]")
    if html[0].split("-")[0] != language:
        problems.append(f"html lang is {html[0]!r}, not {language!r}")
    if language == "ar" and html[1] != "rtl":
        problems.append(f"html dir is {html[1]!r} in Arabic, not 'rtl'")
    problems += overflow(page)
    problems += empty_headers(page)
    problems += axe_violations(page)
    if language != "en":
        problems += [
            f"English left untranslated: {text!r}" for text in english_leftovers(page, language)
        ]
    return problems


# --- English left on a translated page ------------------------------------------------------


LETTERS = re.compile(r"[A-Za-z]{3,}")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")


@cache
def english_of(language: str) -> frozenset[str]:
    """The catalogue's English texts whose `language` translation differs, without placeholders
    (those are sentences filled with data, never on a page verbatim) and without codes."""
    po = polib.pofile(str(Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"))
    texts = set()
    for entry in po.translated_entries():
        if entry.msgid_plural or PLACEHOLDER.search(entry.msgid) or "<" in entry.msgid:
            continue
        if entry.msgstr.strip() == entry.msgid.strip() or not LETTERS.search(entry.msgid):
            continue
        texts.add(" ".join(entry.msgid.split()))
    return frozenset(texts)


TEXT_NODES = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const parent = node.parentElement;
    if (!parent || parent.closest('script,style,code,[translate=no]')) continue;
    const text = node.textContent.replace(/\\s+/g, ' ').trim();
    if (text) out.push(text);
  }
  for (const el of document.querySelectorAll('[aria-label],[title],[placeholder],[alt]')) {
    for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
      const value = el.getAttribute(name);
      if (value) out.push(value.replace(/\\s+/g, ' ').trim());
    }
  }
  return out;
}"""


def english_leftovers(page: Any, language: str) -> list[str]:
    english = english_of(language)
    return sorted({text for text in page.evaluate(TEXT_NODES) if text in english})
