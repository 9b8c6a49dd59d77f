"""WordprocessingML (the XML inside a .docx) to plain semantic HTML for the HTML loader.

Read with the standard library's C XML parser: a small Word file made from a large template
costs milliseconds, where a DOM-based converter spent a third of a second parsing its styles.
Only what a reader needs is kept: headings (Heading N and Title styles, or an outline level,
followed through ``basedOn``), paragraphs, bold/italic/underline/strike runs, line breaks,
links (the HTML loader keeps only safe schemes), numbered and bulleted lists with their
levels and numbering (continued across interruptions, as Word does), tables (a cell's
paragraphs joined, header rows marked, nested tables flattened into their cell) and
footnotes and endnotes (``[N]`` in the text, the notes as a numbered list at the end).
Text boxes follow the paragraph that anchors them (once: a drawing's fallback copy is
skipped); equations keep their text runs; a picture shows as its description (its
alternative text), when it has one. Deleted revisions, field instructions and pictures
without a description are left out; inserted revisions, content controls and smart tags
are read through. The body is read one element at a time (``wordml_parts``), and past
``MAX_BLOCKS`` blocks (which the document model would merge into one anyway) the rest is
kept as plain lines.
"""

from __future__ import annotations

import html
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from briefreader.core.errors import LoadError
from briefreader.core.loaders.wordml_parts import body_elements, local, read_xml
from briefreader.core.text.document import MAX_BLOCKS

_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TRANSPARENT = frozenset({"ins", "smartTag", "customXml", "sdtContent", "fldSimple", "moveTo"})
_RUN_CONTAINERS = frozenset({"r", "hyperlink", *_TRANSPARENT})
_STYLE_TAGS = (("b", "strong"), ("i", "em"), ("u", "u"), ("strike", "s"), ("dstrike", "s"))
_OFF = frozenset({"0", "false", "off", "none"})
_DRAWINGS = frozenset({"drawing", "pict", "AlternateContent", "object"})  # may hold text boxes
_MATH = frozenset({"oMath", "oMathPara"})
_COMPACT_EVERY = 10_000  # plain pieces joined this often: a flood keeps no object per piece
_BLANK_LINES = re.compile(r"\s*\n\s*")  # spaces around line ends, and empty lines
_BREAKS = frozenset({"tab", "ptab", "br", "cr"})
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_local = local


def _attr(element: Element | None, name: str) -> str | None:
    """An attribute by local name, whatever its namespace prefix."""
    if element is None:
        return None
    for key, value in element.attrib.items():
        if key == name or key.endswith("}" + name):
            return value
    return None


def _child(element: Element | None, name: str) -> Element | None:
    if element is None:
        return None
    return next((c for c in element if _local(c.tag) == name), None)


def _text_boxes(element: Element) -> Iterator[Element]:
    """The text boxes in a drawing, once each: a drawing's fallback (the same box for older
    readers) is skipped, and boxes inside a box are found when that box is read."""
    for child in element:
        name = _local(child.tag)
        if name == "txbxContent":
            yield child
        elif name != "Fallback":
            yield from _text_boxes(child)


def _picture_descriptions(element: Element) -> Iterator[str]:
    """The descriptions (alternative text) written for a drawing's pictures, skipping a
    drawing's fallback copy: what a reader who cannot see the picture is told it shows."""
    for child in element:
        name = _local(child.tag)
        if name == "docPr":
            description = " ".join((_attr(child, "descr") or "").split())
            if description:
                yield description
        elif name != "Fallback":
            yield from _picture_descriptions(child)


def _plain_block(element: Element, out: list[str]) -> None:
    """The text of a body element past ``MAX_BLOCKS``, ending its line: in one pass over
    its elements unless a drawing's fallback copy must be skipped."""
    if next(element.iter(_FALLBACK), None) is not None:
        _plain(element, out)
    else:
        for inner in element.iter():
            name = _local(inner.tag)
            if name == "t":
                out.append(inner.text or "")
            elif name in _BREAKS or (name == "p" and inner is not element):
                out.append(" ")
    out.append("\n")


def _plain(element: Element, out: list[str]) -> None:
    """The text of ``element``, a line per paragraph (for what follows ``MAX_BLOCKS``)."""
    for child in element:
        name = _local(child.tag)
        if name == "t":
            out.append(child.text or "")
        elif name in _BREAKS:
            out.append(" ")
        elif name != "Fallback":
            _plain(child, out)
            if name == "p":
                out.append("\n")


@dataclass
class _Style:
    name: str = ""
    based_on: str | None = None
    outline: int | None = None
    numbering: tuple[str, int] | None = None  # (numId, ilvl) from the style's own numPr


# Word's numFmt values the reader can draw, as HTML's <ol type>.
_HTML_TYPES = {
    "lowerLetter": "a",
    "upperLetter": "A",
    "lowerRoman": "i",
    "upperRoman": "I",
}


@dataclass
class _Numbering:
    formats: dict[tuple[str, int], str] = field(default_factory=dict)  # (numId, ilvl) -> fmt
    starts: dict[tuple[str, int], int] = field(default_factory=dict)

    def ordered(self, num_id: str, level: int) -> bool:
        return self.formats.get((num_id, level), "decimal") not in {"bullet", "none"}

    def html_type(self, num_id: str, level: int) -> str:
        """The level's counting as HTML's ``<ol type>`` (Word's other formats count in digits)."""
        return _HTML_TYPES.get(self.formats.get((num_id, level), "decimal"), "1")


def _styles(root: Element | None) -> dict[str, _Style]:
    styles: dict[str, _Style] = {}
    for element in root if root is not None else ():
        if _local(element.tag) != "style" or _attr(element, "type") not in (None, "paragraph"):
            continue
        style = _Style(name=(_attr(_child(element, "name"), "val") or "").strip().lower())
        style.based_on = _attr(_child(element, "basedOn"), "val")
        properties = _child(element, "pPr")
        outline = _attr(_child(properties, "outlineLvl"), "val")
        style.outline = int(outline) if outline and outline.isdigit() else None
        numbering = _child(properties, "numPr")
        num_id = _attr(_child(numbering, "numId"), "val")
        if num_id:
            level = _attr(_child(numbering, "ilvl"), "val") or "0"
            style.numbering = (num_id, int(level) if level.isdigit() else 0)
        styles[_attr(element, "styleId") or ""] = style
    return styles


def _numbering(root: Element | None) -> _Numbering:
    result = _Numbering()
    if root is None:
        return result
    abstract: dict[str, dict[int, tuple[str, int]]] = {}
    for element in root:
        if _local(element.tag) == "abstractNum":
            kinds: dict[int, tuple[str, int]] = {}
            for definition in element:
                if _local(definition.tag) != "lvl":
                    continue
                number = _attr(definition, "ilvl") or "0"
                first = _attr(_child(definition, "start"), "val") or "1"
                kinds[int(number) if number.isdigit() else 0] = (
                    _attr(_child(definition, "numFmt"), "val") or "decimal",
                    int(first) if first.isdigit() else 1,
                )
            abstract[_attr(element, "abstractNumId") or ""] = kinds
    for element in root:
        if _local(element.tag) != "num":
            continue
        num_id = _attr(element, "numId") or ""
        levels = abstract.get(_attr(_child(element, "abstractNumId"), "val") or "", {})
        for level, (fmt, start) in levels.items():
            result.formats[(num_id, level)] = fmt
            result.starts[(num_id, level)] = start
        for override in element:
            if _local(override.tag) == "lvlOverride":
                level_text = _attr(override, "ilvl") or "0"
                restart = _attr(_child(override, "startOverride"), "val")
                if restart and restart.isdigit() and level_text.isdigit():
                    result.starts[(num_id, int(level_text))] = int(restart)
    return result


class WordConverter:
    """One document's conversion: styles, numbering, links and notes resolved as it goes."""

    def __init__(self, package: zipfile.ZipFile) -> None:
        self.package = package
        self.main_part = self._main_part()
        folder = posixpath.dirname(self.main_part)
        self.styles = _styles(read_xml(package, posixpath.join(folder, "styles.xml")))
        self.numbering = _numbering(read_xml(package, posixpath.join(folder, "numbering.xml")))
        self.links, note_parts = self._relationships(folder)
        self.notes: dict[str, dict[str, Element]] = {
            kind: self._notes(note_parts.get(kind), kind) for kind in ("footnote", "endnote")
        }
        self.cited: list[Element] = []  # notes in the order the text cites them
        self.counters: dict[tuple[str, int], int] = {}
        self.open_lists: list[tuple[int, str, bool]] = []  # (level, numId, ordered)
        self.out: list[str] = []
        self.blocks = 0  # blocks written to ``out``; past MAX_BLOCKS the text goes to ``rest``
        self.rest: list[str] = []  # pieces of text, joined into ``chunks`` as they pile up
        self.chunks: list[str] = []
        self.boxes: list[Element] = []  # text boxes met in a block, read after it

    # Package -------------------------------------------------------------------------
    def _main_part(self) -> str:
        root = read_xml(self.package, "_rels/.rels")
        for relation in root if root is not None else ():
            if (_attr(relation, "Type") or "").endswith("/officeDocument"):
                target = (_attr(relation, "Target") or "").lstrip("/")
                if target in self.package.namelist():
                    return target
        if "word/document.xml" in self.package.namelist():
            return "word/document.xml"
        raise LoadError("damaged Word file (no main document part)")

    def _relationships(self, folder: str) -> tuple[dict[str, str], dict[str, str]]:
        name = posixpath.join(folder, "_rels", posixpath.basename(self.main_part) + ".rels")
        root = read_xml(self.package, name)
        links: dict[str, str] = {}
        notes: dict[str, str] = {}
        for relation in root if root is not None else ():
            kind = (_attr(relation, "Type") or "").rsplit("/", 1)[-1]
            target = _attr(relation, "Target") or ""
            if kind == "hyperlink":
                links[_attr(relation, "Id") or ""] = target
            elif kind in ("footnotes", "endnotes"):
                notes[kind[:-1]] = posixpath.normpath(posixpath.join(folder, target))
        return links, notes

    def _notes(self, part: str | None, kind: str) -> dict[str, Element]:
        root = read_xml(self.package, part) if part else None
        found = {}
        for note in root if root is not None else ():
            if _local(note.tag) == kind and _attr(note, "type") in (None, "normal"):
                found[_attr(note, "id") or ""] = note
        return found

    # Whole document ------------------------------------------------------------------
    def convert(self) -> tuple[str, str]:
        """(HTML of the first ``MAX_BLOCKS`` blocks, the plain text of the rest): the
        document holds no more blocks than that, so the rest skips the HTML round trip."""
        for element in body_elements(self.package, self.main_part):
            if self.blocks < MAX_BLOCKS:
                self._block(element)
            else:
                _plain_block(element, self.rest)
                if len(self.rest) > _COMPACT_EVERY:
                    self.chunks.append("".join(self.rest))
                    self.rest.clear()
        self._close_lists(-1)
        if self.cited:
            self.out.append("<ol>")
            for note in self.cited:
                self.out.append("<li>" + self._note_text(note) + "</li>")
            self.out.append("</ol>")
            self._read_boxes()
        rest = _BLANK_LINES.sub("\n", "".join([*self.chunks, *self.rest])).strip()
        return "\n".join(self.out), rest

    def _blocks(self, container: Element) -> None:
        for element in container:
            self._block(element)

    def _block(self, element: Element) -> None:
        name = _local(element.tag)
        if name == "p":
            self._paragraph(element)
        elif name == "tbl":
            self._close_lists(-1)
            self._table(element)
        elif name in ("sdt", "customXml", "sdtContent", "ins", "moveTo"):
            inner = _child(element, "sdtContent") if name == "sdt" else element
            if inner is not None:
                self._blocks(inner)
        self._read_boxes()

    def _read_boxes(self) -> None:
        """The text boxes of the block just read, as blocks of their own after it."""
        boxes, self.boxes = self.boxes, []
        for box in boxes:
            self._blocks(box)

    # Paragraphs ----------------------------------------------------------------------
    def _style_chain(self, style_id: str | None) -> Iterator[_Style]:
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self.styles:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style
            style_id = style.based_on

    def _heading_level(self, properties: Element | None, style_id: str | None) -> int:
        outline = _attr(_child(properties, "outlineLvl"), "val")
        if outline and outline.isdigit() and int(outline) < 9:
            return min(int(outline) + 1, 6)
        for style in self._style_chain(style_id):
            if style.name == "title":
                return 1
            if style.name.startswith("heading ") and style.name[8:].isdigit():
                return min(max(int(style.name[8:]), 1), 6)
            if style.outline is not None and style.outline < 9:
                return min(style.outline + 1, 6)
        return 0

    def _list_place(self, properties: Element | None, style_id: str | None) -> tuple[str, int]:
        """(numId, level) of a list paragraph, or ("", 0) when it is not in a list."""
        numbering = _child(properties, "numPr")
        num_id = _attr(_child(numbering, "numId"), "val")
        level_text = _attr(_child(numbering, "ilvl"), "val")
        if num_id is None:
            for style in self._style_chain(style_id):
                if style.numbering:
                    num_id, level = style.numbering
                    level_text = level_text or str(level)
                    break
        if not num_id or num_id == "0":
            return "", 0
        level = int(level_text) if level_text and level_text.isdigit() else 0
        return num_id, min(level, 8)

    def _paragraph(self, paragraph: Element) -> None:
        properties = _child(paragraph, "pPr")
        style_id = _attr(_child(properties, "pStyle"), "val")
        content = self._inline(paragraph).strip()
        if not content:
            return
        self.blocks += 1
        num_id, level = self._list_place(properties, style_id)
        heading = 0 if num_id else self._heading_level(properties, style_id)
        if num_id:
            self._list_item(num_id, level, content)
            return
        self._close_lists(-1)
        tag = f"h{heading}" if heading else "p"
        self.out.append(f"<{tag}>{content}</{tag}>")

    def _list_item(self, num_id: str, level: int, content: str) -> None:
        ordered = self.numbering.ordered(num_id, level)
        self._close_lists(level)
        top = self.open_lists[-1] if self.open_lists else None
        if top is not None and top[0] == level and top[1:] != (num_id, ordered):
            self._close_lists(level - 1)  # another list at this level: a new one begins
        key = (num_id, level)
        number = self.counters.get(key, self.numbering.starts.get(key, 1) - 1) + 1
        self.counters[key] = number
        for deeper in [k for k in self.counters if k[0] == num_id and k[1] > level]:
            del self.counters[deeper]  # a new parent item restarts its sub-items
        while not self.open_lists or self.open_lists[-1][0] < level:
            depth = self.open_lists[-1][0] + 1 if self.open_lists else 0
            kind = "ol" if ordered else "ul"
            start = f' start="{number}"' if ordered and depth == level else ""
            if ordered and depth == level:
                start += f' type="{self.numbering.html_type(num_id, level)}"'
            self.out.append(f"<{kind}{start}>")
            self.open_lists.append((depth, num_id, ordered))
        self.out.append(f"<li>{content}</li>")

    def _close_lists(self, level: int) -> None:
        """Close every open list deeper than ``level`` (-1 closes them all)."""
        while self.open_lists and self.open_lists[-1][0] > level:
            _depth, _num, ordered = self.open_lists.pop()
            self.out.append("</ol>" if ordered else "</ul>")

    # Runs ----------------------------------------------------------------------------
    def _inline(self, container: Element) -> str:
        parts: list[str] = []
        for element in container:
            name = _local(element.tag)
            if name == "r":
                parts.append(self._run(element))
            elif name == "hyperlink":
                inner = self._inline(element)
                target = self.links.get(_attr(element, "id") or "")
                parts.append(f'<a href="{html.escape(target)}">{inner}</a>' if target else inner)
            elif name in _TRANSPARENT:
                parts.append(self._inline(element))
            elif name == "sdt":
                parts.append(self._inline(_child(element, "sdtContent") or element))
            elif name in _MATH:  # an equation: its text runs (m:t), in order
                math = (e.text or "" for e in element.iter() if _local(e.tag) == "t")
                parts.append(html.escape("".join(math)))
        return "".join(parts)

    def _run(self, run: Element) -> str:
        text: list[str] = []
        for element in run:
            name = _local(element.tag)
            if name == "t":
                text.append(html.escape(element.text or ""))
            elif name in ("tab", "ptab"):
                text.append(" ")
            elif name in ("br", "cr"):
                text.append("<br>")
            elif name == "noBreakHyphen":
                text.append("-")
            elif name in _DRAWINGS:
                self.boxes.extend(_text_boxes(element))
                text.extend(f'<img alt="{html.escape(d)}">' for d in _picture_descriptions(element))
            elif name in ("footnoteReference", "endnoteReference"):
                note = self.notes[name[:-9]].get(_attr(element, "id") or "")
                if note is not None:
                    self.cited.append(note)
                    text.append(f"[{len(self.cited)}]")
        content = "".join(text)
        if not content:
            return ""
        properties = _child(run, "rPr")
        for flag, tag in _STYLE_TAGS:
            setting = _child(properties, flag)
            if setting is not None and (_attr(setting, "val") or "true").lower() not in _OFF:
                content = f"<{tag}>{content}</{tag}>"
        return content

    # Tables and notes ----------------------------------------------------------------
    def _cell_text(self, cell: Element) -> str:
        pieces: list[str] = []
        for element in cell.iter():
            name = _local(element.tag)
            if name == "p":
                pieces.append(self._inline(element).strip())
        return " ".join(piece for piece in pieces if piece)

    def _table(self, table: Element) -> None:
        rows: list[str] = []
        for row in table:
            if _local(row.tag) != "tr":
                continue
            header = _child(_child(row, "trPr"), "tblHeader") is not None
            tag = "th" if header else "td"
            cells = [c for c in row if _local(c.tag) in ("tc", "sdt")]
            texts = [self._cell_text(cell) for cell in cells]
            if any(texts):
                rows.append("<tr>" + "".join(f"<{tag}>{t}</{tag}>" for t in texts) + "</tr>")
        if rows:
            self.blocks += len(rows)
            self.out.append("<table>" + "".join(rows) + "</table>")

    def _note_text(self, note: Element) -> str:
        pieces = [self._inline(p).strip() for p in note.iter() if _local(p.tag) == "p"]
        return " ".join(piece for piece in pieces if piece)


def wordml_to_html(package: zipfile.ZipFile) -> tuple[str, str]:
    """The document of a .docx package as plain semantic HTML, and the plain text of what
    follows its first ``MAX_BLOCKS`` blocks (empty for any real memo)."""
    return WordConverter(package).convert()
