"""Fuzzing the untrusted edges: every loader, the canonical-text mapping and the query parser.

Hypothesis throws huge lines, deep nesting, control characters, mixed scripts, lone surrogates
and empty input at them. Nothing may escape but the documented errors (``LoadError`` from
loading bytes, ``QueryError`` from queries), and every span must lie inside the text and select
exactly its block. ``make fuzz`` runs 10,000 examples of each (BRIEFREADER_FUZZ=1).
"""

from __future__ import annotations

import contextlib
import re

from hypothesis import given
from hypothesis import strategies as st

from briefreader.core.errors import LoadError, QueryError
from briefreader.core.loaders import parse_text
from briefreader.core.loaders.decoding import decode_counting
from briefreader.core.search.query import parse_query
from briefreader.core.text.document import Metadata
from briefreader.core.text.find import find_in_text
from briefreader.core.text.textpos import Utf16Map

MARKUP = [
    "# ", "## ", "> ", "- ", "1. ", "* ", "**", "_", "`", "```\n", "[a](http://x)", "![i](y)",
    "<p>", "</p>", "<b>", "</b>", "<ul><li>", "</li></ul>", "<table><tr><td>", "</td></tr>",
    "<script>x</script>", "<!--", "-->", "&amp;", "&#x1F600;", "|a|b|\n|-|-|\n", "\n\n", "\n",
    "\t", "    ", "\x00", "\x1b", "\u202e", "\ud800", "😀", "👩\u200d👩\u200d👧", "é", "ش", "中",
    "\r\n", "\u2028", "\xa0", "---\ntitle: t\n---\n",
]  # fmt: skip
TEXT = st.lists(
    st.one_of(st.sampled_from(MARKUP), st.text(max_size=40)),
    max_size=60,
).map("".join)
HUGE_LINE = st.integers(1, 20_000).map(lambda n: "word " * n)


def check_document(raw: str, fmt: str) -> None:
    document = parse_text(raw, fmt, Metadata(path="f", title=""), "f")
    text = document.text
    assert text == "\n".join(block.text for block in document.blocks)
    for block in document.blocks:
        assert text[block.start : block.end] == block.text
        for styled in block.styles:
            assert block.start <= styled.start <= styled.end <= block.end
    mapping = Utf16Map(text)
    for offset in (0, len(text) // 2, len(text)):
        assert mapping.from_utf16(mapping.to_utf16(offset)) == offset


@given(raw=TEXT, fmt=st.sampled_from(["markdown", "html", "text"]))
def test_loaders_survive_anything_and_keep_spans_inside(raw: str, fmt: str) -> None:
    check_document(raw, fmt)


@given(raw=HUGE_LINE, fmt=st.sampled_from(["markdown", "html", "text"]))
def test_huge_lines(raw: str, fmt: str) -> None:
    check_document(raw, fmt)


@given(depth=st.integers(0, 400), marker=st.sampled_from(["> ", "- ", "1. ", "<div>", "<ul><li>"]))
def test_deep_nesting(depth: int, marker: str) -> None:
    fmt = "html" if marker.startswith("<") else "markdown"
    check_document(marker * depth + "bottom\n\nafter\n", fmt)


@given(data=st.binary(max_size=400))
def test_decoding_any_bytes_gives_text_or_a_reason(data: bytes) -> None:
    try:
        text, encoding, _ = decode_counting(data)
    except LoadError:
        return
    assert isinstance(text, str) and encoding


@given(query=st.text(max_size=80) | TEXT)
def test_the_query_parser_only_ever_says_query_error(query: str) -> None:
    with contextlib.suppress(QueryError):
        parse_query(query)


@given(text=TEXT, needle=st.text(max_size=6), case=st.booleans(), whole=st.booleans())
def test_find_spans_lie_inside_and_match(text: str, needle: str, case: bool, whole: bool) -> None:
    for span in find_in_text(text, needle, match_case=case, whole_word=whole).spans:
        assert 0 <= span.start < span.end <= len(text)
        found = text[span.start : span.end]
        flags = 0 if case else re.IGNORECASE
        assert re.fullmatch(re.escape(needle), found, flags), (needle, found)
