"""Commit, then reveal: the learner's own call comes before the model's or the expert's.

Why: a lesson that says "make your own call" and then prints the answer in the
next cell teaches reading answers, not judgement. Here the learner first
writes a call *with a reason* (and, if they like, their own reading of the six
decision factors); only then does :func:`reveal` show what ``pb.decide`` and
the expert made of the case, and compare the two factor by factor.

=======================================  =====================================
``MyCall(choice, reason, reading=...)``  the learner's call, validated: a clear
                                         error for an unknown choice, an empty
                                         or one-word reason, or a bad reading
``reveal(case, my_call) -> Reveal``      the comparison; with ``None`` it says
                                         "make your call first" and shows nothing
``Reveal.text`` / ``_repr_html_``        the same comparison as text and HTML,
                                         the HTML folded (a closed <details>)
``fold(thing, summary=...)``             any answer (a debrief, an expert plan,
                                         a note) shown folded, so a notebook's
                                         stored output gives nothing away until
                                         the learner opens it
=======================================  =====================================

>>> MyCall("maybe", "no idea")
Traceback (most recent call last):
...
pushback_lib.errors.PushbackError: MyCall: choice must be 'push_back' or 'let_go', got 'maybe'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from .._html import Raw, fragment, table
from ..cases.model import Case
from ..decision import INPUT_NAMES, Decision, decide
from ..errors import PushbackError

__all__ = ["MyCall", "reveal", "Reveal", "FactorRow", "CHOICES", "MIN_REASON_WORDS", "Folded",
           "fold", "FOLD_SUMMARY"]

FOLD_SUMMARY = "Your call first: open after you have decided"
"""The summary line of a folded answer: what to do before opening it."""

CHOICES = ("push_back", "let_go")
MIN_REASON_WORDS = 4
"""A reason shorter than this is a label, not a reason ("because stakes")."""

_SAY = {"push_back": "push back", "let_go": "let go"}

# Words that show a reason weighs a factor; matched at the start of a word.
_FACTOR_WORDS: dict[str, tuple[str, ...]] = {
    "stakes": ("stake", "matter", "important", "critical", "budget", "cost", "worth", "expens",
               "money", "million"),
    "evidence": ("evidence", "fact", "proof", "prove", "data", "verif", "record", "document",
                 "brief", "notes", "test", "figure", "number"),
    "credibility": ("credib", "trust", "track record", "reputation", "believ", "respect"),
    "openness": ("open", "listen", "receptive", "mind", "closed", "hear"),
    "relationship_risk": ("relationship", "damage", "goodwill", "upset", "alienat", "annoy",
                          "anger", "angry", "offend", "partner"),
    "timing": ("time", "timing", "moment", "deadline", "late", "early", "now", "forum",
               "phone", "meeting", "room", "week"),
}
_PATTERNS = {name: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + ")", re.I)
             for name, words in _FACTOR_WORDS.items()}


def _choice(value: object) -> str:
    if not isinstance(value, str):
        raise PushbackError(f"MyCall: choice must be 'push_back' or 'let_go', "
                            f"got {type(value).__name__} {value!r}")
    key = re.sub(r"[\s\-]+", "_", value.strip().lower())
    if not key:
        raise PushbackError("MyCall: choice is empty; write 'push_back' or 'let_go'")
    if key not in CHOICES:
        raise PushbackError(f"MyCall: choice must be 'push_back' or 'let_go', got {value!r}")
    return key


def _reason(value: object) -> str:
    if not isinstance(value, str):
        raise PushbackError(f"MyCall: reason must be a sentence (text), got {type(value).__name__}")
    text = " ".join(value.split())
    if not text:
        raise PushbackError("MyCall: reason is empty; say in a sentence why you make this call")
    if len(text.split()) < MIN_REASON_WORDS:
        raise PushbackError(f"MyCall: reason {text!r} is too short to be a reason; use at least "
                            f"{MIN_REASON_WORDS} words saying what in the case decides it for you")
    return text


def _reading(value: Mapping[str, float] | None) -> Mapping[str, float]:
    if value is None:
        return MappingProxyType({})
    if not isinstance(value, Mapping):
        raise PushbackError(f"MyCall: reading must be a dict of factor -> number from 0 to 1, "
                            f"got {type(value).__name__}")
    unknown = sorted(set(value) - set(INPUT_NAMES))
    if unknown:
        raise PushbackError(f"MyCall: reading has unknown factor(s) {', '.join(map(str, unknown))}; "
                            f"the factors are {', '.join(INPUT_NAMES)}")
    out: dict[str, float] = {}
    for name in INPUT_NAMES:
        if name in value:
            v = value[name]
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0.0 <= v <= 1.0:
                raise PushbackError(f"MyCall: reading[{name!r}] must be a number from 0 to 1, "
                                    f"got {v!r}")
            out[name] = float(v)
    return MappingProxyType(out)


@dataclass(frozen=True)
class MyCall:
    """A learner's own call on a case, made before any answer is shown."""

    choice: str
    """``"push_back"`` or ``"let_go"`` ("push back" and "Let go" are accepted too)."""
    reason: str
    """Why, in the learner's words: what in the case decides it."""
    reading: Mapping[str, float] = field(default_factory=dict)
    """Optional: the learner's own value (0 to 1) for any of the six decision factors."""
    example: bool = False
    """True for the example call a notebook ships with: the reveal says it is not yours."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "choice", _choice(self.choice))
        object.__setattr__(self, "reason", _reason(self.reason))
        object.__setattr__(self, "reading", _reading(self.reading))

    def __repr__(self) -> str:
        extra = f", reading={dict(self.reading)!r}" if self.reading else ""
        extra += ", example=True" if self.example else ""
        return f"MyCall({self.choice!r}, {self.reason!r}{extra})"


@dataclass(frozen=True)
class FactorRow:
    """One decision factor: the case's reading, the learner's, and whether their reason used it."""

    name: str
    case_value: float
    yours: float | None
    leans: str
    """Which way the case's value pushes the decision: 'push back', 'let go' or 'neither'."""
    in_reason: bool

    @property
    def gap(self) -> float:
        """How far the learner's reading is from the case's (0 when they gave none)."""
        return 0.0 if self.yours is None else abs(self.yours - self.case_value)


@dataclass(frozen=True)
class Reveal:
    """The learner's call next to the model's and the expert's, with what separates them."""

    case_title: str
    call: MyCall | None
    model: Decision | None = None
    """``pb.decide`` on the case's own reading."""
    on_your_reading: Decision | None = None
    """``pb.decide`` on the learner's reading, when they gave one."""
    expert_choice: str = ""
    expert_summary: str = ""
    expert_reasoning: str = ""
    factors: tuple[FactorRow, ...] = ()
    expert_shown: bool = True
    """False shows only the expert's call, not what they did: for a case study whose plan
    exercise comes after the reveal, so the expert's moves wait for the debrief."""

    @property
    def ready(self) -> bool:
        """False until the learner has made a call: then nothing is revealed."""
        return self.call is not None

    @property
    def agrees_with_expert(self) -> bool:
        return self.call is not None and self.call.choice == self.expert_choice

    def verdict(self) -> str:
        """One line: same call as the expert, or not."""
        assert self.call is not None
        mine, theirs = _SAY[self.call.choice], _SAY.get(self.expert_choice, self.expert_choice)
        if self.agrees_with_expert:
            return f"Same call as the expert: {mine}."
        return f"A different call: you would {mine}, the expert chose to {theirs}."

    def differences(self) -> list[str]:
        """What explains the difference (or the agreement), factor by factor, in sentences."""
        assert self.call is not None and self.model is not None
        out: list[str] = []
        drivers = [r for r in self.factors if r.leans == _SAY[self.model.recommendation]]
        drivers.sort(key=lambda r: -abs(r.case_value - 0.5))
        used = [r.name for r in self.factors if r.in_reason]
        missed = [r.name for r in drivers[:3] if not r.in_reason]
        if used:
            out.append("Your reason weighs " + _names(used) + ".")
        else:
            out.append("Your reason names none of the six factors; say which of them decides it.")
        if missed:
            out.append(f"The model's call ({_SAY[self.model.recommendation]}) rests most on "
                       f"{_names(missed)}, which your reason does not mention.")
        elif used and drivers:
            out.append(f"Your reason rests on the factors the model's call "
                       f"({_SAY[self.model.recommendation]}) rests on most.")
        far = sorted((r for r in self.factors if r.gap >= 0.2), key=lambda r: -r.gap)
        for r in far[:3]:
            out.append(f"You read {_name(r.name)} as {r.yours:.2f} where the case reads "
                       f"{r.case_value:.2f}: reread the situation for what tells you this.")
        if self.on_your_reading is not None and \
                self.on_your_reading.recommendation != self.model.recommendation:
            out.append(f"On your own reading the model would {_SAY[self.on_your_reading.recommendation]}:"
                       f" the gaps above are what turn the decision.")
        if self.on_your_reading is not None and \
                self.on_your_reading.recommendation != self.call.choice:
            out.append(f"Your own numbers point to {_SAY[self.on_your_reading.recommendation]} "
                       f"but you chose to {_SAY[self.call.choice]}: which is it?")
        return out

    @property
    def text(self) -> str:
        if self.call is None:
            return (f"{self.case_title}\nMake your call first: set my_call = MyCall(choice, reason) "
                    "in the cell above, run it, then run this cell again. Nothing is revealed "
                    "until you have committed to a call.")
        assert self.model is not None
        lines = [self.case_title]
        if self.call.example:
            lines.append("(This is the notebook's example call, not yours: replace it with your "
                         "own and run again.)")
        lines += [f"Your call: {_SAY[self.call.choice]}. Your reason: {self.call.reason}",
                  self.verdict(),
                  f"The model (pb.decide on the case's reading) says: "
                  f"{_SAY[self.model.recommendation]}.", "",
                  f"{'factor':18} {'case':>5} {'yours':>6}  case leans   in your reason"]
        for r in self.factors:
            yours = "-" if r.yours is None else f"{r.yours:.2f}"
            lines.append(f"{r.name:18} {r.case_value:5.2f} {yours:>6}  {r.leans:12} "
                         f"{'yes' if r.in_reason else 'no'}")
        lines += ["", *self.differences(), ""]
        if self.expert_shown:
            lines += ["What the expert did: " + self.expert_summary, "Why: " + self.expert_reasoning]
        else:
            lines.append(_LATER)
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """IPython's plain-text display: folded like the HTML, since a notebook stores it
        too; ``print()`` reads the whole comparison."""
        if self.call is None:
            printer.text(self.text)
        else:
            printer.text(f"{self.case_title}: the comparison is folded; run print() on this "
                         "cell's result to read it.")

    def _repr_html_(self) -> str:
        if self.call is None:
            return fragment('<div role="status"><p><strong>Make your call first.</strong> Set '
                            '<code>my_call = MyCall(choice, reason)</code> in the cell above and run '
                            'it; nothing about {{ title }} is revealed until you have '
                            'committed to a call.</p></div>', title=self.case_title)
        assert self.model is not None
        rows = [(_name(r.name), f"{r.case_value:.2f}", "-" if r.yours is None else f"{r.yours:.2f}",
                 r.leans, "yes" if r.in_reason else "no") for r in self.factors]
        body = fragment(_COMPARED, verdict=self.verdict(), choice=_SAY[self.call.choice],
                        reason=self.call.reason, model=_SAY[self.model.recommendation],
                        differences=self.differences(), expert_shown=self.expert_shown,
                        summary=self.expert_summary, reasoning=self.expert_reasoning, later=_LATER,
                        table=table(("Factor", "Case", "Yours", "Case leans to", "In your reason"),
                                    rows, caption="Factor by factor"))
        summary = ("The notebook's example call, compared (not yours: make your own call "
                   "first, then open)" if self.call.example else
                   "Your call compared with the model's and the expert's (open after you have "
                   "decided)")
        return fragment("<div><h4>{{ title }}</h4>{{ details }}</div>", title=self.case_title,
                        details=_details(summary, body))


_LATER = ("What the expert did, and why, comes in the debrief, after you have written and "
          "scored your own plan.")


_COMPARED = ("<p><strong>{{ verdict }}</strong></p><p>Your call: {{ choice }}. Your reason: {{ reason }}</p>"
             "<p>The model (<code>pb.decide</code> on the case's reading) says: {{ model }}.</p>"
             "{{ table }}<ul>{% for d in differences %}<li>{{ d }}</li>{% endfor %}</ul>"
             "{% if expert_shown %}<p><strong>What the expert did:</strong> {{ summary }}</p>"
             "<p><strong>Why:</strong> {{ reasoning }}</p>{% else %}<p>{{ later }}</p>{% endif %}")
"""The comparison :class:`Reveal` shows, folded, once the learner has committed to a call."""


def _details(summary: str, body: Raw) -> Raw:
    """A closed ``<details>``: the answer is one click away, never on the page by default."""
    return fragment("<details><summary>{{ summary }}</summary>{{ body }}</details>",
                    summary=summary, body=body)


@dataclass(frozen=True)
class Folded:
    """An answer shown folded: debriefs, expert plans and notes that give good moves away.

    Why: a notebook stores its outputs, so a learner scrolling a lesson (or reading
    it on a website without a kernel) sees every stored output before doing the
    exercise above it. Folded, the answer is still there, one deliberate click
    away, under a summary line that says to decide first.
    """

    content: object
    """What is folded: text, or anything with ``_repr_html_`` or a readable ``str()``."""
    summary: str = FOLD_SUMMARY

    @property
    def text(self) -> str:
        """The whole answer as text (``print()`` shows it)."""
        return str(self.content)

    def __str__(self) -> str:
        return self.text

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """Plain-text display (stored too): only the summary, never the answer."""
        printer.text(f"[folded] {self.summary} (print() this cell's result to read it)")

    def _repr_html_(self) -> str:
        html_of = getattr(self.content, "_repr_html_", None)
        inner = html_of() if callable(html_of) else None
        body = Raw(inner) if inner else fragment("<pre>{{ text }}</pre>", text=self.text)
        return _details(self.summary, body)


def fold(content: object, summary: str = FOLD_SUMMARY) -> Folded:
    """Show ``content`` folded under ``summary`` (a clear error for an empty summary)."""
    if not isinstance(summary, str) or not summary.strip():
        raise PushbackError("fold(): summary must be a line of text saying when to open it, "
                            f"got {summary!r}")
    if content is None:
        raise PushbackError("fold(): nothing to fold (content is None)")
    return Folded(content, summary.strip())


def _name(factor: str) -> str:
    return factor.replace("_", " ")


def _names(factors: list[str]) -> str:
    words = [_name(f) for f in factors]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _leans(name: str, value: float) -> str:
    toward_push = value - 0.5 if name != "relationship_risk" else 0.5 - value
    if abs(toward_push) <= 0.1:
        return "neither"
    return "push back" if toward_push > 0 else "let go"


def reveal(case: Case, my_call: MyCall | None, *, call_only: bool = False) -> Reveal:
    """Compare the learner's call with ``pb.decide`` and the expert, once they have made one.

    ``my_call=None`` (the cell not filled yet) reveals nothing and says so.
    ``call_only=True`` shows the expert's call but not what they did: the moves
    (the meeting, the ally, the props) would answer the plan exercise that follows.
    """
    if not isinstance(case, Case):
        raise PushbackError(f"reveal(): case must be a Case (pb.load_case(...)), "
                            f"got {type(case).__name__}")
    if my_call is None:
        return Reveal(case.title, None)
    if not isinstance(my_call, MyCall):
        raise PushbackError(f"reveal(): my_call must be MyCall(choice, reason) or None, "
                            f"got {type(my_call).__name__} {my_call!r}")
    inputs, outcome = case.expert("the reveal")  # a case kept back: it opens after grading
    rows = tuple(FactorRow(name, getattr(inputs, name), my_call.reading.get(name),
                           _leans(name, getattr(inputs, name)),
                           bool(_PATTERNS[name].search(my_call.reason)))
                 for name in INPUT_NAMES)
    mine = decide(case, **dict(my_call.reading)) if my_call.reading else None
    return Reveal(case.title, my_call, decide(case), mine, outcome.choice, outcome.summary,
                  outcome.reasoning, rows, expert_shown=not call_only)
