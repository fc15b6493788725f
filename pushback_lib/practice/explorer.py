"""The decision explorer's state: six inputs, the decision, and a sweep.

The ``DecisionExplorer`` widget is a view over this class. It starts from a
case's ``decision_inputs`` (or the middle of every scale) so what a learner
explores is the same situation the lesson discusses.
"""

from __future__ import annotations

from dataclasses import asdict, fields
from typing import TYPE_CHECKING

from ..cases import Case, DecisionInputs
from ..errors import PushbackError

if TYPE_CHECKING:  # pragma: no cover
    from ..decision import Decision, Sweep

__all__ = ["INPUT_NAMES", "INPUT_LABELS", "ExplorerState"]

INPUT_NAMES: tuple[str, ...] = tuple(f.name for f in fields(DecisionInputs))
INPUT_LABELS: dict[str, str] = {
    "stakes": "Stakes", "evidence": "Evidence", "credibility": "Credibility",
    "openness": "Openness", "relationship_risk": "Relationship risk", "timing": "Timing",
}
"""Short labels for sliders, in the order of ``DecisionInputs``."""


class ExplorerState:
    """The current inputs of one exploration, and which input moved last."""

    def __init__(self, case: Case | None = None) -> None:
        self.case = case
        # a case whose expert reading is withheld starts, like no case, from the middle
        start = (case.decision_inputs if case is not None and case.decision_inputs is not None
                 else DecisionInputs(*(0.5,) * len(INPUT_NAMES)))
        self.inputs: dict[str, float] = dict(asdict(start))
        self.focus: str = INPUT_NAMES[0]
        """The input the sweep varies: the one the learner touched last."""

    def set(self, name: str, value: float) -> None:
        """Move one input; errors name the input and the 0 to 1 range."""
        if name not in INPUT_NAMES:
            raise PushbackError(f"no decision input {name!r}; expected one of {', '.join(INPUT_NAMES)}")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= value <= 1.0:
            raise PushbackError(f"decision input {name} must be a number from 0 to 1, got {value!r}")
        self.inputs[name] = float(value)
        self.focus = name

    def decision(self) -> Decision:
        """The recommendation for the current inputs."""
        from ..decision import decide
        return decide(self.case, **self.inputs)

    def sweep(self, name: str | None = None, points: int = 21) -> Sweep:
        """Both values as one input goes from 0 to 1, the others held where they are."""
        from ..decision import Sweep, decide
        name = name or self.focus
        if name not in INPUT_NAMES:
            raise PushbackError(f"no decision input {name!r}; expected one of {', '.join(INPUT_NAMES)}")
        if points < 2:
            raise PushbackError(f"a sweep needs at least 2 points, got {points}")
        xs = tuple(round(i / (points - 1), 4) for i in range(points))
        push, let = [], []
        for x in xs:
            d = decide(self.case, **{**self.inputs, name: x})
            push.append(d.value_push_back)
            let.append(d.value_let_go)
        return Sweep(name, xs, tuple(push), tuple(let), self.inputs[name])
