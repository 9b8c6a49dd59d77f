"""The workspace: one object per data folder owns where every file lives and the stores in
them; the command line and the window each build one and hand it down."""

from __future__ import annotations

import ast
import os
import re
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from briefreader.cli.main import main
from briefreader.core.errors import QueryError
from briefreader.core.library import Library
from briefreader.core.loaders import load_document
from briefreader.core.search.filtered_search import search_filtered
from briefreader.core.search.query import Query
from briefreader.core.workspace import Workspace
from briefreader.paths import AppPaths
from briefreader.ui.window.main_window import MainWindow

PACKAGE = Path(__file__).resolve().parents[2] / "briefreader"
TEXT = "# Cable\n\nThe Oslo Accord was signed by Norway and Sweden on 3 May 2001.\n"
# The data folder's own names: spelled by core/workspace.py alone.
LAYOUT_NAMES = re.compile(
    r"""["'](indexes|analysis|logs|[\w-]+\.sqlite3|briefreader\.log)["']"""
)
# Where a Workspace may be built: the command line's main, the GUI's entry point, and the
# window (for a window made without one: tests and the screenshot script).
BUILDERS = {"cli/main.py", "ui/app.py", "ui/window/main_window.py"}


def _library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "cable.md").write_text(TEXT, encoding="utf-8")
    return folder


def _files_under(root: Path) -> set[Path]:
    return {Path(top, name) for top, _dirs, names in os.walk(root) for name in names}


def test_every_file_of_a_workspace_lies_in_its_data_folder(tmp_path: Path) -> None:
    folder = _library(tmp_path)
    workspace = Workspace(tmp_path / "data")
    index = workspace.open_library(Library.from_folders([folder]))
    index.update()
    document = load_document(folder / "cable.md")
    workspace.notes.create(document, 10, 20, "key", "checked")
    workspace.entity_corrections.watch("Oslo")
    workspace.fact_corrections.record(str(folder / "cable.md"), "Oslo Accord", "status",
                                      "confirm", "signed")  # fmt: skip
    workspace.entity_cache.mentions(document)
    workspace.facts_cache.facts(document)
    assert workspace.entity_index is not None
    workspace.close()

    written = _files_under(tmp_path)
    assert written - {folder / "cable.md"}
    assert all(path.is_relative_to(tmp_path / "data") for path in written - {folder / "cable.md"})
    for path in (workspace.notes_file, workspace.entity_corrections_file,
                 workspace.fact_corrections_file, workspace.entity_index_file):  # fmt: skip
        assert path.is_file() and path.is_relative_to(workspace.data_dir)
    assert index.directory == workspace.index_dir(index.library)
    assert index.directory.parent == workspace.indexes_dir
    assert any(workspace.entity_cache_dir.rglob("*.json"))
    assert any(workspace.facts_cache_dir.rglob("*.json"))


def test_stores_are_opened_once_and_only_when_first_used(tmp_path: Path) -> None:
    workspace = Workspace(tmp_path / "data")
    assert not (tmp_path / "data").exists()  # building one writes nothing
    assert workspace.notes is workspace.notes
    assert workspace.entity_corrections is workspace.entity_corrections
    assert workspace.fact_corrections is workspace.fact_corrections
    assert workspace.entity_index is workspace.entity_index
    assert not workspace.indexes_dir.exists()


def test_the_notes_know_every_library_of_the_data_folder(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    for folder in (first, second):
        folder.mkdir()
        (folder / "a.md").write_text(TEXT, encoding="utf-8")
    Workspace(tmp_path / "data").open_library(Library.from_folders([first])).update()

    workspace = Workspace(tmp_path / "data")
    assert workspace.known_library_folders() == [str(first.resolve())]
    notes = workspace.notes
    assert notes.locate(str(first / "sub" / "a.md")).library == str(first.resolve())
    workspace.open_library(Library.from_folders([second]))  # not indexed yet: still known
    assert notes.locate(str(second / "a.md")).library == str(second.resolve())


def test_filter_sources_answer_notes_and_entities(tmp_path: Path) -> None:
    folder = _library(tmp_path)
    workspace = Workspace(tmp_path / "data")
    index = workspace.open_library(Library.from_folders([folder]))
    index.update()
    workspace.notes.create(load_document(folder / "cable.md"), 10, 20, "key", "", ["pact"])
    sources = workspace.filter_sources(index, analyse_now=True)
    assert set(sources) == {"notes", "entities"}
    for text in ("tag:pact", "place:Oslo"):
        results = search_filtered(index, sources, Query.parse(text))
        assert [Path(hit.path).name for hit in results.hits] == ["cable.md"], text


def test_an_unusable_entity_index_leaves_its_fields_unavailable(tmp_path: Path) -> None:
    folder = _library(tmp_path)
    workspace = Workspace(tmp_path / "data")
    index = workspace.open_library(Library.from_folders([folder]))
    index.update()
    workspace.entity_index_file.parent.parent.mkdir(parents=True, exist_ok=True)
    workspace.entity_index_file.parent.write_text("not a folder", encoding="utf-8")
    assert workspace.entity_index is None
    sources = workspace.filter_sources(index)
    assert set(sources) == {"notes"}
    with pytest.raises(QueryError, match="not available"):
        search_filtered(index, sources, Query.parse("person:Smith"))


def test_the_command_line_works_in_its_data_folder_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _library(tmp_path)
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "index", str(folder)]) == 0
    cable = str(folder / "cable.md")
    assert main(["--data-dir", str(data), "notes", "add", cable, "--quote", "Oslo"]) == 0
    assert main(["--data-dir", str(data), "entities", cable]) == 0
    assert main(["--data-dir", str(data), "facts", cable]) == 0
    assert main(["--data-dir", str(data), "search", "place:Oslo", "--library", str(folder)]) == 0
    assert "1 result(s)" in capsys.readouterr().out
    workspace = Workspace(data)
    assert workspace.notes_file.is_file() and workspace.entity_index_file.is_file()
    assert workspace.known_library_folders() == [str(folder.resolve())]
    assert _files_under(tmp_path) - _files_under(data) == {folder / "cable.md"}


def test_the_window_hands_its_workspace_down(qtbot: QtBot, tmp_path: Path) -> None:
    workspace = Workspace(tmp_path / "data")
    window = MainWindow(AppPaths.resolve(tmp_path / "data"), workspace=workspace)
    qtbot.addWidget(window)
    assert window.workspace is workspace and window.controller.workspace is workspace
    assert window.notes.backend is workspace.notes
    assert window.facts.corrections is workspace.fact_corrections
    assert window.controller.corrections is workspace.entity_corrections
    assert window.searches.filter_sources == workspace.filter_sources
    folder = _library(tmp_path)
    with qtbot.waitSignal(window.controller.indexer.index_finished, timeout=30000):
        window.open_folders([folder])
    assert window.controller.index is workspace.index
    assert workspace.index is not None and workspace.index.directory.is_relative_to(
        workspace.indexes_dir
    )
    window.controller.cancel_indexing()
    window.runner.wait_for_all(30000)


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_no_other_module_spells_the_data_folder_layout() -> None:
    spelled = [
        f"{path.relative_to(PACKAGE)}: {match.group(0)}"
        for path in _modules()
        if path.relative_to(PACKAGE).as_posix() != "core/workspace.py"
        for match in LAYOUT_NAMES.finditer(path.read_text(encoding="utf-8"))
    ]
    assert spelled == []


def test_workspaces_are_built_by_the_command_line_and_the_app_only() -> None:
    builders = set()
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "Workspace"
            ):
                builders.add(path.relative_to(PACKAGE).as_posix())
    assert builders == BUILDERS
