"""Validating every lesson notebook with nbval, against as many bare kernel starts.

nbval starts one kernel per notebook, so the floor for N notebooks is N bare
kernel starts measured in the same run; the ratio shows what the lessons' own
cells cost on top of starting their kernels.
"""

from __future__ import annotations

import sys

from bench import Context, Figure, time_command

LESSONS = "[01][0-9]-*.ipynb"


def figures(ctx: Context) -> list[Figure]:
    notebooks = sorted(p for p in (ctx.root / "course").glob(LESSONS)
                       if not p.name.startswith("12-"))
    if not notebooks:
        return []
    cmd = [ctx.python, "-m", "pytest", "--nbval", "--nbval-sanitize-with",
           "tests/nbval_sanitize.cfg", "-p", "no:cacheprovider", "-q",
           *[str(p.relative_to(ctx.root)) for p in notebooks]]
    elapsed = time_command(cmd, cwd=ctx.root)
    floor = ctx.bare_kernel_start() * len(notebooks)
    return [Figure(f"nbval, {len(notebooks)} lesson notebooks", elapsed, "s",
                   f"{len(notebooks)} x bare kernel start", floor,
                   note=f"{elapsed / len(notebooks):.2f} s per notebook")]


if __name__ == "__main__":  # a quick look without the whole bench
    for fig in figures(Context()):
        print(fig, file=sys.stdout)
