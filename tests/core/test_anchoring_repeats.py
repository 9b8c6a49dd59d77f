"""Re-anchoring a quote that boilerplate repeats thousands of times: the right occurrence
(its own context) is found, and the cost grows with the text, not with occurrences times
notes."""

from __future__ import annotations

import time

from briefreader.core.annotations.anchoring import anchor, quote_selector

LINE = "The delegations met again on the fisheries question and agreed the annex."


def _text(copies: int, marker_at: int) -> str:
    lines = [f"{LINE}" for _ in range(copies)]
    lines[marker_at] = f"Only here: {LINE}"
    return "\n".join(lines)


def test_the_repeated_quote_in_its_own_context_is_found_after_an_edit_before_it() -> None:
    text = _text(2000, 1500)
    start = text.index("Only here: ") + len("Only here: ")
    exact, prefix, suffix = quote_selector(text, start, start + 20)
    edited = "A new opening paragraph.\n" + text
    found = anchor(edited, exact, prefix, suffix, start, start + 20)
    shift = len("A new opening paragraph.\n")
    assert found is not None and (found.start, found.end) == (start + shift, start + 20 + shift)


def test_without_its_context_the_nearest_occurrence_wins() -> None:
    text = _text(2000, 10)
    start = text.index(LINE, len(LINE) * 700)
    exact, _prefix, _suffix = quote_selector(text, start, start + 25)
    edited = text[:100] + "XYZ" + text[100:]  # everything after shifts by three
    found = anchor(edited, exact, "changed prefix", "changed suffix", start, start + 25)
    assert found is not None and abs(found.start - (start + 3)) <= len(LINE) + 1


def test_re_anchoring_many_notes_grows_with_the_text() -> None:
    def timed(copies: int) -> float:
        text = _text(copies, copies // 2)
        edited = "Opening.\n" + text
        notes = copies // 40  # a note every forty lines: notes grow with the text too
        starts = [n * (len(text) // notes) for n in range(notes)]
        began = time.perf_counter()
        for start in starts:
            exact, prefix, suffix = quote_selector(text, start, start + 30)
            assert anchor(edited, exact, prefix, suffix, start, start + 30) is not None
        return time.perf_counter() - began

    timed(500)
    small, large = min(timed(2000) for _ in range(2)), min(timed(16000) for _ in range(2))
    assert large / small < 8 * 3  # 8x the text: about 8x the time, never 64x
