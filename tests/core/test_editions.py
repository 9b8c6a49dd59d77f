"""The same briefing in several files is one briefing: grouped by folder, name and title,
opened in the format that keeps most structure, in one pass over the rows."""

from __future__ import annotations

import time

from briefreader.core.index.editions import first_per_briefing, group_editions
from briefreader.core.index.library_index import DocumentSummary


def row(path: str, title: str = "Talks Resume") -> DocumentSummary:
    return DocumentSummary(path, title, None, None, 0, 0)


def test_same_folder_name_and_title_are_one_briefing_opened_in_the_richest_format() -> None:
    [briefing, other] = group_editions(
        [row("/d/talks.pdf"), row("/d/talks.docx"), row("/d/other.pdf", "Other")]
    )
    assert briefing.main.path == "/d/talks.docx" and briefing.formats == ["DOCX", "PDF"]
    assert other.formats == ["PDF"] and other.others == ()


def test_another_folder_or_another_title_is_another_briefing() -> None:
    rows = [row("/d/talks.md"), row("/e/talks.pdf"), row("/d/talks.pdf", "Talks Resume, Day 2")]
    assert [len(b.paths) for b in group_editions(rows)] == [1, 1, 1]
    assert len(group_editions([row("/d/Talks.MD"), row("/d/talks.pdf", " talks  resume")])) == 1


def test_grouping_grows_with_the_rows() -> None:
    def timed(count: int) -> float:
        rows = [row(f"/d/{n}.{ext}", f"T{n}") for n in range(count) for ext in ("pdf", "md")]
        started = time.perf_counter()
        assert len(group_editions(rows)) == count
        return time.perf_counter() - started

    timed(1000)  # warm
    small, large = min(timed(5000) for _ in range(3)), min(timed(40000) for _ in range(3))
    assert large / small < 8 * 3  # 8x the rows: about 8x the time, never 64x


def test_ranked_results_keep_a_briefing_once_at_its_best_ranked_file() -> None:
    ranked = [row("/d/talks.pdf"), row("/d/other.md", "Other"), row("/d/talks.docx")]
    assert [r.path for r in first_per_briefing(ranked)] == ["/d/talks.pdf", "/d/other.md"]
