"""Annotations: highlights, comments and tags on passages, kept in the app-data folder and
re-attached to their passage when the document changes."""

from briefreader.core.annotations.anchoring import Anchor, anchor, quote_selector
from briefreader.core.annotations.model import Annotation, Palette
from briefreader.core.annotations.store import AnnotationStore

__all__ = ["Anchor", "Annotation", "AnnotationStore", "Palette", "anchor", "quote_selector"]
