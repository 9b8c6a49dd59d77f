"""Loaders stay linear in their input, keep every word however deep the nesting, and bound
what pathological files cost (styles and blocks capped, the text kept whole)."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefreader.core.loaders import parse_text
from briefreader.core.loaders.markdown import chunks
from briefreader.core.text.document import MAX_BLOCKS, MAX_STYLES, Metadata

UNITS = {"html": "<p><b>b</b> <i>c</i></p>", "markdown": "**b** *c*\n\n", "text": "b c\n"}


def load(fmt: str, raw: str):  # type: ignore[no-untyped-def]
    return parse_text(raw, fmt, Metadata(path="x", title=""), "x")


def seconds(fmt: str, count: int) -> float:
    raw = UNITS[fmt] * count
    best = float("inf")
    for _ in range(2):
        started = time.perf_counter()
        load(fmt, raw)
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.parametrize("fmt", sorted(UNITS))
def test_loading_time_grows_linearly(fmt: str) -> None:
    small, large = seconds(fmt, 2_000), seconds(fmt, 32_000)
    # 16 times the input: linear is about 16x; quadratic would be about 256x.
    assert large / small < 45, (fmt, small, large)


@pytest.mark.parametrize("depth", [10, 25, 60, 300])
def test_deep_lists_and_quotes_lose_no_word(depth: int) -> None:
    markers = "- " * depth
    quotes = "> " * depth
    indented = "\n".join("  " * level + f"- level{level}" for level in range(depth))
    raw = f"# H\n\nintro\n\n{markers}deep\n\n{quotes}quoted\n\n{indented}\n\nafter\n\nend\n"
    document = load("markdown", raw)
    for word in ("intro", "deep", "quoted", "after", "end", f"level{depth - 1}"):
        assert word in document.text, (depth, word)
    if depth > 20:
        assert "very deep nesting flattened" in document.metadata.notes


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(["- ", "> ", "1. ", "  ", "* ", "word "]), max_size=120))
def test_any_nesting_keeps_the_final_word(prefix: list[str]) -> None:
    document = load("markdown", "".join(prefix) + "zebra\n\nomega\n")
    assert "zebra" in document.text and "omega" in document.text


def test_pathological_files_keep_their_text_with_styles_and_blocks_capped() -> None:
    styled = load("markdown", "**b** " * (MAX_STYLES + 500))
    assert sum(len(b.styles) for b in styled.blocks) == MAX_STYLES
    assert styled.text.count("b") == MAX_STYLES + 500
    assert any("styled runs" in note for note in styled.metadata.notes)
    many = load("text", "line\n" * (MAX_BLOCKS + 300))
    assert len(many.blocks) == MAX_BLOCKS
    assert many.text == "\n".join(["line"] * (MAX_BLOCKS + 300))
    for block in many.blocks:
        assert many.text[block.start : block.end] == block.text


def test_long_markdown_is_parsed_in_pieces_cut_outside_code_fences() -> None:
    fence = "```\n" + "code line\n\n" * 3000 + "```\n\n"
    raw = "para\n\n" * 5000 + fence + "tail\n"
    pieces = list(chunks(raw, 16_000))
    assert "".join(pieces) == raw and len(pieces) > 2
    assert sum(piece.count("```") for piece in pieces if "```" in piece) == 2
    assert any(piece.count("```") == 2 for piece in pieces)  # the fence is never cut
    document = load("markdown", raw)
    assert document.text.endswith("tail")


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[:-1],  # cut in the middle of the last character
        lambda b: b.replace(b"accord", b"acc\xfford", 1),  # one stray byte
        lambda b: b.replace(b"texte", b"te\xc3xte", 2),  # two broken sequences
    ],
)
def test_utf8_with_a_few_bad_bytes_stays_utf8(tmp_path, damage) -> None:  # type: ignore[no-untyped-def]
    from briefreader.core.loaders import load_document

    text = "Les négociations sur l'accord ont repris à Genève. Le texte final, le texte révisé — é"
    path = tmp_path / "cable.txt"
    path.write_bytes(damage((text * 3).encode("utf-8")))
    document = load_document(path)
    assert document.metadata.encoding == "utf-8"
    assert "négociations" in document.text and "Genève" in document.text
    assert any("invalid byte" in note for note in document.metadata.notes)


def test_legacy_text_is_still_read_as_legacy(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from briefreader.core.loaders import load_document

    path = tmp_path / "old.txt"
    path.write_bytes("Le café de la négociation à Genève, déjà célèbre.".encode("cp1252"))
    document = load_document(path)
    assert document.text.startswith("Le café de la négociation à Genève")
    assert document.metadata.notes == []
