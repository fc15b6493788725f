"""Every third-party module the package (or a tool) imports is a declared dependency.

A direct import that is only present because something else pulls it in breaks the
day that something drops it; pyproject.toml must name it.
"""

from __future__ import annotations

import ast
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

from tools import sync_environment as sync

ROOT = Path(__file__).resolve().parents[2]
FIRST_PARTY = {"pushback_lib", "tools", "bench", "tests"}
# Absent is fine: psutil is imported only to warm caches before forking workers, inside a try;
# safetensors and tokenizers come with wordllama, which only the embedding experiment
# (tools/embed_features.py, `train_analyzer --embed`) uses, installed by hand, and which it asks
# for by name when missing; the course itself never imports them.
OPTIONAL = {"pushback_lib": {"psutil"}, "tools": {"psutil", "safetensors", "tokenizers"}}


def imported_roots(folder: Path) -> set[str]:
    roots: set[str] = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                roots.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                roots.add(node.module.split(".")[0])
    return roots - set(sys.stdlib_module_names) - FIRST_PARTY


@pytest.mark.parametrize("folder", ["pushback_lib", "tools"])
def test_every_third_party_import_is_declared(folder: str) -> None:
    declared = set(sync.direct_dependencies())
    owners = packages_distributions()
    undeclared = {module: owners.get(module) for module in imported_roots(ROOT / folder) - OPTIONAL[folder]
                  if not {sync.normalise(d) for d in owners.get(module, [module])} & declared}
    assert not undeclared, f"{folder}/ imports these without declaring them in pyproject.toml: {undeclared}"
