"""Validating every lesson notebook with nbval, against as many bare kernel starts.

nbval starts one kernel per notebook, so the floor for N notebooks is N bare
kernel starts measured in the same run; the ratio shows what the lessons' own
cells cost on top of starting their kernels. A validation that fails is an
error, not a figure: its summary is raised so the bench table says why.
"""

from __future__ import annotations

import subprocess
import time

from bench import Context, Figure, env

LESSONS = "[01][0-9]-*.ipynb"


def figures(ctx: Context) -> list[Figure]:
    notebooks = sorted(p for p in (ctx.root / "course").glob(LESSONS)
                       if not p.name.startswith("12-"))
    if not notebooks:
        return []
    cmd = [ctx.python, "-m", "pytest", "--nbval", "--nbval-sanitize-with",
           "tests/nbval_sanitize.cfg", "-p", "no:cacheprovider", "-q",
           *[str(p.relative_to(ctx.root)) for p in notebooks]]
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ctx.root, env=env(), capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        summary = [line for line in proc.stdout.splitlines() if line.startswith("FAILED")]
        raise RuntimeError("nbval failed on the lessons: " + "; ".join(summary or [proc.stdout[-500:]]))
    floor = ctx.bare_kernel_start() * len(notebooks)
    return [Figure(f"nbval, {len(notebooks)} lesson notebooks", elapsed, "s",
                   f"{len(notebooks)} x bare kernel start", floor,
                   note=f"{elapsed / len(notebooks):.2f} s per notebook")]
