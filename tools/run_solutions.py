"""``make solutions``: re-run the source assignments in a fresh kernel and store their outputs.

The source notebooks in ``solutions/`` carry stored outputs that nbval checks
in ``make test``; when the library changes what it prints (an analysis, a
rubric), this refreshes them. Each notebook runs from its own folder, as
nbval runs it, without timing metadata so the files change only when the
outputs do. Run ``make release`` afterwards to regenerate ``exercises/``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent


def run(path: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(nb, timeout=120, kernel_name="python3", record_timing=False,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    nbformat.validate(nb)
    nbformat.write(nb, path)
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    paths = sorted((ROOT / "solutions").glob("*/*.ipynb"))
    chosen = [p for p in paths if not argv or any(a in p.name for a in argv)]
    for path in chosen:
        print(f"ran {path.relative_to(ROOT)} in {run(path):.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
