"""``briefreader notes``: add, list, export and import annotations from the command line.

``notes add PATH --quote TEXT [--occurrence N] [--comment TEXT] [--tag T]... [--color NAME]
[--json]``, ``notes list [PATH] [--tag T] [--json]``, ``notes export --format
markdown|json|csv|html|pdf [--out FILE] [--tag T] [PATH...]`` and ``notes import FILE``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from briefreader.core.annotations import Annotation, AnnotationStore
from briefreader.core.annotations.export import FORMATS, export_text, read_json_ld
from briefreader.core.annotations.tags import tag_problem
from briefreader.core.errors import LoadError
from briefreader.core.loaders import load_document
from briefreader.core.text.terminal import one_line, terminal_safe
from briefreader.core.workspace import Workspace
from briefreader.export.files import corrections_in, write_export
from briefreader.paths import AppPaths


class NotesUsageError(Exception):
    """Bad arguments for a notes command (exit status 2)."""


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    notes = commands.add_parser("notes", parents=[common], help="annotations: add, list, export")
    actions = notes.add_subparsers(dest="notes_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", parents=[common], help="annotate a passage by its quote")
    add.add_argument("path")
    add.add_argument("--quote", required=True)
    add.add_argument("--occurrence", type=int, metavar="N", help="which occurrence (1-based)")
    add.add_argument("--comment", default="")
    add.add_argument("--tag", action="append", default=[], metavar="T")
    add.add_argument("--color", default="key", metavar="NAME")
    add.add_argument("--json", action="store_true")
    listing = actions.add_parser("list", parents=[common], help="list annotations")
    listing.add_argument("path", nargs="?")
    listing.add_argument("--tag", metavar="T")
    listing.add_argument("--json", action="store_true")
    export = actions.add_parser("export", parents=[common], help="export annotations")
    export.add_argument("--format", required=True, choices=FORMATS)
    export.add_argument("--out", metavar="FILE")
    export.add_argument("--tag", metavar="T")
    export.add_argument("--color", metavar="NAME", help="only annotations of this colour")
    export.add_argument("paths", nargs="*", metavar="PATH")
    imported = actions.add_parser("import", parents=[common], help="merge a JSON export")
    imported.add_argument("file")


def run(args: argparse.Namespace, paths: AppPaths, workspace: Workspace) -> int:
    action = {"add": _add, "list": _list, "export": _export, "import": _import}
    try:
        return action[args.notes_command](args, workspace)
    except NotesUsageError as exc:
        print(one_line(f"briefreader: {exc}"), file=sys.stderr)
        return 2


def _add(args: argparse.Namespace, workspace: Workspace) -> int:
    store = workspace.notes
    document = load_document(Path(args.path))
    starts = []
    position = document.text.find(args.quote)
    while position != -1 and args.quote:
        starts.append(position)
        position = document.text.find(args.quote, position + 1)
    if not starts:
        raise NotesUsageError(f"the quote does not occur in {args.path}")
    if args.occurrence is None and len(starts) > 1:
        raise NotesUsageError(
            f"the quote occurs {len(starts)} times; choose one with --occurrence 1..{len(starts)}"
        )
    number = args.occurrence or 1
    if not 1 <= number <= len(starts):
        raise NotesUsageError(f"--occurrence must be between 1 and {len(starts)}")
    start = starts[number - 1]
    if args.color not in {key for key, _m, _c in store.colours()}:
        raise NotesUsageError(
            f"unknown colour '{args.color}'; use one of "
            + ", ".join(key for key, _m, _c in store.colours())
        )
    problem = tag_problem(args.tag)
    if problem is not None:
        raise NotesUsageError(problem)
    note = store.create(
        document, start, start + len(args.quote), args.color, args.comment, args.tag
    )
    if args.json:
        print(json.dumps(note.as_json(), ensure_ascii=False, indent=2))
    else:
        print(one_line(f"added {note.id} at {note.start}-{note.end} in {note.path}"))
    return 0


def current_notes(
    store: AnnotationStore,
    paths: list[str] | None = None,
    tag: str | None = None,
    titles: dict[str, str] | None = None,
) -> list[Annotation]:
    """Every annotation (or those of ``paths``), re-anchored against each file as it is now;
    ``titles`` is filled with each file's title (the one the library and the reader show)."""
    wanted = {str(Path(p).absolute()) for p in paths} if paths else None
    documents = sorted(
        {store.current_path(note) for note in store.everything()} | (wanted or set())
    )
    for path in documents:
        if wanted is not None and path not in wanted:
            continue
        try:
            document = load_document(Path(path))
        except LoadError:
            continue  # a file that is gone keeps its notes as they were
        store.for_document(document)
        if titles is not None:
            titles[document.metadata.path] = document.metadata.title
    notes = store.everything()
    if wanted is not None:
        notes = [note for note in notes if note.path in wanted]
    if tag:
        notes = [note for note in notes if tag in note.tags]
    return notes


def _list(args: argparse.Namespace, workspace: Workspace) -> int:
    notes = current_notes(workspace.notes, [args.path] if args.path else None, args.tag)
    if args.json:
        payload = {"annotations": [note.as_json() for note in notes]}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    for note in notes:
        tags = " ".join(f"#{t}" for t in note.tags)
        line = f"{note.id}  {note.state:9} {note.color:10} {note.path}:{note.start}-{note.end}"
        print(one_line(line))
        print(one_line(f"    “{' '.join(note.exact.split())[:100]}” {tags}"))
    return 0


def _export(args: argparse.Namespace, workspace: Workspace) -> int:
    store = workspace.notes
    titles: dict[str, str] = {}  # each document's notes are headed by its title
    notes = current_notes(store, args.paths or None, args.tag, titles)
    if args.color:
        notes = [note for note in notes if note.color == args.color]
    meanings = {key: meaning for key, meaning, _c in store.colours()}
    colours = {key: colour for key, _m, colour in store.colours()}
    if args.format == "pdf" and not args.out:
        raise NotesUsageError("a PDF export needs --out FILE")
    extra = corrections_in(workspace)
    if args.out:
        write_export(notes, meanings, args.format, Path(args.out), extra, colours, titles)
    else:
        sys.stdout.write(export_text(notes, meanings, args.format, extra, colours, titles))
    return 0


def _import(args: argparse.Namespace, workspace: Workspace) -> int:
    """Merge a JSON export: every note checked against its document, every item counted."""
    try:
        parsed = read_json_ld(Path(args.file))
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise NotesUsageError(f"cannot import {args.file}: {reason}") from exc
    report = workspace.notes.import_notes(parsed.notes, parsed.invalid)
    print(terminal_safe(report.summary()))
    return 0
