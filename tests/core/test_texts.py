"""Snippets from the files themselves: Markdown and text are read back around their first
hits, other formats keep their canonical text in the index."""

from __future__ import annotations

from pathlib import Path

from briefreader.core.index.library_index import LibraryIndex
from briefreader.core.library import Library
from briefreader.core.search.search import search


def indexed(tmp_path: Path, files: dict[str, str | bytes]) -> LibraryIndex:
    folder = tmp_path / "library"
    folder.mkdir()
    for name, content in files.items():
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    index = LibraryIndex(Library.from_folders([folder]), tmp_path / "index")
    index.update()
    return index


def test_a_hit_deep_in_a_markdown_file_is_shown_as_the_reader_shows_it(tmp_path: Path) -> None:
    filler = "\n\n".join(f"Paragraph {n} is about fisheries and **quotas**." for n in range(200))
    markdown = (
        f"---\ntitle: Deep\n---\n# Deep\n\n{filler}\n\nThe [Baltic *accord*](http://x.test) "
        "was signed.\n\nMore filler.\n"
    )
    index = indexed(tmp_path, {"deep.md": markdown})
    hit = search(index, "baltic", all_spans=False).hits[0]
    assert hit.snippet.startswith("…") and "Baltic accord was signed." in hit.snippet
    assert "](" not in hit.snippet and "*" not in hit.snippet  # laid out, not raw Markdown
    start, end = hit.snippet_spans[0]
    assert hit.snippet[start:end] == "Baltic"
    full = search(index, "baltic").hits[0]  # all spans: offsets into the whole text
    assert len(full.spans) == 1 and "Baltic accord" in full.snippet


def test_html_keeps_its_text_in_the_index_and_other_encodings_are_loaded(
    tmp_path: Path,
) -> None:
    index = indexed(
        tmp_path,
        {
            "page.html": "<html><body><h1>Page</h1><p>The <b>Danube</b> pact.</p></body></html>",
            "latin.txt": "Le traité de la Saône fut signé à Lyon.\n".encode("latin-1"),
        },
    )
    page = search(index, "danube", all_spans=False).hits[0]
    assert "The Danube pact." in page.snippet and "<b>" not in page.snippet
    assert "text" in index.stored([page.path])[page.path]
    latin = search(index, "saone", all_spans=False).hits[0]
    assert "Saône fut signé" in latin.snippet
    assert "text" not in index.stored([latin.path])[latin.path]  # read back from its file


def test_a_file_gone_since_indexing_still_lists_its_hit(tmp_path: Path) -> None:
    index = indexed(tmp_path, {"gone.md": "# Gone\n\nThe Rhine treaty.\n"})
    path = search(index, "rhine").hits[0].path
    Path(path).unlink()
    hit = search(index, "rhine", all_spans=False).hits[0]
    assert (hit.title, hit.snippet) == ("Gone", "")


def test_a_markdown_preview_keeps_blocks_apart_and_drops_marks() -> None:
    from briefreader.core.index.texts import preview

    piece = (
        "## Terms of the *deal*\n\nThe parties agree to\nshare `data` and **patrol**.\n"
        "- first item with [a link](http://x.test)\n- second item\n\n"
        "| Party | Role |\n|---|---|\n| Chile | signatory |\n\n> A quoted line, snake_case kept.\n"
    )
    assert preview(piece, markdown=True).split("\n") == [
        "Terms of the deal",
        "The parties agree to share data and patrol.",
        "first item with a link",
        "second item",
        "Party Role",
        "Chile signatory",
        "A quoted line, snake_case kept.",
    ]
    plain = preview("Line one\nwraps here.\n\n# not a heading in text", markdown=False)
    assert plain == "Line one wraps here.\n# not a heading in text"


def test_text_needing_no_cleaning_is_returned_as_it_is_and_the_rest_is_cleaned() -> None:
    from briefreader.core.text.document import clean_text

    text = "Plain words,\tover\nlines: nothing to do."
    assert clean_text(text) is text
    assert clean_text("a\u00a0b\r\nc\x07d\ufeff") == "a b\ncd"
