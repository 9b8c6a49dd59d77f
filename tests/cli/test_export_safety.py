"""Exports that are safe for whoever opens them: no spreadsheet formula, no live
``javascript:`` link or raw HTML, a file name that cannot break its Markdown, a PDF bounded in
memory and written atomically, and one clear line (exit 1) when the destination is wrong.

Notes are made through the real store on real files, and exported by the real CLI.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from briefreader.core.loaders import load_document
from briefreader.core.workspace import Workspace

REPO = Path(__file__).resolve().parents[2]
HOSTILE_TEXT = (
    "Talks.\n\n=HYPERLINK(\"http://evil\",\"x\") and +1+2 and -3 and @SUM(A1) here.\n\n"
    "See [click](javascript:alert(1)) and <img src=x onerror=alert(2)>.\n"
)
COMMENTS = [
    "=cmd|' /C calc'!A0",
    "+1",
    "-2",
    "@SUM(1)",
    "\tTab first",
    "\rReturn first",
    "<script>alert(3)</script> and [safe](https://example.org/page) "
    "and [bad](javascript:alert(4)) and [data](data:text/html,hi) "
    "and ![img](javascript:alert(5))\n# Not a heading\n    not code",
]


def _cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefreader", *args, "--data-dir", str(data)],
        capture_output=True, text=True, timeout=300, cwd=REPO,
    )  # fmt: skip


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[Path, Path]:
    """A data folder with hostile notes on a document whose name holds a backtick."""
    document_path = tmp_path / "we`ird [x](javascript:alert(9)).md"
    document_path.write_text(HOSTILE_TEXT, encoding="utf-8")
    data = tmp_path / "data"
    store = Workspace(data).notes
    document = load_document(document_path)
    for number, comment in enumerate(COMMENTS):
        quote = ["=HYPERLINK", "+1+2", "-3", "@SUM", "[click](javascript:alert(1))",
                 "<img src=x onerror=alert(2)>", "Talks"][number]  # fmt: skip
        start = document.text.index(quote)
        store.create(document, start, start + len(quote), "key", comment, [f"={number}"])
    return data, document_path


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def test_csv_cells_never_start_like_a_formula(hostile: tuple[Path, Path]) -> None:
    data, _ = hostile
    result = _cli(data, "notes", "export", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert len(rows) == 1 + len(COMMENTS)
    cells = [cell for row in rows[1:] for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_START)]
    comments = {row[6] for row in rows[1:]}
    assert {"'=cmd|' /C calc'!A0", "'+1", "'-2", "'@SUM(1)", "'\tTab first"} <= comments
    assert "'=HYPERLINK" in {row[3] for row in rows[1:]}  # the quote, neutralised too


def test_markdown_export_shows_everything_as_text_and_links_only_safe_places(
    hostile: tuple[Path, Path],
) -> None:
    data, document_path = hostile
    result = _cli(data, "notes", "export", "--format", "markdown")
    assert result.returncode == 0, result.stderr
    markdown = result.stdout
    rendered = MarkdownIt("commonmark").enable("table").enable("strikethrough").render(markdown)
    hrefs = [part.split('"', 1)[0] for part in rendered.split('href="')[1:]]
    assert all(href.startswith(("briefreader://open?", "https://")) for href in hrefs), hrefs
    assert "https://example.org/page" in hrefs  # a safe link in a comment stays a link
    assert "<script" not in rendered and "<img" not in rendered
    assert "&lt;script&gt;" in rendered and "javascript:alert(4)" in rendered  # as text
    assert "<h1>Not a heading" not in rendered and "<pre>" not in rendered
    # The path with its backtick is one intact code span.
    assert f"<code>{document_path}</code>".replace("&", "&amp;") in rendered.replace(
        "&quot;", '"'
    )
    assert rendered.count("<h2>") == 1  # the document's heading; nothing else became one


def test_html_and_json_exports_keep_hostile_values_inert_and_exact(
    hostile: tuple[Path, Path],
) -> None:
    data, _ = hostile
    page = _cli(data, "notes", "export", "--format", "html").stdout
    assert "<script" not in page and "<img" not in page
    assert 'href="javascript' not in page
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in page
    collection = json.loads(_cli(data, "notes", "export", "--format", "json").stdout)
    comments = {
        body["value"]
        for item in collection["items"]
        for body in item["body"]
        if body["purpose"] == "commenting"
    }
    assert comments == set(COMMENTS)  # JSON carries the exact text; its readers escape


def test_exports_to_a_missing_folder_or_onto_a_folder_fail_in_one_line(
    hostile: tuple[Path, Path], tmp_path: Path
) -> None:
    data, _ = hostile
    for fmt in ("pdf", "markdown", "csv"):
        missing = tmp_path / "no-such-folder" / f"notes.{fmt}"
        result = _cli(data, "notes", "export", "--format", fmt, "--out", str(missing))
        assert result.returncode == 1, (fmt, result.stderr)
        assert result.stderr.count("\n") == 1 and "does not exist" in result.stderr
        assert not missing.parent.exists()
        folder = tmp_path / "a-folder"
        folder.mkdir(exist_ok=True)
        result = _cli(data, "notes", "export", "--format", fmt, "--out", str(folder))
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert result.stderr.count("\n") == 1 and "is a folder" in result.stderr
        assert list(folder.iterdir()) == []


# The peak of the export process's own memory (VmHWM starts afresh at exec).
PEAK = """
import sys
from briefreader.cli.main import main
code = main(sys.argv[1:])
peak = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(int(peak.split()[1]) // 1024, file=sys.stderr)
sys.exit(code)
"""


def test_a_pdf_of_a_50_mb_comment_is_bounded_and_written_whole(tmp_path: Path) -> None:
    document_path = tmp_path / "cable.md"
    document_path.write_text("# Cable\n\nThe pact was signed.\n", encoding="utf-8")
    data = tmp_path / "data"
    store = Workspace(data).notes
    comment = ("A very long comment line. " * 40 + "\n") * 50_000  # about 52 MB
    store.create(load_document(document_path), 9, 17, "key", comment)
    out = tmp_path / "notes.pdf"
    result = subprocess.run(
        [sys.executable, "-c", PEAK, "notes", "export", "--format", "pdf", "--out", str(out),
         "--data-dir", str(data)],
        capture_output=True, text=True, timeout=300, cwd=REPO,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    peak_mb = int(result.stderr.split()[-1])
    assert peak_mb < 800, f"peak {peak_mb} MB"
    pdf = out.read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    assert "cut here" in load_document(out).text  # the marker says the comment was cut
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
