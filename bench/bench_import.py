"""Cold ``import pushback_lib`` against a bare interpreter start."""

from __future__ import annotations

from bench import Context, Figure, median_time


def figures(ctx: Context) -> list[Figure]:
    bare = ctx.bare_python()
    cold = median_time([ctx.python, "-c", "import pushback_lib"], 7)
    return [Figure("cold import pushback_lib", cold, "s", "python -c pass", bare,
                   note=f"{cold - bare:+.3f} s above bare (goal < 0.3 s)")]
