"""A long briefing draws its highlights from a window around the view, even when they are
few: placing each far into a long text lays out its paragraph (200 notes over 2.6 MB cost
0.8 s at once). Scrolling draws the ones that come into view."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from briefreader.core.loaders import parse_text
from briefreader.core.text.document import Metadata, Span
from briefreader.ui.reader.layers import HITS
from briefreader.ui.reader.view import ALL_SELECTIONS_TEXT_LIMIT, ReaderView


def test_few_highlights_on_a_long_text_are_drawn_near_the_view(
    qtbot: QtBot, tmp_path: Path
) -> None:
    paragraph = "The delegations met again on the fisheries question and agreed the annex. "
    raw = "\n\n".join(f"Paragraph {n}. {paragraph * 3}" for n in range(1500))
    document = parse_text(raw, "text", Metadata(str(tmp_path / "long.txt"), ""), "long")
    assert len(document.text) > ALL_SELECTIONS_TEXT_LIMIT
    reader = ReaderView()
    qtbot.addWidget(reader)
    reader.resize(800, 600)
    reader.show()
    reader.show_document(document)
    step = len(document.text) // 50
    spans = [Span(n * step, n * step + 20) for n in range(50)]
    reader.set_layer(HITS.name, spans, HITS.style(reader.theme), HITS.priority)
    drawn = len(reader.extraSelections())
    assert 0 < drawn < len(spans)  # only those near the top of the page
    reader.scroll_to_offset(spans[40].start)
    qtbot.waitUntil(
        lambda: any(
            s.cursor.selectionStart() <= reader.cursor_for(spans[40]).selectionStart()
            <= s.cursor.selectionEnd()
            for s in reader.extraSelections()
        ),
        timeout=5000,
    )
