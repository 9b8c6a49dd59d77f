"""``briefreader entities PATH [--json]``: the named entities of one document.

JSON (a contract): ``{"path": str, "entities": [{"text", "label", "start", "end", "entity"}]}``
with code-point offsets into the canonical text that ``briefreader show PATH --json`` prints.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from briefreader.core.loaders import load_document
from briefreader.core.text.terminal import one_line
from briefreader.core.workspace import Workspace
from briefreader.paths import AppPaths


def add_document_command(
    commands: Any, common: argparse.ArgumentParser, name: str, help_text: str
) -> None:
    """A command about one document: ``NAME PATH [--json]``."""
    command = commands.add_parser(name, parents=[common], help=help_text)
    command.add_argument("path")
    command.add_argument("--json", action="store_true", help="print JSON")


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    add_document_command(commands, common, "entities", "list named entities")


def run(args: argparse.Namespace, paths: AppPaths, workspace: Workspace) -> int:
    document = load_document(Path(args.path))
    raw = workspace.entity_cache.mentions(document)
    mentions = workspace.entity_corrections.corrected(document, raw)
    if args.json:
        payload = {"path": document.metadata.path, "entities": [m.as_json() for m in mentions]}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    for mention in mentions:
        alias = f"  ({mention.entity})" if mention.entity != mention.text else ""
        print(one_line(f"{mention.start:>7}  {mention.label:7} {mention.text}{alias}"))
    return 0
