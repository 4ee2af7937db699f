"""Reading a chart back from a page: the marks of its SVG and the rows of its table, so that
tests compare numbers, not only that an SVG exists."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

SVG = "{http://www.w3.org/2000/svg}"


def svg_of(html: str, slug: str) -> ET.Element:
    """The chart's <svg> element, parsed as XML (it must be well-formed)."""
    match = re.search(rf'<svg [^>]*id="{re.escape(slug)}".*?</svg>', html, re.S)
    assert match, f"no chart {slug} in the page"
    return ET.fromstring(match.group(0))


def marks(html: str, slug: str) -> dict[tuple[str, str], str]:
    """(category, series) -> data-value of every mark (bar or cell) of the chart."""
    root = svg_of(html, slug)
    return {
        (rect.get("data-category", ""), rect.get("data-series", "")): rect.get("data-value", "")
        for rect in root.iter(f"{SVG}rect")
        if rect.get("data-value") is not None
    }


def numbers(html: str, slug: str) -> dict[tuple[str, str], int]:
    return {key: int(value) for key, value in marks(html, slug).items()}


def accessible_name(html: str, slug: str) -> tuple[str, str, str]:
    """(role, title, desc) of the chart."""
    root = svg_of(html, slug)
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    return (
        root.get("role", ""),
        title.text if title is not None else "",
        desc.text if desc is not None else "",
    )


class _Tables(HTMLParser):
    def __init__(self, slug: str) -> None:
        super().__init__()
        self.slug, self.inside, self.rows, self.cell = slug, False, [], None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table" and dict(attrs).get("data-chart") == self.slug:
            self.inside = True
        elif self.inside and tag == "tr":
            self.rows.append([])
        elif self.inside and tag in ("td", "th"):
            self.cell = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.inside = False
        elif self.inside and tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(self.cell.strip())
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell += data


def table(html: str, slug: str) -> list[list[str]]:
    """The rows (header first) of the chart's table alternative."""
    parser = _Tables(slug)
    parser.feed(html)
    assert parser.rows, f"no table for chart {slug}"
    return parser.rows


def table_numbers(html: str, slug: str) -> dict[tuple[str, str], int]:
    """(row header, column header) -> number, from the table alternative."""
    header, *rows = table(html, slug)
    return {
        (row[0], header[i]): int(cell)
        for row in rows
        for i, cell in enumerate(row)
        if i > 0 and cell.isdigit()
    }
