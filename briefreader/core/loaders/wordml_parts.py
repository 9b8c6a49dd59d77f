"""Reading the XML parts of a Word package: small parts whole, the main part as a stream.

Every part is refused when it declares a DTD (Word never writes one; entities are the way to
an XML bomb) or when it is larger than any memo. The main document part is read one body
element at a time: a 553 KB .docx can hold a 190 MB ``document.xml`` of tiny paragraphs, and
parsed whole its element tree took 2.5 GB and minutes. Here the part is decompressed and
parsed in chunks, each top-level element of the body is handed over once complete and then
dropped, so memory holds one block's elements at a time.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from xml.etree import ElementTree
from xml.etree.ElementTree import Element

from briefreader.core.errors import LoadError

MAX_PART_BYTES = 200_000_000  # an uncompressed XML part beyond this is a zip bomb, not a memo
_HEAD = 2048  # where a DTD would be declared
_CHUNK = 1 << 16


_LOCAL_NAMES: dict[str, str] = {}  # a document uses a few dozen tags, millions of times


def local(tag: str) -> str:
    """An element's name without its namespace (transitional and strict files alike)."""
    name = _LOCAL_NAMES.get(tag)
    if name is None:
        name = tag.rsplit("}", 1)[-1]
        if len(_LOCAL_NAMES) < 10_000:  # hostile files may invent tags without end
            _LOCAL_NAMES[tag] = name
    return name


def _info(package: zipfile.ZipFile, name: str) -> zipfile.ZipInfo | None:
    try:
        info = package.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART_BYTES:
        raise LoadError(f"Word file part {name} is too large ({info.file_size:,} bytes)")
    return info


def _refuse_dtd(head: bytes, name: str) -> None:
    if b"<!DOCTYPE" in head[:_HEAD] or b"<!ENTITY" in head[:_HEAD]:
        raise LoadError(f"Word file part {name} declares a DTD, which Word never writes")


def read_xml(package: zipfile.ZipFile, name: str) -> Element | None:
    """A (small) part of the package, parsed whole; None when absent."""
    info = _info(package, name)
    if info is None:
        return None
    data = package.read(info)
    _refuse_dtd(data, name)
    return ElementTree.fromstring(data)


def body_elements(package: zipfile.ZipFile, name: str) -> Iterator[Element]:
    """Each element directly inside the main part's ``body``, complete, in order; each is
    detached from the tree once the caller moves on to the next.

    Only start events are asked for (a flood of tiny paragraphs makes millions of events):
    a tree builder appends each element to its parent as it starts, so when the body gains
    a second child, its first is complete."""
    info = _info(package, name)
    if info is None:
        raise LoadError("damaged Word file (no main document part)")
    parser: ElementTree.XMLPullParser[Element] = ElementTree.XMLPullParser(events=("start",))
    body: Element | None = None
    with package.open(info) as stream:
        chunk = stream.read(_HEAD)
        _refuse_dtd(chunk, name)
        while chunk:
            parser.feed(chunk)
            for item in parser.read_events():
                if body is not None:
                    if len(body) > 1:
                        yield body[0]
                        del body[0]  # the body holds one or two elements at a time
                    continue
                element = item[-1]
                if isinstance(element, Element) and local(element.tag) == "body":
                    body = element
            chunk = stream.read(_CHUNK)
    parser.close()
    if body is None:
        raise LoadError("damaged Word file (the document has no body)")
    yield from list(body)
