"""``pushback-course dashboard``: cohort charts as PNG files and one self-contained HTML report.

Four charts, each with a title, axis labels and a text alternative (used as
the image's ``alt`` and printed under it), in the Okabe-Ito palette with
hatching so colour is never the only cue:

1. the score distribution of each assignment;
2. mastery per process stage; 3. mastery per rubric criterion;
4. the students who need help (below the mastery line overall or on a stage).
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import Path

from ..._html import render_page
from ...charts import OKABE_ITO, Chart, _new_figure
from ..course import Course
from .cohort_summary import CohortSummary, stage_label, summarize
from .scores import cell_scores, marked, pending_note

__all__ = ["charts", "write_dashboard", "dashboard"]

GOOD, WEAK, LINE = OKABE_ITO["blue"], OKABE_ITO["vermillion"], OKABE_ITO["black"]


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def distribution_chart(summary: CohortSummary) -> Chart:
    names = list(summary.distributions)
    fig = _new_figure(max(4.0, 3.4 * len(names)), 3.4)
    axes = fig.subplots(1, max(1, len(names)), squeeze=False)[0]
    parts = []
    for ax, name in zip(axes, names, strict=False):
        values = [100 * v for v in summary.distributions[name].values()]
        ax.hist(values, bins=[i * 10 for i in range(11)], color=GOOD, edgecolor="white", hatch="//")
        ax.axvline(100 * summary.threshold, color=LINE, linestyle="--", linewidth=1, label="Mastery line")
        ax.set_title(name, fontsize=10)
        ax.set_xlabel("Score (% of the assignment's points)")
        ax.set_ylabel("Number of students")
        ax.set_xlim(0, 100)
        below = sum(v < 100 * summary.threshold for v in values)
        parts.append(f"{name}: {len(values)} students, mean {sum(values) / len(values):.0f}%, "
                     f"lowest {min(values):.0f}%, highest {max(values):.0f}%, {below} below "
                     f"{_pct(summary.threshold)}")
    axes[0].legend(fontsize=8, loc="upper left")
    title = "Score distribution per assignment"
    fig.suptitle(title)
    return Chart(fig, f"{title}. " + "; ".join(parts) + ".", title)


def _mastery_chart(values: dict[str, float], title: str, ylabel: str, labels: list[str],
                   threshold: float) -> Chart:
    fig = _new_figure(7.0, 0.5 * len(values) + 1.6)
    ax = fig.add_subplot()
    ys = list(range(len(values)))[::-1]
    fractions = [100 * v for v in values.values()]
    weak = [v < 100 * threshold for v in fractions]
    ax.barh(ys, fractions, color=[WEAK if w else GOOD for w in weak],
            hatch=["xx" if w else "" for w in weak], edgecolor="white")
    ax.axvline(100 * threshold, color=LINE, linestyle="--", linewidth=1)
    ax.set_yticks(ys)
    ax.set_yticklabels(labels, fontsize=8)
    ax.set_xlim(0, 100)
    ax.set_xlabel("Mean mastery over students (% of points)")
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=10)
    for y, v in zip(ys, fractions, strict=True):
        ax.text(min(v + 1, 92), y, f"{v:.0f}%", va="center", fontsize=8)
    below = [label for label, w in zip(labels, weak, strict=True) if w]
    shares = "; ".join(f"{label} {v:.0f}%" for label, v in zip(labels, fractions, strict=True))
    alt = (f"{title}: {shares}. "
           + (f"Below the {_pct(threshold)} mastery line: {', '.join(below)}." if below
              else f"Every one is at or above the {_pct(threshold)} mastery line."))
    return Chart(fig, alt, title)


def struggling_chart(summary: CohortSummary, limit: int = 20) -> Chart:
    shown = summary.struggling[:limit]
    title = "Students who need help"
    fig = _new_figure(7.0, 0.45 * max(1, len(shown)) + 1.6)
    ax = fig.add_subplot()
    if not shown:
        ax.text(0.5, 0.5, "Nobody is below the mastery line", ha="center", va="center")
        ax.set_axis_off()
        ax.set_title(title, fontsize=10)
        return Chart(fig, f"{title}: nobody is below the {_pct(summary.threshold)} mastery line "
                          "overall or on any stage.", title)
    ys = list(range(len(shown)))[::-1]
    ax.barh(ys, [100 * s.overall for s in shown], color=WEAK, hatch="xx", edgecolor="white")
    ax.axvline(100 * summary.threshold, color=LINE, linestyle="--", linewidth=1)
    ax.set_yticks(ys)
    ax.set_yticklabels([s.student for s in shown], fontsize=8)
    ax.set_xlim(0, 100)
    ax.set_xlabel("Overall score (% of all points submitted)")
    ax.set_ylabel("Student")
    ax.set_title(f"{title} (weakest first)", fontsize=10)
    for y, s in zip(ys, shown, strict=True):
        weak = ", ".join(stage_label(k) for k in s.weak_stages[:2]) or "overall"
        ax.text(min(100 * s.overall + 1, 60), y, f"{100 * s.overall:.0f}%  weak: {weak}", va="center",
                fontsize=7)
    more = len(summary.struggling) - len(shown)
    alt = (f"{title}, weakest first: " + "; ".join(
        f"{s.student} {_pct(s.overall)} overall"
        + (f", weak on {', '.join(stage_label(k) for k in s.weak_stages)}" if s.weak_stages else "")
        for s in shown) + (f"; and {more} more." if more else "."))
    return Chart(fig, alt, title)


def charts(summary: CohortSummary) -> dict[str, Chart]:
    """The four dashboard charts, by file stem."""
    stage_keys = list(summary.stages)
    return {
        "score-distribution": distribution_chart(summary),
        "mastery-by-stage": _mastery_chart(summary.stages, "Mastery per process stage", "Process stage",
                                           [stage_label(k) for k in stage_keys], summary.threshold),
        "mastery-by-criterion": _mastery_chart(summary.criteria, "Mastery per rubric criterion",
                                               "Rubric criterion", list(summary.criteria), summary.threshold),
        "students-needing-help": struggling_chart(summary),
    }


def write_dashboard(summary: CohortSummary, out_dir: Path, course_name: str = "") -> list[Path]:
    """Write one PNG and one ``.txt`` text alternative per chart, and ``dashboard.html``.

    The page is the ``dashboard.html.j2`` template (autoescaped: a student id
    or course name holding markup shows as text), self-contained: the charts
    are inlined as data URLs, so it opens offline and can be mailed as is.
    """
    import matplotlib

    matplotlib.use("Agg", force=False)
    out_dir.mkdir(parents=True, exist_ok=True)
    written, figures = [], []
    for stem, chart in charts(summary).items():
        png = chart.png()
        (out_dir / f"{stem}.png").write_bytes(png)
        (out_dir / f"{stem}.txt").write_text(chart.alt_text + "\n", encoding="utf-8")
        written += [out_dir / f"{stem}.png", out_dir / f"{stem}.txt"]
        figures.append({"stem": stem, "title": chart.title, "alt": chart.alt_text,
                        "png_base64": base64.b64encode(png).decode("ascii")})
    struggling = [{"student": s.student, "overall": _pct(s.overall),
                   "weak": ", ".join(stage_label(k) for k in s.weak_stages) or "-"}
                  for s in summary.struggling]
    page = render_page("dashboard.html.j2",
                       title=f"Cohort dashboard{': ' + course_name if course_name else ''}",
                       threshold=_pct(summary.threshold), figures=figures, struggling=struggling)
    (out_dir / "dashboard.html").write_text(page, encoding="utf-8")
    return [*written, out_dir / "dashboard.html"]


def dashboard(course: Course, out_dir: Path, threshold: float = 0.6,
              warn: Callable[[str], None] | None = None) -> tuple[CohortSummary, list[Path]]:
    """Read the gradebook, summarize the cohort and write the dashboard files.

    Answers not marked yet are left out of every figure (a warning names them):
    counted as 0 they would flag the whole cohort weak on a stage nobody has marked.
    """
    from ..course import InstructorError

    every = cell_scores(course, warn)
    if not every:
        raise InstructorError(f"the gradebook {course.db_url} holds no graded submission yet: "
                              "run `pushback-course autograde` first")
    note = pending_note(every, "the dashboard leaves them out until they are marked")
    if note and warn is not None:
        warn(note)
    scores = marked(every)
    if not scores:
        raise InstructorError("no answer in the gradebook is marked yet: mark them in formgrader first")
    summary = summarize(scores, threshold)
    return summary, write_dashboard(summary, out_dir, course.course_id)
