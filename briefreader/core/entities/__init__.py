"""Named entities: mentions of people, organisations, places, nationalities, dates and
treaties, found offline in the canonical text and cached per document version."""

from briefreader.core.entities.extract import Mention, extract_entities
from briefreader.core.entities.labels import LABELS

__all__ = ["LABELS", "Mention", "extract_entities"]
