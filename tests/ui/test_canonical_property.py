"""Property tests: for any input, the canonical text is the blocks joined, styles stay inside
their blocks, and the reader displays exactly the canonical text."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdf_maker import Page, make_pdf
from pytestqt.qtbot import QtBot

from briefreader.core.errors import LoadError
from briefreader.core.loaders import load_document, parse_text
from briefreader.core.text.document import Document, Metadata, clean_text
from briefreader.ui.reader.view import ReaderView

_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# Markup and the characters most likely to break offsets.
PIECES = st.sampled_from(
    [
        "# ",
        "## ",
        "- ",
        "1. ",
        "> ",
        "```\n",
        "    ",
        "**",
        "*",
        "`",
        "~~",
        "[a](http://x)",
        "![alt](http://x/i.png)",
        "| a | b |\n|---|---|\n| c | d |\n",
        "---\n",
        "<p>",
        "</p>",
        "<b>",
        "</b>",
        "<li>",
        "<script>x</script>",
        "<br>",
        "&amp;",
        "&#xD800;",
        "&nbsp;",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "\t",
        "\u00a0",
        "\u2028",
        "\u2029",
        "\ufeff",
        "\ufffc",
        "\x00",
        "\x07",
        "😀",
        "👩‍👩‍👧",
        "𝔘",
        "e\u0301",
        "\u202e",
        "שלום",
        "treaty",
        " ",
        "Source: X\n",
    ]
)
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=40).map("".join)


def assert_canonical(document: Document) -> Document:
    assert document.text == "\n".join(block.text for block in document.blocks)
    for block in document.blocks:
        assert document.text[block.start : block.end] == block.text
        for styled in block.styles:
            assert block.start <= styled.start < styled.end <= block.end
    return document


def check_blocks(raw: str, fmt: str):  # type: ignore[no-untyped-def]
    return assert_canonical(parse_text(raw, fmt, Metadata(path="x", title=""), "fallback"))


@pytest.mark.parametrize("fmt", ["markdown", "html", "text"])
@settings(max_examples=150, deadline=None)
@given(raw=TEXTS)
def test_canonical_text_invariants(fmt: str, raw: str) -> None:
    check_blocks(raw, fmt)


@pytest.mark.parametrize("fmt", ["markdown", "html", "text"])
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=TEXTS)
def test_reader_shows_the_canonical_text(qtbot: QtBot, fmt: str, raw: str) -> None:
    document = check_blocks(raw, fmt)
    reader = ReaderView()
    qtbot.addWidget(reader)
    reader.show_document(document)
    assert reader.plain_text() == document.text


def test_the_reader_numbers_a_list_as_its_file_does(qtbot: QtBot) -> None:
    raw = (
        '<p>Each Party shall:</p><ol type="a"><li>notify;</li><li>report;</li></ol>'
        '<ol type="I" start="3"><li>Final clauses</li></ol><ol><li>One</li></ol>'
    )
    document = check_blocks(raw, "html")
    reader = ReaderView()
    qtbot.addWidget(reader)
    reader.show_document(document)
    labels = []
    block = reader.document().begin()
    while block.isValid():
        if block.textList() is not None:
            labels.append(block.textList().itemText(block))
        block = block.next()
    assert labels == ["a.", "b.", "III.", "1."]
    assert reader.plain_text() == document.text


# Words for generated PDF and Word files: what their writers can encode, with the characters
# most likely to shift offsets (hyphens at line ends, tabs, quotes, accents, emoji in Word).
WORDS = st.lists(
    st.sampled_from(
        ["treaty", "nego-", "tiations", "Vienna.", "(a)", "•", "1.", "Æther", "café", "“q”", "7"]
    ),
    min_size=1,
    max_size=6,
).map(" ".join)
LINES = st.lists(st.tuples(WORDS, st.sampled_from([0, 14, 30]), st.sampled_from([11, 18])))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(lines=LINES.filter(bool))
def test_generated_pdf_keeps_the_invariants(qtbot: QtBot, tmp_path: Path, lines: list) -> None:  # type: ignore[type-arg]
    runs, y = [], 740.0
    for text, gap, size in lines:
        y -= gap + size * 1.3
        runs.append((72 + gap, max(y, 40), size, text))
    path = tmp_path / "generated.pdf"
    path.write_bytes(make_pdf([Page(runs), Page(runs)]))
    document = assert_canonical(load_document(path))
    assert all(block.page in (1, 2) for block in document.blocks)
    reader = ReaderView()
    qtbot.addWidget(reader)
    reader.show_document(document)
    assert reader.plain_text() == document.text


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(parts=st.lists(st.tuples(TEXTS, st.sampled_from(["Normal", "Heading 1", "List Number"]))))
def test_generated_docx_keeps_the_invariants(qtbot: QtBot, tmp_path: Path, parts: list) -> None:  # type: ignore[type-arg]
    word = docx.Document()
    for text, style in parts:
        # Word files cannot hold control characters; everything else goes in as written.
        paragraph = word.add_paragraph(style=style)
        paragraph.add_run(_XML_UNSAFE.sub("", text)).bold = style == "Normal"
    path = tmp_path / "generated.docx"
    word.save(path)
    try:
        loaded = load_document(path)
    except LoadError as exc:  # a Word file without text is skipped, as a PDF without one
        assert "no text" in str(exc)
        assert not any(clean_text(_XML_UNSAFE.sub("", text)).strip() for text, _ in parts)
        return
    document = assert_canonical(loaded)
    reader = ReaderView()
    qtbot.addWidget(reader)
    reader.show_document(document)
    assert reader.plain_text() == document.text
