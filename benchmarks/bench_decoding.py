"""How many files of a public corpus of encoded text each decoder reads right; prints a table.

The corpus is the test suite of the chardet 5.2.0 source distribution: ``tests/<encoding>-
<language>/`` folders of real text in about 40 encodings. It is fetched with ``pip download``
into a cache folder (nothing is committed). A file is read right when the decoded text equals
the text decoded with its folder's labelled encoding (after a byte-order mark, if any). Three
decoders: BriefReader's, charset-normalizer's first guess, and chardet's (the installed
release, which BriefReader itself uses for texts longer than a few lines).

Usage: ``python benchmarks/bench_decoding.py [--cache DIR]``
"""

from __future__ import annotations

import argparse
import codecs
import subprocess
import sys
import tarfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import chardet
from charset_normalizer import from_bytes

from briefreader.core.errors import LoadError
from briefreader.core.loaders.decoding import decode_counting

DEFAULT_CACHE = Path.home() / ".cache" / "briefreader-bench"
# Folder labels Python's codecs do not know by that name.
ALIASES = {
    "maccyrillic": "mac_cyrillic",
    "macroman": "mac_roman",
    "iso-2022-jp": "iso2022_jp",
    "iso-2022-kr": "iso2022_kr",
}


def corpus(cache: Path) -> Path:
    tests = cache / "chardet-5.2.0" / "tests"
    if not tests.is_dir():
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary",
             ":all:", "chardet==5.2.0", "-d", str(cache)],
            check=True,
        )  # fmt: skip
        with tarfile.open(cache / "chardet-5.2.0.tar.gz") as archive:
            archive.extractall(cache, filter="data")
    return tests


def label_encoding(folder: str) -> str:
    name = folder.lower()
    if name in ALIASES:
        return ALIASES[name]
    parts = name.split("-")
    for cut in range(len(parts), 0, -1):
        candidate = "-".join(parts[:cut])
        try:
            codecs.lookup(candidate)
            return candidate
        except LookupError:
            continue
    raise LookupError(folder)


def expected_text(data: bytes, encoding: str) -> str:
    text = data.decode(encoding, errors="replace")
    return text.lstrip("\ufeff")


def by_guess(guess: Callable[[bytes], str | None]) -> Callable[[bytes], str | None]:
    def decode(data: bytes) -> str | None:
        encoding = guess(data)
        if not encoding:
            return None
        try:
            return data.decode(encoding).lstrip("\ufeff")
        except (LookupError, UnicodeDecodeError):
            return None

    return decode


def ours(data: bytes) -> str | None:
    try:
        return decode_counting(data)[0].lstrip("\ufeff")
    except LoadError:
        return None


def normalizer(data: bytes) -> str | None:
    best = from_bytes(data).best()
    return str(best).lstrip("\ufeff") if best is not None else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    args = parser.parse_args()
    tests = corpus(args.cache)
    decoders = {
        "briefreader": ours,
        "charset-normalizer": normalizer,
        f"chardet {chardet.__version__}": by_guess(lambda data: chardet.detect(data)["encoding"]),
    }
    right: Counter[str] = Counter()
    wrong: dict[str, Counter[str]] = {name: Counter() for name in decoders}
    files = 0
    skipped = []
    for folder in sorted(p for p in tests.iterdir() if p.is_dir()):
        try:
            encoding = label_encoding(folder.name)
        except LookupError:  # EUC-TW: Python has no codec to say what the text is
            skipped.append(folder.name)
            continue
        for path in sorted(folder.iterdir()):
            data = path.read_bytes()
            want = expected_text(data, encoding)
            files += 1
            for name, decode in decoders.items():
                if decode(data) == want:
                    right[name] += 1
                else:
                    wrong[name][folder.name] += 1
    print(f"{files} files (left out, no Python codec: {', '.join(skipped) or 'none'})")
    for name in decoders:
        worst = ", ".join(f"{k} {v}" for k, v in wrong[name].most_common(5))
        print(f"{name:20} {right[name]:4} right   misses: {worst}")


if __name__ == "__main__":
    main()
