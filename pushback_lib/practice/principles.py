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

from .. import learner_progress
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
    note: str = ""
    """What the progress record made of this check (recorded, or an example not recorded)."""

    @property
    def score(self) -> int:
        return sum(ok for ok, _ in self.lines)

    @property
    def out_of(self) -> int:
        return len(self.lines)

    @property
    def text(self) -> str:
        head = f"{self.title}: {self.score} of {self.out_of}"
        lines = [head] + [f"{'✔' if ok else '✘'} {line}" for ok, line in self.lines]
        return "\n".join(lines + ([self.note] if self.note else []))

    def __str__(self) -> str:
        return self.text

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """IPython's plain-text display: the readable text, not the dataclass fields."""
        printer.text(self.text)

    def _repr_html_(self) -> str:
        return fragment("<div><p><strong>{{ title }}: {{ score }} of {{ out_of }}</strong></p><ul>"
                        "{% for ok, line in lines %}<li>{{ '✔ ' if ok else '✘ ' }}{{ line }}</li>"
                        "{% endfor %}</ul>{% if note %}<p><em>{{ note }}</em></p>{% endif %}</div>",
                        title=self.title, score=self.score, out_of=self.out_of, lines=self.lines,
                        note=self.note)


def check_sort(exercise: SortExercise, answers: Mapping[str, str], lesson: str = "") -> Feedback:
    """Feedback on each item: right or not, and why; an item not sorted yet is said to be so.

    With ``lesson``, a complete sort is recorded as that lesson's check in the
    learner's progress; a partial one (the example ships with one item sorted) is not.
    """
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
    feedback = Feedback(exercise.name, tuple(lines))
    if not lesson:
        return feedback
    complete = all(isinstance(answers.get(i.key), str) and str(answers.get(i.key)).strip()
                   for i in exercise.items)
    note = learner_progress.lesson_check(lesson, exercise.name, feedback.score, feedback.out_of,
                                         answer=dict(answers) if complete else None, example=None)
    return Feedback(exercise.name, feedback.lines, note)


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
    # Why these lines: each sounds like its opposite (a generous offer that leaves one person
    # exposed, a refusal that protects everyone), so the sort takes judgement, not tone-reading.
    Item("a", "Leave it with me: the team will turn the new cut round by Monday, no need to "
              "bother them with it now.",
         "carries the can", "It sounds helpful, but it is a promise made in the team's name "
                            "without them: they carry it if Monday slips."),
    Item("b", "Happy to go with your CEO's version; I will note in today's summary that it "
              "was his call, just for the record.",
         "carries the can", "Polite, but the note is there to pin the outcome on one person if it "
                            "goes wrong."),
    Item("c", "I would rather not promise Monday on this call. Let me check with the editors this "
              "afternoon and come back with a date we can all keep.",
         "shared", "It sounds like a refusal, yet it is the line that stops anyone being left "
                   "with a promise they never made."),
    Item("d", "I will take full responsibility if it fails; just let us run it our way.",
         "carries the can", "It sounds accountable, but it turns a joint decision into one "
                            "person's bet: if it fails, that person carries it alone."),
    Item("e", "Both routes go to the same 200 shoppers next week, and whichever wins, we build it "
              "together.",
         "shared", "A test everyone agreed to turns a contest into a decision everyone owns."),
    Item("f", "Everyone's name is on an action in the notes; if the results disappoint, we look "
              "at them together before anyone changes course.",
         "shared", "Written actions with owners and a joint review mean nobody is left holding "
                   "an unclear promise."),
))

ROOM_OR_PHONE = SortExercise("Phone or room?", ("phone", "room"), (
    # Why these items: size is not in the wording. A request that sounds big can be contained,
    # and "a few small tweaks" can rebuild a campaign; the sort asks how far the answer reaches.
    Item("a", "The client wants the end frame's background a shade lighter.",
         "phone", "Small, clear and cheap to change: agree it on the call."),
    Item("b", "The CEO wants a different voiceover artist, one she likes; recording is a day's "
              "work and nothing else in the film changes.",
         "phone", "A senior name makes it sound big, but the change is contained and one call "
                  "can settle it."),
    Item("c", "The client emails that 'a few small tweaks' are needed: a new pack shot, a new end "
              "line and a different music track.",
         "room", "Each tweak is small; together they rebuild the film and touch several teams, "
                 "so agree them face to face and write the actions down."),
    Item("d", "Finance questions one figure in the monthly report, and the analyst who built it "
              "can show its source in five minutes.",
         "phone", "It sounds like a question of trust, but one person with the source settles it "
                  "quickly; a meeting would make it bigger than it is."),
    Item("e", "The product lead wants to drop one of the three launch markets; the media plan, the "
              "retailers' stock and the sales targets all assume three.",
         "room", "One sentence from the client, but three teams' plans rest on it: everyone it "
                 "touches needs to shape the answer together."),
    Item("f", "The client's new marketing director, in her first week, asks to 'revisit the "
              "strategy' before the next phase starts.",
         "room", "Vague and polite, yet it reopens what several people agreed: meet, hear what "
                 "she wants, and write down what changes."),
))

# "You signed it off", "as I told you", "you clearly forgot": a prop (or a remark) aimed at
# what the other person did or failed to do, to prove them wrong.
_GOTCHA = re.compile(
    r"\b(?:you (?:signed|approved|agreed to|chose|confirmed|asked for) (?:it|this|these|that|them|off)\b"
    r"|you (?:said|told (?:us|me)|wrote|agreed|promised)\b"
    r"|you (?:signed|approved|agreed to|wrote|chose)\b[^.!?]*?\byourself\b"
    r"|(?:what|which|that) you (?:approved|signed|agreed|chose|asked for)\b"
    r"|\byou (?:(?:clearly|obviously|must have|probably|simply|just) )?(?:forgot|forgotten|missed|ignored"
    r"|overlooked|failed to|didn'?t (?:read|check|notice|see)|did not (?:read|check|notice|see)"
    r"|never (?:read|checked))\b"
    r"|(?:clearly|obviously),? you\b|if you had (?:read|checked|looked)|as you (?:should|ought to) know"
    r"|as (?:i|we) (?:said|told you|warned)|i told you|you should have|you forgot"
    r"|remember (?:that )?you|your own (?:brief|email|words|sign)|your (?:mistake|fault|error))", re.I)
_PROP = re.compile(r"\b(?:brief|contact report|e-?mails?|(?:method |meeting )?notes?|minutes|data"
                   r"|test(?:ing)? results?|scripts?|report|figures|sign-?off|contract|plan|survey)\b",
                   re.I)
_SHARED = re.compile(r"\b(?:we|us|our|let'?s|together|both)\b", re.I)
# What the document says: a number, a quoted or colon-introduced clause, or a verb of content
# after the prop ("the brief names...", "the report shows...").
_CONTENT = re.compile(
    r"\d|[:\u2014]\s*\S+\s+\S+\s+\S+|\"[^\"]{8,}\""
    r"|\b(?:says?|said|shows?|showed|names?|named|sets? out|states?|lists?|records?|asks? for"
    r"|calls? for|puts?|targets?|aims?|commits?|promises?|gives?|reads?|spells? out|agreed on"
    r"|agreed to)\b\s+\S+\s+\S+", re.I)
# The shared goal: what both sides want, or the stakeholder's own aim.
_GOAL = re.compile(
    r"\b(?:both (?:want|need|get|gain|win)|we all want|shared|common|goal|aim|target|objective"
    r"|so that|so (?:we|you) (?:both|all|can|get|keep|hit|meet|reach|avoid)"
    r"|what (?:you|your \w+|we) (?:want|need)s?|you (?:want|need)|the (?:launch|result|outcome)"
    r" (?:you|we)|(?:your|our) (?:customers?|buyers?|board|ceo|team'?s?) (?:want|need)s?"
    r"|serves?|protects?|wins?|help(?:s)? (?:you|us))\b", re.I)


def check_prop_line(text: str, lesson: str = "", example: str = "") -> Feedback:
    """Is the prop offered as shared ground and never as a gotcha?

    Shared ground takes four things: the document is named, looked at *together*,
    what it says is said (a document waved at proves nothing), and that is tied to
    a goal both sides hold. A gotcha is any part of the line aimed at what the other
    person did or failed to do ("you signed it", "you clearly forgot"): one is enough
    to turn the whole line into an accusation, however shared the rest sounds.

    With ``lesson``, the check is recorded in the learner's progress unless the line
    is still ``example`` (the gotcha the exercise asks them to rewrite).
    """
    if not isinstance(text, str):
        raise PushbackError(f"check_prop_line: the line must be text, got {type(text).__name__}")
    line = " ".join(text.split())
    if not line:
        raise PushbackError("check_prop_line: the line is empty; write what you would say")
    prop = _PROP.search(line)
    after = line[prop.end():] if prop else ""
    shared = _SHARED.search(line)
    content = _CONTENT.search(after) if prop else None
    goal = _GOAL.search(line)
    gotcha = _GOTCHA.search(line)
    feedback = Feedback("A prop as shared ground", (
        (bool(prop), f"names a prop ({prop.group(0)})" if prop else
         "name the document you would put on the table (the brief, the contact report, the email)"),
        (bool(shared), f"looks at it together ({shared.group(0)!r})" if shared else
         "invite them to look at it with you: 'let's', 'we', 'together'"),
        (bool(content), "says what the document says" if content else
         "say what the document says (what it names, shows or sets out): a document only "
         "waved at proves nothing and sounds like a threat"),
        (bool(goal), f"ties it to a goal you share ({goal.group(0)!r})" if goal else
         "tie what it says to the goal you both hold (what they want from the launch, the hire, "
         "the project)"),
        (not gotcha, "no gotcha: it does not use the prop to prove them wrong" if not gotcha else
         f"{gotcha.group(0)!r} turns the prop into a gotcha: it points at what *they* did; "
         "point at what the document says and what you both want"),
    ))
    if not lesson:
        return feedback
    note = learner_progress.lesson_check(lesson, feedback.title.lower(), feedback.score,
                                         feedback.out_of, answer=line, example=example)
    return Feedback(feedback.title, feedback.lines, note)
