"""The model's costs in a fresh interpreter, against a bare interpreter start.

Measures what a grading kernel pays on first use: reading every case file
(YAML parse and strict validation), and one full scoring of a plan (which also
loads the draft analyzer) plus a decision.
"""

from __future__ import annotations

from bench import Context, Figure, median_time

_LOAD = "import pushback_lib as p\nfor i in p.cases(): p.load_case(i)\n"
_SCORE = (_LOAD + "c = p.load_case('niche_recruitment')\n"
          "p.score(p.PushbackPlan(opening='Thank you, I agree.', business_reason="
          "'The merger deadline needs a grading structure built quickly.', "
          "evidence=['f_grading_project']), c)\n"
          "p.decide(c)\n")


def figures(ctx: Context) -> list[Figure]:
    bare = ctx.bare_python()
    load = median_time([ctx.python, "-c", _LOAD], 5)
    full = median_time([ctx.python, "-c", _SCORE], 5)
    return [
        Figure("cold: import + load all cases", load, "s", "python -c pass", bare,
               note=f"{load - bare:+.3f} s above bare"),
        Figure("cold: + score one plan + decide", full, "s", "python -c pass", bare,
               note=f"{full - bare:+.3f} s above bare"),
    ]
