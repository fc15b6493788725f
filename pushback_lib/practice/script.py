"""Role-play scripts: the branching conversations a learner practises on.

A script lives in ``roleplay/<case id>.yaml`` beside the case files (package
data in ``pushback_lib/data/cases/``, or an extra cases folder), or anywhere a
path names: the two cases kept back for grading keep theirs instructor-side, in
``keys/roleplay/`` at the course root, never in the package. It is a graph of
*turns* (what the stakeholder says) and *choices* (what the learner can answer).
Every choice names the stage of the process it exercises, how well it does so,
and how it moves the stakeholder's trust, openness and frustration, so the
engine (:mod:`pushback_lib.practice.roleplay`) never needs to know the story.

The loader checks everything an author can get wrong and raises ``CaseError``
naming the file and the dotted field (``turns[3].choices[1].next``), because a
broken script should fail when it is read, not half-way through a lesson. Types,
required fields and unknown fields are checked by the same strict builder as
case files (:func:`pushback_lib._schema.build`); what only the whole script can
say (stages, qualities, ranges, turn links, reachability) is checked here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from .._schema import build, read_yaml
from ..errors import CaseError
from ..process import STAGE_KEYS

__all__ = ["QUALITIES", "ENDINGS", "STATE_KEYS", "PROP_USES", "REPLY_LABELS", "scripts_dir", "Effect",
           "StartingState", "Choice", "Turn", "Script", "load_script", "parse_script", "script_path"]

QUALITIES: tuple[str, ...] = ("good", "weak", "skipped", "harmful")
"""How well a choice handles its stage: ``skipped`` means it jumps over the stage."""

ENDINGS: tuple[str, ...] = ("ask", "let_go")
"""How a closing choice ends the talk: make the final ask, or step back gracefully."""

STATE_KEYS: tuple[str, ...] = ("trust", "openness", "frustration")

PROP_USES: tuple[str, ...] = ("shared_ground", "gotcha")
"""How a choice uses a prop (a brief, a contract, minutes, an email): as ground you both stand
on ("the brief we agreed says..."), or as a gotcha that proves the other person wrong ("you
signed this off, so..."). The same document can be either; the course teaches the first."""

REPLY_LABELS: tuple[str, ...] = ("acknowledge", "business_reason", "evidence", "alternative", "involve",
                                 "let_go", "aggressive", "opinion_only")
"""The analyzer's labels (``pushback_lib.analyzer.LABELS``, repeated here so reading a script
never imports the analyzer): a choice declares which of them its text shows, and a typed reply
is matched to the choice whose labels it shares (:mod:`pushback_lib.practice.freetext`)."""

def scripts_dir() -> Traversable:
    """Where the course keeps its role-play scripts: ``roleplay/`` beside its case files."""
    from ..cases import cases_dir

    return cases_dir() / "roleplay"


def _script_folders() -> list[Traversable]:
    """``roleplay/`` of every case folder: the course's own, then an extra one if set, then
    a released debrief's or a clone's ``keys/`` (the scripts of the cases kept back for grading,
    :func:`pushback_lib.cases.keys.debrief_folders`)."""
    from ..cases import case_folders
    from ..cases.keys import debrief_folders

    return [folder / "roleplay" for folder in [*case_folders(), *debrief_folders()]]


@dataclass(frozen=True)
class Effect:
    """How a choice moves the stakeholder: each a change on the 0 to 1 scale."""

    trust: float = 0.0
    openness: float = 0.0
    frustration: float = 0.0


@dataclass(frozen=True)
class StartingState:
    """The stakeholder's trust, openness and frustration when the talk begins (0 to 1 each)."""

    trust: float
    openness: float
    frustration: float


@dataclass(frozen=True)
class Choice:
    """One answer the learner can give at a turn."""

    text: str
    stage: str
    """The key of the stage (``pushback_lib.STAGE_KEYS``) this answer exercises."""
    quality: str
    """One of ``QUALITIES``."""
    reply: str
    """What the stakeholder says back straight away."""
    feedback: str
    """The coach's note shown after the choice: why it helped or hurt."""
    labels: tuple[str, ...]
    """The analyzer labels (``REPLY_LABELS``) this answer's text shows: its profile, against which a
    reply the learner types is matched. Required, so no answer is left without a profile; ``[]``
    for an answer that shows none (caving in, say)."""
    effect: Effect = field(default_factory=Effect)
    """How the choice moves the stakeholder; no change when left out."""
    next: str = ""
    """Id of the next turn; empty when the choice ends the conversation."""
    end: str = ""
    """One of ``ENDINGS`` when the choice ends the conversation, else empty."""
    prop: str = ""
    """How the answer uses a prop, when it uses one: one of ``PROP_USES``."""


@dataclass(frozen=True)
class Turn:
    """A decision point: the stakeholder speaks, the learner chooses."""

    id: str
    says: str
    choices: tuple[Choice, ...]


@dataclass(frozen=True)
class Script:
    """A whole role-play for one case."""

    case: str
    title: str
    stakeholder: str
    setting: str
    start: str
    initial: StartingState
    """The stakeholder's starting trust, openness and frustration."""
    turns: tuple[Turn, ...]
    path: str = ""

    def turn(self, turn_id: str) -> Turn:
        for t in self.turns:
            if t.id == turn_id:
                return t
        raise CaseError(self.path or self.case, "turns", f"no turn with id {turn_id!r}")


def script_path(case_id: str, directory: Path | None = None) -> Traversable:
    """The file of the role-play for a case id (the first folder that has one)."""
    if directory is not None:
        return directory / f"{case_id}.yaml"
    folders = _script_folders()
    for folder in folders:
        candidate = folder / f"{case_id}.yaml"
        if candidate.is_file():
            return candidate
    return folders[0] / f"{case_id}.yaml"


def load_script(case_or_path: str | os.PathLike[str], directory: Path | None = None,
                case: str | None = None) -> Script:
    """Read and validate a script, by case id (``"niche_recruitment"``) or by an explicit path.

    A path is a ``Path`` (or any path-like), or text ending in ``.yaml``/``.yml``; ``~`` is
    expanded. An explicit path is how a script kept outside the package is played: the
    kept-back cases' scripts live instructor-side in ``keys/roleplay/<case id>.yaml`` and
    reach learners only after grading. ``case``, when given, is the id of the case the
    script is played for: a script written for another case is refused, since its turns
    would be read against the wrong case's facts.
    """
    explicit = isinstance(case_or_path, os.PathLike) or str(case_or_path).endswith((".yaml", ".yml"))
    path: Traversable
    folders: list[Traversable]
    if explicit:
        given = Path(case_or_path).expanduser()
        path, folders = given, [given.parent]
    else:
        path = script_path(str(case_or_path), directory)
        folders = [directory] if directory is not None else _script_folders()
    if not path.is_file():
        available = sorted(e.name.removesuffix(".yaml") for f in folders if f.is_dir()
                           for e in f.iterdir() if e.name.endswith(".yaml"))
        raise CaseError(str(path), "", f"no role-play script here; scripts exist for: "
                        f"{', '.join(available) or 'no case'}")
    data = read_yaml(path, "role-play script")
    script = parse_script(data, str(path))
    if case is not None and script.case != case:
        raise CaseError(str(path), "case", f"this script is for {script.case!r}, not for {case!r}")
    return script


def parse_script(data: Any, source: str) -> Script:
    """Turn the parsed YAML of a script into a checked ``Script``."""
    script = replace(build(Script, data, "", source), path=source)
    if not script.turns:
        raise CaseError(source, "turns", "a script needs at least one turn")
    ids = [t.id for t in script.turns]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise CaseError(source, "turns", f"turn ids must be unique; repeated: {', '.join(dupes)}")
    for i, turn in enumerate(script.turns):
        _check_turn(turn, ids, source, f"turns[{i}]")
    if script.start not in ids:
        raise CaseError(source, "start", f"{script.start!r} is not the id of a turn")
    _check_state(script.initial, source, "initial", low=0.0)
    _check_reachable(script, source)
    return script


def _check_turn(turn: Turn, ids: list[str], source: str, where: str) -> None:
    if len(turn.choices) < 2:
        raise CaseError(source, f"{where}.choices", "a decision point needs at least two choices")
    for j, choice in enumerate(turn.choices):
        at = f"{where}.choices[{j}]"
        if choice.stage not in STAGE_KEYS:
            raise CaseError(source, f"{at}.stage", f"{choice.stage!r} is not a stage; expected one of "
                            f"{', '.join(STAGE_KEYS)}")
        if choice.quality not in QUALITIES:
            raise CaseError(source, f"{at}.quality", f"{choice.quality!r} is not a quality; expected one "
                            f"of {', '.join(QUALITIES)}")
        if bool(choice.next) == bool(choice.end):
            raise CaseError(source, at, "a choice needs exactly one of 'next' (a turn id) or "
                            f"'end' ({' or '.join(ENDINGS)})")
        if choice.end and choice.end not in ENDINGS:
            raise CaseError(source, f"{at}.end", f"{choice.end!r} is not an ending; expected one of "
                            f"{', '.join(ENDINGS)}")
        _check_state(choice.effect, source, f"{at}.effect", low=-1.0)
        if choice.next and choice.next not in ids:
            raise CaseError(source, f"{at}.next", f"{choice.next!r} is not the id of a turn")
        _check_labels(choice, source, at)


def _check_labels(choice: Choice, source: str, at: str) -> None:
    """Declared labels are analyzer labels, each once; a gotcha is never the good answer."""
    for k, label in enumerate(choice.labels):
        if label not in REPLY_LABELS:
            raise CaseError(source, f"{at}.labels[{k}]", f"{label!r} is not an analyzer label; expected "
                            f"one of {', '.join(REPLY_LABELS)}")
        if label in choice.labels[:k]:
            raise CaseError(source, f"{at}.labels[{k}]", f"{label!r} is listed twice")
    if choice.prop and choice.prop not in PROP_USES:
        raise CaseError(source, f"{at}.prop", f"{choice.prop!r} is not a way to use a prop; expected one "
                        f"of {', '.join(PROP_USES)}")
    if choice.prop == "gotcha" and choice.quality == "good":
        raise CaseError(source, f"{at}.quality", "a prop used as a gotcha cannot be a good answer: it "
                        "proves the stakeholder wrong instead of giving you both ground to stand on")


def _check_state(state: Effect | StartingState, source: str, where: str, low: float) -> None:
    """Each value on its scale: 0 to 1 for a starting state, -1 to 1 for a change."""
    for key in STATE_KEYS:
        value = getattr(state, key)
        if not low <= value <= 1.0:
            raise CaseError(source, f"{where}.{key}", f"expected a number from {low:g} to 1, got {value!r}")


def _check_reachable(script: Script, source: str) -> None:
    seen: set[str] = set()
    todo = [script.start]
    while todo:
        turn_id = todo.pop()
        if turn_id in seen:
            continue
        seen.add(turn_id)
        todo.extend(c.next for c in script.turn(turn_id).choices if c.next)
    orphans = [t.id for t in script.turns if t.id not in seen]
    if orphans:
        raise CaseError(source, "turns", f"turns never reached from the start: {', '.join(orphans)}")
    _check_acyclic(script, source)


def _check_acyclic(script: Script, source: str) -> None:
    """Refuse loops: every path through a script must reach an ending."""
    done: set[str] = set()

    def visit(turn_id: str, trail: tuple[str, ...]) -> None:
        if turn_id in trail:
            loop = " -> ".join((*trail[trail.index(turn_id):], turn_id))
            raise CaseError(source, "turns", f"the conversation can loop forever: {loop}")
        if turn_id in done:
            return
        for choice in script.turn(turn_id).choices:
            if choice.next:
                visit(choice.next, (*trail, turn_id))
        done.add(turn_id)

    visit(script.start, ())
