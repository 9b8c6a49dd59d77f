"""The HTML and PDF exports an analyst sends: styled like the reader, each note in its
colour, comments rendered from their Markdown, and still inert for whoever opens them."""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt

from briefreader.core.annotations import Annotation
from briefreader.core.annotations.export import to_html
from briefreader.core.annotations.html_style import safe_colour, tint
from briefreader.core.annotations.model import DEFAULT_PALETTE
from briefreader.core.loaders import load_document
from briefreader.core.loaders.pdfium_session import pdfium_document
from briefreader.core.workspace import Workspace
from briefreader.export.files import write_export

TEXT = "Ministers met in Oslo.\n\nThe accord was signed on 3 May and covers fisheries.\n"


def _notes(tmp_path: Path, comments: list[str]) -> list[Annotation]:
    path = tmp_path / "cable.md"
    path.write_text(TEXT, encoding="utf-8")
    document = load_document(path)
    store = Workspace(tmp_path / "data").notes
    keys = [key for key, _meaning, _colour in DEFAULT_PALETTE]
    for number, comment in enumerate(comments):
        quote = ["Ministers met in Oslo", "signed on 3 May", "covers fisheries"][number % 3]
        start = document.text.index(quote)
        store.create(document, start, start + len(quote), keys[number % len(keys)], comment)
    return store.everything()


PALETTE = {key: colour for key, _meaning, colour in DEFAULT_PALETTE}
MEANINGS = {key: meaning for key, meaning, _colour in DEFAULT_PALETTE}


def test_each_note_is_tinted_in_its_colour_with_a_swatch(tmp_path: Path) -> None:
    page = to_html(_notes(tmp_path, ["", "", ""]), MEANINGS, colours=PALETTE)
    assert "<style>" in page
    for key in ("key", "concern", "confirmed"):
        colour = PALETTE[key].lower()
        assert f"background-color: {tint(colour)}; border-left-color: {colour}" in page
        assert f"style='color: {colour}'>&#9632;</span>" in page
        assert MEANINGS[key] in page


def test_comments_are_rendered_from_markdown_and_stay_inert(tmp_path: Path) -> None:
    comment = (
        "**Check** with the *desk*:\n\n- first point\n- second point\n\n"
        "See [the source](https://example.org/a) and [bad](javascript:alert(1)).\n\n"
        "![tracker](https://example.org/pixel.png) <script>alert(2)</script>\n\n# Not a heading"
    )
    page = to_html(_notes(tmp_path, [comment]), MEANINGS, colours=PALETTE)
    assert "<strong>Check</strong>" in page and "<em>desk</em>" in page
    assert "<li>first point</li>" in page
    assert '<a href="https://example.org/a">the source</a>' in page
    assert 'href="javascript' not in page
    assert "<img" not in page  # an export never fetches anything
    assert "<script" not in page and "&lt;script&gt;" in page
    assert not re.search(r"<h[1-6]>Not a heading", page)  # one heading level: the document's


def test_a_colour_that_is_not_a_plain_hex_value_never_reaches_the_style(tmp_path: Path) -> None:
    hostile = {"key": "red; } body { display: none", "concern": "#12345g"}
    page = to_html(_notes(tmp_path, ["", ""]), MEANINGS, colours=hostile)
    assert "display: none" not in page and "#12345g" not in page
    assert safe_colour("#ABCDEF") == "#abcdef"
    assert tint("#000000", 0.25) == "#bfbfbf"


def test_the_page_is_valid_markup_a_renderer_reads_whole(tmp_path: Path) -> None:
    page = to_html(_notes(tmp_path, ["a *b*", "c", "d"]), MEANINGS, colours=PALETTE)
    # Every note's block opens and closes: a parser meets as many ends as starts.
    assert page.count("<div class='note'>") == 3
    assert page.count("<div") == page.count("</div>")
    assert page.count("<blockquote") == page.count("</blockquote>")
    assert MarkdownIt().render("x")  # the renderer the comments use is installed


def test_the_pdf_carries_the_notes_and_their_rendered_comments(tmp_path: Path) -> None:
    out = tmp_path / "notes.pdf"
    notes = _notes(tmp_path, ["**Check** with the desk"])
    write_export(notes, MEANINGS, "pdf", out, colours=PALETTE)
    with pdfium_document(out) as pdf:
        page = pdf[0]
        text = page.get_textpage().get_text_range()
    assert "Ministers met in Oslo" in text
    assert "Check with the desk" in text and "**" not in text
