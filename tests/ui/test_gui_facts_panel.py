"""The facts panel shows a card per treaty; a value with evidence reveals its sentence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gui_helpers import TIMEOUT, indexed_window
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from briefreader.core.loaders import parse_text
from briefreader.core.text.document import Metadata, Span
from briefreader.core.workspace import Workspace
from briefreader.ui.facts.panel import FactsPanel, treaty_markdown
from briefreader.ui.reader.contrast import contrast
from briefreader.ui.reader.view import ReaderView
from briefreader.ui.style import apply_style
from briefreader.ui.theme import DARK, LIGHT, Theme, window_palette

TEXT = (
    "The two sides signed the Accord on Fisheries in Oslo on 3 May 2021. "
    "It will remain in force for ten years. It does not include a defence clause."
)


def treaty_for(text: str) -> dict[str, object]:
    def span_of(part: str) -> list[dict[str, int]]:
        start = text.index(part)
        return [{"start": start, "end": start + len(part)}]

    return {
        "name": "Accord on Fisheries",
        "parties": ["Norway", "<b>Iceland</b>"],
        "signatories": [],
        "signed_date": "2021-05-03",
        "signed_place": "Oslo",
        "duration": "10 years",
        "areas": ["agriculture"],
        "obligations": [],
        "exclusions": ["a defence clause"],
        "status": "signed",
        "evidence": {
            "name": span_of("The two sides signed the Accord on Fisheries in Oslo on 3 May 2021."),
            "duration": span_of("It will remain in force for ten years."),
        },
    }


def test_cards_link_values_to_their_evidence(qtbot: QtBot) -> None:
    document = parse_text(TEXT, "text", Metadata(path="f.txt", title=""), "f")
    reader, panel = ReaderView(), FactsPanel()
    qtbot.addWidget(reader)
    qtbot.addWidget(panel)
    reader.show_document(document)
    panel.evidence_requested.connect(lambda spans: reader.reveal(spans[0]))
    treaty = treaty_for(document.text)
    panel.set_facts([treaty], ["Paris Agreement"])
    card = panel.cards[0]
    # The value is text, its evidence a small "§" link after it.
    assert '10 years&nbsp;<a href="duration|0"' in card.labels["duration"].text()
    assert ">§</a>" in card.labels["duration"].text()
    assert "&lt;b&gt;Iceland&lt;/b&gt;" in card.labels["parties"].text()  # never rendered
    assert "href" not in card.labels["signed_place"].text()  # no evidence, no link
    assert "Paris Agreement" in panel.mentioned.text()
    with qtbot.waitSignal(panel.evidence_requested) as requested:
        card.labels["duration"].linkActivated.emit("duration|0")
    span = requested.args[0][0]
    assert document.text[span.start : span.end] == "It will remain in force for ten years."
    assert reader.layer("flash") == [Span(span.start, span.end, "evidence")]
    markdown = treaty_markdown(treaty)
    assert markdown.startswith("### Accord on Fisheries") and "- **Duration:** 10 years" in markdown
    copy_json = next(a for a in card.copy_button.menu().actions() if a.text() == "As JSON")
    copy_json.trigger()
    assert json.loads(QGuiApplication.clipboard().text())["duration"] == "10 years"


def test_no_treaty_says_so(qtbot: QtBot) -> None:
    panel = FactsPanel()
    qtbot.addWidget(panel)
    panel.set_facts([])
    assert "No agreement" in panel.placeholder.text() and not panel.cards


def test_the_window_shows_the_sample_briefings_treaty_and_links_its_evidence(
    qtbot: QtBot, data_dir: Path, seed_copy: Path
) -> None:
    """Opening the sample briefing fills the Treaty facts tab from the extractor; clicking the
    duration scrolls the reader to the sentence it came from and flashes it."""
    with indexed_window(qtbot, data_dir, seed_copy) as window:
        sample = str(seed_copy / "000_cf5c2beeea8848e9.txt")
        with qtbot.waitSignal(window.controller.reading.document_loaded, timeout=TIMEOUT):
            window.controller.reading.open_document(sample, None)
        window.side_tabs.setCurrentWidget(window.facts_panel)
        assert len(window.facts_panel.cards) == 1
        card = window.facts_panel.cards[0]
        assert {"Russia", "Iran"} <= set(card.treaty["parties"])
        assert card.treaty["duration"] == "20 years"
        card.request_evidence("duration")
        flashed = window.reader.layer("flash")
        text = window.reader.document_model.text  # type: ignore[union-attr]
        assert flashed and "remain in force for twenty years" in text[
            flashed[0].start : flashed[0].end
        ]
        window.facts_panel.grab().save(str(data_dir / "facts.png"))


def test_correcting_facts_in_the_window_persists_and_marks_them(qtbot: QtBot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from briefreader.paths import AppPaths
    from briefreader.ui.window.main_window import MainWindow

    folder = tmp_path / "pacts"
    folder.mkdir()
    path = folder / "pact.md"
    path.write_text(
        "# Fisheries pact signed\n\nMinisters of Chile and Peru signed the Pacific Fisheries "
        "Agreement in Lima on 3 May 2024. The Pacific Fisheries Agreement covers fishing "
        "quotas and will remain in force for ten years. Foreign Minister Ana Torres "
        "attended.\n",
        encoding="utf-8",
    )
    main = MainWindow(AppPaths.resolve(tmp_path / "data"))
    qtbot.addWidget(main)
    main.resize(1280, 800)
    main.show()
    try:
        with qtbot.waitSignal(main.controller.indexer.index_finished, timeout=30_000):
            main.open_folders([folder])
        with qtbot.waitSignal(main.controller.reading.document_loaded, timeout=30_000):
            main.controller.reading.open_document(str(path))
        main.side_tabs.setCurrentWidget(main.facts_panel)
        [card] = main.facts_panel.cards
        key = card.key
        assert main.facts.correct(key, "signed_place", "confirm", "Lima")
        assert main.facts.correct(key, "duration", "edit", "10 years", "ten years, renewable")
        assert main.facts.correct(key, "parties", "delete", "Peru")
        document = main.reader_panel.document
        start = document.text.index("Ana Torres")
        main.reader.select_span(Span(start, start + len("Ana Torres")))
        assert main.facts.correct(key, "signatories", "add", "", "Ana Torres")
        [card] = main.facts_panel.cards
        assert "Lima" in card.labels["signed_place"].text()
        assert card.labels["signed_place"].text().endswith(" ✓")
        assert "(edited)" in card.labels["duration"].text()
        assert "ten years, renewable" in card.labels["duration"].text()
        assert "Peru" not in card.labels["parties"].text()
        assert "Ana Torres" in card.labels["signatories"].text()
        menu = card.correction_menu()
        assert any(a.text().startswith("Duration: ten years") for a in menu.actions())
        qtbot.wait(50)  # the replaced cards are deleted on the next turn of the event loop
        main.grab().save(str(tmp_path / "facts-corrected.png"))
        assert len(Workspace(tmp_path / "data").fact_corrections.all()) == 4
        main.facts.corrections = Workspace(tmp_path / "data").fact_corrections  # from disk
        main.facts.redraw()
        assert "(edited)" in main.facts_panel.cards[0].labels["duration"].text()
    finally:
        main.controller.cancel_indexing()
        main.runner.wait_for_all(30_000)


def test_a_values_evidence_is_reached_by_keyboard(qtbot: QtBot) -> None:
    panel = FactsPanel()
    qtbot.addWidget(panel)
    panel.resize(320, 500)
    panel.show()
    panel.activateWindow()
    treaty = {
        "name": "Pact", "parties": ["Chile", "Peru"], "duration": "10 years",
        "evidence": {"name": [{"start": 0, "end": 4}], "duration": [{"start": 5, "end": 9}]},
    }  # fmt: skip
    qtbot.waitUntil(panel.isActiveWindow)
    panel.set_facts([treaty])
    title = panel.cards[0].labels["name"]
    title.setFocus()
    qtbot.waitUntil(title.hasFocus)
    qtbot.keyClick(title, Qt.Key.Key_Tab)  # onto the name's link
    with qtbot.waitSignal(panel.evidence_requested) as shown:
        qtbot.keyClick(title, Qt.Key.Key_Return)
    assert shown.args[0][0].start == 0
    assert panel.cards[0].correct_button.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_unsure_values_carry_a_quiet_marker_and_list_items_are_bulleted(qtbot: QtBot) -> None:
    document = parse_text(TEXT, "text", Metadata(path="f.txt", title=""), "f")
    panel = FactsPanel()
    qtbot.addWidget(panel)
    treaty = {
        **treaty_for(document.text),
        "areas": ["fisheries", "research"],
        "confidence": {"parties": [0.9, 0.5], "duration": 0.75, "areas": [0.75, 0.4]},
    }
    panel.set_facts([treaty])
    card = panel.cards[0]
    parties = card.labels["parties"]
    assert [card.unsure("parties", n) for n in (0, 1)] == [False, True]
    assert parties.text().count(">?</a>") == 1  # only the unsure one
    assert "unsure" in parties.toolTip().lower()
    assert ">?</a>" not in card.labels["duration"].text() and not card.labels["duration"].toolTip()
    assert card.labels["areas"].text().count("<li>") == 2
    with qtbot.waitSignal(panel.evidence_requested):  # the marker leads to the sentence too
        card.labels["duration"].linkActivated.emit("unsure:duration|0")


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_card_text_and_links_contrast_with_its_background(
    qtbot: QtBot, qapp: QApplication, theme: Theme
) -> None:
    """The card draws with the application's palette and style sheet: its text and its "§"
    and "?" links (the palette's link colour) must read at 4.5:1 or more on the card."""
    apply_style(qapp, LIGHT if theme.dark else DARK)  # cards made in the other theme first
    qtbot.addWidget(panel := FactsPanel())
    panel.set_facts([{"name": "Accord", "duration": "10 years",
                      "evidence": {"duration": [{"start": 0, "end": 1}]}}])  # fmt: skip
    card = panel.cards[0]
    apply_style(qapp, theme)
    qapp.processEvents()
    palette = card.labels["duration"].palette()
    link = palette.color(QPalette.ColorRole.Link).name()
    assert f"color:{link}" in card.labels["duration"].text()  # the links follow the theme
    background = palette.color(QPalette.ColorRole.Window)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Link):
        ratio = contrast(palette.color(role), background)
        print(f"{'dark' if theme.dark else 'light'} {role.name}: {ratio:.2f}:1")
        assert ratio >= 4.5, (role, theme.dark)
    assert background == window_palette(theme).color(QPalette.ColorRole.Window)
    apply_style(qapp, LIGHT)
