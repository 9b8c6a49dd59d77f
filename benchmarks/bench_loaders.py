"""Time and peak memory of loading hostile 10 MB files of each format; prints a table.

Each case runs in a fresh process so its peak resident memory (ru_maxrss) is its own; the
baseline (an empty load) is subtracted. Usage: ``python benchmarks/bench_loaders.py [--mb 10]``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

CASES = {
    "markdown, **b** repeated": ("md", "**b** "),
    "markdown, tiny paragraphs": ("md", "a\n\n"),
    "markdown, bold paragraphs": ("md", "**b** x\n\n"),
    "html, <b>b</b> repeated": ("html", "<b>b</b> "),
    "html, tiny paragraphs": ("html", "<p>a</p>"),
    "text, short lines": ("txt", "ab\n"),
    "text, wrapped paragraphs": ("txt", "a few words of a cable line\n\n"),
}

PROBE = """
import json, resource, sys, time
from pathlib import Path
from briefreader.core.loaders import load_document
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
path = Path(sys.argv[1])
started = time.perf_counter()
document = load_document(path) if path.stat().st_size else None
elapsed = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": elapsed, "kb": peak - before,
                  "blocks": len(document.blocks) if document else 0}))
"""


def run(path: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", PROBE, str(path)], capture_output=True,
                         text=True, check=True).stdout  # fmt: skip
    return json.loads(out)  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=9.5, help="size of each file (limit: 10)")
    args = parser.parse_args()
    size = int(args.mb * 1024 * 1024)
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'case':30} {'MB':>5} {'seconds':>8} {'peak/size':>10} {'blocks':>7}")
        for name, (suffix, unit) in CASES.items():
            path = Path(tmp) / f"case.{suffix}"
            path.write_text(unit * (size // len(unit)), encoding="utf-8")
            result = run(path)
            ratio = result["kb"] * 1024 / path.stat().st_size
            print(f"{name:30} {path.stat().st_size / 1e6:5.1f} {result['seconds']:8.1f} "
                  f"{ratio:9.1f}x {int(result['blocks']):7}")  # fmt: skip


if __name__ == "__main__":
    main()
