"""Word recall of the PDF and Word loaders against pdftotext and pandoc; prints a table.

The reference readers are the ones analysts would otherwise reach for: poppler's ``pdftotext``
for PDF and ``pandoc -t plain`` for .docx (Debian's ``poppler-utils`` and ``pandoc``; ``make
bench-recall`` installs them when missing). For every ``.pdf`` and ``.docx`` under the folders
given, the file is loaded by ``load_document`` in a child process (so a crash or a hang costs
one file, not the run) and by the reference tool, and both texts are cut into words.

*Recall* is the share of the reference's words (as a multiset, case-folded, NFKC-normalised)
that BriefReader shows too (its canonical text and the numbers the reader draws beside an
ordered list's items); *precision* is the share of BriefReader's words that the
reference has, which catches text read twice or junk. A line-end hyphen in the reference
("arti-⏎cles") is joined, as the loaders join it. Files whose reference has fewer than
``--min-words`` words are counted as textless, not scored; files BriefReader refuses are
listed with its reason, and counted against it when the reference read text from them.

The files stay out of git: the figures in ``benchmarks/README.md`` come from the PDF and .docx
files in the test suites of other projects (see there). Usage:
``python benchmarks/bench_recall.py FOLDER [FOLDER ...] [--worst 10] [--json OUT]``.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

LOAD_SECONDS = 120
REFERENCE_SECONDS = 60
# Chinese, Japanese and Korean are written without spaces: each character counts as a word,
# or a line broken at another place would count the whole run as missed.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
WORD = re.compile(rf"[{_CJK}]|(?:(?![{_CJK}])\w)+")
LINE_END_HYPHEN = re.compile(r"(\w)-\n\s*(\w)")

PROBE = r"""
import json, sys
from pathlib import Path
from briefreader.core.errors import LoadError
from briefreader.core.loaders import load_document
try:
    document = load_document(Path(sys.argv[1]))
except LoadError as exc:
    print(json.dumps({"error": str(exc)}))
else:
    # The reader draws an ordered list's numbers beside its items; they are shown text.
    def label(number, style):
        if style in "aA":
            letters = ""
            while number > 0:
                number, rest = divmod(number - 1, 26)
                letters = chr(ord(style) + rest) + letters
            return letters
        if style in "iI":
            roman = ""
            for value, digits in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"),
                    (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"),
                    (5, "v"), (4, "iv"), (1, "i")):
                while number >= value:
                    roman, number = roman + digits, number - value
            return roman.upper() if style == "I" else roman
        return str(number)
    numbers = " ".join(
        label(b.ordinal, b.number_style) for b in document.blocks if b.ordinal is not None
    )
    print(json.dumps({"text": document.text + "\n" + numbers}))
"""


@dataclass
class Outcome:
    """One file's result: recall and precision, or why it was not scored."""

    path: str
    kind: str
    reference_words: int
    words: int = 0
    recall: float | None = None
    precision: float | None = None
    status: str = "scored"
    reason: str = ""


def words_of(text: str) -> Counter[str]:
    text = unicodedata.normalize("NFKC", text).casefold()
    return Counter(WORD.findall(text))


def reference_text(path: Path) -> str:
    if path.suffix.lower() == ".pdf":
        command = ["pdftotext", "-enc", "UTF-8", str(path), "-"]
    else:
        command = ["pandoc", "--wrap=none", "-t", "plain", str(path)]
    try:
        done = subprocess.run(command, capture_output=True, timeout=REFERENCE_SECONDS)
    except subprocess.TimeoutExpired:
        return ""
    text = done.stdout.decode("utf-8", "replace")
    return LINE_END_HYPHEN.sub(r"\1\2", text)


def briefreader_text(path: Path) -> tuple[str | None, str]:
    """BriefReader's text of the file, or None and the reason it gave (or the crash)."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", PROBE, str(path)],
            capture_output=True,
            timeout=LOAD_SECONDS,
        )
    except subprocess.TimeoutExpired:
        return None, f"no answer after {LOAD_SECONDS} s"
    if done.returncode != 0:
        last = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
        return None, f"crashed (exit {done.returncode}): {' '.join(last)}"
    answer = json.loads(done.stdout)
    if "error" in answer:
        return None, answer["error"]
    return answer["text"], ""


def measure(path: Path, min_words: int) -> Outcome:
    kind = "PDF" if path.suffix.lower() == ".pdf" else "Word"
    reference = words_of(reference_text(path))
    total = sum(reference.values())
    outcome = Outcome(str(path), kind, total)
    text, reason = briefreader_text(path)
    if text is None:
        outcome.status = "refused" if total >= min_words else "textless"
        outcome.reason = reason
        return outcome
    ours = words_of(text)
    outcome.words = sum(ours.values())
    if total < min_words:
        outcome.status = "textless"
        return outcome
    shared = sum((reference & ours).values())
    outcome.recall = shared / total
    outcome.precision = shared / outcome.words if outcome.words else 0.0
    return outcome


def briefings_under(folders: list[Path]) -> Iterator[Path]:
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix.lower() in {".pdf", ".docx"}:
                yield path


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(outcomes: list[Outcome], worst: int) -> None:
    print(
        f"{'format':<6} {'files':>5} {'scored':>6} {'textless':>8} {'refused':>7} "
        f"{'recall median':>13} {'p10':>5} {'min':>5} {'precision median':>16} {'p10':>5}"
    )
    for kind in ("PDF", "Word"):
        mine = [o for o in outcomes if o.kind == kind]
        scored = [o for o in mine if o.status == "scored"]
        recalls = [o.recall for o in scored if o.recall is not None]
        precisions = [o.precision for o in scored if o.precision is not None]
        refused = [o for o in mine if o.status == "refused"]
        if not recalls:
            continue
        print(
            f"{kind:<6} {len(mine):>5} {len(scored):>6} "
            f"{sum(o.status == 'textless' for o in mine):>8} {len(refused):>7} "
            f"{statistics.median(recalls):>13.3f} {percentile(recalls, 0.1):>5.2f} "
            f"{min(recalls):>5.2f} {statistics.median(precisions):>16.3f} "
            f"{percentile(precisions, 0.1):>5.2f}"
        )
    refused = [o for o in outcomes if o.status == "refused"]
    if refused:
        print("\nrefused, where the reference read text:")
        for o in refused:
            print(f"  {o.reference_words:>6} words  {o.path}: {o.reason}")
    scored = sorted((o for o in outcomes if o.status == "scored"), key=lambda o: o.recall or 0.0)
    print(f"\nlowest recall ({worst}):")
    for o in scored[:worst]:
        print(
            f"  recall {o.recall:.2f} precision {o.precision:.2f} "
            f"({o.words}/{o.reference_words} words)  {o.path}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--min-words", type=int, default=5)
    parser.add_argument("--worst", type=int, default=10)
    parser.add_argument("--json", type=Path, help="write every file's outcome here")
    options = parser.parse_args()
    missing = [tool for tool in ("pdftotext", "pandoc") if shutil.which(tool) is None]
    if missing:
        sys.exit(
            f"needs {' and '.join(missing)} (Debian: poppler-utils, pandoc); "
            "`make bench-recall` installs them"
        )
    paths = list(briefings_under(options.folders))
    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = list(pool.map(lambda path: measure(path, options.min_words), paths))
    report(outcomes, options.worst)
    if options.json:
        options.json.write_text(json.dumps([asdict(o) for o in outcomes], indent=1))


if __name__ == "__main__":
    main()
