"""HTML to PDF with WeasyPrint: every script shaped by Pango and HarfBuzz, and a text layer
that reads back as it was written.

The HTML is the portal's own template output (autoescaped: a name is text, never markup), and
the PDF fetches nothing: no stylesheet, image or font from a URL or a file, only the fonts
installed on the machine, chosen by family name in the template's CSS.

A shaped Bengali or Khmer line is not one glyph per character: a vowel sign drawn before its
consonant, a subscript consonant. A PDF maps each glyph to text once for the whole font, so a
reader that rebuilds text from glyphs gets letters missing or spaces inside words. Each
left-to-right line is therefore wrapped in a marked-content span with its text as
`/ActualText` (PDF 1.7, 14.9.4), which text extraction, search and copying use instead.
Lines holding right-to-left text keep the glyph mapping, which already reads back in order:
some readers (poppler) would turn an ActualText of right-to-left text the wrong way round.
"""

from __future__ import annotations

import unicodedata
from typing import Any

import pydyf
from weasyprint import HTML
from weasyprint.draw import text as weasyprint_text
from weasyprint.urls import URLFetcher

_RTL_CLASSES = frozenset({"R", "AL"})


def has_rtl(text: str) -> bool:
    """Whether `text` holds a right-to-left letter (Arabic, Hebrew...)."""
    return any(unicodedata.bidirectional(char) in _RTL_CLASSES for char in text)


def _with_actual_text(draw_first_line: Any) -> Any:
    def draw_first_line_with_actual_text(stream: Any, textbox: Any, *args: Any, **kw: Any) -> Any:
        text = str(getattr(textbox, "text", "") or "")
        if not text.strip() or has_rtl(text):
            return draw_first_line(stream, textbox, *args, **kw)
        stream.begin_marked_content("Span", pydyf.Dictionary({"ActualText": pydyf.String(text)}))
        try:
            return draw_first_line(stream, textbox, *args, **kw)
        finally:
            stream.end_marked_content()

    draw_first_line_with_actual_text.wraps_actual_text = True  # type: ignore[attr-defined]
    return draw_first_line_with_actual_text


def _install_actual_text() -> None:
    """Wrap WeasyPrint's line drawing once (its `draw_text` looks the function up by name)."""
    current = weasyprint_text.draw_first_line
    if not getattr(current, "wraps_actual_text", False):
        weasyprint_text.draw_first_line = _with_actual_text(current)


_install_actual_text()


def html_to_pdf(html: str) -> bytes:
    """The PDF of `html`, fetching no resource: every URL scheme is refused."""
    document = HTML(string=html, base_url=None, url_fetcher=URLFetcher(allowed_protocols=()))
    return bytes(document.write_pdf())
