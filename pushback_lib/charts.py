"""Charts of the course: the rubric radar and the push-back-or-let-go chart.

Every chart comes back as a :class:`Chart`: the matplotlib figure plus a text
alternative that says in words what the picture shows, so a screen-reader user,
a text-only notebook render and a test all get the same information. Colours
are from the Okabe-Ito palette, which stays distinguishable with the common
colour-vision deficiencies, and every series also differs by line style or
hatching so colour is never the only cue.

matplotlib is imported inside the functions: ``import pushback_lib`` (and the
grading kernel) never pays for it.
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .decision import Sweep
from .errors import PushbackError

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

    from .rubric import RubricResult

__all__ = ["OKABE_ITO", "PUSH_COLOUR", "LET_GO_COLOUR", "Chart", "Sweep", "radar", "radar_alt_text",
           "decision_chart", "decision_alt_text"]
# ``Sweep`` is a model value (it lives in :mod:`pushback_lib.decision`); re-exported here
# because the decision chart draws it and lessons spell it ``charts.Sweep``.

OKABE_ITO: dict[str, str] = {
    "orange": "#E69F00", "sky_blue": "#56B4E9", "bluish_green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "reddish_purple": "#CC79A7", "black": "#000000",
}
PUSH_COLOUR = OKABE_ITO["blue"]
LET_GO_COLOUR = OKABE_ITO["vermillion"]


@dataclass
class Chart:
    """A figure with its text alternative; displays as a PNG plus the text."""

    figure: Figure
    alt_text: str
    title: str

    def png(self) -> bytes:
        """The figure as PNG bytes (for an ``ipywidgets.Image`` or a file)."""
        buf = io.BytesIO()
        self.figure.savefig(buf, format="png", dpi=80,
                            metadata={"Software": None})
        return buf.getvalue()

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        import base64
        return {"image/png": base64.b64encode(self.png()).decode("ascii"),
                "text/plain": self.alt_text}

    def __str__(self) -> str:
        return self.alt_text


def _new_figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure  # lazy: see the module docstring
    return Figure(figsize=(width, height), layout="constrained")


def radar_alt_text(result: RubricResult) -> str:
    """The radar chart in words: each criterion's points, and the weakest stage if any.

    A stage is named weakest only when it is below full marks (at 21/21 there is
    no weakest stage, and saying so would send the learner after nothing); ties
    are all named. Stages the case makes unnecessary are listed apart, never as
    weak.
    """
    if not result.criteria:
        raise PushbackError("the rubric result has no criteria to chart")
    needed = [c for c in result.criteria if c.needed]
    parts = [f"{c.name} {c.points}/{c.max_points} ({c.level})" for c in needed]
    text = (f"Radar chart of the rubric for case {result.case_id}: total {result.total} of "
            f"{result.max_total}. " + "; ".join(parts) + ".")
    skipped = [c.name for c in result.criteria if not c.needed]
    if skipped:
        text += f" Not needed in this case: {', '.join(skipped)}."
    low = min((c.fraction for c in needed), default=1.0)
    if low < 1.0:
        weakest = [c.name for c in needed if c.fraction == low]
        text += f" Weakest: {', '.join(weakest)}."
    else:
        text += " Every stage at full marks."
    return text


def radar(result: RubricResult) -> Chart:
    """A radar (spider) chart of the fraction of points earned on each needed criterion."""
    import math

    alt = radar_alt_text(result)
    shown = [c for c in result.criteria if c.needed]  # a stage the case skips is no spoke
    labels = [textwrap.fill(c.name.split(":")[0], 16) for c in shown]
    values = [c.fraction for c in shown]
    angles = [2 * math.pi * i / len(values) for i in range(len(values))]
    fig = _new_figure(6.0, 5.0)
    ax = fig.add_subplot(projection="polar")
    ax.plot([*angles, angles[0]], [*values, values[0]], color=PUSH_COLOUR, linewidth=2,
            marker="o", label="Your plan")
    ax.fill([*angles, angles[0]], [*values, values[0]], color=PUSH_COLOUR, alpha=0.2)
    ax.set_xticks(angles)
    ax.set_xticklabels(labels, fontsize=8)
    ax.set_ylim(0, 1)
    ax.set_yticks([0.25, 0.5, 0.75, 1.0])
    ax.set_yticklabels(["25%", "50%", "75%", "100%"], fontsize=7)
    ax.set_xlabel("Criterion (stage of the process)", fontsize=8, labelpad=12)
    ax.set_ylabel("Share of points earned", fontsize=8, labelpad=24)
    title = f"Rubric by stage: {result.total}/{result.max_total} points"
    ax.set_title(title, fontsize=10)
    return Chart(fig, alt, title)


def decision_alt_text(push_back: float, let_go: float, recommendation: str,
                      sweep: Sweep | None = None) -> str:
    """The decision chart in words."""
    words = "push back" if recommendation == "push_back" else "let go"
    text = (f"Bar chart: value of pushing back {push_back:.2f}, value of letting go {let_go:.2f}; "
            f"recommendation: {words}.")
    if sweep is not None:
        crossings = [f"{x:.2f}" for x in _crossings(sweep)]
        where = (f"the lines cross near {sweep.input.replace('_', ' ')} = {', '.join(crossings)}"
                 if crossings else "the lines do not cross")
        text += (f" Line chart: both values as {sweep.input.replace('_', ' ')} goes from 0 to 1 "
                 f"(now {sweep.current:.2f}); {where}.")
    return text


def _crossings(sweep: Sweep) -> list[float]:
    """Where push back and let go swap places, by linear interpolation."""
    gaps = [p - q for p, q in zip(sweep.push_back, sweep.let_go, strict=True)]
    out = []
    for i in range(len(gaps) - 1):
        if gaps[i] * gaps[i + 1] < 0:
            x0, x1 = sweep.xs[i], sweep.xs[i + 1]
            out.append(x0 + (x1 - x0) * gaps[i] / (gaps[i] - gaps[i + 1]))
    return out


def decision_chart(push_back: float, let_go: float, recommendation: str,
                   sweep: Sweep | None = None) -> Chart:
    """The value of pushing back against letting go, and (optionally) how it moves
    with one input: the picture of the decision explorer."""
    if recommendation not in ("push_back", "let_go"):
        raise PushbackError(f"recommendation must be 'push_back' or 'let_go', got {recommendation!r}")
    fig = _new_figure(8.0 if sweep else 4.4, 3.2)
    axes = fig.subplots(1, 2 if sweep else 1, squeeze=False)[0]
    ax = axes[0]
    bars = ax.bar(["Push back", "Let go"], [push_back, let_go], color=[PUSH_COLOUR, LET_GO_COLOUR],
                  edgecolor="black")
    bars[1].set_hatch("//")
    ax.bar_label(bars, fmt="%.2f")
    ax.set_ylim(min(0.0, push_back, let_go) - 0.05, max(0.25, push_back, let_go) + 0.05)
    ax.axhline(0, color=OKABE_ITO["black"], linewidth=0.8)
    ax.set_xlabel("Choice")
    ax.set_ylabel("Value (higher is better)")
    verdict = "push back" if recommendation == "push_back" else "let go"
    ax.set_title(f"Recommendation: {verdict}", fontsize=10)
    if sweep is not None:
        _sweep_panel(axes[1], sweep)
    title = f"Push back or let go: {verdict}"
    fig.suptitle("The value of pushing back against letting go", fontsize=11)
    return Chart(fig, decision_alt_text(push_back, let_go, recommendation, sweep), title)


def _sweep_panel(ax: Any, sweep: Sweep) -> None:
    ax.plot(sweep.xs, sweep.push_back, color=PUSH_COLOUR, linewidth=2, label="Push back")
    ax.plot(sweep.xs, sweep.let_go, color=LET_GO_COLOUR, linewidth=2, linestyle="--", label="Let go")
    ax.axvline(sweep.current, color=OKABE_ITO["black"], linestyle=":", linewidth=1, label="Now")
    ax.set_xlim(0, 1)
    ax.set_xlabel(f"{sweep.input.replace('_', ' ').capitalize()} (0 to 1)")
    ax.set_ylabel("Value")
    ax.set_title(f"As {sweep.input.replace('_', ' ')} changes", fontsize=10)
    ax.legend(fontsize=8, loc="best")

