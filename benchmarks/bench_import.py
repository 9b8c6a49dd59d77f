"""Time and peak memory of ``briefreader notes import`` for a large export (default 100,000
notes on 20 documents), run as the analyst would: a separate ``briefreader`` process on a new
data folder. Every note is checked against its document, so the documents are real files.

    python benchmarks/bench_import.py [--notes N] [--documents D]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from briefreader.core.annotations.anchoring import quote_selector
from briefreader.core.annotations.export import to_json_ld
from briefreader.core.annotations.model import Annotation
from briefreader.core.loaders import load_document

PARAGRAPH = (
    "The delegations met in Vienna to review verification of the agreement, and the "
    "inspectors reported on sites visited since the last session. "
)


def build(folder: Path, notes: int, documents: int) -> Path:
    items: list[Annotation] = []
    per_document = notes // documents
    for number in range(documents):
        path = folder / f"briefing-{number}.md"
        path.write_text(
            f"# Briefing {number}\n\n" + "\n\n".join(PARAGRAPH * 3 for _ in range(400)),
            encoding="utf-8",
        )
        document = load_document(path)
        text = document.text
        for n in range(per_document):
            start = (n * 97) % (len(text) - 200)
            end = start + 40
            exact, prefix, suffix = quote_selector(text, start, end)
            items.append(
                Annotation(
                    id=str(uuid.uuid4()), path=document.metadata.path,
                    sha256=document.metadata.sha256, exact=exact, prefix=prefix, suffix=suffix,
                    start=start, end=end, color="key", comment=f"note {n}", tags=["bench"],
                    created="2026-01-01T00:00:00+00:00", modified="2026-01-01T00:00:00+00:00",
                )
            )
    export = folder / "notes.json"
    export.write_text(to_json_ld(items), encoding="utf-8")
    return export


# The import in its own process, reporting the peak of its own memory (VmHWM starts afresh at
# exec; the resource module's figure would include the benchmark's memory before it).
CHILD = """
import sys
from briefreader.cli.main import main
code = main(sys.argv[1:])
peak = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(int(peak.split()[1]) // 1024, file=sys.stderr)
sys.exit(code)
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--notes", type=int, default=100_000)
    parser.add_argument("--documents", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        export = build(folder, args.notes, args.documents)
        size = export.stat().st_size / 1e6
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", CHILD, "notes", "import", str(export),
             "--data-dir", str(folder / "data")],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        seconds = time.perf_counter() - started
        if done.returncode:
            sys.exit(done.stderr)
        peak = int(done.stderr.split()[-1])
        print(done.stdout.strip())
        print(f"import of {args.notes:,} notes ({size:.0f} MB of JSON): {seconds:.1f} s, "
              f"peak {peak:.0f} MB")  # fmt: skip


if __name__ == "__main__":
    main()
