"""The application icon: every PNG size exists, is square and is the drawing, not a blank."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

from briefreader.ui.app import ICON_SIZES, app_icon, icon_files


def test_every_size_is_committed_and_the_right_size() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "build_icons.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert len(icon_files()) == 1 + len(ICON_SIZES)


@pytest.mark.parametrize("size", [16, 256])
def test_the_png_shows_the_page_and_its_highlight(qtbot, size: int) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QImage

    path = next(p for p in icon_files() if p.parent.parent.name == f"{size}x{size}")
    image = QImage(str(path))
    opaque = sum(image.pixelColor(x, y).alpha() > 128 for x in range(size) for y in range(size))
    assert opaque > size * size // 3  # a page, not an empty square
    assert image.pixelColor(0, 0).alpha() == 0  # with a transparent margin
    # the yellow highlight is there at every size (it is what makes it a reader's icon)
    yellow = [
        image.pixelColor(x, y)
        for x in range(size)
        for y in range(size)
        if image.pixelColor(x, y).red() > 200 and image.pixelColor(x, y).blue() < 100
    ]
    assert yellow


def test_the_window_icon_is_set(qtbot) -> None:  # type: ignore[no-untyped-def]
    icon = app_icon()
    assert not icon.isNull()
    assert Path(icon_files()[0]).suffix == ".svg"
    assert icon.pixmap(16, 16).width() == 16
