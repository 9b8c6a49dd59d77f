"""The packaging metadata agrees with the project: version, icon, web addresses, launcher."""

from __future__ import annotations

import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import REPO

from briefreader import __version__

APP_ID = "io.github.briefreader.BriefReader"
PACKAGING = REPO / "packaging"


def test_the_latest_release_is_the_project_version() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    root = ET.parse(PACKAGING / f"{APP_ID}.metainfo.xml").getroot()
    releases = [release.get("version") for release in root.iter("release")]
    assert releases[0] == project["version"] == __version__
    assert root.find("content_rating") is not None
    assert root.find("developer/name") is not None


def test_the_screenshots_are_the_ones_in_docs() -> None:
    root = ET.parse(PACKAGING / f"{APP_ID}.metainfo.xml").getroot()
    for image in root.iter("image"):
        assert (REPO / "docs" / Path(image.text or "").name).is_file()


def test_the_metadata_names_no_web_address_the_project_does_not_have() -> None:
    """The project publishes no web site nor screenshots yet; an address made up to fill the
    fields would send software centres to a page that does not exist."""
    root = ET.parse(PACKAGING / f"{APP_ID}.metainfo.xml").getroot()
    assert root.find("url") is None
    assert root.find("screenshots") is None
    for name in ("screenshot.png", "notes.png"):  # what the comment says to publish
        assert (REPO / "docs" / name).is_file()


def test_the_launcher_names_an_existing_icon_and_takes_a_file() -> None:
    entry = dict(
        line.split("=", 1)
        for line in (PACKAGING / f"{APP_ID}.desktop").read_text(encoding="utf-8").splitlines()
        if "=" in line
    )
    assert (REPO / "resources" / "icons" / f"{entry['Icon']}.svg").is_file()
    assert entry["Exec"] == "briefreader-gui %f"
    for kind in ("text/markdown", "text/plain", "text/html", "application/pdf"):
        assert kind in entry["MimeType"].split(";")


def test_the_bundle_target_is_declared() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "\nbundle:" in makefile and "packaging/bundle.sh" in makefile
    assert (PACKAGING / "bundle.sh").is_file() and (PACKAGING / "check_bundle.sh").is_file()
