"""The library is layered: a module imports only from its own layer or the layers below.

The layers are the table in docs/architecture.md; this test is what keeps it
true. Imports inside functions and under ``TYPE_CHECKING`` count too: a lazy
upward import is still an upward dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "pushback_lib"

# Lowest first. A name is a top-level module or subpackage of pushback_lib.
LAYERS: list[tuple[str, set[str]]] = [
    ("foundation", {"errors", "_html", "_text", "_schema", "workspace", "learner_progress"}),
    ("model", {"process", "cases", "plan"}),
    ("logic", {"analyzer", "rubric", "decision", "own_case"}),
    ("views", {"charts", "progress_chart"}),
    ("practice", {"practice"}),
    ("grading", {"grading"}),
    ("widgets", {"widgets"}),
    ("instructor", {"instructor"}),
]
LEVEL = {name: i for i, (_, names) in enumerate(LAYERS) for name in names}
FACADE = "pushback_lib/__init__.py"  # the public API: serves every layer (lazily)


def unit(module: str) -> str:
    """``pushback_lib.analyzer.core`` -> ``analyzer``; ``pushback_lib`` -> the facade."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "pushback_lib"


def imports(path: Path, source: str | None = None) -> set[str]:
    """Every pushback_lib module ``path`` (or ``source`` standing at ``path``) imports, dotted."""
    package = list(path.relative_to(ROOT).parts[:-1])
    text = path.read_text(encoding="utf-8") if source is None else source
    found: set[str] = set()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("pushback_lib"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if not target.startswith("pushback_lib"):
                continue
            if node.module is None or target == "pushback_lib":  # from .. import analyzer
                found.update(f"{target}.{a.name}" for a in node.names)
            else:
                found.add(target)
    return found


def module_of(path: Path) -> str:
    """``pushback_lib/analyzer/__init__.py`` -> ``pushback_lib.analyzer``."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def test_every_module_belongs_to_a_layer() -> None:
    units = {unit(module_of(p)) for p in modules()} - {"pushback_lib"}
    assert units <= set(LEVEL), f"not in any layer: {units - set(LEVEL)}"


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_imports_from_a_layer_above_its_own(path: Path) -> None:
    if str(path.relative_to(ROOT)) == FACADE:
        return
    me = unit(module_of(path))
    upward = sorted(m for m in imports(path)
                    if unit(m) != me and LEVEL.get(unit(m), len(LAYERS)) > LEVEL[me])
    assert not upward, (f"{path.relative_to(ROOT)} ({LAYERS[LEVEL[me]][0]} layer) imports from above: "
                        f"{upward}; see docs/architecture.md")


def test_the_check_sees_upward_imports_of_every_form() -> None:
    process = PACKAGE / "process.py"
    source = ("from .widgets import RolePlay\nfrom . import charts\nimport pushback_lib.grading.kit\n"
              "def f():\n    from .instructor.cli import main\n")
    assert imports(process, source) == {"pushback_lib.widgets", "pushback_lib.charts",
                                        "pushback_lib.grading.kit", "pushback_lib.instructor.cli"}
