"""Charts drawn on the server as inline SVG: no script, nothing fetched, so they work under the
strict Content Security Policy, in the PDF (WeasyPrint draws inline SVG) and without JavaScript.

Pure Python: the callers pass words already in the reader's language and numbers already
counted; this module only lays them out. Each chart is an `<svg role="img">` labelled by its
`<title>` and `<desc>` (the desc says every number in words), and carries its numbers as a table
(`header`, `rows`) that templates show next to it (templates/partials/chart.html). Colour is
never the only cue: each series has its own pattern (solid, stripes, dots, cross-hatch...), the
legend repeats it with the series' name, and every bar and cell is labelled with its value.

Two kinds:
- `bar_chart`: horizontal bars, one row per category, its series side by side (grouped) or end
  to end (stacked, with the total at the end of the row).
- `grid_chart`: a row per item, a column per moment, each cell one of a few marks (met, not
  met, unknown), drawn with a symbol as well as a pattern.

Every mark carries `data-category`, `data-series` and `data-value`, so tests read the numbers
back from the SVG.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

WIDTH = 360  # the viewBox width: a phone's width, scaled up to the column on wider screens
PAD = 4
FONT = 12
LINE = 16  # a label's line
BAR = 16  # a bar's height
GAP = 10  # between categories
VALUE_ROOM = 44  # right of the longest bar, for its value or total
SEGMENT_LABEL = 22  # a stacked segment at least this wide shows its number inside

# Tones name the portal's colours (static/css/portal.css) without naming the states.
TONES = {
    "ok": "#1b7f3b",
    "bad": "#b3261e",
    "warn": "#a86400",
    "brand": "#00539b",
    "muted": "#5b6876",
    "violet": "#6a3d9a",
    "teal": "#00727a",
}
PALETTE = ("brand", "warn", "teal", "violet", "muted", "ok", "bad")
INK = "#1d2733"

# The patterns, in the order series take them: the first is plain colour.
PATTERNS = ("solid", "stripes", "dots", "crosshatch", "rows", "columns", "backstripes")


@dataclass(frozen=True)
class Series:
    """One series of a bar chart: a stable key (a stage, a cycle), its label, a value per
    category, and an optional tone (a key of TONES)."""

    key: str
    label: str
    values: tuple[int, ...]
    tone: str = ""


@dataclass(frozen=True)
class Mark:
    """One kind of cell of a grid chart: its label (shown in the legend and the table), its tone
    and its symbol: "check", "cross" or "question"."""

    label: str
    tone: str
    symbol: str


class Markup(str):
    """A text that is already markup: Django's templates (`conditional_escape`) and Jinja print
    whatever has `__html__` as is."""

    def __html__(self) -> Markup:
        return self


@dataclass
class Chart:
    """A drawn chart: its SVG, and the same numbers as a table for the text alternative."""

    slug: str
    title: str
    description: str
    svg: str
    header: list[str] = field(default_factory=list)
    rows: list[list[str | int]] = field(default_factory=list)
    kind: str = "grouped"  # "grouped", "stacked" (the table ends with the total) or "grid"

    def __html__(self) -> str:
        """Templates print the SVG as is: every text in it is escaped here."""
        return Markup(self.svg)

    def __str__(self) -> str:
        return Markup(self.svg)


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def _pattern(pid: str, kind: str, colour: str) -> str:
    """A 6x6 tile: the colour, with white marks (but "solid")."""
    marks = {
        "solid": "",
        "stripes": '<path d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2" stroke="#fff" stroke-width="1.5"/>',
        "backstripes": '<path d="M-1,5 l2,2 M0,0 l6,6 M5,-1 l2,2" stroke="#fff" stroke-width="1.5"/>',
        "dots": '<circle cx="3" cy="3" r="1.3" fill="#fff"/>',
        "crosshatch": '<path d="M0,0 l6,6 M6,0 l-6,6" stroke="#fff" stroke-width="1"/>',
        "rows": '<path d="M0,3 h6" stroke="#fff" stroke-width="1.5"/>',
        "columns": '<path d="M3,0 v6" stroke="#fff" stroke-width="1.5"/>',
    }[kind]
    return (
        f'<pattern id="{pid}" patternUnits="userSpaceOnUse" width="6" height="6">'
        f'<rect width="6" height="6" fill="{colour}"/>{marks}</pattern>'
    )


def _colour(tone: str, index: int) -> str:
    return TONES.get(tone) or TONES[PALETTE[index % len(PALETTE)]]


def _text(
    x: float, y: float, text: str, *, size: int = FONT, anchor: str = "start", **data: object
) -> str:
    attrs = "".join(f' data-{k}="{_attr(v)}"' for k, v in data.items())
    return (
        f'<text x="{x:g}" y="{y:g}" font-size="{size}" text-anchor="{anchor}" fill="{INK}"'
        f' font-family="sans-serif"{attrs}>{escape(text)}</text>'
    )


def _svg(slug: str, title: str, description: str, height: float, body: list[str]) -> str:
    """The chart's root. Its layout runs left to right in every language (`direction="ltr"`):
    in a right-to-left page a label would otherwise run off the picture's left edge; Arabic
    labels still read right to left within themselves."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" role="img" direction="ltr"'
        f' viewBox="0 0 {WIDTH} {height:g}" width="{WIDTH}" height="{height:g}"'
        f' aria-labelledby="{slug}-title {slug}-desc" id="{slug}">'
        f'<title id="{slug}-title">{escape(title)}</title>'
        f'<desc id="{slug}-desc">{escape(description)}</desc>' + "".join(body) + "</svg>"
    )


def _legend(slug: str, entries: Sequence[tuple[str, str]], y: float) -> tuple[list[str], float]:
    """One entry a line: the swatch (its fill a pattern id) and the label. Returns the end y."""
    body = []
    for fill, label in entries:
        body.append(
            f'<rect x="{PAD}" y="{y:g}" width="14" height="12" fill="url(#{fill})"'
            f' stroke="{INK}" stroke-width="0.5"/>'
        )
        body.append(_text(PAD + 20, y + 10, label, legend=label))
        y += LINE
    return body, y


def _describe(categories: Sequence[str], series: Sequence[Series]) -> str:
    """Every number in words: "Dhaka: Candidate 3, Eligible 1. Hanoi: ..."."""
    parts = []
    for i, category in enumerate(categories):
        values = ", ".join(f"{s.label} {s.values[i]}" for s in series)
        parts.append(f"{category}: {values}.")
    return " ".join(parts)


def bar_chart(
    *,
    slug: str,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    category_header: str,
    stacked: bool = False,
    total_header: str = "",
) -> Chart:
    """Horizontal bars, a row per category (its label above its bars); `stacked` puts the
    series end to end with the row's total after them (and a Total column in the table, headed
    `total_header`), else side by side, each with its value."""
    for s in series:
        if len(s.values) != len(categories):
            raise ValueError(
                f"Series {s.key!r} has {len(s.values)} values for {len(categories)} categories."
            )
        if any(v < 0 for v in s.values):
            raise ValueError(f"Series {s.key!r} has a negative value.")
    totals = [sum(s.values[i] for s in series) for i in range(len(categories))]
    largest = max(totals if stacked else [v for s in series for v in s.values] or [0], default=0)
    span = WIDTH - 2 * PAD - VALUE_ROOM
    scale = span / largest if largest else 0.0
    fills = [f"{slug}-p{i}" for i in range(len(series))]
    defs = [
        _pattern(fills[i], PATTERNS[i % len(PATTERNS)], _colour(s.tone, i))
        for i, s in enumerate(series)
    ]
    body, y = _legend(slug, [(fills[i], s.label) for i, s in enumerate(series)], PAD)
    y += GAP / 2
    for c, category in enumerate(categories):
        body.append(_text(PAD, y + FONT, category, category=category))
        y += LINE + 2
        x = float(PAD)
        for i, s in enumerate(series):
            value = s.values[c]
            width = value * scale
            colour = _colour(s.tone, i)
            body.append(
                f'<rect x="{x:g}" y="{y:g}" width="{width:.2f}" height="{BAR}"'
                f' fill="url(#{fills[i]})" stroke="{colour}" stroke-width="1"'
                f' data-category="{_attr(category)}" data-series="{_attr(s.key)}"'
                f' data-value="{value}"><title>{escape(f"{category}, {s.label}: {value}")}</title></rect>'
            )
            if stacked:
                if value and width >= SEGMENT_LABEL:  # its number on a white tag, inside
                    middle = x + width / 2
                    body.append(
                        f'<rect x="{middle - 9:.2f}" y="{y + 2:g}" width="18" height="{BAR - 4}"'
                        ' rx="2" fill="#fff"/>'
                    )
                    body.append(_text(middle, y + BAR - 4, str(value), size=10, anchor="middle"))
                x += width
            else:
                body.append(_text(x + width + 4, y + BAR - 3, str(value), size=11, value=value))
                y += BAR + 2
        if stacked:
            body.append(_text(x + 4, y + BAR - 3, str(totals[c]), size=11, total=totals[c]))
            y += BAR + 2
        y += GAP
    header = [category_header, *(s.label for s in series)]
    rows: list[list[str | int]] = [
        [category, *(s.values[c] for s in series)] for c, category in enumerate(categories)
    ]
    if stacked:
        header.append(total_header)
        for row, total in zip(rows, totals, strict=True):
            row.append(total)
    description = _describe(categories, series)
    svg = _svg(slug, title, description, y + PAD, ["<defs>", *defs, "</defs>", *body])
    return Chart(slug, title, description, svg, header, rows, "stacked" if stacked else "grouped")


def _symbol(kind: str, cx: float, cy: float) -> str:
    """A white symbol in a cell's middle: the mark does not rely on colour."""
    stroke = 'stroke="#fff" stroke-width="2.2" fill="none" stroke-linecap="round"'
    if kind == "check":
        return f'<path d="M{cx - 5:g},{cy:g} l3.5,4 l6.5,-8" {stroke}/>'
    if kind == "cross":
        return f'<path d="M{cx - 4:g},{cy - 4:g} l8,8 M{cx + 4:g},{cy - 4:g} l-8,8" {stroke}/>'
    return (
        f'<text x="{cx:g}" y="{cy + 4.5:g}" font-size="13" font-weight="700" text-anchor="middle"'
        f' fill="#fff" font-family="sans-serif">?</text>'
    )


def grid_chart(
    *,
    slug: str,
    title: str,
    rows: Sequence[str],
    columns: Sequence[str],
    cells: Sequence[Sequence[str]],
    marks: dict[str, Mark],
    row_header: str,
) -> Chart:
    """A row per item (its label above its cells), a column per moment (labelled on top);
    `cells[r][c]` is a key of `marks`."""
    if len(cells) != len(rows) or any(len(line) != len(columns) for line in cells):
        raise ValueError("A grid needs one cell per row and column.")
    keys = list(marks)
    unknown = {key for line in cells for key in line} - set(keys)
    if unknown:
        raise ValueError(f"No mark for {sorted(unknown)}.")
    fills = {key: f"{slug}-m{i}" for i, key in enumerate(keys)}
    defs = [
        _pattern(fills[key], PATTERNS[i % len(PATTERNS)], _colour(marks[key].tone, i))
        for i, key in enumerate(keys)
    ]
    body, y = _legend(slug, [(fills[k], marks[k].label) for k in keys], PAD)
    cell_width = min(64.0, (WIDTH - 2 * PAD) / max(len(columns), 1))
    y += GAP / 2
    for c, column in enumerate(columns):
        cx = PAD + c * cell_width + cell_width / 2
        body.append(_text(cx, y + FONT, column, size=10, anchor="middle", column=column))
    y += LINE + 2
    for r, row in enumerate(rows):
        body.append(_text(PAD, y + FONT, row, category=row))
        y += LINE + 2
        for c, column in enumerate(columns):
            key = cells[r][c]
            x = PAD + c * cell_width
            label = marks[key].label
            body.append(
                f'<rect x="{x + 1:g}" y="{y:g}" width="{cell_width - 2:g}" height="{BAR + 4}"'
                f' fill="url(#{fills[key]})" stroke="{_colour(marks[key].tone, keys.index(key))}"'
                f' data-category="{_attr(row)}" data-series="{_attr(column)}"'
                f' data-value="{_attr(key)}"><title>{escape(f"{row}, {column}: {label}")}</title></rect>'
            )
            body.append(_symbol(marks[key].symbol, x + cell_width / 2, y + (BAR + 4) / 2))
        y += BAR + 4 + GAP
    description = " ".join(
        f"{row}: "
        + ", ".join(f"{column} {marks[cells[r][c]].label}" for c, column in enumerate(columns))
        + "."
        for r, row in enumerate(rows)
    )
    header = [row_header, *columns]
    table: list[list[str | int]] = [
        [row, *(marks[key].label for key in cells[r])] for r, row in enumerate(rows)
    ]
    svg = _svg(slug, title, description, y + PAD, ["<defs>", *defs, "</defs>", *body])
    return Chart(slug, title, description, svg, header, table, "grid")
