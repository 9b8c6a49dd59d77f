"""Loading files: formats, metadata, encodings and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, SEEDS, sample_files

from briefreader.core.errors import LoadError
from briefreader.core.loaders import MAX_FILE_BYTES, load_document
from briefreader.core.text.document import BlockKind, InlineStyle


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


BODY = "# Accord de Paris\n\nLe café était fermé à Genève.\n"


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("cp1252", b""),
    ],
)
def test_encodings_are_detected(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    path = write(tmp_path / "doc.md", prefix + BODY.encode(encoding))
    document = load_document(path)
    assert document.metadata.title == "Accord de Paris"
    assert "Le café était fermé à Genève." in document.text
    assert "\ufeff" not in document.text


def test_utf16_without_bom(tmp_path: Path) -> None:
    text = "Plain text briefing about the treaty signed in Genève.\n" * 20
    document = load_document(write(tmp_path / "doc.txt", text.encode("utf-16-le")))
    assert "signed in Genève" in document.text


def test_invalid_utf8_falls_back_to_a_legacy_encoding(tmp_path: Path) -> None:
    data = ("Le traité fut signé à Lisbonne, près du monastère des Jerónimos. " * 5).encode(
        "latin-1"
    )
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    document = load_document(write(tmp_path / "legacy.txt", data))
    assert "traité fut signé à Lisbonne" in document.text
    assert document.metadata.encoding != "utf-8"


def test_binary_file_is_refused(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    with pytest.raises(LoadError, match="binary"):
        load_document(write(tmp_path / "image.md", png))


def test_empty_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="empty"):
        load_document(write(tmp_path / "empty.txt", b"  \n\n"))


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)

    def never_read(_path: Path) -> bytes:
        raise AssertionError("a file over the limit must not be read")

    with pytest.raises(LoadError, match="too large"):
        load_document(path, reader=never_read)


def test_unreadable_file_gives_a_reason(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.md", b"# Secret\n")

    def denied(_path: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    with pytest.raises(LoadError, match="Permission denied"):
        load_document(path, reader=denied)


def test_unsupported_extension(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="unsupported"):
        load_document(write(tmp_path / "notes.odt", b"PK\x03\x04"))


def test_markdown_front_matter_and_structure() -> None:
    document = load_document(FIXTURES / "tricky.md")
    meta = document.metadata
    assert meta.title == "Tricky Markdown 🚀 briefing"
    assert (meta.source, meta.date) == ("Test desk", "2024-03-05")
    kinds = [block.kind for block in document.blocks]
    assert kinds[0] is BlockKind.HEADING
    assert BlockKind.LIST_ITEM in kinds and BlockKind.TABLE_ROW in kinds
    assert BlockKind.CODE in kinds and BlockKind.QUOTE in kinds
    numbered = [b.ordinal for b in document.blocks if b.kind is BlockKind.LIST_ITEM and b.ordinal]
    assert numbered == [1, 2, 3]
    # Raw HTML is shown as text, never interpreted.
    assert '<script>alert("raw html is shown as text, never run")</script>' in document.text
    # Non-breaking spaces are displayed (and stored) as plain spaces.
    assert "\u00a0" not in document.text and "space here: A B." in document.text


def test_markdown_inline_styles_cover_their_words() -> None:
    document = load_document(FIXTURES / "tricky.md")
    styles = {
        (s.style, document.text[s.start : s.end], s.href) for b in document.blocks for s in b.styles
    }
    assert (InlineStyle.BOLD, "bold", None) in styles
    assert (InlineStyle.ITALIC, "italic", None) in styles
    assert (InlineStyle.LINK, "link", "https://example.org/page") in styles
    assert (InlineStyle.IMAGE, "remote image", None) in styles


def test_html_is_reduced_to_safe_text() -> None:
    document = load_document(FIXTURES / "broken.html")
    text = document.text
    assert "evil" not in text and "color: red" not in text and "frame text" not in text
    assert "First paragraph & entities é 😀" in text
    assert "tracking pixel" in text  # alt text only; the image is never fetched
    assert document.metadata.title == "Unclosed heading"
    assert document.metadata.source == "Example Wire"
    assert document.metadata.date == "2020-02-29"
    links = [s.href for b in document.blocks for s in b.styles if s.style is InlineStyle.LINK]
    assert links == [None, "https://example.org"]  # javascript: links are neutralised


def test_plain_text_metadata_lines_and_reflow() -> None:
    document = load_document(FIXTURES / "wrapped.txt")
    assert document.metadata.source == "Wire desk"
    assert document.metadata.date == "2024-03-05"
    assert (
        "This is a hard-wrapped cable whose lines are shorter than eighty characters and "
        "continue the same paragraph." in document.text.split("\n")
    )
    assert "- a list line stays" in document.text.split("\n")


def test_original_sample_keeps_its_credit_line() -> None:
    document = load_document(SEEDS / "000_cf5c2beeea8848e9.txt")
    assert document.metadata.source == "LATIMES"
    assert document.blocks[0].kind is BlockKind.META
    assert document.metadata.title == "LATIMES"  # its first line is a sentence: the source
    assert len(document.metadata.sha256) == 64


@pytest.mark.parametrize("path", sample_files(), ids=lambda p: p.name)
def test_canonical_text_is_the_blocks_joined(path: Path) -> None:
    document = load_document(path)
    assert document.text == "\n".join(block.text for block in document.blocks)
    for block in document.blocks:
        assert document.text[block.start : block.end] == block.text
        for styled in block.styles:
            assert block.start <= styled.start < styled.end <= block.end
