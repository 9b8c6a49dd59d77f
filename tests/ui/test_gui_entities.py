"""The Entities panel and the reader's entity layers, driven with real widgets.

The mentions here are written by hand, so these tests check the display, not the extractor.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QSplitter
from pytestqt.qtbot import QtBot

from briefreader.core.entities import Mention
from briefreader.core.loaders import parse_text
from briefreader.core.text.document import Metadata, Span
from briefreader.ui.entities.panel import EntitiesPanel, group_mentions
from briefreader.ui.entities.presenter import SELECTED_LAYER, EntityPresenter
from briefreader.ui.reader.contrast import NON_TEXT_CONTRAST, contrast
from briefreader.ui.reader.layers import HOVERED_ENTITY
from briefreader.ui.reader.view import ReaderView
from briefreader.ui.theme import DARK, LIGHT

RAW = (
    "# Leaders Meet\n\nPresident Vladimir Putin met Masoud Pezeshkian in Moscow on "
    "17 January 2025. Putin called the treaty a breakthrough; Pezeshkian agreed.\n\n"
    + "Filler paragraph about grain and shipping. " * 200
    + "\n\nLater, Putin spoke again.\n"
)


def mentions_in(text: str) -> list[Mention]:
    found = []
    for surface, label, entity in (
        ("Vladimir Putin", "PERSON", "Vladimir Putin"),
        ("Putin", "PERSON", "Vladimir Putin"),
        ("Pezeshkian", "PERSON", "Masoud Pezeshkian"),
        ("Moscow", "GPE", "Moscow"),
        ("17 January 2025", "DATE", "2025-01-17"),
    ):
        start = text.find(surface)
        while start != -1:
            if not any(m.start <= start < m.end for m in found):
                found.append(Mention(label, start, start + len(surface), surface, entity))
            start = text.find(surface, start + 1)
    return found


@pytest.fixture
def setup(qtbot: QtBot) -> Iterator[tuple[ReaderView, EntitiesPanel, EntityPresenter, str]]:
    splitter = QSplitter()
    reader, panel = ReaderView(), EntitiesPanel()
    splitter.addWidget(reader)
    splitter.addWidget(panel)
    qtbot.addWidget(splitter)
    splitter.resize(1100, 600)
    splitter.show()
    presenter = EntityPresenter(panel, reader)
    document = parse_text(RAW, "markdown", Metadata(path="x.md", title=""), "x")
    reader.show_document(document)
    presenter.show(mentions_in(document.text))
    yield reader, panel, presenter, document.text


def test_mentions_group_into_entities_with_aliases() -> None:
    text = RAW.replace("# ", "")
    groups = group_mentions(mentions_in(text))
    putin = next(g for g in groups if g.name == "Vladimir Putin")
    assert len(putin.mentions) == 3 and putin.aliases == ["Putin"]
    assert [g.label for g in groups] == sorted(g.label for g in groups)


def test_unsure_entities_are_marked_quietly_in_the_list(qtbot: QtBot) -> None:
    panel = EntitiesPanel()
    qtbot.addWidget(panel)
    mentions = [
        Mention("PERSON", 0, 5, "Ilham", "Ilham Aliyev", confidence=0.95),
        Mention("ORG", 10, 14, "Zeta", "Zeta Group", confidence=0.25),
        Mention("ORG", 20, 24, "Beta", "Beta Bank", confidence=0.25),
        Mention("ORG", 30, 34, "Beta", "Beta Bank", confidence=0.85),  # one sure mention
    ]
    panel.set_entities(group_mentions(mentions))
    rows = {}
    for top in range(panel.tree.topLevelItemCount()):
        parent = panel.tree.topLevelItem(top)
        for child in range(parent.childCount()):
            item = parent.child(child)
            rows[item.text(0)] = item.toolTip(0)
    assert set(rows) == {"Ilham Aliyev", "Zeta Group  ?", "Beta Bank"}
    assert rows["Zeta Group  ?"].startswith("Unsure: check the sentence")
    assert "Unsure" not in rows["Ilham Aliyev"] + rows["Beta Bank"]


def test_each_type_is_a_layer_with_a_tooltip_and_the_legend_toggles_it(setup) -> None:  # type: ignore[no-untyped-def]
    reader, panel, _presenter, text = setup
    people = reader.layer("entity:PERSON")
    assert {text[s.start : s.end] for s in people} == {"Vladimir Putin", "Putin", "Pezeshkian"}
    assert "entity:GPE" in reader.layer_names() and "entity:DATE" in reader.layer_names()
    start = text.index("Moscow")
    assert reader.spans_at(start + 1)["entity:GPE"][0].start == start
    assert panel.tree.topLevelItem(0).text(0) == "People"
    assert panel.tree.topLevelItem(0).text(1) == "5"
    panel.legend["PERSON"].setChecked(False)
    assert "entity:PERSON" not in reader.layer_names()
    panel.legend["PERSON"].setChecked(True)
    assert reader.layer("entity:PERSON") == people


def test_choosing_an_entity_highlights_and_steps_through_its_mentions(setup, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    reader, panel, presenter, text = setup
    panel.select("PERSON", "Vladimir Putin")
    chosen = reader.layer(SELECTED_LAYER)
    assert [text[s.start : s.end] for s in chosen] == ["Vladimir Putin", "Putin", "Putin"]
    assert panel.mention_label.text() == "Mention 1 of 3"
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    assert panel.mention_label.text() == "Mention 3 of 3"
    last = presenter.mentions.current_span
    assert last == Span(text.rindex("Putin"), text.rindex("Putin") + 5, "PERSON")
    assert reader.verticalScrollBar().value() > 0  # the last mention is far down the page


def test_clicking_a_mention_on_the_page_chooses_its_entity(setup, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    reader, panel, _presenter, text = setup
    start = text.index("Pezeshkian")
    rect = reader.cursorRect(reader.cursor_for(Span(start + 3, start + 3)))
    qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    group = panel.current_group()
    assert group is not None and group.name == "Masoud Pezeshkian"


def _lines(reader: ReaderView) -> set[str]:
    return {s.format.underlineColor().name() for s in reader.extraSelections()}


def test_entity_lines_follow_the_theme(setup) -> None:  # type: ignore[no-untyped-def]
    """The pale date grey is darkened on the light page and kept on the dark one."""
    reader, _panel, _presenter, _text = setup
    light = _lines(reader)
    reader.set_theme(DARK)
    dark = _lines(reader)
    assert light != dark
    for theme, lines in ((LIGHT, light), (DARK, dark)):
        assert all(contrast(QColor(line), theme.page) >= NON_TEXT_CONTRAST for line in lines)


def _tinted(reader: ReaderView) -> list[Span]:
    return reader.layer(HOVERED_ENTITY.name)


def test_the_page_is_calm_until_the_mouse_rests_on_a_name(  # type: ignore[no-untyped-def]
    setup, qtbot: QtBot
) -> None:
    reader, _panel, _presenter, text = setup
    assert all(s.format.background().style() == Qt.BrushStyle.NoBrush
               for s in reader.extraSelections())  # fmt: skip
    start = text.index("Pezeshkian")
    rect = reader.cursorRect(reader.cursor_for(Span(start + 3, start + 3)))
    qtbot.mouseMove(reader.viewport(), rect.center())
    qtbot.waitUntil(lambda: len(_tinted(reader)) == 1)
    assert _tinted(reader)[0].start == start
    tinted = [
        s
        for s in reader.extraSelections()
        if s.format.background().style() != Qt.BrushStyle.NoBrush
    ]
    assert len(tinted) == 1 and tinted[0].cursor.selectedText() == "Pezeshkian"
    filler = text.index("Filler")
    away = reader.cursorRect(reader.cursor_for(Span(filler + 2, filler + 2)))
    qtbot.mouseMove(reader.viewport(), away.center())
    qtbot.waitUntil(lambda: not _tinted(reader))


def test_reading_mode_takes_every_entity_mark_off_the_page(  # type: ignore[no-untyped-def]
    setup,
) -> None:
    reader, panel, presenter, _text = setup
    presenter.set_reading_mode(True)
    assert not [name for name in reader.layer_names() if name.startswith("entity:")]
    assert panel.tree.topLevelItemCount() > 0  # the panel still lists them
    presenter.set_reading_mode(False)
    assert any(name.startswith("entity:") for name in reader.layer_names())


def test_the_entity_page_lists_every_document_and_opens_the_first_mention(
    qtbot: QtBot, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from briefreader.paths import AppPaths
    from briefreader.ui.window.main_window import MainWindow

    folder = tmp_path / "cables"
    folder.mkdir()
    texts = {
        "talks.md": "# Talks\n\nPresident Vladimir Putin met envoys in Moscow. Putin spoke "
        "twice, and Putin left.\n",
        "grain.md": "# Grain\n\nShipping resumed.\n\nLater, President Putin praised the "
        "grain deal in Sochi.\n",
        "other.md": "# Other\n\nNothing about him here.\n",
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    main = MainWindow(AppPaths.resolve(tmp_path / "data"))
    qtbot.addWidget(main)
    main.resize(1280, 800)
    main.show()
    try:
        with qtbot.waitSignal(main.controller.analysis.entities_finished, timeout=30_000):
            main.open_folders([folder])
        with qtbot.waitSignal(main.controller.reading.document_loaded, timeout=30_000):
            main.controller.reading.open_document(str(folder / "talks.md"))
        main.entities_panel.select("PERSON", "Vladimir Putin")
        assert main.entities_panel.page_button.isVisible()
        with qtbot.waitSignal(main.controller.analysis.entity_page_ready, timeout=30_000):
            qtbot.mouseClick(main.entities_panel.page_button, Qt.MouseButton.LeftButton)
        page = main.entity_page
        assert page is not None and page.isVisible()
        rows = [
            [page.rows.topLevelItem(i).text(c) for c in range(3)]
            for i in range(page.rows.topLevelItemCount())
        ]
        assert [(r[0], r[1]) for r in rows] == [("Talks", "3"), ("Grain", "1")]
        assert "President Putin praised" in rows[1][2]
        page.grab().save(str(tmp_path / "entity-page.png"))
        page.rows.setCurrentItem(page.rows.topLevelItem(1))
        with qtbot.waitSignal(main.controller.reading.document_loaded, timeout=30_000):
            qtbot.keyClick(page.rows, Qt.Key.Key_Return)
        shown = main.reader_panel.document
        assert shown is not None and shown.metadata.path == str(folder / "grain.md")
        start = shown.text.index("Putin")
        from briefreader.ui.reader.view import FLASH_LAYER

        qtbot.waitUntil(lambda: main.reader.textCursor().position() == start, timeout=5_000)
        assert [(s.start, s.end) for s in main.reader.layer(FLASH_LAYER)] == [
            (start, start + len("Putin"))
        ]
    finally:
        main.controller.cancel_indexing()
        main.runner.wait_for_all(30_000)


def test_corrections_and_the_watch_list_from_the_window(qtbot: QtBot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from briefreader.paths import AppPaths
    from briefreader.ui.reader.layers import WATCHED
    from briefreader.ui.window.main_window import MainWindow

    folder = tmp_path / "cables"
    folder.mkdir()
    text = (
        "# Arms talks\n\nPresident Vladimir Putin met envoys in Moscow. New START was "
        "discussed. Five Years Without Changes was the headline. Putin left for Sochi.\n"
    )
    path = folder / "talks.md"
    path.write_text(text, encoding="utf-8")
    main = MainWindow(AppPaths.resolve(tmp_path / "data"))
    qtbot.addWidget(main)
    main.resize(1280, 800)
    main.show()
    presenter, panel = main.entity_corrections, main.entities_panel

    def refreshed(action) -> None:  # type: ignore[no-untyped-def]
        with qtbot.waitSignal(main.controller.analysis.entities_refreshed, timeout=30_000):
            assert action()

    def names() -> set[tuple[str, str]]:
        return {(g.label, g.name) for g in panel.groups}

    try:
        with qtbot.waitSignal(main.controller.analysis.entities_finished, timeout=30_000):
            main.open_folders([folder])
        with qtbot.waitSignal(main.controller.reading.document_loaded, timeout=30_000):
            main.controller.reading.open_document(str(path))
        wrong = next(g for g in panel.groups if g.name == "Moscow")
        menu = presenter.entity_menu(wrong)
        assert [a.text() for a in menu.actions() if a.text()][:1] == [
            "Remove This Entity Everywhere"
        ]
        refreshed(lambda: presenter.remove_entity(wrong))
        assert not any(name == "Moscow" for _label, name in names())

        document = main.reader_panel.document
        start = document.text.index("New START")
        main.reader.select_span(Span(start, start + len("New START")))
        refreshed(lambda: presenter.mark("TREATY", presenter._selected_text() or ""))
        assert ("TREATY", "New START") in names()

        putin = next(g for g in panel.groups if g.name == "Vladimir Putin")
        refreshed(lambda: presenter.rename(putin, "Vladimir V. Putin"))
        assert ("PERSON", "Vladimir V. Putin") in names()

        refreshed(lambda: presenter.watch("sochi"))
        watched = main.reader.layer(WATCHED.name)
        assert [document.text[s.start : s.end] for s in watched] == ["Sochi"]

        dialog = presenter.show_list()
        rows = [dialog.list.item(i).text() for i in range(dialog.list.count())]
        assert rows[0].startswith("Vladimir Putin → Vladimir V. Putin")
        assert "Watched: sochi" in rows
        main.grab().save(str(tmp_path / "corrections.png"))
        with qtbot.waitSignal(main.controller.analysis.entities_refreshed, timeout=30_000):
            dialog.remove_button.click()  # takes back the rename
        assert ("PERSON", "Vladimir Putin") in names()
        dialog.close()
    finally:
        main.controller.cancel_indexing()
        main.runner.wait_for_all(30_000)


@pytest.mark.gui
def test_a_long_document_shows_its_first_part_then_every_entity(qtbot: QtBot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Opened before its turn, a long briefing shows the entities of the part in view at
    once and the rest when they are found, without waiting for the whole text."""
    from briefreader.core.entities.cache import FIRST_PART
    from briefreader.paths import AppPaths
    from briefreader.ui.window.main_window import MainWindow

    paragraph = (
        "Foreign Minister Amara Okafor met Lars Petterssen in Lagos on 3 June 2021, and "
        "the two spoke of trade and fisheries for the whole afternoon.\n\n"
    )
    path = tmp_path / "long.md"
    path.write_text("# Long\n\n" + paragraph * (3 * FIRST_PART // len(paragraph)), "utf-8")
    main = MainWindow(AppPaths.resolve(tmp_path / "data"))
    qtbot.addWidget(main)
    main.show()
    try:
        with qtbot.waitSignal(main.controller.reading.document_loaded, timeout=60_000) as loaded:
            main.controller.reading.open_document(str(path))
        first = loaded.args[0]
        assert not first.entities_complete and first.mentions
        assert max(m.end for m in first.mentions) < 1.2 * FIRST_PART
        with qtbot.waitSignal(
            main.controller.analysis.entities_refreshed, timeout=120_000
        ) as refreshed:
            pass
        every = refreshed.args[1]
        assert max(m.end for m in every) > 2 * FIRST_PART
        text = main.reader_panel.document.text
        assert all(text[m.start : m.end] == m.text for m in every)
        assert len(main.entities_panel.groups) >= 3
    finally:
        main.runner.wait_for_all(60_000)
