"""Bad input that once broke a whole run: odd file names, parser failures, damaged segments,
cancelled updates, malformed HTML, old line endings and legacy encodings."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from briefreader.core.errors import IndexUnavailableError
from briefreader.core.index.library_index import LibraryIndex
from briefreader.core.library import Library
from briefreader.core.loaders import load_document, parse_text
from briefreader.core.loaders.decoding import decode_counting
from briefreader.core.search.search import search
from briefreader.core.text.document import Metadata
from briefreader.core.workspace import Workspace
from briefreader.paths import AppPaths


def make_index(folder: Path, data_dir: Path) -> LibraryIndex:
    return Workspace(AppPaths.resolve(data_dir).data_dir).index_for(Library.from_folders([folder]))


def parse(raw: str, fmt: str):  # type: ignore[no-untyped-def]
    return parse_text(raw, fmt, Metadata(path="x", title=""), "fallback")


def test_undecodable_file_name_is_skipped_not_fatal(tmp_path: Path, data_dir: Path) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "good.md").write_text("# Good\n", encoding="utf-8")
    with open(os.path.join(os.fsencode(folder), b"bad\xff.txt"), "wb") as handle:
        handle.write(b"text")
    report = make_index(folder, data_dir).update()
    assert report.indexed == 1
    assert any("not valid UTF-8" in skip.reason for skip in report.skipped)


def test_symlinked_folders_are_followed_once(tmp_path: Path, data_dir: Path) -> None:
    folder = tmp_path / "lib"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "a.md").write_text("# A\n", encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "b.md").write_text("# B\n", encoding="utf-8")
    (folder / "linked").symlink_to(outside)
    (folder / "sub" / "loop").symlink_to(folder)  # a cycle must not be walked forever
    (folder / "passwd.txt").symlink_to(outside / "b.md")  # a file link out of the library
    (folder / "inner.md").symlink_to(folder / "sub" / "a.md")  # a link inside is fine
    report = make_index(folder, data_dir).update()
    assert report.indexed == 2  # a.md, and inner.md that links to it
    outside_skips = {Path(s.path).name for s in report.skipped if "outside" in s.reason}
    assert outside_skips == {"linked", "passwd.txt"}
    allowed = Workspace(data_dir / "allowed").index_for(
        Library.from_folders([folder]), follow_links_outside=True
    )
    assert allowed.update().indexed == 4


def test_an_unreadable_sub_folder_is_reported_and_keeps_its_documents(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    folder = tmp_path / "lib"
    (folder / "private").mkdir(parents=True)
    (folder / "private" / "a.md").write_text("# A\n", encoding="utf-8")
    (folder / "b.md").write_text("# B\n", encoding="utf-8")
    index = make_index(folder, data_dir)
    assert index.update().indexed == 2
    real_scandir = os.scandir

    def refusing(path: object = ".") -> object:
        if str(path).endswith("private"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", refusing)
    report = index.update()
    assert report.removed == 0 and report.total == 2
    assert any(
        s.path.endswith("private") and "cannot read folder" in s.reason for s in report.skipped
    )


def test_a_parser_failure_costs_one_file(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "good.md").write_text("# Good\n", encoding="utf-8")
    (folder / "bad.html").write_text("<p>x</p>", encoding="utf-8")
    import briefreader.core.loaders as loaders

    def broken(text: str) -> None:
        raise ValueError("simulated parser bug")

    monkeypatch.setattr(loaders, "parse_html", broken)
    report = make_index(folder, data_dir).update()
    assert report.indexed == 1
    assert "simulated parser bug" in report.skipped[0].reason


def test_ordered_list_with_a_non_ascii_digit_start() -> None:
    assert parse('<ol start="²"><li>first</li></ol>', "html").text == "first"


def test_cancel_never_drops_changed_documents(tmp_path: Path, data_dir: Path) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    paths = []
    for number in range(5):
        path = folder / f"doc{number}.md"
        path.write_text(f"# Doc {number}\n\nold text\n", encoding="utf-8")
        paths.append(path)
    index = make_index(folder, data_dir)
    index.update()
    for path in paths:
        path.write_text(path.read_text("utf-8").replace("old", "new revised"), "utf-8")
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    cancel = threading.Event()

    def progress(done: int, total: int, message: str) -> None:
        if done == 2:
            cancel.set()

    report = index.update(progress=progress, cancel=cancel)
    assert report.cancelled and report.updated == 3 and report.total == 5
    follow_up = index.update()
    assert (follow_up.updated, follow_up.unchanged, follow_up.total) == (2, 3, 5)
    assert search(index, "revised").total == 5


def test_damaged_segments_give_a_message_and_are_rebuilt(tmp_path: Path, data_dir: Path) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "a.md").write_text("# Alpha\n\nThe alpha treaty.\n", encoding="utf-8")
    index = make_index(folder, data_dir)
    index.update()
    for segment in index.directory.glob("*.seg"):
        segment.write_bytes(b"")
    with pytest.raises(IndexUnavailableError, match="damaged"):
        search(index, "alpha")
    with pytest.raises(IndexUnavailableError, match="damaged"):
        index.summaries()
    report = index.update()
    assert report.recovered_from is not None
    assert search(index, "alpha").total == 1


@pytest.mark.parametrize(
    ("raw", "title", "text"),
    [
        ("<html><head><title>T</title><body><h1>H</h1><p>treaty</p>", "H", "H\ntreaty"),
        ("<title>Oops<p>treaty body kept", "Oops", "treaty body kept"),
    ],
)
def test_html_head_and_title_end_where_the_body_starts(raw: str, title: str, text: str) -> None:
    document = parse(raw, "html")
    assert (document.metadata.title, document.text) == (title, text)


def test_old_line_endings() -> None:
    crlf = parse("---\r\ntitle: Real\r\nsource: Reuters\r\n---\r\nBody\r\n", "markdown")
    assert (crlf.metadata.title, crlf.metadata.source, crlf.text) == ("Real", "Reuters", "Body")
    mac = parse("Source: Wire\rHeadline\rParagraph\r", "text")
    assert (mac.metadata.title, mac.metadata.source) == ("Headline", "Wire")
    assert mac.text == "Source: Wire\nHeadline\nParagraph"


def test_code_keeps_its_indentation() -> None:
    assert parse("```\n  code\n\n  more\n```\n", "markdown").text == "  code\n\n  more"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("café treaty", "cp1252"),
        ("Le café était fermé à Genève.", "cp1252"),
        ("“Smart quotes” – and € prices…", "cp1252"),
        ("“we will sign” – … €5", "cp1252"),
        ("© 2020 BriefReader™ 40°", "cp1252"),
        ("The World’s largest trade bloc, signed on 15 November. " * 40, "cp1252"),
        ("Umowa została podpisana w Warszawie przez ministrów.", "cp1250"),
        ("Příliš žluťoučký kůň úpěl ďábelské ódy.", "cp1250"),
        ("Договор подписан в Москве министрами.", "cp1251"),
        ("Ο Πρωθυπουργός υπέγραψε τη συνθήκη", "cp1253"),
    ],
)
def test_short_legacy_texts_decode_to_the_right_characters(text: str, encoding: str) -> None:
    decoded, _, _ = decode_counting(text.encode(encoding))
    assert decoded == text


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (
            (
                "A szerződést a két ország külügyminiszterei írták alá Budapesten. A megállapodás"
                " öt évre szól, és kiterjed a kereskedelemre, az energiaügyre és a "
                "környezetvédelemre. A felek vállalják, hogy évente egyeztetnek a végrehajtásról,"
                " és közös bizottságot hoznak létre, amely jelentést készít a parlamenteknek."
            ),
            "iso-8859-2",
        ),
        (
            (
                "Smlouvu podepsali ministři zahraničí obou zemí v Praze. Dohoda platí pět let a "
                "týká se obchodu, energetiky a ochrany životního prostředí. Strany se zavazují, "
                "že se každý rok sejdou a posoudí její provádění, a zřídí společnou komisi, která"
                " bude podávat zprávy parlamentům."
            ),
            "iso-8859-2",
        ),
        (
            (
                "Anlaşma iki ülkenin dışişleri bakanları tarafından Ankara'da imzalandı. Beş yıl "
                "süreyle geçerli olan anlaşma ticaret, enerji ve çevre korumayı kapsıyor. "
                "Taraflar her yıl uygulamayı gözden geçirmek için toplanacaklarını ve meclislere "
                "rapor sunacak ortak bir komisyon kuracaklarını taahhüt ediyor."
            ),
            "cp1254",
        ),
        (
            (
                "条約は両国の外務大臣によって東京で署名された。協定の有効期間は五年間で、貿易、エネルギー、環境保護の分野を対象とする。両国は毎年その実施状況を検討するために会合"
                "を開くことを約束した。"
            ),
            "shift_jis",
        ),
        (
            "條約由兩國外交部長在台北簽署。協定有效期為五年，涵蓋貿易、能源及環境保護等領域。雙方承諾每年舉行會議，檢討協定的執行情況，並交換相關資料。",
            "big5",
        ),
        (
            (
                "Договор подписали министры иностранных дел двух стран в Москве. Соглашение "
                "действует пять лет и охватывает торговлю, энергетику и охрану окружающей среды. "
                "Стороны обязуются ежегодно встречаться."
            ),
            "koi8-r",
        ),
        ("สนธิสัญญาลงนามโดยรัฐมนตรีว่าการกระทรวงการต่างประเทศของทั้งสองประเทศ", "tis-620"),
    ],
)
def test_paragraph_long_legacy_texts_decode_to_the_right_characters(
    text: str, encoding: str
) -> None:
    """Latin-2, Turkish, Japanese, Chinese, Cyrillic and Thai paragraphs: the code pages that a
    detector's first guess most often gets wrong."""
    decoded, _, _ = decode_counting(text.encode(encoding))
    assert decoded == text


def test_loader_result_for_a_real_file_with_crlf(tmp_path: Path) -> None:
    path = tmp_path / "cable.txt"
    path.write_bytes(b"Source: Desk\r\nTitle line\r\n\r\nBody text.\r\n")
    document = load_document(path)
    assert "\r" not in document.text and document.metadata.source == "Desk"


def test_concurrent_updates_never_duplicate_documents(tmp_path: Path, data_dir: Path) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    for number in range(60):
        (folder / f"d{number}.md").write_text(f"# Doc {number}\n\nText {number}.\n", "utf-8")
    errors: list[Exception] = []

    def run() -> None:
        try:
            make_index(folder, data_dir).update()
        except IndexUnavailableError as exc:  # "busy" is an acceptable answer, a duplicate not
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    index = make_index(folder, data_dir)
    assert index.update().total == 60
    assert len(index.summaries()) == 60
    assert all("another BriefReader" in str(error) for error in errors)


def test_data_folder_inside_the_library_is_not_indexed(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "a.md").write_text("# A\n", "utf-8")
    index = Workspace(AppPaths.resolve(folder / "appdata").data_dir).index_for(
        Library.from_folders([folder])
    )
    first = index.update()
    assert (first.indexed, first.skipped) == (1, [])
    tocs = {p: p.stat().st_mtime_ns for p in index.directory.iterdir()}
    second = index.update()
    assert (second.unchanged, second.skipped) == (1, [])
    assert {p: p.stat().st_mtime_ns for p in index.directory.iterdir()} == tocs  # untouched


def one_document_index(tmp_path: Path, data_dir: Path, text: str) -> LibraryIndex:
    """An updated index of a library folder holding one Markdown file with ``text``."""
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "a.md").write_text(text, "utf-8")
    index = make_index(folder, data_dir)
    index.update()
    return index


def test_a_missing_library_folder_keeps_its_documents(tmp_path: Path, data_dir: Path) -> None:
    index = one_document_index(tmp_path, data_dir, "# A\n")
    folder = tmp_path / "lib"
    folder.rename(tmp_path / "elsewhere")
    report = index.update()
    assert (report.removed, report.total) == (0, 1)
    assert report.skipped[0].reason == "folder not found"


def test_an_index_of_an_older_format_is_rebuilt(tmp_path: Path, data_dir: Path) -> None:
    import json

    index = one_document_index(tmp_path, data_dir, "# A protégé\n")
    meta = index.directory / "library.json"
    meta.write_text(json.dumps({"format": 1, "folders": [str(tmp_path / "lib")]}), "utf-8")
    report = index.update()
    assert report.indexed == 1 and report.total == 1
    assert search(index, "protege").total == 1  # accents folded before stemming
