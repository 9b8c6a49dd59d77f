"""Text a PDF page shows through its annotations: filled-in form fields and free-text notes.

A viewer draws these from the annotation, not the page's content, so PDFium's text of the page
leaves them out: a filled-in form reads as its empty labels. Only text meant to be read on the
page is taken: the value of a text field or a combo box, and what a free-text annotation
says. Check boxes ("Off"), buttons, list-box options and hidden pop-up comments are left out.
Each piece comes with its box on the page, so the PDF loader can put it beside its label.
Called inside the caller's PDFium session (``pdfium_session``), like every PDFium call.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Iterator

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

_READ_FIELDS = frozenset({pdfium_c.FPDF_FORMFIELD_TEXTFIELD, pdfium_c.FPDF_FORMFIELD_COMBOBOX})
# A longer value is left out: a page's annotation text is read whole into memory.
_MAX_CHARS = 100_000
# A page's first this many annotations are read: each is placed among the page's lines by a
# scan of them, so a hostile page of a million widgets must not cost a million scans.
_MAX_ANNOTATIONS = 500

Box = tuple[float, float, float, float]  # left, bottom, right, top in PDF units


def annotation_texts(pdf: pdfium.PdfDocument, page: pdfium.PdfPage) -> Iterator[tuple[str, Box]]:
    """Each visible annotation text of the page with its box, in the page's annotation order."""
    count = min(pdfium_c.FPDFPage_GetAnnotCount(page.raw), _MAX_ANNOTATIONS)
    form = pdf.formenv.raw if pdf.formenv is not None else None
    for index in range(count):
        annot = pdfium_c.FPDFPage_GetAnnot(page.raw, index)
        if not annot:
            continue
        try:
            text = _shown_text(annot, form)
            box = _box(annot) if text.strip() else None
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)
        if box is not None:
            yield " ".join(text.split()), box


def _shown_text(annot: pdfium_c.FPDF_ANNOTATION, form: object | None) -> str:
    subtype = pdfium_c.FPDFAnnot_GetSubtype(annot)
    if subtype == pdfium_c.FPDF_ANNOT_FREETEXT:
        return _utf16(
            lambda buffer, size: pdfium_c.FPDFAnnot_GetStringValue(annot, b"Contents", buffer, size)
        )
    if subtype != pdfium_c.FPDF_ANNOT_WIDGET or form is None:
        return ""
    if pdfium_c.FPDFAnnot_GetFormFieldType(form, annot) not in _READ_FIELDS:
        return ""
    return _utf16(
        lambda buffer, size: pdfium_c.FPDFAnnot_GetFormFieldValue(form, annot, buffer, size)
    )


def _utf16(call: Callable[[object, int], int]) -> str:
    """A PDFium string getter's answer: asked for its size, then for its UTF-16LE bytes."""
    size = int(call(None, 0))
    if size <= 2:
        return ""
    size = min(size, 2 * _MAX_CHARS + 2)
    buffer = ctypes.create_string_buffer(size)
    call(ctypes.cast(buffer, ctypes.POINTER(pdfium_c.FPDF_WCHAR)), size)
    return buffer.raw[:size].decode("utf-16-le", "replace").rstrip("\0")


def _box(annot: pdfium_c.FPDF_ANNOTATION) -> Box | None:
    rect = pdfium_c.FS_RECTF()
    if not pdfium_c.FPDFAnnot_GetRect(annot, ctypes.byref(rect)):
        return None
    left, right = sorted((rect.left, rect.right))
    bottom, top = sorted((rect.bottom, rect.top))
    return left, bottom, right, top
