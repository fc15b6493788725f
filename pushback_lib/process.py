"""The structured pushback process: eight stages and four prerequisites.

This module is the single place the course, the rubric, the draft analyzer,
the widgets and the instructor tools take the stages from. Its content is a
faithful distillation of the course's two source articles, written in the
course's own words. ``SOURCES`` names the articles; each stage says which of
them it comes from.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import PushbackError

__all__ = ["Source", "Stage", "Prerequisite", "SOURCES", "STAGES", "PREREQUISITES",
           "STAGE_KEYS", "stage"]


@dataclass(frozen=True)
class Source:
    """One of the two articles the course is built on."""

    key: str
    """Short id used in citations, e.g. ``"000"``."""
    title: str
    """What the article is about, in the course's words."""


SOURCES: dict[str, Source] = {
    "000": Source("000", "A niche recruiter's constructive pushback on a rejected candidate"),
    "003": Source("003", "An agency account handler on pushing back against client feedback"),
}


@dataclass(frozen=True)
class Stage:
    """One stage of the process, in the order it is worked through."""

    number: int
    """Position in the process, from 1."""
    key: str
    """Stable identifier used in metadata, rubric criteria and findings."""
    name: str
    """Short name shown to learners."""
    description: str
    """One line: what the stage is."""
    good_looks_like: str
    """What a strong piece of work at this stage shows."""
    sources: tuple[str, ...]
    """Keys of ``SOURCES`` the stage is drawn from."""

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


@dataclass(frozen=True)
class Prerequisite:
    """A condition without which no pushback works, whatever the technique."""

    key: str
    name: str
    description: str
    sources: tuple[str, ...]


STAGES: tuple[Stage, ...] = (
    Stage(1, "listen", "Listen and acknowledge",
          "Show the other person you have understood their view before you disagree with it.",
          "Their concern is restated in their own terms; you ask and listen more than you talk, "
          "and slow the conversation down enough to think.",
          ("003",)),
    Stage(2, "decide", "Decide: push back or let go",
          "Judge whether this is a situation where you can add real value or a hopeless one.",
          "The choice weighs what is at stake, how strong your evidence is, your credibility, "
          "the relationship and whether now is the time and place.",
          ("000", "003")),
    Stage(3, "build_case", "Build the case on business reasons",
          "Ground the disagreement in the other side's business goals, not in taste or opinion.",
          "Every point links to an outcome or a challenge they have shared, and rests on props "
          "such as the brief, the email chain, the contact report or interview notes, all accurate.",
          ("000", "003")),
    Stage(4, "evidence", "Bring analogous evidence",
          "Show what others did in similar situations, inside and outside the category.",
          "Concrete examples and success stories that lower the fear of trying something new "
          "or of repeating a known mistake.",
          ("000", "003")),
    Stage(5, "alternative", "Recommend an alternative",
          "Offer a different way forward, not just an objection.",
          "A concrete, worked-out option or next step, prepared with the team so nobody is surprised.",
          ("003",)),
    Stage(6, "enlist", "Enlist support",
          "Bring in people the other person trusts, and on big issues get everyone in the room.",
          "A named ally they trust; for a large issue, a face-to-face session where feedback and "
          "actions are written down and a plan comes back.",
          ("003",)),
    Stage(7, "deliver", "Deliver it well",
          "Be the 'Yes, but...' person: positive, constructive, focused on the content.",
          "Agreement first, then the concern, then a positive way forward (the Yes Sandwich); "
          "never aggressive, irrational or resting on weak reasoning.",
          ("000", "003")),
    Stage(8, "close", "Close: win/win, or let go well",
          "Aim for an outcome where both sides win, and know when to stop.",
          "Nobody has to carry the can; if you will not win, you stop before anyone is angered, "
          "keeping their respect for having stood up for a view, and you reflect on what you learned.",
          ("000", "003")),
)

STAGE_KEYS: tuple[str, ...] = tuple(s.key for s in STAGES)

PREREQUISITES: tuple[Prerequisite, ...] = (
    Prerequisite("credibility", "Credibility",
                 "You are seen as a trustworthy partner with a track record worth listening to.",
                 ("000",)),
    Prerequisite("accuracy", "Accuracy",
                 "Every statement you make is completely accurate: one wrong fact sinks the case.",
                 ("000",)),
    Prerequisite("conviction", "Conviction",
                 "You genuinely believe in what you are recommending.",
                 ("000",)),
    Prerequisite("expertise", "Expertise",
                 "You know something the other side does not, such as what a candidate really "
                 "wants after an in-depth conversation, beyond what is on paper.",
                 ("000",)),
)


def stage(key_or_number: str | int) -> Stage:
    """Return a stage by its key (``"listen"``) or number (``1``).

    Raises ``PushbackError`` naming the valid keys when there is no such stage,
    so a typo in notebook metadata or a rubric is caught at once.
    """
    for s in STAGES:
        if s.key == key_or_number or s.number == key_or_number:
            return s
    raise PushbackError(
        f"no stage {key_or_number!r}: expected one of {', '.join(STAGE_KEYS)} or 1-{len(STAGES)}")
