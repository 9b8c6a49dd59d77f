"""Render the application icon's PNG sizes from its SVG, with Qt's own SVG renderer.

Desktop environments, AppStream and bundles want fixed-size PNGs beside the SVG (some panels
and Windows/macOS tool chains do not read SVG); rendering them from the one hand-written SVG
keeps every size the same drawing. The PNGs go into a freedesktop ``hicolor`` tree, so
``resources/icons/hicolor`` can be copied into ``~/.local/share/icons`` as it is.

    python scripts/build_icons.py           # (re)write the PNGs
    python scripts/build_icons.py --check   # exit 1 if a PNG is missing or of the wrong size
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ICON_ID = "io.github.briefreader.BriefReader"
ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SVG = ICONS / f"{ICON_ID}.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def png_path(size: int) -> Path:
    return ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{ICON_ID}.png"


def render(size: int, target: Path) -> None:
    """Draw the SVG into a transparent square image of ``size`` pixels and save it."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {SVG}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    target.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(target), "PNG"):
        raise SystemExit(f"cannot write {target}")


def check() -> list[str]:
    """What is wrong with the committed PNGs (missing, unreadable or the wrong size)."""
    from PySide6.QtGui import QImage

    problems = []
    for size in SIZES:
        path = png_path(size)
        image = QImage(str(path))
        if image.isNull():
            problems.append(f"missing or unreadable: {path}")
        elif (image.width(), image.height()) != (size, size):
            problems.append(f"{path}: {image.width()}x{image.height()}, expected {size}x{size}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check the PNGs")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    if args.check:
        problems = check()
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    for size in SIZES:
        render(size, png_path(size))
        print(png_path(size).relative_to(ICONS.parent.parent))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
