"""The Word reader on hand-written WordprocessingML: what Word writes beyond python-docx's
defaults (outline levels, styles based on headings, numbering continued after a paragraph,
nested levels, tracked changes, links, endnotes, nested tables, strict namespaces) and the
packages it must refuse (DTDs, oversized parts)."""

from __future__ import annotations

import io
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from briefreader.core.errors import LoadError
from briefreader.core.loaders import load_document, wordml_parts
from briefreader.core.text.document import MAX_BLOCKS, BlockKind

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STYLES = f"""<w:styles xmlns:w="{W}">
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>
<w:style w:type="paragraph" w:styleId="BriefTitle"><w:name w:val="Brief Title"/>
  <w:basedOn w:val="Heading1"/></w:style>
<w:style w:type="paragraph" w:styleId="Steps"><w:name w:val="Steps"/>
  <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
</w:styles>"""
NUMBERING = f"""<w:numbering xmlns:w="{W}">
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="0"/>
  <w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
</w:numbering>"""


def para(text: str, properties: str = "", runs: str = "") -> str:
    run = f"<w:r><w:t xml:space='preserve'>{text}</w:t></w:r>" if text else ""
    return f"<w:p><w:pPr>{properties}</w:pPr>{run}{runs}</w:p>"


def item(text: str, num: str = "1", level: int = 0) -> str:
    props = f"<w:numPr><w:ilvl w:val='{level}'/><w:numId w:val='{num}'/></w:numPr>"
    return para(text, props)


def package(body: str, namespace: str = W, extra: dict[str, str] | None = None) -> bytes:
    document = (
        f'<w:document xmlns:w="{namespace}" xmlns:r="{R}"><w:body>{body}</w:body></w:document>'
    )
    rels = (
        f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rLink" Type="{REL}/hyperlink" Target="https://example.org/a?b=1&amp;c=2"'
        f' TargetMode="External"/>'
        f'<Relationship Id="rEnd" Type="{REL}/endnotes" Target="endnotes.xml"/>'
        "</Relationships>"
    )
    endnotes = (
        f'<w:endnotes xmlns:w="{W}"><w:endnote w:type="separator" w:id="0"><w:p/></w:endnote>'
        "<w:endnote w:id='3'><w:p><w:r><w:t>Source: the joint statement.</w:t></w:r></w:p>"
        "</w:endnote></w:endnotes>"
    )
    parts = {
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="r1" Type="{REL}/officeDocument" Target="word/document.xml"/>'
            "</Relationships>"
        ),
        "word/document.xml": document,
        "word/styles.xml": STYLES,
        "word/numbering.xml": NUMBERING,
        "word/_rels/document.xml.rels": rels,
        "word/endnotes.xml": endnotes,
        **(extra or {}),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def load(tmp_path: Path, data: bytes):  # type: ignore[no-untyped-def]
    path = tmp_path / "memo.docx"
    path.write_bytes(data)
    return load_document(path)


def test_headings_from_outline_levels_and_styles_based_on_headings(tmp_path: Path) -> None:
    body = (
        para("Ceasefire memo", "<w:pStyle w:val='BriefTitle'/>")
        + para("Background", "<w:outlineLvl w:val='1'/>")
        + para("The talks resumed.")
    )
    blocks = [(b.kind, b.level, b.text) for b in load(tmp_path, package(body)).blocks]
    assert blocks == [
        (BlockKind.HEADING, 1, "Ceasefire memo"),
        (BlockKind.HEADING, 2, "Background"),
        (BlockKind.PARAGRAPH, 0, "The talks resumed."),
    ]


def test_numbering_continues_after_a_paragraph_and_nests(tmp_path: Path) -> None:
    body = (
        item("Notes exchanged")
        + item("detail under the first", level=1)
        + para("An aside between the steps.")
        + item("Domestic procedures")
        + para("Steps by style", "<w:pStyle w:val='Steps'/>")
        + item("Restarted at five", num="2")
    )
    items = [
        (b.text, b.level, b.ordinal)
        for b in load(tmp_path, package(body)).blocks
        if b.kind is BlockKind.LIST_ITEM
    ]
    assert items == [
        ("Notes exchanged", 1, 1),
        ("detail under the first", 2, None),
        ("Domestic procedures", 1, 2),
        ("Steps by style", 1, 3),
        ("Restarted at five", 1, 5),
    ]


def test_letters_and_roman_numerals_of_a_list_are_kept(tmp_path: Path) -> None:
    body = (
        para("Each Party shall:")
        + item("notify the Commission;", num="3")
        + item("within thirty days;", num="3", level=1)
        + item("within sixty days;", num="3", level=1)
        + item("allow inspections.", num="3")
        + item("Counted in digits.", num="1")
    )
    items = [b for b in load(tmp_path, package(body)).blocks if b.kind is BlockKind.LIST_ITEM]
    assert [(b.ordinal, b.number_style) for b in items] == [
        (1, "a"),
        (1, "i"),
        (2, "i"),
        (2, "a"),
        (1, "1"),
    ]


def test_a_picture_shows_as_its_description(tmp_path: Path) -> None:
    drawing = (
        '<w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/'
        'drawingml/2006/wordprocessingDrawing"><wp:docPr id="1" name="Picture 1" '
        'descr="Map of the demilitarised zone &lt;2019&gt;"/></wp:inline></w:drawing></w:r>'
    )
    undescribed = drawing.replace(' descr="Map of the demilitarised zone &lt;2019&gt;"', "")
    document = load(tmp_path, package(para("See", runs=drawing + undescribed)))
    assert document.text == "See Map of the demilitarised zone <2019>"
    (styled,) = document.blocks[0].styles
    assert document.text[styled.start : styled.end] == "Map of the demilitarised zone <2019>"


def test_runs_links_revisions_fields_and_endnotes(tmp_path: Path) -> None:
    runs = (
        "<w:r><w:rPr><w:b/></w:rPr><w:t>binding</w:t></w:r>"
        "<w:r><w:rPr><w:i w:val='0'/></w:rPr><w:t xml:space='preserve'> text, </w:t></w:r>"
        "<w:del><w:r><w:delText>withdrawn words </w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>added words</w:t></w:r></w:ins>"
        "<w:r><w:fldChar w:fldCharType='begin'/></w:r>"
        "<w:r><w:instrText> PAGE </w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType='end'/></w:r>"
        "<w:hyperlink r:id='rLink'><w:r><w:t xml:space='preserve'> the annex</w:t></w:r>"
        "</w:hyperlink><w:r><w:endnoteReference w:id='3'/></w:r>"
    )
    document = load(tmp_path, package(para("", runs=runs)))
    assert document.blocks[0].text == "binding text, added words the annex[1]"
    assert document.blocks[-1].text == "Source: the joint statement."
    styles = {(document.text[s.start : s.end], s.style.value) for s in document.blocks[0].styles}
    assert ("binding", "bold") in styles
    assert not any(style == "italic" for _text, style in styles)
    assert "withdrawn" not in document.text and "PAGE" not in document.text


def test_nested_tables_and_header_rows(tmp_path: Path) -> None:
    inner = "<w:tbl><w:tr><w:tc>" + para("nested cell") + "</w:tc></w:tr></w:tbl>"
    body = (
        "<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc>" + para("Phase") + "</w:tc>"
        "<w:tc>" + para("Date") + "</w:tc></w:tr>"
        "<w:tr><w:tc>" + para("First") + para("and second") + "</w:tc>"
        "<w:tc>" + inner + "</w:tc></w:tr></w:tbl>"
    )
    rows = [
        (b.text, b.header)
        for b in load(tmp_path, package(body)).blocks
        if b.kind is BlockKind.TABLE_ROW
    ]
    assert rows == [("Phase\tDate", True), ("First and second\tnested cell", False)]


def test_strict_namespace_documents_read_the_same(tmp_path: Path) -> None:
    strict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    document = load(tmp_path, package(para("Strict Open XML text."), namespace=strict))
    assert document.text == "Strict Open XML text."


def test_a_part_with_a_dtd_is_refused(tmp_path: Path) -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa">]>'
        f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&a;</w:t></w:r></w:p></w:body>'
        "</w:document>"
    )
    with pytest.raises(LoadError, match="DTD"):
        load(tmp_path, package("", extra={"word/document.xml": bomb}))


def test_an_oversized_part_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wordml_parts, "MAX_PART_BYTES", 1000)
    with pytest.raises(LoadError, match="too large"):
        load(tmp_path, package(para("Filler text. " * 200)))


MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"


def text_box(text: str) -> str:
    """A text box as Word writes it: a DrawingML shape, with a VML copy as the fallback."""
    content = f"<w:txbxContent>{para(text)}</w:txbxContent>"
    return (
        f"<w:r><mc:AlternateContent xmlns:mc='{MC}'><mc:Choice Requires='wps'><w:drawing>"
        f"<wps:wsp xmlns:wps='{WPS}'><wps:txbx>{content}</wps:txbx></wps:wsp></w:drawing>"
        f"</mc:Choice><mc:Fallback><w:pict><v:textbox xmlns:v='urn:schemas-microsoft-com:vml'>"
        f"{content}</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


def test_text_boxes_are_read_once_after_their_paragraph(tmp_path: Path) -> None:
    body = para("The talks resumed.", runs=text_box("Sidebar: the quota table.")) + para("End.")
    document = load(tmp_path, package(body))
    assert [b.text for b in document.blocks] == [
        "The talks resumed.",
        "Sidebar: the quota table.",
        "End.",
    ]
    alone = load(tmp_path, package(para("", runs=text_box("Only a box."))))
    assert alone.text == "Only a box."


def test_equations_keep_their_text(tmp_path: Path) -> None:
    math = (
        f"<m:oMathPara xmlns:m='{M}'><m:oMath><m:r><m:t>q</m:t></m:r><m:r><m:t>=0.4</m:t>"
        "</m:r><m:sSub><m:e><m:r><m:t>T</m:t></m:r></m:e><m:sub><m:r><m:t>1</m:t></m:r>"
        "</m:sub></m:sSub></m:oMath></m:oMathPara>"
    )
    document = load(tmp_path, package(para("The quota is ", runs=math)))
    assert document.text == "The quota is q=0.4T1"


def test_a_word_file_without_text_is_skipped_with_a_reason(tmp_path: Path) -> None:
    picture = "<w:r><w:drawing><wp:inline xmlns:wp='urn:x'/></w:drawing></w:r>"
    with pytest.raises(LoadError, match="no text in this Word file"):
        load(tmp_path, package(para("", runs=picture) + para("")))


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"PK\x03\x04" + b"\x00" * 60, r"not a valid Word file \(damaged or not a \.docx\)"),
        (b"just some text, not a zip", r"not a valid Word file \(damaged or not a \.docx\)"),
        (package("<w:p><w:r><w:t>cut</w:t></w:r>"), r"damaged Word file \(its text"),
    ],
)
def test_damaged_word_files_give_plain_reasons(tmp_path: Path, data: bytes, reason: str) -> None:
    with pytest.raises(LoadError, match=reason) as raised:
        load(tmp_path, data)
    assert "Error" not in str(raised.value) and "zip file" not in str(raised.value)


def flood(paragraphs: int) -> bytes:
    """Tiny paragraphs by the thousand: a small .docx with a huge document part."""
    return package("<w:p><w:r><w:t>a</w:t></w:r></w:p>" * paragraphs)


def test_a_flood_of_tiny_paragraphs_loads_in_linear_time(tmp_path: Path) -> None:
    def seconds(paragraphs: int) -> float:
        path = tmp_path / f"flood-{paragraphs}.docx"
        path.write_bytes(flood(paragraphs))
        best = float("inf")
        for _ in range(2):
            started = time.perf_counter()
            document = load_document(path)
            best = min(best, time.perf_counter() - started)
        assert document.text.count("a") == paragraphs  # every paragraph kept
        return best

    small, large = seconds(10_000), seconds(80_000)
    # 8 times the input: linear is at most about 8x; quadratic would be about 64x.
    assert large / small < 20, (small, large)


def test_a_flood_of_tiny_paragraphs_is_read_in_bounded_memory(tmp_path: Path) -> None:
    def peak(paragraphs: int) -> int:
        path = tmp_path / f"flood-{paragraphs}.docx"
        path.write_bytes(flood(paragraphs))
        tracemalloc.start()
        try:
            document = load_document(path)
            _now, highest = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert len(document.blocks) == MAX_BLOCKS
        assert "more than" in " ".join(document.metadata.notes)
        return highest

    small, large = 21_000, 51_000
    more_xml = len("<w:p><w:r><w:t>a</w:t></w:r></w:p>") * (large - small)
    # Beyond the blocks kept, memory grows with the text (two characters a paragraph), not
    # with the XML: parsed whole, the part cost more than ten times its size.
    assert peak(large) - peak(small) < more_xml / 2, (peak(small), peak(large), more_xml)
