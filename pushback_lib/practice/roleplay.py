"""The role-play engine: a stakeholder whose mood moves with every answer.

The engine walks a :class:`~pushback_lib.practice.script.Script`. It keeps the
stakeholder's state (trust, openness, frustration, each 0 to 1), records the
path taken, and when a closing choice is made it turns the final state into
one of four outcomes and a debrief by stage. At any decision point the learner
may type their own reply instead of choosing (:meth:`RolePlaySession.reply`):
:mod:`.freetext` reads it and plays the choice it fits. It has no user interface: the
``RolePlay`` widget and the tests drive the same object, so what a learner
sees is exactly what is tested.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import CaseError, PushbackError
from ..process import STAGE_KEYS, stage
from .freetext import Analyze, Attempt, Reading, attempts, case_context, read_reply, save_attempt
from .script import Choice, Effect, Script, Turn

if TYPE_CHECKING:
    from ..cases import Case

__all__ = ["OUTCOMES", "StakeholderState", "Step", "Debrief", "Run", "RolePlaySession", "outcome_for",
           "path_outcome", "expert_lets_go", "stages_not_needed"]

OUTCOMES: dict[str, str] = {
    "win_win": "Win/win: the stakeholder comes round to a way forward you both own.",
    "let_go_intact": ("You let go, and the relationship is intact: "
                      "they respect you for standing up for a view."),
    "damaged_relationship": ("The relationship is damaged: "
                             "the stakeholder is angered or has stopped trusting you."),
    "decision_stands": ("The original decision stands: nothing you said moved them, or earned "
                        "you a better ending."),
}
"""The four ways a conversation can end, with what each means."""

DAMAGE_FRUSTRATION = 0.7
"""At or above this frustration, the relationship is damaged whatever you say last."""
DAMAGE_TRUST = 0.2
"""At or below this trust, likewise."""
WIN_TRUST = 0.6
WIN_OPENNESS = 0.6
"""A final ask wins only when the stakeholder trusts you and is open to it."""


@dataclass(frozen=True)
class StakeholderState:
    """How the stakeholder feels about you and your view right now (each 0 to 1)."""

    trust: float
    openness: float
    frustration: float

    def moved(self, effect: Effect) -> StakeholderState:
        """The state after a choice, each value kept within 0 and 1."""
        def clamp(x: float) -> float:
            return round(min(1.0, max(0.0, x)), 4)
        return StakeholderState(clamp(self.trust + effect.trust),
                                clamp(self.openness + effect.openness),
                                clamp(self.frustration + effect.frustration))


def outcome_for(state: StakeholderState, end: str) -> str:
    """The outcome of a conversation that ends with ``end`` in ``state``.

    Damage comes first: an angry or distrustful stakeholder remembers that more
    than any closing line. Letting go otherwise keeps the relationship; asking
    wins only with enough trust and openness, else the decision stands.
    """
    if state.frustration >= DAMAGE_FRUSTRATION or state.trust <= DAMAGE_TRUST:
        return "damaged_relationship"
    if end == "let_go":
        return "let_go_intact"
    if state.trust >= WIN_TRUST and state.openness >= WIN_OPENNESS:
        return "win_win"
    return "decision_stands"


HARMED = ("A harmful answer on this path ({turn}) rules out a better ending: the stakeholder "
          "remembers a threat, a gotcha or a slight longer than any closing line.")
CAVED = ("You let go without ever making your case, so nothing was stood up for: the original "
         "decision simply stands. A let-go earns respect after a case has been made.")


def path_outcome(steps: tuple[Step, ...], lets_go: bool) -> tuple[str, str]:
    """The outcome of a finished path, and why it is capped when it is (else "").

    :func:`outcome_for` reads the final state; the path adds two rules the state cannot
    carry. A harmful answer anywhere (a threat, a gotcha, going over their head, the
    wrong ally) caps the ending at "the decision stands", so no path that threatens,
    or ends on a harmful move, is scored a win/win or a graceful let-go. And where the
    case calls for a pushback (``lets_go`` false), a let-go only keeps the respect of
    having stood up for a view when a case was made first (a good ``build_case``
    answer on the path); giving in at once is not a graceful let-go.
    """
    last = steps[-1]
    outcome = outcome_for(last.after, last.choice.end)
    if outcome not in ("win_win", "let_go_intact"):
        return outcome, ""
    harmful = next((s for s in steps if s.choice.quality == "harmful"), None)
    if harmful is not None:
        return "decision_stands", HARMED.format(turn=harmful.turn)
    if (outcome == "let_go_intact" and not lets_go
            and not any(s.choice.stage == "build_case" and s.choice.quality == "good" for s in steps)):
        return "decision_stands", CAVED
    return outcome, ""


@lru_cache(maxsize=64)
def expert_lets_go(case_id: str) -> bool:
    """Whether the case's expert lets go (``expert_outcome.choice``): there a graceful let-go is
    the point and needs no case made first. False when the case or its key cannot be read."""
    from ..cases import load_case  # deferred: a script tried on its own needs no case

    try:
        return _lets_go(load_case(case_id))
    except (CaseError, FileNotFoundError, OSError):
        return False


def _lets_go(case: Case) -> bool:
    """Whether this case's expert lets go (False while its labels are withheld)."""
    return case.expert_outcome is not None and case.expert_outcome.choice == "let_go"


@dataclass(frozen=True)
class Step:
    """One answer given: where, what, and the state it left."""

    turn: str
    choice: Choice
    after: StakeholderState
    reading: Reading | None = None
    """How a typed reply was read, when the learner typed instead of choosing."""

    @property
    def said(self) -> str:
        """What the learner said: their own words when typed, else the choice's text."""
        return self.reading.text if self.reading else self.choice.text.strip()


@dataclass(frozen=True)
class Debrief:
    """Which stages the learner handled well, weakly, skipped, or never met on this path."""

    well: tuple[str, ...]
    weak: tuple[str, ...]
    skipped: tuple[str, ...]
    not_reached: tuple[str, ...]
    notes: tuple[str, ...]
    """The coach's feedback on each choice, in order."""
    not_needed: tuple[str, ...] = ()
    """Stages the case makes unnecessary that this path rightly left out (a small issue needs no
    ally): not a gap, so not listed as not reached."""

    def lines(self) -> list[str]:
        """The debrief as short sentences, stage names in the course's words."""
        def names(keys: tuple[str, ...]) -> str:
            return ", ".join(stage(k).name for k in keys) or "none"
        out = [f"Handled well: {names(self.well)}.",
               f"Handled weakly or harmfully: {names(self.weak)}.",
               f"Skipped: {names(self.skipped)}.",
               f"Not reached on this path: {names(self.not_reached)}."]
        if self.not_needed:
            out.append(f"Not needed in this case, and rightly left out: {names(self.not_needed)}.")
        return out


@dataclass(frozen=True)
class Run:
    """A finished conversation, kept so the learner can compare paths."""

    number: int
    outcome: str
    steps: tuple[Step, ...]
    debrief: Debrief
    why: str = ""
    """Why the ending was capped below what the final state alone would give, when it was."""

    def summary(self) -> str:
        typed = sum(s.reading is not None for s in self.steps)
        own = f" ({typed} in your own words)" if typed else ""
        return (f"Run {self.number}: {self.outcome.replace('_', ' ')} after {len(self.steps)} answers{own}; "
                f"well: {', '.join(self.debrief.well) or 'none'}; "
                f"skipped: {', '.join(self.debrief.skipped) or 'none'}")


def stages_not_needed(case: Case) -> tuple[str, ...]:
    """The stages a path through this case's role-play may rightly leave out: those the case
    marks unnecessary, and, where the expert's call is to let go, building the case (nobody
    builds a case for a decision they have chosen to accept)."""
    lets_go = _lets_go(case)
    return tuple(k for k in STAGE_KEYS if case.unnecessary(k) or (lets_go and k == "build_case"))


def debrief_for(steps: tuple[Step, ...], unneeded: tuple[str, ...] = ()) -> Debrief:
    """Sort the stages by the best handling each got on a path; a stage the case makes
    unnecessary (``unneeded``) that the path never met is not needed rather than not reached."""
    best: dict[str, str] = {}
    rank = {"good": 3, "weak": 2, "harmful": 1, "skipped": 0}
    for s in steps:
        key, quality = s.choice.stage, s.choice.quality
        if key not in best or rank[quality] > rank[best[key]]:
            best[key] = quality
    return Debrief(
        well=tuple(k for k in STAGE_KEYS if best.get(k) == "good"),
        weak=tuple(k for k in STAGE_KEYS if best.get(k) in ("weak", "harmful")),
        skipped=tuple(k for k in STAGE_KEYS if best.get(k) == "skipped"),
        not_reached=tuple(k for k in STAGE_KEYS if k not in best and k not in unneeded),
        notes=tuple(" ".join((*s.reading.coaching, s.choice.feedback)) if s.reading else s.choice.feedback
                    for s in steps),
        not_needed=tuple(k for k in STAGE_KEYS if k not in best and k in unneeded))


@dataclass
class RolePlaySession:
    """One learner playing one script, possibly several times over."""

    script: Script
    keep_attempts: bool = False
    """Keep typed replies in the learner's workspace (the widget does; tests choose)."""
    unneeded: tuple[str, ...] = ()
    """Stage keys the case makes unnecessary (``Case.unnecessary``), for the debrief."""
    context: tuple[str, ...] | None = None
    """The case's texts a typed reply may draw its substance from; read from the case with the
    script's id when left out (:func:`.freetext.case_context`)."""
    lets_go: bool | None = None
    """Whether the case's expert lets go (a graceful let-go needs no case made first); read from
    the case with the script's id when left out (:func:`expert_lets_go`)."""
    state: StakeholderState = field(init=False)
    steps: list[Step] = field(init=False, default_factory=list)
    runs: list[Run] = field(init=False, default_factory=list)
    outcome: str = field(init=False, default="")
    why: str = field(init=False, default="")
    """Why the outcome was capped (a harmful answer, a let-go with no case made), else empty."""
    _turn_id: str = field(init=False, default="")

    def __post_init__(self) -> None:
        if self.context is None:
            self.context = case_context(self.script.case)
        if self.lets_go is None:
            self.lets_go = expert_lets_go(self.script.case)
        self.restart()

    @property
    def finished(self) -> bool:
        return bool(self.outcome)

    @property
    def turn(self) -> Turn | None:
        """The current decision point, or None when the conversation has ended."""
        return None if self.finished else self.script.turn(self._turn_id)

    @property
    def last_step(self) -> Step | None:
        return self.steps[-1] if self.steps else None

    def restart(self) -> None:
        """Start the conversation again from the top; finished runs are kept."""
        init = self.script.initial
        self.state = StakeholderState(init.trust, init.openness, init.frustration)
        self.steps = []
        self.outcome = ""
        self.why = ""
        self._turn_id = self.script.start

    def choose(self, index: int) -> Step:
        """Answer with the choice at ``index`` of the current turn."""
        turn = self.turn
        if turn is None:
            raise PushbackError("the conversation has ended; call restart() to play again")
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(turn.choices):
            raise PushbackError(f"turn {turn.id!r} has choices 0 to {len(turn.choices) - 1}; "
                                f"got {index!r}")
        return self._play(turn, index, None)

    def reply(self, text: str, analyze: Analyze | None = None) -> Step:
        """Answer in the learner's own words: play the choice the reply fits best.

        Raises ``ReplyTooShort`` (nothing played) for an empty or very short reply.
        """
        turn = self.turn
        if turn is None:
            raise PushbackError("the conversation has ended; call restart() to play again")
        reading = read_reply(turn, text, analyze, self.context or ())
        if self.keep_attempts:
            save_attempt(self.script.case, turn, reading)
        return self._play(turn, reading.index, reading)

    def attempts(self, turn_id: str | None = None) -> list[Attempt]:
        """The learner's kept replies at a decision point: the current one by default, every one of
        the case's once the conversation has ended."""
        if turn_id is None:
            turn_id = self._turn_id if self.turn is not None else None
        return attempts(self.script.case, turn_id)

    def _play(self, turn: Turn, index: int, reading: Reading | None) -> Step:
        choice = turn.choices[index]
        self.state = self.state.moved(choice.effect)
        step = Step(turn.id, choice, self.state, reading)
        self.steps.append(step)
        if choice.end:
            self.outcome, self.why = path_outcome(tuple(self.steps), bool(self.lets_go))
            self.runs.append(Run(len(self.runs) + 1, self.outcome, tuple(self.steps), self.debrief(),
                                 self.why))
        else:
            self._turn_id = choice.next
        return step

    def debrief(self) -> Debrief:
        """The debrief of the path so far (complete once the conversation has ended)."""
        return debrief_for(tuple(self.steps), self.unneeded)
