"""Entity and fact extraction stay linear in the text, on ordinary prose and on the shapes
that made patterns quadratic: capitalised words with no spaces, one repeated sentence, one
endless line (a ratio test per step, like the loaders')."""

from __future__ import annotations

import random
import string
import time
from collections.abc import Callable

import pytest

from briefreader.core.entities import extract_entities
from briefreader.core.entities.model import model_spans
from briefreader.core.facts import extract_facts


def _capitalised_run(size: int) -> str:
    chooser = random.Random(size)
    words, length = [], 0
    while length < size:
        tail = "".join(chooser.choice(string.ascii_lowercase) for _ in range(chooser.randint(2, 8)))
        words.append(chooser.choice(string.ascii_uppercase) + tail)
        length += len(words[-1])
    return "".join(words)[:size]


def _repeated_sentence(size: int) -> str:
    sentence = "The Treaty of Northern Waters was signed by President Anna Berg in Oslo. "
    return (sentence * (size // len(sentence) + 1))[:size]


def _prose(size: int) -> str:
    chooser = random.Random(7)
    words = ["the", "agreement", "Norway", "talks", "on", "12 May 2021", "Minister", "Erik",
             "Lund", "said", "and", "European Union", "will", "trade", "."]  # fmt: skip
    out: list[str] = []
    length = 0
    while length < size:
        out.append(chooser.choice(words))
        length += len(out[-1]) + 1
    return " ".join(out)[:size]


SHAPES = {"capitalised": _capitalised_run, "repeated": _repeated_sentence, "prose": _prose}
STEPS: dict[str, Callable[[str], object]] = {
    "rules": lambda text: extract_entities(text, model=False),
    "model": model_spans,
    "combined": extract_entities,  # the model's spans with the rules laid over them
    "facts": lambda text: extract_facts(text, extract_entities(text, model=False), None),
}


def _seconds(step: Callable[[str], object], text: str) -> float:
    best = float("inf")
    for _ in range(2):
        started = time.perf_counter()
        step(text)
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.parametrize("shape", sorted(SHAPES))
@pytest.mark.parametrize("step", sorted(STEPS))
def test_extraction_time_grows_linearly(step: str, shape: str) -> None:
    run = STEPS[step]
    run("warm up: Anna Berg in Oslo.")
    size = 6_000 if step in ("model", "combined") else 12_000
    small = _seconds(run, SHAPES[shape](size))
    large = _seconds(run, SHAPES[shape](size * 8))
    # Eight times the text: linear is about 8x; quadratic would be about 64x.
    assert large / max(small, 1e-3) < 24, (step, shape, small, large)
