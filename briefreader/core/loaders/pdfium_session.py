"""The one way into PDFium: a process-wide lock held for a whole document session.

PDFium is not thread-safe: its documentation allows no two calls at once, not even on
different documents, and the window parses PDFs on a thread pool (document loads, index
updates, entity analysis). Three threads opening PDFs abort the process within seconds.

So every PDFium call in the project runs inside ``pdfium_document``: the lock is taken before
the document is opened and released only after it is closed. The lock covers the whole session
rather than each call because pages and text pages are handles into the document: a page
closed on one thread while another opens the document's next page is two PDFium calls at once.
Everything is closed explicitly inside the lock (pypdfium2 closes a document's pages and text
pages with it), because pypdfium2 otherwise closes objects from finalizers, and the garbage
collector may run a finalizer on any thread at any moment, outside any lock.

At exit, pypdfium2 closes what is still open and destroys the library from an ``atexit``
handler; the handler registered here runs before it (handlers run last-registered first) and
takes the lock for good, so the library is never destroyed under a session still running on a
worker thread.
"""

from __future__ import annotations

import atexit
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pypdfium2 as pdfium

# Reentrant: a helper called inside a session (a test's, a benchmark's) may take it again.
PDFIUM_LOCK = threading.RLock()
_EXIT_WAIT_SECONDS = 10.0


@contextmanager
def pdfium_document(source: bytes | Path | str) -> Iterator[pdfium.PdfDocument]:
    """The document open for the length of the ``with`` block, PDFium to this thread alone.

    Raises ``pdfium.PdfiumError`` when the file cannot be opened (damaged, encrypted).
    """
    with PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(source)
        try:
            yield pdf
        finally:
            pdf.close()  # also closes the pages and text pages still open


def _hold_for_exit() -> None:
    """Let a running session finish, then keep PDFium to the exiting thread."""
    PDFIUM_LOCK.acquire(timeout=_EXIT_WAIT_SECONDS)


atexit.register(_hold_for_exit)
