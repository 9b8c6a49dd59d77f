"""Settings, window state and search history of the wrong shape are ignored, not fatal, and
every file is written atomically."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest

from briefreader.core.storage.atomic import write_atomically
from briefreader.core.storage.settings import Settings


@pytest.mark.parametrize(
    "content",
    [
        '{"last_library": null}',
        '{"last_library": "not a list", "recent_folders": 3}',
        '{"reader_point_size": "big", "theme": 7}',
        '{"theme": "purple", "reader_point_size": 1000}',
        "[1, 2, 3]",
        '"just a string"',
        "null",
        "{broken",
        "",
    ],
)
def test_settings_of_the_wrong_shape_fall_back_with_a_warning(
    tmp_path: Path, content: str, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "settings.json"
    path.write_text(content, encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        settings = Settings.load(path)
    assert settings.last_library == [] and settings.theme == "system"
    assert settings.reader_point_size is None
    if content not in ('{"theme": "purple", "reader_point_size": 1000}',):
        assert caplog.records, "a warning says what was ignored"


def test_good_fields_survive_next_to_bad_ones(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"last_library": ["/a", 3], "theme": "dark", "x": 1}))
    settings = Settings.load(path)
    assert settings.last_library == ["/a"] and settings.theme == "dark"


def test_window_state_of_the_wrong_shape_is_ignored(tmp_path: Path) -> None:
    from briefreader.ui.window.window_state import load_state, save_state

    path = tmp_path / "window-state.json"
    for content in ("[1]", '{"geometry": 5}', '{"geometry": "***"}', "{"):
        path.write_text(content, encoding="utf-8")
        assert load_state(path) == {}
    from PySide6.QtCore import QByteArray

    save_state(path, {"geometry": QByteArray(b"\x01\x02")})
    assert bytes(load_state(path)["geometry"].data()) == b"\x01\x02"


def test_an_interrupted_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "config" / "settings.json"
    write_atomically(path, "old")

    def fail(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        write_atomically(path, "new")
    assert path.read_text() == "old"
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]
