"""Write an export file in any format, PDF included (Qt's writer, imported only for it).

Shared by ``briefreader notes export`` and the window's *Export Notes…*. Every format is
written atomically (never a 0-byte or half file), into a folder that must exist, and a problem
is an ``ExportError`` whose message is one line for the analyst.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from briefreader.core.annotations import Annotation
from briefreader.core.annotations.export import (
    NO_CORRECTIONS,
    PDF_BOUNDS,
    Corrections,
    export_text,
    to_html,
)
from briefreader.core.errors import BriefReaderError
from briefreader.core.storage.atomic import write_atomically
from briefreader.core.workspace import Workspace


def corrections_in(workspace: Workspace) -> Corrections:
    """The entity and fact corrections and the watch-list an export carries with the notes."""
    store = workspace.entity_corrections
    return Corrections(store.all(), store.watched(), workspace.fact_corrections.all())


class ExportError(BriefReaderError):
    """The export could not be written where asked (the message says why)."""


def write_export(
    notes: list[Annotation],
    meanings: dict[str, str],
    fmt: str,
    out: Path,
    extra: Corrections = NO_CORRECTIONS,
    colours: Mapping[str, str] | None = None,
    titles: Mapping[str, str] | None = None,
) -> None:
    """Write the notes as ``fmt`` to ``out``; ``colours`` (colour key to ``#rrggbb``) tints
    each note in the HTML and PDF; ``titles`` (by path) head each document's notes."""
    if out.is_dir():
        raise ExportError(f"{out} is a folder; give the export a file name")
    if not out.parent.is_dir():
        raise ExportError(f"cannot write {out}: the folder {out.parent} does not exist")
    if fmt == "pdf":
        from briefreader.export.pdf import html_to_pdf

        page = to_html(notes, meanings, extra, PDF_BOUNDS, colours, titles)
        data: str | bytes = html_to_pdf(page)
        if not data:
            raise ExportError(f"the PDF for {out} came out empty; nothing was written")
    else:
        data = export_text(notes, meanings, fmt, extra, colours, titles)
    try:
        write_atomically(out, data)
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from exc
