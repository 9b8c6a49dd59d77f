"""Importing the program changes nothing and reads no data: Whoosh is patched when an index
is made, and the analysis caches' versions (which digest every word list) are worked out
when a cache is first used."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import REPO

PROBE = """
import json, pkgutil, sys, importlib
from pathlib import Path
opened = []
resources = str(Path("resources").resolve())
def audit(event, args):
    if event == "open" and isinstance(args[0], (str, Path)):
        if str(args[0]).startswith(resources):
            opened.append(str(args[0]))
sys.addaudithook(audit)
from whoosh.filedb import structfile
original = structfile.BufferFile.__init__
import briefreader
for module in pkgutil.walk_packages(briefreader.__path__, "briefreader."):
    if ".ui" not in module.name and module.name != "briefreader.__main__":
        importlib.import_module(module.name)
from briefreader.core.entities.cache import extractor_format
from briefreader.core.facts.cache import facts_format
print(json.dumps({
    "opened": opened,
    "patched": structfile.BufferFile.__init__ is not original,
    "versions": [extractor_format.cache_info().currsize, facts_format.cache_info().currsize],
}))
"""


def test_importing_reads_no_word_list_and_patches_nothing() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=REPO, capture_output=True, text=True, check=True
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report == {"opened": [], "patched": False, "versions": [0, 0]}


def test_an_index_installs_the_whoosh_patch_when_it_is_made(tmp_path: Path) -> None:
    code = (
        "from pathlib import Path\n"
        "from whoosh.filedb import structfile\n"
        "original = structfile.BufferFile.__init__\n"
        "from briefreader.core.library import Library\n"
        "from briefreader.core.workspace import Workspace\n"
        f"Workspace(Path({str(tmp_path)!r})).index_for(Library.from_folders([{str(tmp_path)!r}]))\n"
        "print(structfile.BufferFile.__init__ is not original)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "True"
