"""Property tests: for any input, the canonical text is the blocks joined, styles stay inside
their blocks, and the reader displays exactly the canonical text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytestqt.qtbot import QtBot

from briefreader.core.document import Metadata
from briefreader.core.loaders import parse_text
from briefreader.ui.reader import ReaderView

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


def check_blocks(raw: str, fmt: str):  # type: ignore[no-untyped-def]
    document = parse_text(raw, fmt, Metadata(path="x", title=""), "fallback")
    assert document.text == "\n".join(block.text for block in document.blocks)
    for block in document.blocks:
        assert document.text[block.start : block.end] == block.text
        for styled in block.styles:
            assert block.start <= styled.start < styled.end <= block.end
    return document


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
