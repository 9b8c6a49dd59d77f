"""BriefReader never opens a network connection: the whole CLI and GUI flow runs with every
socket connection made to fail the test (local Unix sockets, used to find a running window,
are not network and stay allowed)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from briefreader.cli.main import main

attempts: list[object] = []


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    attempts.clear()
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> None:
        if self.family == socket.AF_UNIX:
            return real_connect(self, address)
        attempts.append(address)
        raise AssertionError(f"network connection attempted: {address!r}")

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise AssertionError(f"network connection attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def test_cli_index_search_show_make_no_connection(
    no_network: list[object], seed_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data-dir", str(tmp_path / "data")]
    assert main(["index", str(seed_copy), *data]) == 0
    assert main(["search", "treaty", "--library", str(seed_copy), "--json", *data]) == 0
    for path in sorted(seed_copy.iterdir()):
        assert main(["show", str(path), "--json", *data]) == 0
    capsys.readouterr()
    assert no_network == []


def test_gui_flow_makes_no_connection(
    no_network: list[object], qtbot: QtBot, seed_copy: Path, tmp_path: Path
) -> None:
    from gui_helpers import briefing_count, indexed_window

    count = briefing_count(seed_copy)
    with indexed_window(qtbot, tmp_path / "data", seed_copy, documents=count) as window:
        window.search_box.setText("treaty")
        with qtbot.waitSignal(window.controller.reading.search_finished, timeout=30000):
            window.run_search()
        for row in range(window.results.model.rowCount()):
            with qtbot.waitSignal(window.controller.reading.document_loaded, timeout=30000):
                window.open_hit(window.results.hit_at(row))
        html = next(p for p in seed_copy.iterdir() if p.suffix == ".html")
        window.search_box.clear()
        window.run_search()
        window.controller.reading.open_document(str(html))
        qtbot.wait(300)  # remote images in that briefing would be requested now
    assert no_network == []


def test_the_guard_really_catches_a_connection(no_network: list[object]) -> None:
    with pytest.raises(AssertionError, match="network connection attempted"):
        socket.create_connection(("192.0.2.1", 80), timeout=0.01)
    assert no_network
