"""Command-line interface: one function per command, each a thin layer over the core.

The commands, options and JSON fields are a contract that scripts rely on:
``index FOLDER...``, ``search QUERY [--library FOLDER] [--limit N] [--json]``,
``show PATH --json``, ``gui [FOLDER|FILE]``, plus ``--data-dir`` and ``--version``.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from briefreader import __version__
from briefreader.cli import entities as cli_entities
from briefreader.cli import facts as cli_facts
from briefreader.cli import notes as cli_notes
from briefreader.core.errors import BriefReaderError, QueryError
from briefreader.core.index.library_index import IndexReport, LibraryIndex
from briefreader.core.library import Library
from briefreader.core.loaders import load_document
from briefreader.core.search.fields import FilterSource
from briefreader.core.search.filtered_search import search_filtered
from briefreader.core.search.query import Query
from briefreader.core.search.search import SearchResults
from briefreader.core.storage.settings import Settings
from briefreader.core.storage.sqlite_file import listen_for_damage
from briefreader.core.text.terminal import one_line, terminal_safe
from briefreader.core.workspace import Workspace
from briefreader.logs import start_logging
from briefreader.paths import AppPaths, bundled_dir
from briefreader.process_hygiene import (
    cancel_on_signals,
    children_die_with_parent,
    silence_broken_pipe,
)

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
EXIT_BROKEN_PIPE = 141
log = logging.getLogger("briefreader.cli.main")  # as for a process killed by SIGPIPE
# The command line may fork Whoosh writer processes for large batches (the GUI never does).
CLI_WRITER_PROCESSES = 2


class UsageError(Exception):
    """A command was given arguments it cannot use (exit status 2)."""


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="keep indexes and settings in DIR (default: the platform's app-data folder, "
        "or $BRIEFREADER_DATA_DIR)",
    )
    parser = argparse.ArgumentParser(
        prog="briefreader",
        description="Index, search and read a folder of briefings, offline.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"briefreader {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    gui = commands.add_parser("gui", parents=[common], help="open the reader window")
    gui.add_argument("folder", nargs="?", help="library folder, or a briefing, to open")

    index = commands.add_parser("index", parents=[common], help="build or update the index")
    index.add_argument("folders", nargs="+", metavar="FOLDER")

    find = commands.add_parser("search", parents=[common], help="search the library")
    find.add_argument("query", nargs="?", help="the query (or give --batch FILE)")
    find.add_argument(
        "--batch",
        metavar="FILE",
        help="run one query per line of FILE in one process (with --json)",
    )
    find.add_argument(
        "--library",
        action="append",
        metavar="FOLDER",
        help="library folder (repeat for several; default: the last library)",
    )
    find.add_argument("--limit", type=int, default=10, metavar="N")
    find.add_argument("--json", action="store_true", help="print JSON")

    cli_notes.add_parser(commands, common)
    cli_entities.add_parser(commands, common)
    cli_facts.add_parser(commands, common)

    show = commands.add_parser("show", parents=[common], help="print a document's text")
    show.add_argument("path")
    show.add_argument("--json", action="store_true", help="print JSON")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    paths = AppPaths.resolve(getattr(args, "data_dir", None))
    command = args.command or "gui"
    workspace = Workspace(paths.data_dir)  # the one of this process: handed to each command
    start_logging(workspace.log_file)
    # A damaged store set aside (and already logged) is said on stderr, in one line.
    stop_listening = listen_for_damage(_report_damage)
    try:
        if command == "gui":
            from briefreader.ui.app import run_gui  # Qt is only imported for the GUI.

            folder = getattr(args, "folder", None)
            return run_gui(paths, workspace, Path(folder) if folder else None)
        handler = {
            "index": cmd_index,
            "search": cmd_search,
            "show": cmd_show,
            "notes": cli_notes.run,
            "entities": cli_entities.run,
            "facts": cli_facts.run,
        }[command]
        return handler(args, paths, workspace)
    except QueryError as exc:
        _fail(f"invalid query: {exc}")
        return EXIT_USAGE
    except UsageError as exc:
        _fail(str(exc))
        return EXIT_USAGE
    except BriefReaderError as exc:
        _fail(str(exc))
        return EXIT_ERROR
    except KeyboardInterrupt:
        _fail("interrupted")
        return 130
    except BrokenPipeError:
        silence_broken_pipe()
        return EXIT_BROKEN_PIPE
    finally:
        workspace.close()
        stop_listening()


def _say(text: str = "", **options: Any) -> None:
    """Human-readable output: titles, paths and text are untrusted, so controls are escaped."""
    print(terminal_safe(text), **options)


def _fail(message: str) -> None:
    """One line on stderr: a path inside the message cannot break it into fake lines."""
    log.warning("%s", message)
    print(one_line(f"briefreader: {message}"), file=sys.stderr)


def _report_damage(message: str) -> None:
    print(one_line(f"briefreader: {message}"), file=sys.stderr)


def _print_progress(done: int, total: int, message: str) -> None:
    if sys.stderr.isatty():
        _say(f"\r[{done}/{total}] {message[:60]:<60}", end="", file=sys.stderr, flush=True)


class Interruption(Exception):
    """The update was cancelled by SIGINT or SIGTERM; what it finished is committed."""

    def __init__(self, report: IndexReport, exit_code: int) -> None:
        super().__init__("interrupted")
        self.report, self.exit_code = report, exit_code


def _update(library: Library, paths: AppPaths, workspace: Workspace) -> IndexReport:
    children_die_with_parent()
    settings = Settings.load(paths.settings_file)
    index = workspace.open_library(library, settings.follow_links_outside)
    with cancel_on_signals() as interrupted:
        report = index.update(
            progress=_print_progress, cancel=interrupted, processes=CLI_WRITER_PROCESSES
        )
    if sys.stderr.isatty():
        print(file=sys.stderr)
    settings.remember_library([str(folder) for folder in library.folders])
    try:
        settings.save(paths.settings_file)
    except OSError as exc:
        _fail(f"could not save settings: {exc.strerror or exc}")
    if interrupted.is_set():
        raise Interruption(report, interrupted.exit_code)
    return report


def cmd_index(args: argparse.Namespace, paths: AppPaths, workspace: Workspace) -> int:
    missing = [folder for folder in args.folders if not Path(folder).is_dir()]
    if missing:
        _fail(f"not a folder: {', '.join(missing)}")
        return EXIT_USAGE
    try:
        report = _update(Library.from_folders(args.folders), paths, workspace)
    except Interruption as stop:
        _fail(f"interrupted; what was indexed is kept ({stop.report.summary()})")
        return stop.exit_code
    if report.recovered_from:
        old = one_line(report.recovered_from)
        _say(f"the index was damaged and has been rebuilt (old copy: {old})")
    _say(report.summary())
    for skip in report.skipped:
        _say(f"skipped {one_line(skip.path)}: {one_line(skip.reason)}")
    _say(f"{report.total} documents in the index ({report.seconds:.2f} s)")
    return EXIT_OK


def _resolve_library(args: argparse.Namespace, paths: AppPaths) -> Library:
    """The library a search runs on: --library, else the last one used (its folders that
    still exist), else the samples."""
    if args.library:
        missing = [folder for folder in args.library if not Path(folder).is_dir()]
        if missing:
            raise UsageError(f"not a folder: {', '.join(missing)}")
    remembered = Settings.load(paths.settings_file).existing_library()
    folders = args.library or [str(folder) for folder in remembered]
    return Library.from_folders(folders or [str(bundled_dir("seeds"))])


def cmd_search(args: argparse.Namespace, paths: AppPaths, workspace: Workspace) -> int:
    if args.limit < 1:
        _fail("--limit must be at least 1")
        return EXIT_USAGE
    if (args.query is None) == (args.batch is None):
        raise UsageError("give either a QUERY or --batch FILE")
    if args.batch is not None:
        queries = _batch_queries(Path(args.batch))
    else:
        query = Query.parse(args.query)  # a mistyped query is reported before any indexing
        if query.error is not None:
            _refuse_query(query.text, QueryError(query.error), args.json)
    library = _resolve_library(args, paths)
    index = workspace.open_library(library)
    if not index.exists():
        try:
            report = _update(library, paths, workspace)
        except Interruption as stop:
            _fail(f"interrupted; what was indexed is kept ({stop.report.summary()})")
            return stop.exit_code
        _say(f"indexed {one_line(library.name)}: {report.summary()}", file=sys.stderr)
    sources = workspace.filter_sources(index, analyse_now=True)
    if args.batch is not None:
        return _run_batch(index, sources, queries, args)
    try:
        results = search_filtered(index, sources, query, limit=args.limit)
    except QueryError as exc:  # refused by the index: a wildcard or range too wide
        _refuse_query(query.text, exc, args.json)
    for note in results.notes:
        _fail(f"note: {note}")
    if results.indexing:
        _fail(
            "note: the library's first index is still being built by another BriefReader "
            "window or command; these results cover only what it has saved so far"
        )
    elif results.incomplete:
        _fail("note: the library's first index was cut short; run 'briefreader index' to finish")
    if args.json:
        print(json.dumps(_results_json(results), ensure_ascii=False, indent=2))
        return EXIT_OK
    _say(f"{results.total} result(s) for {results.query!r}")
    if results.suggestion:
        _say(f"did you mean: {one_line(results.suggestion)}")
    for number, hit in enumerate(results.hits, 1):
        details = one_line(" · ".join(part for part in (hit.source, hit.date) if part))
        _say(f"\n{number}. {one_line(hit.title)}" + (f"  [{details}]" if details else ""))
        _say(f"   {one_line(hit.path)}")
        _say(f"   {one_line(hit.marked_snippet())}")
    return EXIT_OK


def _refuse_query(text: str, error: QueryError, as_json: bool) -> NoReturn:
    """Stop on an invalid query; with --json the error goes to stdout too, as one object,
    since scripts read stdout (the exit status and stderr line follow from ``main``)."""
    if as_json:
        print(json.dumps({"query": text, "error": str(error)}, ensure_ascii=False))
    raise error


def _results_json(results: SearchResults) -> dict[str, Any]:
    return {
        "query": results.query,
        "total": results.total,
        "incomplete": results.incomplete,
        "indexing": results.indexing,
        "hits": [
            {
                "path": hit.path,
                "title": hit.title,
                "source": hit.source,
                "date": hit.date,
                "score": hit.score,
                "snippet": hit.marked_snippet(),
                "spans": [[span.start, span.end] for span in hit.spans],
            }
            for hit in results.hits
        ],
        "suggestion": results.suggestion,
        "notes": results.notes,
    }


def _batch_queries(path: Path) -> list[str]:
    """One query per non-blank line (an analyst's standing queries)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read the batch file {path}: {exc}") from exc
    return [line.strip() for line in lines if line.strip()]


def _run_batch(
    index: LibraryIndex,
    sources: dict[str, FilterSource],
    queries: list[str],
    args: argparse.Namespace,
) -> int:
    """Every query in one process; an invalid one gets ``error`` and the rest still run.
    ``elapsed_ms`` covers parsing, searching and the snippets of the returned hits."""
    entries: list[dict[str, Any]] = []
    for text in queries:
        started = time.perf_counter()
        query = Query.parse(text)
        try:
            results = search_filtered(index, sources, query, limit=args.limit)
        except QueryError as exc:  # invalid, or refused by the index (a wildcard too wide)
            entries.append({"query": text, "error": str(exc)})
            continue
        entry = _results_json(results)
        entry["elapsed_ms"] = round((time.perf_counter() - started) * 1000, 2)
        entries.append(entry)
    if args.json:
        print(json.dumps({"results": entries}, ensure_ascii=False, indent=2))
        return EXIT_OK
    for entry in entries:
        if "error" in entry:
            _say(f"{entry['query']!r}: invalid query: {entry['error']}")
        else:
            _say(f"{entry['query']!r}: {entry['total']} result(s) in {entry['elapsed_ms']} ms")
    return EXIT_OK


def cmd_show(args: argparse.Namespace, paths: AppPaths, workspace: Workspace) -> int:
    document = load_document(Path(args.path))
    meta = document.metadata
    if args.json:
        payload = {
            "path": meta.path,
            "title": meta.title,
            "source": meta.source,
            "date": meta.date,
            "sha256": meta.sha256,
            "text": document.text,
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return EXIT_OK
    _say(one_line(meta.title))
    details = one_line(" · ".join(part for part in (meta.source, meta.date) if part))
    if details:
        _say(details)
    _say()
    _say(document.text)
    return EXIT_OK
