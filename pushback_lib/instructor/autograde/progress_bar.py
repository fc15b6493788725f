"""A progress bar on stderr and the summary table printed at the end of a grading run."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from typing import TextIO

__all__ = ["Outcome", "Progress", "summary_table"]


@dataclass(frozen=True)
class Outcome:
    """What happened to one submission in one run."""

    student: str
    assignment: str
    status: str
    """"graded", "up to date" (graded earlier, unchanged since), "failed" or "malformed"."""
    score: float | None = None
    max_score: float | None = None
    seconds: float = 0.0
    message: str = ""


class Progress:
    """``[#####-----] 12/40  graded 11  failed 1  1m05s`` redrawn on one line of stderr.

    When stderr is not a terminal (a log file, CI) it prints one line per
    finished submission instead, so the log stays readable.
    """

    def __init__(self, total: int, stream: TextIO | None = None, width: int = 30) -> None:
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.width = width
        self.done = 0
        self.counts: dict[str, int] = {}
        self.start = time.monotonic()
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())

    def line(self) -> str:
        filled = int(self.width * self.done / self.total) if self.total else self.width
        counts = "  ".join(f"{k} {v}" for k, v in sorted(self.counts.items()))
        elapsed = int(time.monotonic() - self.start)
        return (f"[{'#' * filled}{'-' * (self.width - filled)}] {self.done}/{self.total}"
                f"  {counts}  {elapsed // 60}m{elapsed % 60:02d}s")

    def advance(self, outcome: Outcome) -> None:
        self.done += 1
        self.counts[outcome.status] = self.counts.get(outcome.status, 0) + 1
        if self.tty:
            self.stream.write("\r" + self.line())
            if self.done == self.total:
                self.stream.write("\n")
        else:
            self.stream.write(f"{self.line()}  {outcome.student}/{outcome.assignment}: {outcome.status}\n")
        self.stream.flush()

    def note(self, text: str) -> None:
        """A message (a malformed file, a failure) printed above the bar."""
        self.stream.write(("\r\033[K" if self.tty else "") + text + "\n")
        if self.tty:
            self.stream.write(self.line())
        self.stream.flush()


def summary_table(outcomes: list[Outcome]) -> str:
    """A plain-text table, one row per submission, then the totals."""
    header = ("student", "assignment", "status", "score", "seconds")
    rows = [header]
    for o in sorted(outcomes, key=lambda o: (o.assignment, o.student)):
        score = "" if o.score is None else f"{o.score:g}/{o.max_score:g}"
        rows.append((o.student, o.assignment, o.status, score, f"{o.seconds:.1f}"))
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    totals: dict[str, int] = {}
    for o in outcomes:
        totals[o.status] = totals.get(o.status, 0) + 1
    lines.append("")
    lines.append("total: " + ", ".join(f"{v} {k}" for k, v in sorted(totals.items())) if totals
                 else "total: nothing to grade")
    return "\n".join(lines)
