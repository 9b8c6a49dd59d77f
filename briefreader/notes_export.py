"""Write an export file in any format, PDF included (Qt's writer, imported only for it).

Shared by ``briefreader notes export`` and the window's *Export Notes…*.
"""

from __future__ import annotations

from pathlib import Path

from briefreader.core.annotations import Annotation
from briefreader.core.annotations.export import (
    NO_CORRECTIONS,
    Corrections,
    export_text,
    to_html,
)
from briefreader.core.atomic import write_atomically
from briefreader.core.entities.corrections import EntityCorrections
from briefreader.core.facts.corrections import FactCorrections


def corrections_in(data_dir: Path) -> Corrections:
    """The entity and fact corrections and the watch-list an export carries with the notes."""
    store = EntityCorrections.in_data_dir(data_dir)
    facts = FactCorrections.in_data_dir(data_dir)
    return Corrections(store.all(), store.watched(), facts.all())


def write_export(
    notes: list[Annotation],
    meanings: dict[str, str],
    fmt: str,
    out: Path,
    extra: Corrections = NO_CORRECTIONS,
) -> None:
    if fmt == "pdf":
        from briefreader.ui.pdf_export import html_to_pdf

        html_to_pdf(to_html(notes, meanings, extra), out)
        return
    write_atomically(out, export_text(notes, meanings, fmt, extra))
