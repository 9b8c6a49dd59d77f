"""PDF and Word briefings go through the same canonical text as the other formats: paragraphs
rebuilt, hyphens joined, running headers dropped, pages kept, bad files skipped with a reason."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import docx
import pytest
from pdf_maker import Page, column, make_pdf

from briefreader.core.errors import LoadError
from briefreader.core.loaders import load_document
from briefreader.core.text.document import BlockKind
from briefreader.core.text.pages import page_at

LEFT = [
    "The inspection regime covers every declared",
    "site, and the joint commission meets twice a",
    "year to review the notifications.",
]
RIGHT = [
    "Reductions proceed in three phases, each",
    "confirmed by on-site inspection before the",
    "next one starts.",
]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_two_columns_read_column_by_column(tmp_path: Path) -> None:
    page = Page(column(72, 700, LEFT) + column(320, 700, RIGHT))
    document = load_document(write(tmp_path, "columns.pdf", make_pdf([page])))
    paragraphs = [b.text for b in document.blocks]
    assert paragraphs == [" ".join(LEFT), " ".join(RIGHT)]
    assert all(b.page == 1 for b in document.blocks)


def test_hyphenated_line_end_is_joined_and_paragraphs_split_on_gaps(tmp_path: Path) -> None:
    lines = column(72, 700, ["The parties resumed the nego-", "tiations in Vienna."])
    lines += column(72, 650, ["A second paragraph follows", "after a gap."])
    document = load_document(write(tmp_path, "hyphen.pdf", make_pdf([Page(lines)])))
    assert [b.text for b in document.blocks] == [
        "The parties resumed the negotiations in Vienna.",
        "A second paragraph follows after a gap.",
    ]


def test_a_hyphen_marked_inside_a_word_joins_it(tmp_path: Path) -> None:
    # The word runs on into the next column: PDFium marks the hyphen (U+FFFE) but reports
    # no line break, so the mark lands inside the word.
    page = Page(
        column(72, 700, ["The delegations met in Geneva to discuss", "the draft arti-"])
        + column(320, 700, ["cles on fisheries and a non-", "binding annex."])
    )
    document = load_document(write(tmp_path, "columns.pdf", make_pdf([page])))
    assert "the draft articles on fisheries" in document.text
    assert "non-binding" in document.text and "\ufffe" not in document.text


def test_text_written_downwards_is_one_word(tmp_path: Path) -> None:
    stamp = [(40, 700 - 12 * i, 10, letter) for i, letter in enumerate("CONFIDENTIAL")]
    body = column(120, 700, ["The talks resumed in Vienna on", "the inspection annex."])
    document = load_document(write(tmp_path, "stamp.pdf", make_pdf([Page(stamp + body)])))
    assert [b.text for b in document.blocks] == [
        "CONFIDENTIAL",
        "The talks resumed in Vienna on the inspection annex.",
    ]


def test_filled_in_form_fields_are_read_beside_their_labels(tmp_path: Path) -> None:
    # A form filler draws a value in its field's widget, not in the page's content.
    labels = column(72, 700, ["Instrument of ratification", "State depositing:", "Depositary:"])
    page = Page(labels, fields=[(200, 682, "Kingdom of Norway"), (200, 668, "Secretary-General")])
    document = load_document(write(tmp_path, "form.pdf", make_pdf([page, Page(labels)])))
    first, second = document.text.split("Instrument of ratification")[1:]
    assert first.index("State depositing:") < first.index("Kingdom of Norway")
    assert first.index("Kingdom of Norway") < first.index("Depositary:")
    assert first.index("Depositary:") < first.index("Secretary-General")
    assert "Norway" not in second  # the page without fields reads its labels only
    heading_texts = [b.text for b in document.blocks if b.kind is BlockKind.HEADING]
    assert not any("Norway" in text for text in heading_texts)


def test_a_page_of_thousands_of_fields_reads_a_bounded_number(tmp_path: Path) -> None:
    # Each value is placed by a scan of the page's lines: the count read per page is capped.
    fields = [(72, 700 - (n % 600), f"value{n}") for n in range(2000)]
    page = Page(column(72, 720, ["Annex of inspected sites"]), fields=fields)
    document = load_document(write(tmp_path, "flood.pdf", make_pdf([page])))
    assert 0 < document.text.count("value") <= 500


def test_running_headers_and_page_numbers_are_left_out(tmp_path: Path) -> None:
    pages = []
    for number in range(1, 4):
        runs = [(72, 760, 9, "Arms Control Review - Restricted")]
        runs += column(72, 700, [f"Body text of page {number} about the verification", "regime."])
        runs += column(72, 660, ["Another paragraph of the page.", "It ends here."])
        runs += [(300, 40, 9, str(number))]
        pages.append(Page(runs))
    document = load_document(write(tmp_path, "headers.pdf", make_pdf(pages, title="Review")))
    assert "Restricted" not in document.text
    assert not any(b.text.strip().isdigit() for b in document.blocks)
    assert document.text.count("Body text of page") == 3
    assert document.metadata.title == "Review"
    third = document.text.index("page 3")
    assert page_at(document, third) == 3
    assert page_at(document, document.text.index("page 1")) == 1
    assert [b.page for b in document.blocks] == [1, 1, 2, 2, 3, 3]


def test_pdf_metadata_title_author_date(tmp_path: Path) -> None:
    pdf = make_pdf(
        [Page(column(72, 700, ["Only a line of text."]))],
        title="Vienna talks",
        author="Policy Unit",
        date="D:20150714093000Z",
    )
    document = load_document(write(tmp_path, "meta.pdf", pdf))
    assert document.metadata.title == "Vienna talks"
    assert document.metadata.source == "Policy Unit"
    assert document.metadata.date == "2015-07-14"
    assert document.metadata.format == "pdf"


def test_encrypted_pdf_without_a_user_password_opens(tmp_path: Path) -> None:
    runs = column(72, 700, ["Encrypted for the owner, readable by all."])
    pdf = make_pdf([Page(runs)], title="Owner only", encrypted=True)
    assert b"readable" not in pdf
    document = load_document(write(tmp_path, "owner.pdf", pdf))
    assert document.text == "Encrypted for the owner, readable by all."
    assert document.metadata.title == "Owner only"


def test_larger_type_becomes_a_heading(tmp_path: Path) -> None:
    runs = [(72, 720, 20, "Summary of the talks"), *column(72, 690, ["Plain body text.", "More."])]
    document = load_document(write(tmp_path, "heading.pdf", make_pdf([Page(runs)])))
    assert document.blocks[0].kind is BlockKind.HEADING
    assert document.metadata.title == "Summary of the talks"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("scan.pdf", make_pdf([Page(image_only=True)]), "no text layer"),
        ("locked.pdf", make_pdf([Page(column(72, 700, ["x"]))], locked=True), "password"),
        ("damaged.pdf", make_pdf([Page(column(72, 700, ["x"]))])[:200], r"^damaged PDF \("),
        ("garbage.pdf", b"not a pdf at all", r"^damaged PDF \(not a PDF, or cut short\)$"),
        ("damaged.docx", b"PK\x03\x04 not a zip", r"not a valid Word file \(damaged or not"),
    ],
)
def test_unreadable_files_are_skipped_with_a_reason(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    with pytest.raises(LoadError, match=reason):
        load_document(write(tmp_path, name, data))


def make_docx(path: Path) -> Path:
    document = docx.Document()
    document.core_properties.title = "Sanctions relief timeline"
    document.core_properties.author = "Treaty Desk"
    document.add_heading("Sanctions relief", 1)
    paragraph = document.add_paragraph("Relief is ")
    paragraph.add_run("conditional").bold = True
    paragraph.add_run(" on ")
    paragraph.add_run("verified").italic = True
    paragraph.add_run(" steps.")
    document.add_heading("Steps", 2)
    document.add_paragraph("Inspectors report", style="List Number")
    document.add_paragraph("The board decides", style="List Number")
    document.add_paragraph("A bullet point", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    for row, cells in enumerate([("Phase", "Date"), ("First", "2016")]):
        for col, text in enumerate(cells):
            table.cell(row, col).text = text
    header = table.rows[0]._tr.get_or_add_trPr()
    header.append(header.makeelement(docx.oxml.ns.qn("w:tblHeader"), {}))
    document.save(path)
    return path


def test_docx_blocks_styles_and_properties(tmp_path: Path) -> None:
    document = load_document(make_docx(tmp_path / "relief.docx"))
    kinds = [(b.kind, b.level, b.text) for b in document.blocks]
    assert kinds[0] == (BlockKind.HEADING, 1, "Sanctions relief")
    assert (BlockKind.HEADING, 2, "Steps") in kinds
    items = [b for b in document.blocks if b.kind is BlockKind.LIST_ITEM]
    assert [(b.text, b.ordinal) for b in items] == [
        ("Inspectors report", 1),
        ("The board decides", 2),
        ("A bullet point", None),
    ]
    rows = [(b.text, b.header) for b in document.blocks if b.kind is BlockKind.TABLE_ROW]
    assert rows == [("Phase\tDate", True), ("First\t2016", False)]
    styled = {
        (document.text[s.start : s.end], s.style.value) for b in document.blocks for s in b.styles
    }
    assert {("conditional", "bold"), ("verified", "italic")} <= styled
    assert document.metadata.title == "Sanctions relief timeline"
    assert document.metadata.source == "Treaty Desk"
    assert document.metadata.date and document.metadata.date[:4].isdigit()
    assert all(b.page is None for b in document.blocks)


def test_docx_footnotes_follow_the_text(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "notes.docx")
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    body = parts["word/document.xml"].decode()
    marker = '<w:r><w:footnoteReference w:id="1"/></w:r>'
    body = body.replace("steps.</w:t></w:r>", "steps.</w:t></w:r>" + marker, 1)
    parts["word/document.xml"] = body.encode()
    parts["word/footnotes.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b'<w:footnote w:id="1"><w:p><w:r><w:t>Per the 2015 agreement.</w:t></w:r></w:p>'
        b"</w:footnote></w:footnotes>"
    )
    rels = (
        parts["word/_rels/document.xml.rels"]
        .decode()
        .replace(
            "</Relationships>",
            '<Relationship Id="rIdFn" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>',
        )
    )
    parts["word/_rels/document.xml.rels"] = rels.encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    document = load_document(write(tmp_path, "footnoted.docx", buffer.getvalue()))
    assert "steps.[1]" in document.text
    assert document.blocks[-1].text == "Per the 2015 agreement."
    assert "↑" not in document.text


def test_index_search_and_show_treat_them_like_other_formats(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from briefreader.cli.main import main

    folder = tmp_path / "library"
    folder.mkdir()
    make_docx(folder / "relief.docx")
    runs = column(72, 700, ["The verification regime for centrifuges", "is strict."])
    pdf = write(folder, "regime.pdf", make_pdf([Page(runs)], title="Regime"))
    write(folder, "scan.pdf", make_pdf([Page(image_only=True)]))
    common = ["--data-dir", str(tmp_path / "data")]
    assert main([*common, "index", str(folder)]) == 0
    assert "scan.pdf" in capsys.readouterr().out
    for query, name in (("centrifuges", "regime.pdf"), ("conditional", "relief.docx")):
        assert main([*common, "search", query, "--library", str(folder), "--json"]) == 0
        hits = json.loads(capsys.readouterr().out)["hits"]
        assert [Path(hit["path"]).name for hit in hits] == [name]
        text = load_document(folder / name).text
        assert [text[start:end].lower() for start, end in hits[0]["spans"]] == [query]
    assert main([*common, "show", str(pdf), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["title"] == "Regime"
    assert shown["text"] == "The verification regime for centrifuges is strict."
