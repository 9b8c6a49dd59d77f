"""A tiny PDF writer for tests: text placed at given positions in Helvetica, an optional
image-only page, metadata, and a password-protected variant. Tests build exactly the layouts
they check (columns, hyphenated lines, running headers) instead of shipping binary files."""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field

# The standard security handler's password padding (PDF 1.7, 7.6.3.3).
_PAD = bytes.fromhex("28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a")
_FILE_ID = b"\x01" * 16


def _rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def _rc4_handler(owner: bytes) -> tuple[bytes, bytes, bytes]:
    """O, U and the file key for an empty user password (revision 2, 40-bit RC4)."""
    o_entry = _rc4(hashlib.md5((owner + _PAD)[:32]).digest()[:5], _PAD)
    permissions = (-4).to_bytes(4, "little", signed=True)
    key = hashlib.md5(_PAD + o_entry + permissions + _FILE_ID).digest()[:5]
    return o_entry, _rc4(key, _PAD), key


def _encrypt_object(key: bytes, number: int, body: bytes) -> bytes:
    """Encrypt an object's stream and literal strings (the writer emits no nested parens)."""
    object_key = hashlib.md5(key + number.to_bytes(3, "little") + b"\0\0").digest()[:10]
    head, marker, rest = body.partition(b"\nstream\n")
    if marker:
        data, _, tail = rest.rpartition(b"\nendstream")
        return head + marker + _rc4(object_key, data) + b"\nendstream" + tail
    return re.sub(
        rb"\((.*?)(?<!\\)\)",
        lambda m: b"<" + _rc4(object_key, _unescape(m[1])).hex().encode() + b">",
        body,
    )


def _unescape(raw: bytes) -> bytes:
    return raw.replace(b"\\(", b"(").replace(b"\\)", b")").replace(b"\\\\", b"\\")


@dataclass
class Page:
    """Text runs ``(x, y, size, text)`` in points from the bottom left; or an image only.
    ``fields`` are filled-in text form fields ``(x, y, value)``, drawn by their widget's
    appearance stream (not the page's content), as form-filling programs save them."""

    runs: list[tuple[float, float, float, str]] = field(default_factory=list)
    image_only: bool = False
    fields: list[tuple[float, float, str]] = field(default_factory=list)


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _content(page: Page) -> bytes:
    if page.image_only:
        return b"q 400 0 0 300 100 400 cm /Im1 Do Q"
    parts = [b"BT"]
    for x, y, size, text in page.runs:
        parts.append(b"/F1 %.1f Tf 1 0 0 1 %.2f %.2f Tm (" % (size, x, y) + _escape(text) + b") Tj")
    parts.append(b"ET")
    return b"\n".join(parts)


def _add_widget(
    add: Callable[[bytes], int],
    font: int,
    number: int,
    x: float,
    y: float,
    value: str,
) -> int:
    """A text field holding ``value``, with the appearance stream a form filler writes."""
    drawn = b"/Tx BMC BT /F1 10 Tf 2 6 Td (" + _escape(value) + b") Tj ET EMC"
    appearance = add(
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 300 20] "
        b"/Resources << /Font << /F1 %d 0 R >> >> /Length %d >>\nstream\n"
        % (font, len(drawn))
        + drawn
        + b"\nendstream"
    )
    return add(
        b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (field%d) /V (" % number
        + _escape(value)
        + b") /Rect [%.2f %.2f %.2f %.2f] /F 4 /DA (/F1 10 Tf 0 g) /AP << /N %d 0 R >> >>"
        % (x, y, x + 300, y + 20, appearance)
    )


def make_pdf(
    pages: list[Page],
    title: str | None = None,
    author: str | None = None,
    date: str | None = None,
    locked: bool = False,
    encrypted: bool = False,
) -> bytes:
    """A complete PDF. ``encrypted`` encrypts it with RC4 under an owner password only, so
    it opens without one; ``locked`` adds a security handler whose user password is not
    empty, so a reader must ask for it."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")
    pages_id = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    pixels = zlib.compress(bytes(range(256)) * 60)
    image = add(
        b"<< /Type /XObject /Subtype /Image /Width 160 /Height 96 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n"
        % len(pixels)
        + pixels
        + b"\nendstream"
    )
    kids = []
    widgets: list[int] = []
    for page in pages:
        stream = _content(page)
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        annots = [
            _add_widget(add, font, len(widgets) + n, *spec) for n, spec in enumerate(page.fields)
        ]
        widgets.extend(annots)
        annots_entry = (
            b"/Annots [%s] " % b" ".join(b"%d 0 R" % a for a in annots) if annots else b""
        )
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R %s"
                b"/Resources << /Font << /F1 %d 0 R >> /XObject << /Im1 %d 0 R >> >> >>"
                % (pages_id, content, annots_entry, font, image)
            )
        )
    form = b""
    if widgets:
        form = (
            b" /AcroForm << /Fields [%s] /DA (/F1 10 Tf 0 g) /DR << /Font << /F1 %d 0 R >> >> >>"
            % (
                b" ".join(b"%d 0 R" % w for w in widgets),
                font,
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R%s >>" % (pages_id, form)
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids),
        len(kids),
    )
    info_entries = b""
    if title:
        info_entries += b"/Title (" + _escape(title) + b") "
    if author:
        info_entries += b"/Author (" + _escape(author) + b") "
    if date:
        info_entries += b"/CreationDate (" + date.encode() + b") "
    info = add(b"<< " + info_entries + b">>")
    trailer_extra = b""
    if encrypted:
        o_entry, u_entry, key = _rc4_handler(b"owner")
        objects[:] = [_encrypt_object(key, n, body) for n, body in enumerate(objects, start=1)]
        encrypt = add(
            b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -4 >>"
            % (o_entry.hex().encode(), u_entry.hex().encode())
        )
        trailer_extra = b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (
            encrypt,
            _FILE_ID.hex().encode(),
            _FILE_ID.hex().encode(),
        )
    elif locked:
        encrypt = add(
            b"<< /Filter /Standard /V 1 /R 2 /O <"
            + b"41" * 32
            + b"> /U <"
            + b"42" * 32
            + b"> /P -4 >>"
        )
        trailer_extra = b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (encrypt, b"0" * 32, b"0" * 32)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R" % (len(objects) + 1, catalog, info)
    out += trailer_extra + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def column(
    x: float, top: float, lines: list[str], size: float = 11, leading: float = 14
) -> list[tuple[float, float, float, str]]:
    """Runs for lines set one under the other from ``top`` down."""
    return [(x, top - i * leading, size, line) for i, line in enumerate(lines)]
