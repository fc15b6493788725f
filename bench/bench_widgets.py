"""The practice widgets' costs: cold start, and what one keystroke or slider step costs.

Floors are measured in the same run: a bare interpreter start for the cold
figure, and the pure logic alone (no widget, no chart) for the interactive
ones, so each ratio says what the view adds on top of the model it shows.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable

from bench import Context, Figure, median_time

_COLD = ("from pushback_lib.widgets import RolePlay, PushbackBuilder, DecisionExplorer\n"
         "RolePlay('niche_recruitment'); PushbackBuilder('agency_feedback'); "
         "DecisionExplorer('agency_feedback')\n")
_TEXTS = ["I understand", "I understand you need", "I understand you need shoppers to spot the pack",
          "I understand you need shoppers to spot the pack, and the CEO to be proud of it."]


def _median(fn: Callable[[int], None], repeat: int) -> float:
    times = []
    for i in range(repeat):
        start = time.perf_counter()
        fn(i)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def figures(ctx: Context) -> list[Figure]:
    os.environ.setdefault("MPLBACKEND", "Agg")
    import pushback_lib as pb
    from pushback_lib.practice.explorer import ExplorerState
    from pushback_lib.widgets import DecisionExplorer, PushbackBuilder

    bare = ctx.bare_python()
    cold = median_time([ctx.python, "-c", _COLD], 3)

    case = pb.load_case("agency_feedback")
    builder = PushbackBuilder(case)  # also warms matplotlib up

    def keystroke(i: int) -> None:
        builder.controls["acknowledge"].value = _TEXTS[i % len(_TEXTS)] + " " * (i // len(_TEXTS))

    def pure_keystroke(i: int) -> None:
        plan = pb.PushbackPlan(acknowledge=_TEXTS[i % len(_TEXTS)])
        pb.score(plan, case)
        pb.analyze(plan.draft(), case)

    type_view = _median(keystroke, 24)
    type_pure = ctx.floor("score + analyze (pure)", lambda: _median(pure_keystroke, 24))

    explorer = DecisionExplorer(case)
    state = ExplorerState(case)

    def slide(i: int) -> None:
        explorer.sliders["evidence"].value = round(0.3 + 0.05 * (i % 12), 2)

    def pure_slide(i: int) -> None:
        state.set("evidence", round(0.3 + 0.05 * (i % 12), 2))
        state.decision()
        state.sweep()

    slide_view = _median(slide, 24)
    slide_pure = ctx.floor("decide + sweep (pure)", lambda: _median(pure_slide, 24))
    return [
        Figure("cold: import widgets + build all three", cold, "s", "python -c pass", bare,
               note=f"{cold - bare:+.3f} s above bare"),
        Figure("builder: one keystroke (rubric, analysis, radar)", type_view * 1000, "ms",
               "score + analyze (pure)", type_pure * 1000, note="median of 24"),
        Figure("explorer: one slider step (decision + chart)", slide_view * 1000, "ms",
               "decide + sweep (pure)", slide_pure * 1000, note="median of 24"),
    ]
