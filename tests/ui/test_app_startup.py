"""Which library the GUI opens first, and where bundled data is found."""

from __future__ import annotations

from pathlib import Path

from conftest import SEEDS

from briefreader.core.storage.settings import Settings
from briefreader.paths import AppPaths, bundled_dir
from briefreader.ui.app import initial_folders


def test_first_launch_opens_the_samples(tmp_path: Path) -> None:
    paths = AppPaths.resolve(tmp_path / "data")
    assert initial_folders(paths, None) == [bundled_dir("seeds")]
    assert bundled_dir("seeds").resolve() == SEEDS


def test_last_library_is_reopened_and_a_missing_one_falls_back(tmp_path: Path) -> None:
    paths = AppPaths.resolve(tmp_path / "data")
    folder = tmp_path / "briefings"
    folder.mkdir()
    settings = Settings()
    settings.remember_library([str(folder)])
    settings.save(paths.settings_file)
    assert initial_folders(paths, None) == [folder]
    folder.rmdir()
    assert initial_folders(paths, None) == [bundled_dir("seeds")]


def test_an_explicit_folder_wins(tmp_path: Path) -> None:
    paths = AppPaths.resolve(tmp_path / "data")
    assert initial_folders(paths, tmp_path) == [tmp_path]


def test_damaged_settings_fall_back_to_defaults(tmp_path: Path) -> None:
    paths = AppPaths.resolve(tmp_path / "data")
    paths.settings_file.parent.mkdir(parents=True)
    paths.settings_file.write_text("{not json", encoding="utf-8")
    assert Settings.load(paths.settings_file) == Settings()


def test_data_dir_comes_from_the_environment(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("BRIEFREADER_DATA_DIR", str(tmp_path / "env"))
    assert AppPaths.resolve().data_dir == (tmp_path / "env").resolve()
    assert AppPaths.resolve(tmp_path / "arg").data_dir == (tmp_path / "arg").resolve()


def test_display_detection_looks_for_a_real_server(tmp_path: Path) -> None:
    from briefreader.ui.app import display_available

    assert display_available({"QT_QPA_PLATFORM": "offscreen"})
    assert not display_available({})
    assert not display_available({"DISPLAY": ":4711"})  # no X server behind it
    assert not display_available({"DISPLAY": "garbage"})
    assert not display_available({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"})
    socket_path = tmp_path / "wayland-9"
    socket_path.touch()
    assert display_available({"WAYLAND_DISPLAY": str(socket_path)})
    assert not display_available({"WAYLAND_DISPLAY": "wayland-9", "XDG_RUNTIME_DIR": "/nowhere"})
