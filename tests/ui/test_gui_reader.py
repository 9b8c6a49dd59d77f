"""The reader shows exactly the canonical text and highlights exactly the spans it is given."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import sample_files
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from briefreader.core.loaders import load_document, parse_text
from briefreader.core.text.document import Document, Metadata, Span
from briefreader.ui.reader.layers import LayerStyle
from briefreader.ui.reader.panel import ReaderPanel
from briefreader.ui.reader.view import ReaderView

PARAGRAPH_SEPARATOR = "\u2029"


def selected(reader: ReaderView, index: int) -> str:
    selections = reader.extraSelections()  # keep the list alive while reading its cursors
    selection = selections[index]
    cursor = selection.cursor
    text = cursor.selectedText()
    return text.replace(PARAGRAPH_SEPARATOR, "\n").replace("\u2028", "\n")


def show_with_layer(reader: ReaderView, document: Document, spans: list[Span]) -> None:
    reader.show_document(document)
    reader.set_layer("test", spans, LayerStyle(background=QColor("yellow")))


@pytest.fixture
def reader(qtbot: QtBot) -> ReaderView:
    view = ReaderView()
    qtbot.addWidget(view)
    return view


@pytest.mark.parametrize("path", sample_files(), ids=lambda p: p.name)
def test_reader_text_equals_canonical_text(reader: ReaderView, path: Path) -> None:
    document = load_document(path)
    reader.show_document(document)
    assert reader.plain_text() == document.text


def test_spans_select_exact_text_after_astral_characters(reader: ReaderView) -> None:
    raw = (
        "# Emoji 😀 title 🇪🇺\n\nAfter 𝔘𝔫𝔦 and 👩‍👩‍👧 the treaty was signed.\n\nSecond 😀 treaty.\n"
    )
    document = parse_text(raw, "markdown", Metadata(path="x.md", title=""), "x")
    text = document.text
    spans = [Span(m, m + len("treaty")) for m in _find_all(text, "treaty")]
    spans.append(Span(text.index("😀"), text.index("😀") + 1))
    spans.append(Span(text.index("title"), text.index("signed") + 6))  # across blocks
    show_with_layer(reader, document, spans)
    assert reader.plain_text() == text
    ordered = sorted(spans, key=lambda s: (s.start, s.end))
    for number, span in enumerate(ordered):
        assert selected(reader, number) == text[span.start : span.end]


def test_every_fixture_block_selects_its_own_text(reader: ReaderView) -> None:
    for path in sample_files():
        document = load_document(path)
        spans = [Span(b.start, b.end) for b in document.blocks if b.text]
        show_with_layer(reader, document, spans)
        for number, span in enumerate(spans):
            assert selected(reader, number) == document.text[span.start : span.end], path.name


def test_hit_navigation_wraps_and_reports(qtbot: QtBot) -> None:
    panel = ReaderPanel()
    qtbot.addWidget(panel)
    document = load_document(sample_files()[0])
    spans = [Span(0, 4), Span(10, 14), Span(20, 24)]
    panel.show_document(document, spans)
    assert panel.hits.current == 0
    with qtbot.waitSignal(panel.hit_changed) as blocker:
        panel.next_hit()
    assert blocker.args == [1, 3]
    panel.next_hit()
    panel.next_hit()
    assert panel.hits.current == 0
    panel.previous_hit()
    assert panel.hits.current == 2
    reader = panel.reader
    assert reader.textCursor().position() == reader.cursor_for(spans[2]).selectionStart()


def test_a_long_source_line_is_shortened_not_widening_the_window(qtbot: QtBot) -> None:
    panel = ReaderPanel()
    qtbot.addWidget(panel)
    source = "Text of the agreement, as uploaded to an archive, " * 40
    raw = f"# Pact\nSource: {source}\n\nBody.\n"
    document = parse_text(raw, "markdown", Metadata(path="/x/pact.md", title=""), "pact")
    panel.resize(700, 400)
    panel.show()
    panel.show_document(document, [])
    assert panel.minimumSizeHint().width() < 600
    shown = panel.meta_label.text()
    assert "…" in shown and shown.endswith("pact.md")  # the file name stays in view
    assert panel.meta_label.fontMetrics().horizontalAdvance(shown) <= panel.meta_label.width()
    tooltip = panel.meta_label.toolTip()
    assert source.strip() in tooltip and "/x/pact.md" in tooltip


def test_reader_never_loads_resources(reader: ReaderView) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextDocument

    url = QUrl("https://example.org/remote.png")
    assert reader.loadResource(int(QTextDocument.ResourceType.ImageResource.value), url) is None


def _find_all(text: str, word: str) -> list[int]:
    found, start = [], text.find(word)
    while start != -1:
        found.append(start)
        start = text.find(word, start + 1)
    return found


def test_old_documents_are_released(reader: ReaderView, qtbot: QtBot) -> None:
    from PySide6.QtGui import QTextDocument

    for path in sample_files():
        reader.show_document(load_document(path))
    qtbot.wait(20)  # deleteLater runs on the event loop
    assert len(reader.findChildren(QTextDocument)) == 1


def test_hits_in_a_pdf_say_their_page(qtbot: QtBot) -> None:
    from conftest import SEEDS

    panel = ReaderPanel()
    qtbot.addWidget(panel)
    document = load_document(SEEDS / "new_start_extension_2021.pdf")
    last_page = max(block.page or 0 for block in document.blocks)
    assert last_page >= 2
    late = next(block for block in document.blocks if block.page == last_page and block.text)
    panel.show_document(document, [Span(0, 3), Span(late.start, late.start + 3)])
    assert panel.hit_label.text() == "Hit 1 of 2 · page 1"
    panel.next_hit()
    assert panel.hit_label.text() == f"Hit 2 of 2 · page {last_page}"


def test_a_long_document_draws_the_highlights_around_the_view(qtbot: QtBot) -> None:
    from briefreader.ui.reader.view import ALL_SELECTIONS_LIMIT

    reader = ReaderView()
    qtbot.addWidget(reader)
    reader.resize(900, 600)
    reader.show()
    text = "\n\n".join(f"Paragraph {n}: the walrus met the narwhal at noon." for n in range(4000))
    document = parse_text(text, "text", Metadata(path="long.txt", title=""), "long")
    reader.show_document(document)
    found = document.text
    spans = [Span(m, m + 6) for m in range(len(found)) if found.startswith("walrus", m)]
    assert len(spans) > ALL_SELECTIONS_LIMIT
    reader.set_layer("test", spans, LayerStyle(background=QColor("yellow")))
    drawn = [s.cursor.selectionStart() for s in reader.extraSelections()]
    assert 0 < len(drawn) < len(spans) and min(drawn) < 200  # around the top only
    assert reader.layer("test") == spans  # the layer keeps every span (spans_at, stepping)
    reader.reveal(spans[-1])  # far down: the window follows
    qtbot.wait(10)
    drawn = [s.cursor.selectionStart() for s in reader.extraSelections()]
    assert max(drawn) >= spans[-1].start - 10 and min(drawn) > 1000
