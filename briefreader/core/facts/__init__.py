"""Treaty facts: the agreements a document reports on and what it says of each (parties,
signatories, date and place of signing, duration, status, areas, obligations, exclusions),
every fact tied to the sentences it came from."""

from briefreader.core.facts.extract import document_facts, extract_facts
from briefreader.core.facts.model import FIELDS, DocumentFacts, TreatyFacts

__all__ = ["FIELDS", "DocumentFacts", "TreatyFacts", "document_facts", "extract_facts"]
