"""Checked exercises on the ideas that run under the stages: each gives feedback, not just a score.

Why a module: accountability, "nobody carries the can", a prop used as shared
ground (not a gotcha) and knowing when an issue needs everyone in the room are
judgements, and a lesson that only describes them never lets the learner make
one. Three are sorting exercises (put each line or situation in its group;
every item explains itself), one is a rewrite the check reads.

=====================================  =======================================
``ACCOUNTABILITY``                     lesson 01: expertise, accountability or
                                       communication?
``CARRY_THE_CAN``                      lesson 09: does a closing leave someone
                                       carrying the can?
``ROOM_OR_PHONE``                      lesson 07: settle it on the phone, or get
                                       everyone in the room?
``check_sort(exercise, answers)``      feedback item by item
``check_prop_line(text)``              lesson 04: a prop offered as shared
                                       ground, or used as a gotcha?
=====================================  =======================================
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .._html import fragment
from ..errors import PushbackError

__all__ = ["Item", "SortExercise", "Feedback", "check_sort", "check_prop_line",
           "ACCOUNTABILITY", "CARRY_THE_CAN", "ROOM_OR_PHONE"]


@dataclass(frozen=True)
class Item:
    """One line or situation to sort, its group and why."""

    key: str
    text: str
    answer: str
    why: str


@dataclass(frozen=True)
class SortExercise:
    """Put each item in one of the groups; ``check_sort`` explains every item."""

    name: str
    groups: tuple[str, ...]
    items: tuple[Item, ...]

    def show(self) -> str:
        """The items as the learner sees them: key and text, never the answer."""
        return "\n".join(f"{i.key}: {i.text}" for i in self.items)


@dataclass(frozen=True)
class Feedback:
    """Item-by-item feedback: (passed, sentence) pairs, and a summary score."""

    title: str
    lines: tuple[tuple[bool, str], ...]

    @property
    def score(self) -> int:
        return sum(ok for ok, _ in self.lines)

    @property
    def out_of(self) -> int:
        return len(self.lines)

    @property
    def text(self) -> str:
        head = f"{self.title}: {self.score} of {self.out_of}"
        return "\n".join([head] + [f"{'✔' if ok else '✘'} {line}" for ok, line in self.lines])

    def __str__(self) -> str:
        return self.text

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """IPython's plain-text display: the readable text, not the dataclass fields."""
        printer.text(self.text)

    def _repr_html_(self) -> str:
        return fragment("<div><p><strong>{{ title }}: {{ score }} of {{ out_of }}</strong></p><ul>"
                        "{% for ok, line in lines %}<li>{{ '✔ ' if ok else '✘ ' }}{{ line }}</li>"
                        "{% endfor %}</ul></div>",
                        title=self.title, score=self.score, out_of=self.out_of, lines=self.lines)


def check_sort(exercise: SortExercise, answers: Mapping[str, str]) -> Feedback:
    """Feedback on each item: right or not, and why; an item not sorted yet is said to be so."""
    if not isinstance(answers, Mapping):
        raise PushbackError(f"{exercise.name}: answers must be a dict of item -> group, "
                            f"got {type(answers).__name__}")
    keys = {i.key for i in exercise.items}
    unknown = sorted(set(answers) - keys)
    if unknown:
        raise PushbackError(f"{exercise.name}: no item(s) {', '.join(map(repr, unknown))}; "
                            f"the items are {', '.join(sorted(keys))}")
    lines: list[tuple[bool, str]] = []
    for item in exercise.items:
        given = answers.get(item.key)
        if given is None or (isinstance(given, str) and not given.strip()):
            lines.append((False, f"{item.key}: not sorted yet (one of {', '.join(exercise.groups)})"))
            continue
        if not isinstance(given, str) or given.strip().lower() not in exercise.groups:
            raise PushbackError(f"{exercise.name}: answers[{item.key!r}] is {given!r}; "
                                f"use one of {', '.join(exercise.groups)}")
        ok = given.strip().lower() == item.answer
        verdict = "yes" if ok else f"not quite, it is {item.answer}"
        lines.append((ok, f"{item.key} ({given.strip().lower()}): {verdict}. {item.why}"))
    return Feedback(exercise.name, tuple(lines))


ACCOUNTABILITY = SortExercise("Expertise, accountability or communication", (
    "expertise", "accountability", "communication"), (
    Item("a", "I spent an hour with Daniel on what he wants from his next role, not just his CV.",
         "expertise", "Knowledge the client does not have, gathered first-hand."),
    Item("b", "If the interview goes badly, that is on me, and I will refocus the search the same day.",
         "accountability", "She owns the outcome of her advice, including the case where it is wrong."),
    Item("c", "I will send you a one-page note tonight linking his grading project to your merger.",
         "communication", "Making the case land in the client's terms is a separate skill from knowing it."),
    Item("d", "I have placed reward leads in three merging firms and know where those hires fail.",
         "expertise", "A track record in the field is expertise the advice rests on."),
    Item("e", "I put my name to this shortlist, and I will tell you straight if I learn anything "
              "that changes it.", "accountability",
         "Standing behind a recommendation, and correcting it openly, is what makes it credible."),
    Item("f", "Could we talk for ten minutes tomorrow, so I can explain what my summary did not?",
         "communication", "She fixes the message that failed, not the client's judgement."),
))

CARRY_THE_CAN = SortExercise("Does anyone carry the can?", ("shared", "carries the can"), (
    Item("a", "Fine, we will do it your way, but if it flops, that is down to your CEO.",
         "carries the can", "It sets the client up to take the blame, and the relationship with it."),
    Item("b", "OK, I will tell the creative team to rebuild it all by Monday.",
         "carries the can", "A promise made in the team's name, without them: they carry the can."),
    Item("c", "Let us write down what we agreed, who does each action and by when; I will send "
              "it round today.", "shared",
         "Written actions with owners mean nobody is left holding an unclear promise."),
    Item("d", "Marcus pushed for this route; I had my doubts all along.",
         "carries the can", "Blaming a colleague protects you and sinks the team's credibility."),
    Item("e", "We will test both versions with shoppers and decide together on the results.",
         "shared", "A shared test turns a contest into a decision everyone owns."),
    Item("f", "Let us all sign off the revised plan before the media is booked.",
         "shared", "One plan everyone has agreed to: if it needs changing, it is changed together."),
))

ROOM_OR_PHONE = SortExercise("Phone or room?", ("phone", "room"), (
    Item("a", "The client wants the end frame's background a shade lighter.",
         "phone", "Small, clear and cheap to change: agree it on the call."),
    Item("b", "The CEO wants the launch campaign rebuilt three weeks before media is booked.",
         "room", "Big money, many people affected and a deadline: everyone in one room."),
    Item("c", "The client asks to move a review meeting by one day.",
         "phone", "A logistics question; a meeting about it would waste everyone's time."),
    Item("d", "Finance says the team's numbers cannot be trusted and wants the budget cut.",
         "room", "Trust and money across teams: face to face, with the people who own the numbers."),
    Item("e", "A typo in the client's name in a draft report.",
         "phone", "Fix it, say thank you, move on."),
    Item("f", "The client wants to drop a strategy three departments have already built on.",
         "room", "Everyone it touches needs to hear it and shape the answer together."),
))

# "You signed it off", "as I told you": a prop used to prove the other side wrong.
_GOTCHA = re.compile(
    r"\b(?:you (?:signed|approved|agreed to|chose|confirmed|asked for) (?:it|this|these|that|them|off)\b"
    r"|you (?:said|told (?:us|me)|wrote|agreed|promised)\b"
    r"|you (?:signed|approved|agreed to|wrote|chose)\b[^.!?]*?\byourself\b"
    r"|as (?:i|we) (?:said|told you|warned)|i told you|you should have|you forgot"
    r"|remember (?:that )?you|your own (?:brief|email|words|sign))", re.I)
_PROP = re.compile(r"\b(?:brief|contact report|e-?mails?|(?:method |meeting )?notes?|minutes|data"
                   r"|test(?:ing)? results?|scripts?|report|figures|sign-?off)\b", re.I)
_SHARED = re.compile(r"\b(?:we|us|our|let'?s|together|both)\b", re.I)


def check_prop_line(text: str) -> Feedback:
    """Is the prop offered as shared ground (named, looked at together) and never as a gotcha?"""
    if not isinstance(text, str):
        raise PushbackError(f"check_prop_line: the line must be text, got {type(text).__name__}")
    line = " ".join(text.split())
    if not line:
        raise PushbackError("check_prop_line: the line is empty; write what you would say")
    prop = _PROP.search(line)
    shared = _SHARED.search(line)
    gotcha = _GOTCHA.search(line)
    return Feedback("A prop as shared ground", (
        (bool(prop), f"names a prop ({prop.group(0)})" if prop else
         "name the document you would put on the table (the brief, the contact report, the email)"),
        (bool(shared), f"looks at it together ({shared.group(0)!r})" if shared else
         "invite them to look at it with you: 'let's', 'we', 'together'"),
        (not gotcha, "no gotcha: it does not use the prop to prove them wrong" if not gotcha else
         f"{gotcha.group(0)!r} turns the prop into a gotcha: it points at what *they* did; "
         "point at what the document says and what you both want"),
    ))
