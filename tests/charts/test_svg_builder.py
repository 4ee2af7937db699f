"""The SVG builder alone (betterwork.core.charts): no database, table-driven."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET

import pytest

from betterwork.core.charts import Mark, Series, bar_chart, grid_chart
from tests.charts.reading import SVG, accessible_name, marks, numbers

BARS = [
    # (name, categories, series {key: values}, stacked)
    ("one series", ["A"], {"x": (3,)}, False),
    ("grouped", ["A", "B"], {"x": (1, 0), "y": (4, 2)}, False),
    ("stacked", ["A", "B", "C"], {"x": (1, 0, 5), "y": (4, 2, 0), "z": (0, 0, 1)}, True),
    ("all zero", ["A", "B"], {"x": (0, 0), "y": (0, 0)}, True),
    ("no category", [], {"x": ()}, True),
    ("seven series", ["A"], {f"s{i}": (i,) for i in range(7)}, True),
]


def _bars(categories, values, stacked):
    return bar_chart(
        slug="c",
        title="Title",
        categories=categories,
        series=[Series(key, f"Label {key}", v) for key, v in values.items()],
        category_header="Category",
        stacked=stacked,
        total_header="Total",
    )


@pytest.mark.parametrize("name, categories, values, stacked", BARS, ids=[b[0] for b in BARS])
def test_every_bar_carries_its_number_and_the_table_the_same(name, categories, values, stacked):
    chart = _bars(categories, values, stacked)
    expected = {(c, key): v[i] for key, v in values.items() for i, c in enumerate(categories)}
    assert numbers(chart.svg, "c") == expected
    header, rows = chart.header, chart.rows
    assert header == ["Category", *(f"Label {k}" for k in values), *(["Total"] if stacked else [])]
    for i, category in enumerate(categories):
        series_values = [v[i] for v in values.values()]
        assert rows[i] == [category, *series_values, *([sum(series_values)] if stacked else [])]
    assert chart.kind == ("stacked" if stacked else "grouped")


@pytest.mark.parametrize("name, categories, values, stacked", BARS, ids=[b[0] for b in BARS])
def test_bars_are_in_proportion_and_stacked_ones_end_to_end(name, categories, values, stacked):
    root = ET.fromstring(_bars(categories, values, stacked).svg)
    rects = [r for r in root.iter(f"{SVG}rect") if r.get("data-value") is not None]
    widths = [(float(r.get("width")), int(r.get("data-value"))) for r in rects]
    positive = [(w, v) for w, v in widths if v]
    if positive:
        ratio = max(positive, key=lambda p: p[1])[0] / max(v for _, v in positive)
        assert all(abs(w - v * ratio) < 0.02 for w, v in widths)
    assert all(w <= 360 for w, _ in widths)
    if stacked:
        for category in categories:
            row = [r for r in rects if r.get("data-category") == category]
            for before, after in itertools.pairwise(row):
                end = float(before.get("x")) + float(before.get("width"))
                assert abs(float(after.get("x")) - end) < 0.02


def test_a_chart_is_an_image_with_a_title_a_description_and_a_legend_in_words():
    chart = _bars(["Dhaka", "Hanoi"], {"hp": (2, 1), "not": (3, 0)}, True)
    role, title, desc = accessible_name(chart.svg, "c")
    assert (role, title) == ("img", "Title")
    assert desc == "Dhaka: Label hp 2, Label not 3. Hanoi: Label hp 1, Label not 0."
    root = ET.fromstring(chart.svg)
    assert root.get("aria-labelledby") == "c-title c-desc"
    assert root.get("direction") == "ltr"  # laid out left to right in right-to-left pages too
    legend = [t.text for t in root.iter(f"{SVG}text") if t.get("data-legend")]
    assert legend == ["Label hp", "Label not"]
    totals = [t.text for t in root.iter(f"{SVG}text") if t.get("data-total")]
    assert totals == ["5", "1"]


def test_each_series_has_its_own_pattern_so_colour_is_not_the_only_cue():
    chart = _bars(["A"], {f"s{i}": (1,) for i in range(7)}, True)
    root = ET.fromstring(chart.svg)
    patterns = list(root.iter(f"{SVG}pattern"))
    tiles = [ET.tostring(p[1]) if len(p) > 1 else b"solid" for p in patterns]
    assert len(set(tiles)) == 7
    fills = {r.get("fill") for r in root.iter(f"{SVG}rect") if r.get("data-value")}
    assert fills == {f"url(#c-p{i})" for i in range(7)}


def test_words_are_escaped_and_the_svg_stays_well_formed():
    chart = bar_chart(
        slug="c",
        title='<script>alert("x")</script> & co',
        categories=['A "quoted" <b>'],
        series=[Series("k&", "L<", (1,))],
        category_header="C",
    )
    assert "<script>" not in chart.svg and "<b>" not in chart.svg
    assert marks(chart.svg, "c") == {('A "quoted" <b>', "k&"): "1"}
    assert accessible_name(chart.svg, "c")[1] == '<script>alert("x")</script> & co'
    assert chart.__html__() == chart.svg


@pytest.mark.parametrize(
    "categories, series, message",
    [
        (["A", "B"], [Series("x", "X", (1,))], "has 1 values for 2 categories"),
        (["A"], [Series("x", "X", (-1,))], "negative"),
    ],
)
def test_it_refuses_data_that_does_not_fit(categories, series, message):
    with pytest.raises(ValueError, match=message):
        bar_chart(slug="c", title="T", categories=categories, series=series, category_header="C")


MARKS = {
    "yes": Mark("Met", "ok", "check"),
    "no": Mark("Not met", "bad", "cross"),
    "maybe": Mark("Unknown", "warn", "question"),
}
GRIDS = [
    ("one cell", ["Row"], ["2025-01-01"], [["yes"]]),
    (
        "three by two",
        ["R1", "R2", "R3"],
        ["2025-01-01", "2025-06-01"],
        [["yes", "no"], ["maybe", "yes"], ["no", "no"]],
    ),
    ("six columns", ["R"], [f"d{i}" for i in range(6)], [["yes", "no", "maybe"] * 2]),
]


@pytest.mark.parametrize("name, rows, columns, cells", GRIDS, ids=[g[0] for g in GRIDS])
def test_a_grid_marks_every_cell_with_a_symbol_and_the_table_in_words(name, rows, columns, cells):
    chart = grid_chart(
        slug="g", title="T", rows=rows, columns=columns, cells=cells, marks=MARKS, row_header="R"
    )
    assert marks(chart.svg, "g") == {
        (row, column): cells[r][c] for r, row in enumerate(rows) for c, column in enumerate(columns)
    }
    assert chart.header == ["R", *columns]
    assert chart.rows == [[row, *(MARKS[k].label for k in cells[r])] for r, row in enumerate(rows)]
    root = ET.fromstring(chart.svg)
    symbols = len(list(root.iter(f"{SVG}path"))) + sum(
        1 for t in root.iter(f"{SVG}text") if t.text == "?"
    )
    # every cell draws a symbol (patterns draw their own paths too: at least one a cell)
    assert symbols >= len(rows) * len(columns)
    assert all(
        float(r.get("x")) + float(r.get("width")) <= 360
        for r in root.iter(f"{SVG}rect")
        if r.get("x")
    )


def test_a_grid_refuses_a_cell_without_a_mark_or_a_missing_cell():
    with pytest.raises(ValueError, match="No mark"):
        grid_chart(
            slug="g",
            title="T",
            rows=["R"],
            columns=["c"],
            cells=[["??"]],
            marks=MARKS,
            row_header="R",
        )
    with pytest.raises(ValueError, match="one cell per row"):
        grid_chart(
            slug="g",
            title="T",
            rows=["R"],
            columns=["c", "d"],
            cells=[["yes"]],
            marks=MARKS,
            row_header="R",
        )
