"""Push back or let go? An explicit expected-value model: ``decide(...) -> Decision``.

The source articles insist that some situations are hopeless and some are
where you can add real value, and that there is a time and a place. This
module makes that judgement transparent: six inputs on a 0 to 1 scale, one
formula, both values and the reasons in plain words.

The model (all inputs in 0..1)::

    p_success       = evidence * (credibility + openness) / 2 * (1 + timing) / 2
    value_push_back = p_success * stakes
                      - (1 - p_success) * relationship_risk
                      - EFFORT
    value_let_go    = LET_GO_WEIGHT * (1 - stakes)

A pushback succeeds more often with strong evidence, a credible messenger, an
open listener and a good moment; success wins what is at stake, failure
costs the relationship in proportion to its risk, and any pushback spends some
time and goodwill (``EFFORT``). Letting go keeps that goodwill for a bigger
issue, which is worth most when little is at stake. The recommendation is
``push_back`` only when its value is strictly higher; a tie lets go. Hence
more evidence or credibility never lowers ``value_push_back - value_let_go``,
more relationship risk never raises it, and a hopeless case (no evidence, or
a stakeholder who is neither open nor trusting) always lets go.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from typing import Literal

from ._html import fragment, table
from .cases import Case, DecisionInputs
from .errors import PushbackError

__all__ = ["decide", "Decision", "Sweep", "EFFORT", "LET_GO_WEIGHT", "INPUT_NAMES"]

EFFORT = 0.05
"""What any pushback costs in time and goodwill, even one that succeeds."""
LET_GO_WEIGHT = 0.2
"""What the goodwill kept by letting go is worth when nothing is at stake."""
INPUT_NAMES: tuple[str, ...] = tuple(f.name for f in fields(DecisionInputs))

# +1: a high value favours pushing back; -1: a high value favours letting go.
_DIRECTION = {"stakes": 1, "evidence": 1, "credibility": 1, "openness": 1,
              "relationship_risk": -1, "timing": 1}
_HIGH = {
    "stakes": "a lot is at stake", "evidence": "your evidence is strong",
    "credibility": "they trust your judgement", "openness": "they are open to another view",
    "relationship_risk": "pushing back could damage the relationship",
    "timing": "this is the right time and place",
}
_LOW = {
    "stakes": "little is at stake", "evidence": "your evidence is weak",
    "credibility": "your credibility with them is limited",
    "openness": "they are closed to another view",
    "relationship_risk": "the relationship can take a disagreement",
    "timing": "the moment is wrong (too late, or the wrong forum)",
}


@dataclass(frozen=True)
class Decision:
    """The recommendation, the value of each choice, and why."""

    recommendation: Literal["push_back", "let_go"]
    value_push_back: float
    value_let_go: float
    reasons: tuple[str, ...]
    inputs: DecisionInputs

    @property
    def p_success(self) -> float:
        """The model's chance that a pushback succeeds."""
        return _p_success(self.inputs)

    @property
    def margin(self) -> float:
        """``value_push_back - value_let_go``: positive favours pushing back."""
        return self.value_push_back - self.value_let_go

    def _repr_html_(self) -> str:
        verdict = "Push back" if self.recommendation == "push_back" else "Let go"
        rows = [(name.replace("_", " "), f"{getattr(self.inputs, name):.2f}") for name in INPUT_NAMES]
        rows += [("chance a pushback succeeds", f"{self.p_success:.2f}"),
                 ("value of pushing back", f"{self.value_push_back:+.3f}"),
                 ("value of letting go", f"{self.value_let_go:+.3f}")]
        return fragment("<div><p><strong>Recommendation: {{ verdict }}</strong></p>{{ table }}"
                        "<ul>{% for r in reasons %}<li>{{ r }}</li>{% endfor %}</ul></div>",
                        verdict=verdict, reasons=self.reasons,
                        table=table(("Input or value", "Value"), rows, caption="Push back or let go"))


@dataclass(frozen=True)
class Sweep:
    """Both values as one decision input moves from 0 to 1, the others held still.

    A model value (what the decision explorer computes and the decision chart
    draws), so it lives with :func:`decide`, not with the chart.
    """

    input: str
    xs: tuple[float, ...]
    push_back: tuple[float, ...]
    let_go: tuple[float, ...]
    current: float

    def __post_init__(self) -> None:
        if not len(self.xs) == len(self.push_back) == len(self.let_go) >= 2:
            raise PushbackError(f"a sweep needs at least two points and one value of each choice "
                                f"per point; got {len(self.xs)} points, {len(self.push_back)} "
                                f"push-back and {len(self.let_go)} let-go values")


def _p_success(i: DecisionInputs) -> float:
    return i.evidence * (i.credibility + i.openness) / 2 * (1 + i.timing) / 2


def _values(i: DecisionInputs) -> tuple[float, float]:
    p = _p_success(i)
    push = p * i.stakes - (1 - p) * i.relationship_risk - EFFORT
    return push, LET_GO_WEIGHT * (1 - i.stakes)


def _check(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise PushbackError(f"decide(): {name} must be a number from 0 to 1, "
                            f"got {type(value).__name__} {value!r}")
    if math.isnan(value) or not 0.0 <= value <= 1.0:
        raise PushbackError(f"decide(): {name} must be a number from 0 to 1, got {value!r}")
    return float(value)


def _inputs(case: Case | str | None, given: dict[str, float | None]) -> DecisionInputs:
    if isinstance(case, str):
        from .cases import load_case  # deferred: YAML only when a case id is given
        case = load_case(case)
    if case is not None and not isinstance(case, Case):
        raise PushbackError(f"decide(): case must be a Case or a case id, got {type(case).__name__}")
    base = ({n: getattr(case.decision_inputs, n) for n in INPUT_NAMES}
            if case and case.decision_inputs is not None else {})
    base.update({n: v for n, v in given.items() if v is not None})
    missing = [n for n in INPUT_NAMES if n not in base]
    if missing and case is not None:  # a case kept back: its expert reading is withheld
        case.expert(f"decide() without {', '.join(missing)}")
    if missing:
        raise PushbackError(f"decide(): without a case every input is needed; missing "
                            f"{', '.join(missing)} (each a number from 0 to 1)")
    return DecisionInputs(**{n: _check(n, base[n]) for n in INPUT_NAMES})


def _reasons(i: DecisionInputs, rec: str, push: float, let: float) -> tuple[str, ...]:
    verdict = "Push back" if rec == "push_back" else "Let go"
    out = [f"{verdict}: pushing back is worth {push:+.2f} against {let:+.2f} for letting go "
           f"(chance of success {_p_success(i):.0%})."]
    lean = {n: _DIRECTION[n] * (getattr(i, n) - 0.5) for n in INPUT_NAMES}
    sign = 1 if rec == "push_back" else -1
    drivers = sorted((n for n in INPUT_NAMES if sign * lean[n] > 0.1), key=lambda n: -abs(lean[n]))
    against = sorted((n for n in INPUT_NAMES if sign * lean[n] < -0.1), key=lambda n: -abs(lean[n]))

    def says(n: str) -> str:
        text = _HIGH[n] if getattr(i, n) > 0.5 else _LOW[n]
        return f"{text} ({n.replace('_', ' ')} {getattr(i, n):.2f})"

    if drivers:
        out.append("Mainly because " + "; ".join(says(n) for n in drivers[:3]) + ".")
    if against:
        out.append("Weighing against it: " + "; ".join(says(n) for n in against[:2]) + ".")
    if rec == "let_go":
        out.append("Let go gracefully: keep their respect for having a view, and save your "
                   "credibility for an issue where you can add more value.")
    return tuple(s[0].upper() + s[1:] for s in out)


def decide(case: Case | str | None = None, *, stakes: float | None = None,
           evidence: float | None = None, credibility: float | None = None,
           openness: float | None = None, relationship_risk: float | None = None,
           timing: float | None = None) -> Decision:
    """Recommend pushing back or letting go, with both values and the reasons.

    Start from ``case.decision_inputs`` (a ``Case`` or a case id) and override
    any input by keyword, or give all six inputs without a case. Every input
    is a number from 0 to 1; anything else raises ``PushbackError`` naming it.
    """
    inputs = _inputs(case, {"stakes": stakes, "evidence": evidence, "credibility": credibility,
                            "openness": openness, "relationship_risk": relationship_risk,
                            "timing": timing})
    push, let = _values(inputs)
    rec: Literal["push_back", "let_go"] = "push_back" if push > let else "let_go"
    return Decision(rec, round(push, 6), round(let, 6), _reasons(inputs, rec, push, let), inputs)
