"""``make bench``: figures measured as ratios against floors from the same run.

Each ``bench/bench_<area>.py`` module defines ``figures(ctx: Context) -> list[Figure]``.
A figure reports a measured value beside a floor measured in the same run on
the same machine (a bare interpreter start, a bare kernel start, a plain pip
install...), so the table means something on any machine. Floors are measured
once per run and shared through ``Context``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


@dataclass
class Figure:
    """One row of the bench table."""

    name: str
    value: float
    unit: str
    floor_name: str = ""
    floor: float | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.floor in (None, 0):
            return None
        return self.value / self.floor


@dataclass
class Context:
    """Shared, lazily measured floors for one bench run."""

    root: Path = ROOT
    python: str = PYTHON
    _floors: dict[str, float] = field(default_factory=dict)

    def floor(self, name: str, measure: Callable[[], float]) -> float:
        """Measure a floor once per run and reuse it."""
        if name not in self._floors:
            self._floors[name] = measure()
        return self._floors[name]

    def bare_python(self) -> float:
        """Median wall time of ``python -c pass`` (seconds)."""
        return self.floor("python -c pass", lambda: median_time([self.python, "-c", "pass"], 7))

    def bare_kernel_start(self) -> float:
        """Median time to start an ipykernel and run one empty cell (seconds)."""
        code = ("from jupyter_client.manager import start_new_kernel\n"
                "km, kc = start_new_kernel(kernel_name='python3')\n"
                "kc.execute_interactive('pass', timeout=60)\n"
                "kc.stop_channels(); km.shutdown_kernel(now=True)\n")
        return self.floor("bare kernel start", lambda: median_time([self.python, "-c", code], 3))


def env() -> dict[str, str]:
    """The environment every benchmarked command runs in: the venv's bin first."""
    e = dict(os.environ)
    e["PATH"] = f"{Path(PYTHON).parent}{os.pathsep}{e.get('PATH', '')}"
    e.setdefault("MPLBACKEND", "Agg")
    return e


def time_command(cmd: list[str], cwd: Path | None = None, check: bool = True) -> float:
    """Wall time of one run of a command, in seconds."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd or ROOT, env=env(), stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if check and proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return elapsed


def median_time(cmd: list[str], repeat: int, cwd: Path | None = None) -> float:
    """Median wall time of several runs of a command, in seconds."""
    return statistics.median(time_command(cmd, cwd) for _ in range(repeat))
