"""Open Whoosh segments without copying them.

Whoosh maps a segment file into memory and opens each part of it (terms, postings, columns)
as a ``BufferFile`` over a slice of the map. Its constructor also wraps the slice in a
``BytesIO``, which copies the whole part: opening a searcher on 10,000 briefings copied about
100 MB and took 50 ms, on 100,000 about ten times that, and every commit opens readers
again. ``view_file`` gives the same file interface over the memory view and copies only what is
read. ``install()`` (run by every ``LibraryIndex`` as it is made, never at import) puts it
in place; the rest of ``BufferFile`` already reads its slice directly.
"""

from __future__ import annotations

import io
from typing import Any

from whoosh.filedb import structfile

_READ_AHEAD = 8192
Buffer = bytes | bytearray | memoryview


class RawView(io.RawIOBase):
    """A read-only, seekable raw file over a memory view; ``view_file`` buffers it."""

    def __init__(self, buffer: Buffer) -> None:
        super().__init__()
        self._view = memoryview(buffer).cast("B")
        self._position = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._position, io.SEEK_END: len(self._view)}
        self._position = max(0, base[whence] + offset)
        return self._position

    def readinto(self, buffer: Any) -> int:
        start = min(self._position, len(self._view))
        count = min(len(buffer), len(self._view) - start)
        buffer[:count] = self._view[start : start + count]
        self._position = start + count
        return count


def view_file(buffer: Buffer) -> io.BufferedReader:
    """A file over ``buffer`` whose small reads (a pickle's many) are served by the C
    buffered reader, and whose large ones are copied straight from the view."""
    return io.BufferedReader(RawView(buffer), buffer_size=_READ_AHEAD)


def _buffer_file_init(
    self: structfile.BufferFile, buf: Buffer, name: str | None = None, onclose: Any = None
) -> None:
    self._buf = buf
    self._name = name
    self.file = view_file(buf)
    self.onclose = onclose
    self.is_real = False
    self.is_closed = False


def install() -> None:
    """Make Whoosh's buffer files views, not copies (idempotent)."""
    structfile.BufferFile.__init__ = _buffer_file_init
