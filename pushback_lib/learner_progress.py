"""The learner's own progress record: lessons, self-checks, drafts and role-plays.

Why a record at all: a self-paced learner comes back after a week and needs to
know where they stopped, which checks they passed and whether their drafts got
better. Why here, in the foundation layer: the lessons, the self-check, the
builder and the role-play all write to it, so it may depend on nothing above
:mod:`pushback_lib.workspace` and takes plain values only.

==========================  ===================================================
Write (never raises)        ``opened(lesson)``, ``finished(lesson)`` (only after
                            the lesson's check ran on the learner's own answer),
                            ``lesson_check(lesson, check, points, max_points,
                            answer=, example=)``,
                            ``check_done(question, points, max_points)``,
                            ``draft_version(case, text, points, max_points, ...)``,
                            ``roleplay_done(case, outcome, answers)``
Read                        ``read() -> Journal`` (events and problems),
                            ``summarize(journal, lessons) -> Progress``,
                            ``course_lessons()`` (the lesson order, when known)
Show                        ``load()`` renders in a notebook; ``str(progress)``, ``where()``
==========================  ===================================================

The record is ``<workspace>/progress.jsonl`` (see :mod:`pushback_lib.workspace`):
one JSON object a line, only ever appended, each with its format version
``v``. A later course that changes the format adds lines with a higher ``v``
and keeps reading these; a line this version cannot read (damaged, or from a
newer course) is reported with its line number and the rest is still read.

Writing must never stop a lesson: when the folder cannot be written (a
read-only home) the first failure warns once and the lesson goes on. Nothing
is written while nbgrader executes a notebook (``NBGRADER_EXECUTION``): a
grading run is not the learner's practice.
"""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .errors import PushbackError
from .workspace import ENV_VAR, append_record, workspace_dir

__all__ = ["FORMAT", "RECORD", "KINDS", "ProgressNotSaved", "Event", "Journal", "CheckBest",
           "DraftTrend", "Progress", "opened", "finished", "check_done", "lesson_check",
           "is_own_answer", "draft_version",
           "roleplay_done", "read", "summarize", "course_lessons", "load", "where"]

FORMAT = 1
"""The format version written in every line's ``v``."""
RECORD = "progress"
"""The record's name: ``<workspace>/progress.jsonl``."""
KINDS = ("opened", "finished", "check", "draft", "roleplay")
"""Every kind of event this version writes and reads."""
_REQUIRED: dict[str, tuple[str, ...]] = {
    "opened": ("lesson",), "finished": ("lesson",), "check": ("question", "points", "max_points"),
    "draft": ("case", "points", "max_points"), "roleplay": ("case", "outcome"),
}


class ProgressNotSaved(UserWarning):
    """The progress record could not be written; the lesson goes on without it."""


_warned = False
_last_draft: dict[str, str] = {}


def _write(kind: str, **data: Any) -> bool:
    """Append one event; False (after one warning per session) when it cannot be saved."""
    global _warned
    if os.environ.get("NBGRADER_EXECUTION"):
        return False
    record = {"v": FORMAT, "kind": kind,
              "at": datetime.now(UTC).isoformat(timespec="seconds"), **data}
    try:
        append_record(RECORD, record)
    except PushbackError as exc:
        if not _warned:
            _warned = True
            warnings.warn(f"your progress is not being saved: {exc}. The lesson works as usual.",
                          ProgressNotSaved, stacklevel=3)
        return False
    return True


def opened(lesson: str) -> None:
    """Note that a lesson was opened (its setup cell ran)."""
    _write("opened", lesson=lesson)


def finished(lesson: str) -> str:
    """Mark a lesson finished, but only once its exercise check ran on the learner's own answer.

    Why: "finished" must mean the learner did the lesson's exercise, not that the
    last cell ran; running a lesson top to bottom with its example answers leaves it
    "opened". Returns the line the lesson shows: done, or what is still to do.
    """
    own = [e for e in read().events
           if e.kind == "check" and e.data.get("lesson") == lesson and e.data.get("own", False)]
    if not own:
        return (f"{lesson} is not marked finished yet: run its exercise check on your own answer "
                "(not the example the notebook ships with), then run this cell again.")
    if _write("finished", lesson=lesson):
        return f"{lesson} is marked finished; lesson 00 shows your progress."
    return f"{lesson}: your progress could not be saved (see the warning above)."


def is_own_answer(answer: object, example: object) -> bool:
    """True when ``answer`` is the learner's: not empty and not the example it started as.

    Text is compared without case or spacing, so re-typing the example is not an answer.
    """
    def norm(value: object) -> object:
        return " ".join(value.lower().split()) if isinstance(value, str) else value

    if answer is None or (isinstance(answer, str) and not answer.strip()):
        return False
    return bool(norm(answer) != norm(example))


def lesson_check(lesson: str, check: str, points: float, max_points: float, *,
                 answer: object, example: object) -> str:
    """Record a lesson's exercise check when it ran on the learner's own answer.

    The example a notebook ships with is not recorded: a check of it says nothing
    about the learner, and it must not count towards "finished". Returns the line
    the lesson shows under the check.
    """
    if not is_own_answer(answer, example):
        return ("(This checked the notebook's example, which is not recorded in your progress: "
                "replace it with your own answer and run the check again.)")
    _write("check", question=f"{lesson}: {check}", points=float(points),
           max_points=float(max_points), hidden_unchecked=0, lesson=lesson, own=True)
    return f"(Recorded in your progress: {points:g} of {max_points:g} on {check}.)"


def check_done(question: str, points: float, max_points: float, hidden_unchecked: int = 0) -> None:
    """Note one self-check: its visible checks' points and the hidden checks it could not run."""
    _write("check", question=question, points=float(points), max_points=float(max_points),
           hidden_unchecked=int(hidden_unchecked))


def draft_version(case: str, text: str, points: float, max_points: float,
                  components: Iterable[str] = (), flags: Iterable[str] = ()) -> None:
    """Note a version of a draft for ``case`` with its rubric points and analysis.

    An empty draft, or the same text as the last version noted for the case in
    this session, is not noted again (re-running a cell is not a new version).
    """
    if not text.strip() or _last_draft.get(case) == text:
        return
    if _write("draft", case=case, text=text, points=float(points), max_points=float(max_points),
              components=sorted(components), flags=sorted(flags)):
        _last_draft[case] = text


def roleplay_done(case: str, outcome: str, answers: int) -> None:
    """Note a finished role-play: its outcome and how many answers it took."""
    _write("roleplay", case=case, outcome=outcome, answers=int(answers))


@dataclass(frozen=True)
class Event:
    """One line of the record."""

    kind: str
    """One of :data:`KINDS`."""
    at: str
    """When, as an ISO 8601 UTC time (empty when the line had none)."""
    data: dict[str, Any]
    """The kind's own fields (lesson, question, case, ...)."""


@dataclass(frozen=True)
class Journal:
    """Everything readable in the record, and a plain-words note for each line that was not."""

    path: Path
    events: tuple[Event, ...]
    problems: tuple[str, ...] = ()


def _event(row: object) -> Event | str:
    """The event of one parsed line, or why it cannot be read."""
    if not isinstance(row, dict):
        return "not a record (expected a JSON object)"
    version = row.get("v")
    if not isinstance(version, int):
        return "no format version 'v'"
    if version > FORMAT:
        return (f"written by a newer version of the course (format {version}, this one reads "
                f"{FORMAT}); it is kept in the file")
    kind = row.get("kind")
    if kind not in KINDS:
        return f"unknown kind {kind!r} (expected one of {', '.join(KINDS)})"
    missing = [k for k in _REQUIRED[kind] if k not in row]
    if missing:
        return f"a {kind!r} record without {', '.join(missing)}"
    data = {k: v for k, v in row.items() if k not in ("v", "kind", "at")}
    return Event(kind, str(row.get("at", "")), data)


def read(path: Path | None = None) -> Journal:
    """Read the record (default: the workspace's); a damaged line is reported, never fatal."""
    path = path or workspace_dir() / f"{RECORD}.jsonl"
    if not path.exists():
        return Journal(path, ())
    events: list[Event] = []
    problems: list[str] = []
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        return Journal(path, (), (f"{path}: cannot be read ({exc.strerror}); set {ENV_VAR} to "
                                  "the folder that holds your progress.jsonl",))
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            parsed = _event(json.loads(line))
        except json.JSONDecodeError:
            parsed = "not valid JSON (a damaged or cut-off line)"
        if isinstance(parsed, str):
            problems.append(f"{path}: line {number}: {parsed}; skipped, the other lines are read")
        else:
            events.append(parsed)
    return Journal(path, tuple(events), tuple(problems))


@dataclass(frozen=True)
class CheckBest:
    """The best self-check result of one question."""

    question: str
    points: float
    max_points: float
    tries: int
    hidden_unchecked: int = 0
    """Hidden checks the best try could not run: its points are the visible checks' only."""

    @property
    def passed(self) -> bool:
        """Only a check whose every item ran can say "passed"; hidden items keep it open."""
        return self.max_points > 0 and self.points >= self.max_points and not self.hidden_unchecked

    def describe(self) -> str:
        tries = f"{self.tries} tr{'y' if self.tries == 1 else 'ies'}"
        if self.hidden_unchecked:
            state = "visible checks pass" if self.points >= self.max_points else "not yet"
            return (f"  {state}  {self.question}: best {self.points:g} of {self.max_points:g} from the "
                    f"visible checks in {tries}; {self.hidden_unchecked} hidden check(s) not run "
                    "until grading")
        return (f"  {'passed' if self.passed else 'not yet'}  {self.question}: best {self.points:g} of "
                f"{self.max_points:g} in {tries}")


@dataclass(frozen=True)
class DraftTrend:
    """The rubric fraction of each noted version of the drafts for one case, oldest first."""

    case: str
    fractions: tuple[float, ...]

    @property
    def improving(self) -> bool:
        """True when the latest version scores above the first one."""
        return len(self.fractions) > 1 and self.fractions[-1] > self.fractions[0]

    def describe(self) -> str:
        first, last, best = self.fractions[0], self.fractions[-1], max(self.fractions)
        if len(self.fractions) == 1:
            return f"{self.case}: 1 version, {first:.0%} of the rubric"
        trend = "improving" if self.improving else "not yet above your first version"
        return (f"{self.case}: {len(self.fractions)} versions, {first:.0%} -> {last:.0%} "
                f"(best {best:.0%}; {trend})")


@dataclass(frozen=True)
class Progress:
    """A learner's progress, summarised for ``pushback-course progress`` and lesson 00."""

    lessons: tuple[str, ...]
    """The course's lessons in order (empty when the course's registry was not found)."""
    opened: frozenset[str]
    finished: frozenset[str]
    checks: tuple[CheckBest, ...]
    drafts: tuple[DraftTrend, ...]
    roleplays: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Case id -> the outcome of each finished role-play, oldest first."""
    problems: tuple[str, ...] = ()
    path: Path | None = None

    @property
    def next_step(self) -> str:
        """What to do next, in one sentence."""
        for name in self.lessons:
            if name not in self.finished:
                verb = "Finish" if name in self.opened else "Open"
                return f"{verb} lesson {name} (course/{name}.ipynb)."
        if self.lessons:
            return ("Every lesson is done: take on the assignments in exercises/, and keep "
                    "using lesson 13's template on situations from your own work.")
        return "Open course/00-start-here.ipynb and work through the lessons in order."

    def __str__(self) -> str:
        done = [n for n in self.lessons if n in self.finished] if self.lessons else sorted(self.finished)
        total = f" of {len(self.lessons)}" if self.lessons else ""
        lines = [f"Lessons finished: {len(done)}{total}"
                 + (f" ({', '.join(n.split('-')[0] for n in done)})" if done else "")]
        started = sorted(self.opened - self.finished)
        if started:
            lines.append(f"Opened, not finished: {', '.join(started)}")
        passed = [c for c in self.checks if c.passed]
        lines.append(f"Self-checks passed: {len(passed)} of {len(self.checks)} tried")
        lines += [c.describe() for c in self.checks]
        lines.append("Drafts:" if self.drafts else "Drafts: none noted yet (the builder notes them)")
        lines += [f"  {d.describe()}" for d in self.drafts]
        for case, outcomes in sorted(self.roleplays.items()):
            lines.append(f"Role-play {case}: {len(outcomes)} finished, last: "
                         f"{outcomes[-1].replace('_', ' ')}")
        lines.append(f"Next step: {self.next_step}")
        lines += [f"Could not read: {p}" for p in self.problems]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        from ._html import fragment

        return fragment("<div class='pushback-progress' role='status'><ul>"
                        "{% for line in lines %}<li>{{ line }}</li>{% endfor %}</ul></div>",
                        lines=str(self).splitlines())


def _best(question: str, tries: list[tuple[float, float, int]]) -> CheckBest:
    """The try with the most points; among equals, the one that left fewest checks unrun."""
    points, _, hidden = max(tries, key=lambda t: (t[0], -t[2]))
    return CheckBest(question, points, max(m for _, m, _ in tries), len(tries), hidden)


def summarize(journal: Journal, lessons: Sequence[str] = ()) -> Progress:
    """Reduce the events to what a learner wants to see."""
    opened_: set[str] = set()
    finished_: set[str] = set()
    checks: dict[str, list[tuple[float, float, int]]] = {}
    drafts: dict[str, list[float]] = {}
    plays: dict[str, list[str]] = {}
    for e in journal.events:
        d = e.data
        if e.kind == "opened":
            opened_.add(str(d["lesson"]))
        elif e.kind == "finished":
            opened_.add(str(d["lesson"]))
            finished_.add(str(d["lesson"]))
        elif e.kind == "check":
            checks.setdefault(str(d["question"]), []).append(
                (float(d["points"]), float(d["max_points"]), int(d.get("hidden_unchecked", 0))))
        elif e.kind == "draft" and float(d["max_points"]) > 0:
            drafts.setdefault(str(d["case"]), []).append(float(d["points"]) / float(d["max_points"]))
        elif e.kind == "roleplay":
            plays.setdefault(str(d["case"]), []).append(str(d["outcome"]))
    best = tuple(_best(q, tries) for q, tries in sorted(checks.items()))
    trends = tuple(DraftTrend(c, tuple(f)) for c, f in sorted(drafts.items()))
    return Progress(tuple(lessons), frozenset(opened_), frozenset(finished_), best, trends,
                    {c: tuple(o) for c, o in plays.items()}, journal.problems, journal.path)


def course_lessons(start: Path | None = None) -> tuple[str, ...]:
    """The lesson names of ``course/lessons.yaml``, looked for from ``start`` (default: the
    current folder), then in the checkout the library runs from; empty when none is found."""
    here = start or Path.cwd()
    for candidate in (here / "lessons.yaml", here / "course" / "lessons.yaml",
                      Path(__file__).resolve().parent.parent / "course" / "lessons.yaml"):
        if candidate.is_file():
            import yaml

            try:
                entries = yaml.safe_load(candidate.read_text(encoding="utf-8"))["lessons"]
                return tuple(str(e["name"]) for e in entries)
            except (yaml.YAMLError, KeyError, TypeError):
                continue
    return ()


def load(start: Path | None = None) -> Progress:
    """The learner's progress from their workspace, against the course's lessons."""
    return summarize(read(), course_lessons(start))


def where() -> str:
    """Where the record is kept, and how to move it, for the CLI and lesson 00."""
    return (f"{workspace_dir() / f'{RECORD}.jsonl'} (set {ENV_VAR} to keep it somewhere else; "
            "upgrading the course keeps it)")
