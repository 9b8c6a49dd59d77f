"""``briefreader facts PATH [--json]``: the treaty facts of one document.

JSON (a contract): ``{"path": str, "treaties": [{"name", "parties": [], "signatories": [],
"signed_date", "signed_place", "duration", "areas": [], "obligations": [], "exclusions": [],
"status", "evidence": {FIELD: [{"start", "end"}]}}], "mentioned": [str]}``, ``null`` for an
unknown single value, offsets into the canonical text of ``briefreader show PATH --json``.
Each treaty also carries ``description`` (what the text calls an agreement it never names),
``edited`` (fields the analyst corrected) and ``confirmed`` ("field:value" of values the analyst
confirmed), and ``confidence`` (``{FIELD: number or [number]}``, aligned with the values:
``core.facts.confidence``): the analyst's corrections from the window are laid over the
extracted facts.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from briefreader.cli.entities import add_document_command
from briefreader.core.facts.fields import FACT_FIELDS
from briefreader.core.loaders import load_document
from briefreader.core.text.terminal import one_line
from briefreader.core.workspace import Workspace
from briefreader.paths import AppPaths


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    add_document_command(commands, common, "facts", "list treaty facts")


def run(args: argparse.Namespace, paths: AppPaths, workspace: Workspace) -> int:
    document = load_document(Path(args.path))
    extracted = workspace.facts_cache.facts(document)
    facts = workspace.fact_corrections.corrected(document.metadata.path, extracted)
    if args.json:
        print(json.dumps(facts.as_json(document.metadata.path), ensure_ascii=False, indent=2))
        return 0
    if not facts.treaties:
        print("no agreement reported")
    for treaty in facts.treaties:
        print(one_line(treaty.name or treaty.description or "Unnamed agreement"))
        for field in FACT_FIELDS:
            key, label = field.key, field.label
            value = getattr(treaty, key)
            label = f"{label} (edited)" if key in treaty.edited else label
            if isinstance(value, list):
                for item in value:
                    print(one_line(f"  {label}: {item}"))
            elif value:
                print(one_line(f"  {label}: {value}"))
    if facts.mentioned:
        print(one_line("Mentioned: " + "; ".join(facts.mentioned)))
    return 0
