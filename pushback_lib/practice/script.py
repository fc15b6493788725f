"""Role-play scripts: the branching conversations a learner practises on.

A script lives in ``roleplay/<case id>.yaml`` beside the case files (package
data in ``pushback_lib/data/cases/``, or an extra cases folder). It is a graph of
*turns* (what the stakeholder says) and *choices* (what the learner can answer).
Every choice names the stage of the process it exercises, how well it does so,
and how it moves the stakeholder's trust, openness and frustration, so the
engine (:mod:`pushback_lib.practice.engine`) never needs to know the story.

The loader checks everything an author can get wrong and raises ``CaseError``
naming the file and the dotted field (``turns[3].choices[1].next``), because a
broken script should fail when it is read, not half-way through a lesson.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from ..errors import CaseError
from ..process import STAGE_KEYS

__all__ = ["QUALITIES", "ENDINGS", "STATE_KEYS", "scripts_dir", "Effect", "Choice", "Turn",
           "Script", "load_script", "parse_script", "script_path"]

QUALITIES: tuple[str, ...] = ("good", "weak", "skipped", "harmful")
"""How well a choice handles its stage: ``skipped`` means it jumps over the stage."""

ENDINGS: tuple[str, ...] = ("ask", "let_go")
"""How a closing choice ends the talk: make the final ask, or step back gracefully."""

STATE_KEYS: tuple[str, ...] = ("trust", "openness", "frustration")

def scripts_dir() -> Traversable:
    """Where the course keeps its role-play scripts: ``roleplay/`` beside its case files."""
    from ..cases import cases_dir

    return cases_dir() / "roleplay"


def _script_folders() -> list[Traversable]:
    """``roleplay/`` of every case folder: the course's own, then an extra one if set."""
    from ..cases import case_folders

    return [folder / "roleplay" for folder in case_folders()]


@dataclass(frozen=True)
class Effect:
    """How a choice moves the stakeholder: each a change on the 0 to 1 scale."""

    trust: float = 0.0
    openness: float = 0.0
    frustration: float = 0.0


@dataclass(frozen=True)
class Choice:
    """One answer the learner can give at a turn."""

    text: str
    stage: str
    """The key of the stage (``pushback_lib.STAGE_KEYS``) this answer exercises."""
    quality: str
    """One of ``QUALITIES``."""
    effect: Effect
    reply: str
    """What the stakeholder says back straight away."""
    feedback: str
    """The coach's note shown after the choice: why it helped or hurt."""
    next: str = ""
    """Id of the next turn; empty when the choice ends the conversation."""
    end: str = ""
    """One of ``ENDINGS`` when the choice ends the conversation, else empty."""


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
    initial: Effect
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


def load_script(case_or_path: str | Path, directory: Path | None = None) -> Script:
    """Read and validate a script, by case id (``"niche_recruitment"``) or by path."""
    text_key = str(case_or_path)
    path = Path(case_or_path) if text_key.endswith((".yaml", ".yml")) else script_path(text_key, directory)
    if not path.is_file():
        folders = [directory] if directory is not None else _script_folders()
        available = sorted(e.name.removesuffix(".yaml") for f in folders if f.is_dir()
                           for e in f.iterdir() if e.name.endswith(".yaml"))
        raise CaseError(str(path), "", f"no role-play script here; scripts exist for: "
                        f"{', '.join(available) or 'no case'}")
    import yaml  # lazy: keeps `import pushback_lib` cheap

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise CaseError(str(path), "", f"not valid YAML: {exc}") from None
    return parse_script(data, str(path))


def parse_script(data: Any, source: str) -> Script:
    """Turn the parsed YAML of a script into a checked ``Script``."""
    top = _mapping(data, source, "")
    turns_raw = _require(top, source, "turns", list)
    if not turns_raw:
        raise CaseError(source, "turns", "a script needs at least one turn")
    turns = tuple(_turn(t, source, f"turns[{i}]") for i, t in enumerate(turns_raw))
    ids = [t.id for t in turns]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise CaseError(source, "turns", f"turn ids must be unique; repeated: {', '.join(dupes)}")
    start = _require(top, source, "start", str)
    if start not in ids:
        raise CaseError(source, "start", f"{start!r} is not the id of a turn")
    for i, turn in enumerate(turns):
        for j, choice in enumerate(turn.choices):
            if choice.next and choice.next not in ids:
                raise CaseError(source, f"turns[{i}].choices[{j}].next",
                                f"{choice.next!r} is not the id of a turn")
    script = Script(case=_require(top, source, "case", str), title=_require(top, source, "title", str),
                    stakeholder=_require(top, source, "stakeholder", str),
                    setting=_require(top, source, "setting", str), start=start,
                    initial=_effect(_require(top, source, "initial", dict), source, "initial", True),
                    turns=turns, path=source)
    _check_reachable(script, source)
    return script


def _turn(raw: Any, source: str, where: str) -> Turn:
    m = _mapping(raw, source, where)
    choices_raw = _require(m, source, "choices", list, where)
    if len(choices_raw) < 2:
        raise CaseError(source, f"{where}.choices", "a decision point needs at least two choices")
    choices = tuple(_choice(c, source, f"{where}.choices[{j}]") for j, c in enumerate(choices_raw))
    return Turn(id=_require(m, source, "id", str, where), says=_require(m, source, "says", str, where),
                choices=choices)


def _choice(raw: Any, source: str, where: str) -> Choice:
    m = _mapping(raw, source, where)
    stage = _require(m, source, "stage", str, where)
    if stage not in STAGE_KEYS:
        raise CaseError(source, f"{where}.stage", f"{stage!r} is not a stage; expected one of "
                        f"{', '.join(STAGE_KEYS)}")
    quality = _require(m, source, "quality", str, where)
    if quality not in QUALITIES:
        raise CaseError(source, f"{where}.quality", f"{quality!r} is not a quality; expected one of "
                        f"{', '.join(QUALITIES)}")
    nxt = m.get("next", "")
    end = m.get("end", "")
    if bool(nxt) == bool(end):
        raise CaseError(source, where, "a choice needs exactly one of 'next' (a turn id) or "
                        f"'end' ({' or '.join(ENDINGS)})")
    if not isinstance(nxt, str):
        raise CaseError(source, f"{where}.next", f"expected a turn id (text), got {type(nxt).__name__}")
    if end and end not in ENDINGS:
        raise CaseError(source, f"{where}.end", f"{end!r} is not an ending; expected one of "
                        f"{', '.join(ENDINGS)}")
    return Choice(text=_require(m, source, "text", str, where), stage=stage, quality=quality,
                  effect=_effect(m.get("effect", {}), source, f"{where}.effect", False),
                  reply=_require(m, source, "reply", str, where),
                  feedback=_require(m, source, "feedback", str, where), next=nxt, end=end)


def _effect(raw: Any, source: str, where: str, absolute: bool) -> Effect:
    m = _mapping(raw, source, where)
    unknown = sorted(set(m) - set(STATE_KEYS))
    if unknown:
        raise CaseError(source, f"{where}.{unknown[0]}", f"unknown state; expected "
                        f"{', '.join(STATE_KEYS)}")
    values: dict[str, float] = {}
    low = 0.0 if absolute else -1.0
    for key in STATE_KEYS:
        value = m.get(key, 0.0)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= 1.0:
            raise CaseError(source, f"{where}.{key}", f"expected a number from {low:g} to 1, "
                            f"got {value!r}")
        values[key] = float(value)
    if absolute:
        missing = [k for k in STATE_KEYS if k not in m]
        if missing:
            raise CaseError(source, f"{where}.{missing[0]}", "missing: the starting state needs a value "
                            "for each of trust, openness, frustration")
    return Effect(**values)


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


def _mapping(raw: Any, source: str, where: str) -> Mapping[str, Any]:
    if not isinstance(raw, dict):
        raise CaseError(source, where or "(top level)",
                        f"expected a mapping of fields, got {type(raw).__name__}")
    return raw


def _require(m: Mapping[str, Any], source: str, key: str, kind: type, where: str = "") -> Any:
    field = f"{where}.{key}" if where else key
    if key not in m:
        raise CaseError(source, field, "missing")
    value = m[key]
    if not isinstance(value, kind) or (isinstance(value, str) and not value.strip()):
        names: dict[type, str] = {str: "non-empty text", list: "a list", dict: "a mapping"}
        expected = names.get(kind, kind.__name__)
        raise CaseError(source, field, f"expected {expected}, got {value!r}")
    return value
