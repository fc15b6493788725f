"""Fresh set-up time: our `make venv` path (uv from the lock) against plain pip.

Both start from an empty virtual environment and an empty package cache, so
each downloads everything from the registry as a newcomer's machine would.
The floor is a plain ``pip install`` of the six named course packages.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from bench import ROOT, Context, Figure

SIX = ["jupyterlab", "ipywidgets", "nbgrader", "matplotlib", "pytest", "nbval"]
UV_VERSION = "0.13.8"


def _run(cmd: list[str], env: dict[str, str]) -> None:
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if proc.returncode:
        raise RuntimeError(f"{' '.join(cmd)} failed: {proc.stderr[-2000:]}")


def _timed(setup_steps) -> float:
    start = time.perf_counter()
    setup_steps()
    return time.perf_counter() - start


def figures(ctx: Context) -> list[Figure]:
    python = shutil.which("python3.11") or shutil.which("python3") or "python3"
    with tempfile.TemporaryDirectory(prefix="pushback-setup-") as tmp:
        tmp_path = Path(tmp)
        env = dict(os.environ, PIP_NO_CACHE_DIR="1", UV_CACHE_DIR=str(tmp_path / "uv-cache"),
                   PIP_DISABLE_PIP_VERSION_CHECK="1")

        def plain_pip() -> None:
            venv = tmp_path / "pip-venv"
            _run([python, "-m", "venv", str(venv)], env)
            _run([str(venv / "bin" / "pip"), "install", "--quiet", *SIX], env)

        def ours() -> None:
            venv = tmp_path / "uv-venv"
            _run([python, "-m", "venv", str(venv)], env)
            vpy = str(venv / "bin" / "python")
            _run([vpy, "-m", "pip", "install", "--quiet", f"uv=={UV_VERSION}"], env)
            uv = str(venv / "bin" / "uv")
            _run([uv, "pip", "install", "--quiet", "--compile-bytecode", "--python", vpy, "-r",
                  str(ROOT / "requirements.lock")], env)  # as the Makefile does
            _run([uv, "pip", "install", "--quiet", "--python", vpy, "--no-deps", "-e", str(ROOT)], env)

        floor = ctx.floor("plain pip install of the six", lambda: _timed(plain_pip))
        value = _timed(ours)
    return [Figure("fresh set-up (venv + uv + full lock)", value, "s",
                   "plain pip install of the six", floor,
                   note="both from empty caches; ours installs the whole pinned lock")]
