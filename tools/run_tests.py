"""Run every test of the course in one pytest session, and refuse to pass empty.

``make test`` calls this. It first runs ruff and mypy (configured in
``pyproject.toml``) and stops at the first complaint, then runs the unit,
property, end-to-end and browser
tests under ``tests/`` and validates the lesson and solution notebooks with
nbval, then reads the JUnit report and fails unless at least one unit test and
one notebook ran: a test run that silently collected nothing must never be green.
In CI (``PUSHBACK_REQUIRE_ALL=1``, set by ``.ci/run``) a skipped browser or hub
test fails the run too (:mod:`tools.pytest_require_all`).

``make test-fast`` calls it with ``--fast``: the unit and property tests only
(nothing marked ``slow``, ``browser`` or ``root``; a test that starts a kernel
fails, see :mod:`tools.pytest_no_kernels`), no notebooks, and the time it took.
"""

from __future__ import annotations

import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
FAST_BUDGET_S = 60
FAST_MARKERS = "not slow and not browser and not root"


def pytest_command(extra: list[str]) -> list[str]:
    notebooks = [p for p in ("course", "solutions") if any((ROOT / p).rglob("*.ipynb"))]
    return [sys.executable, "-m", "pytest", "tests", *notebooks,
            "--nbval", "--nbval-sanitize-with", "tests/nbval_sanitize.cfg",
            "--nbval-cell-timeout", "120",
            "-p", "no:cacheprovider",
            f"--junitxml={ARTIFACTS / 'junit.xml'}", *extra]


LINTERS = (("ruff", [sys.executable, "-m", "ruff", "check", "."]),
           ("mypy", [sys.executable, "-m", "mypy"]))


def lint() -> int:
    """ruff, then mypy; the exit code of the first that complains (0 when both are clean)."""
    for name, command in LINTERS:
        start = time.perf_counter()
        code = subprocess.call(command, cwd=ROOT)
        verdict = "clean" if code == 0 else "FAILED"
        print(f"make test: {name} {verdict} in {time.perf_counter() - start:.1f} s")
        if code != 0:
            return code
    return 0


def fast_command(extra: list[str]) -> list[str]:
    return [sys.executable, "-m", "pytest", "tests", "-m", FAST_MARKERS, "-q",
            "-p", "tools.pytest_no_kernels", "-p", "no:cacheprovider", *extra]


def run_fast(extra: list[str]) -> int:
    """The inner loop: unit and property tests, no kernel, server or browser; timed."""
    start = time.perf_counter()
    code = subprocess.call(fast_command(extra), cwd=ROOT)
    seconds = time.perf_counter() - start
    verdict = "passed" if code == 0 else f"FAILED (pytest exit code {code})"
    print(f"make test-fast: {verdict} in {seconds:.1f} s (budget {FAST_BUDGET_S} s)")
    if seconds > FAST_BUDGET_S:
        print(f"make test-fast: over its {FAST_BUDGET_S} s budget: mark the slowest new tests "
              "@pytest.mark.slow (see --durations)", file=sys.stderr)
    return code


def count_ran(report: Path) -> tuple[int, int]:
    """(unit tests run, notebook cells run), excluding skipped ones."""
    tree = ET.parse(report)
    unit = cells = 0
    for case in tree.iter("testcase"):
        if case.find("skipped") is not None:
            continue
        if case.get("file", "").endswith(".ipynb") or ".ipynb" in case.get("classname", ""):
            cells += 1
        else:
            unit += 1
    return unit, cells


def main(argv: list[str]) -> int:
    if argv[:1] == ["--fast"]:
        return run_fast(argv[1:])
    if argv[:1] == ["--lint"]:
        return lint()
    code = lint()
    if code != 0:
        return code
    ARTIFACTS.mkdir(exist_ok=True)
    report = ARTIFACTS / "junit.xml"
    report.unlink(missing_ok=True)
    code = subprocess.call(pytest_command(argv), cwd=ROOT)
    if code != 0:
        print(f"make test: FAILED (pytest exit code {code})", file=sys.stderr)
        return code or 1
    if not report.exists():
        print("make test: FAILED: pytest wrote no report", file=sys.stderr)
        return 1
    unit, cells = count_ran(report)
    print(f"make test: {unit} tests and {cells} notebook cells ran")
    if unit == 0 or cells == 0:
        print("make test: FAILED: a run with no unit test or no notebook is not a pass",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
