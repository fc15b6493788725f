"""``progress_chart(progress)``: the learner's lessons as an accessible chart, for lesson 00.

Why a chart: a glance at fourteen bars says "you are here" faster than a list.
Why its own module: the record (:mod:`pushback_lib.learner_progress`) sits in the
foundation layer and cannot draw; this view sits beside :mod:`pushback_lib.charts`
and reuses its :class:`~pushback_lib.charts.Chart` (a figure with a text
alternative) and its colour-blind-safe Okabe-Ito palette. Each status also
differs by hatching and by a word on the bar, so colour is never the only cue.
"""

from __future__ import annotations

from .charts import OKABE_ITO, Chart
from .learner_progress import Progress

__all__ = ["STATUS_STYLE", "lesson_status", "progress_alt_text", "progress_chart"]

STATUS_STYLE: dict[str, tuple[float, str, str]] = {
    "finished": (1.0, OKABE_ITO["bluish_green"], ""),
    "opened": (0.5, OKABE_ITO["orange"], "//"),
    "not started": (0.0, OKABE_ITO["black"], ""),
}
"""Status -> (bar length, colour, hatching)."""


def lesson_status(progress: Progress) -> list[tuple[str, str]]:
    """(lesson, status) for every lesson of the course, in order."""
    names = progress.lessons or tuple(sorted(progress.opened))
    return [(n, "finished" if n in progress.finished else "opened" if n in progress.opened
             else "not started") for n in names]


def progress_alt_text(progress: Progress) -> str:
    """The chart in words: how many lessons are in each state, which ones, and the next step."""
    rows = lesson_status(progress)
    parts = []
    for status in STATUS_STYLE:
        names = [n.split("-")[0] for n, s in rows if s == status]
        if names:
            parts.append(f"{status}: {len(names)} ({', '.join(names)})")
    body = "; ".join(parts) if parts else "no lessons recorded yet"
    return f"Your lessons. {body}. Next step: {progress.next_step}"


def progress_chart(progress: Progress) -> Chart:
    """A horizontal bar per lesson: full when finished, half and hatched when opened."""
    from matplotlib.figure import Figure

    rows = lesson_status(progress)
    title = "Your progress through the course"
    fig = Figure(figsize=(7.0, 0.35 * max(len(rows), 1) + 1.4), layout="constrained")
    ax = fig.add_subplot()
    for y, (_name, status) in enumerate(rows):
        length, colour, hatch = STATUS_STYLE[status]
        ax.barh(y, length, color=colour, hatch=hatch, edgecolor=OKABE_ITO["black"], linewidth=0.8)
        ax.text(max(length, 0.0) + 0.02, y, status, va="center", fontsize=9)
    ax.set_yticks(range(len(rows)), [n for n, _ in rows], fontsize=9)
    ax.invert_yaxis()
    ax.set_xlim(0, 1.35)
    ax.set_xticks([0, 0.5, 1.0], ["not started", "opened", "finished"])
    ax.set_xlabel("How far you are in each lesson")
    ax.set_ylabel("Lesson")
    ax.set_title(title)
    return Chart(fig, progress_alt_text(progress), title)
