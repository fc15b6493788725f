"""Free-text turns: read a reply the learner typed and find the branch of the script it fits.

Why a mapping and not a new branch: the script's authors wrote a consequence and
a coaching note for every choice; a typed reply earns the same consequence and
coaching as the choice it *behaves like*, so the learner practises writing the
reply while the story stays the one the authors checked.

How a reply is matched (the mapping, in full):

1. The analyzer (``pushback_lib.analyzer.analyze``) gives each of its eight
   labels a probability for the reply (``Analysis.confidence``).
2. Every choice has a *profile*: the labels its author declared (``labels:`` in
   the script). ``tests/widgets/test_freetext.py`` checks the declared profiles
   against what the analyzer reads in each choice's own text, so a profile
   cannot drift far from the words it describes.
3. A choice's fit is the weighted closeness, label by label, of the reply's
   probability to the choice's target: mostly the author's declared label (1
   or 0), a quarter the analyzer's reading of the choice's own words
   (``OWN_READING_SHARE``), so a kind of wording the analyzer misreads is
   misread alike in the reply and in the choice it resembles. The
   two flags (``aggressive``, ``opinion_only``) weigh double: a stakeholder
   hears the tone of a reply before its content. A label the analyzer is
   unsure about weighs half: it cannot decide the branch on its own. A sliver
   of word overlap with the choice's text breaks ties between choices with the
   same profile.
4. Props: the analyzer has no label for a prop used as a gotcha, so a short
   list of cues does that one job (``GOTCHA_CUES``: "you signed", "you
   approved", "your own brief"...). It counts as a third flag, matched by the
   choices whose ``prop`` is ``gotcha``; the same document cited as shared
   ground ("the brief we agreed") does not trip it.
   Going over the stakeholder's head ("I'll email your CEO", "behind your
   back") or opening with "With respect, ..." is hostile whatever the rest of
   the wording, and the analyzer reads words, not moves, so ``OVER_HEAD_CUES``
   make the ``aggressive`` flag sure.
5. Tone guard: when the analyzer is sure a reply is hostile or opinion only
   (probability at least ``SURE_FLAG``), or it uses a prop as a gotcha, no
   ``good`` choice can be taken, whatever else the reply contains. Sarcasm
   wrapped round an acknowledgement is still sarcasm. A flag the analyzer is
   unsure about does not trigger the guard (it misreads some polite replies
   as hostile); it still weighs in the fit, and the learner is told.
6. Substance: tone is not enough for a good branch. A reply earns a ``good``
   choice only when it carries what that choice carries, in the learner's own
   words: at least ``MIN_SUBSTANCE`` meaningful words drawn from the
   conversation itself (the stakeholder's line, the good answers' text) or from
   the case (its facts, challenges, wants, alternatives, allies). Words any
   reply could contain ("I understand your concern, that matters") do not
   count (``BOILERPLATE``). At a listening point an open question ("what were
   you hoping to see?"), or a question that checks their concern back ("so it
   is the pack that worries him?"), is the substance. A reply
   without it takes the best-fitting answer that is not good. This check reads
   words, not the analyzer's labels, so it holds whichever analyzer is in use.
7. Coaching from the reply: ``Reading.coaching`` says what the reply did (what
   the analyzer heard, a gotcha it used, the substance it lacked, the labels
   the good answer shows that it did not) before the script's canned note.
8. Honesty: every label the choice rests on that the analyzer is unsure about
   (``Analysis.unsure``) is said in plain words ("not sure this reads as an
   acknowledgement"), and so is a close call between two choices.

Attempts are kept in the learner's workspace (:mod:`pushback_lib.workspace`),
one record per typed reply, so the learner can retry a decision point and
compare their attempts side by side.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import TYPE_CHECKING

from .._text import GENERIC, content_words, words
from ..errors import CaseError, PushbackError
from ..workspace import append_record, read_records
from .script import REPLY_LABELS, Choice, Turn

if TYPE_CHECKING:  # pragma: no cover
    from ..analyzer import Analysis

__all__ = ["MIN_WORDS", "MIN_SUBSTANCE", "BOILERPLATE", "substance", "case_context",
           "SURE_FLAG", "CLOSE_CALL", "ATTEMPTS_RECORD", "LABEL_PHRASES", "ReplyTooShort",
           "GOTCHA", "GOTCHA_CUES", "OVER_HEAD_CUES", "Reading", "Attempt", "read_reply", "profile", "fit",
           "save_attempt", "attempts"]

MIN_WORDS = 4
"""Fewer words than this is not a reply the analyzer can read, nor one a stakeholder would weigh."""
SURE_FLAG = 0.8
"""From this probability on, a flag is sure enough to rule out every good choice (the analyzer
calls a label unsure between 0.2 and 0.8)."""
CLOSE_CALL = 0.03
"""Two choices whose fits are closer than this are a close call, and the learner is told so."""
MIN_SUBSTANCE = 2
"""A reply needs at least this many meaningful words from the conversation or the case to earn a
good branch: one could be luck ("I hear your concern about Daniel"), two is the start of a point."""
BOILERPLATE = frozenset(content_words("""
understand understood concern concerns concerned matter matters important importance hear heard
appreciate appreciated point points valid totally completely absolutely agree agreed feel feeling
feelings happy help helpful sorry thank thanks thanking great fair right okay glad definitely
certainly really honestly frankly perspective view views position situation issue issues problem
problems worry worried worries sense makes totally always never everything anything something
sounds idea ideas course talk talking discuss discussing discussion together work working forward
moving going please sure obviously clearly respect respectfully believe think thought
whether maybe perhaps might shall must quite rather though actually little lots again already even
""")) | GENERIC
"""Word stems any reply can contain, about any case: they show tone, never substance."""
OPEN_QUESTION = re.compile(
    r"\b(?:what|which|how|why|where|who|when)\b[^?]*\?|\btell me (?:more|what|how|about)\b|"
    r"\bhelp me (?:understand|see)\b|\bwalk me through\b|\bcan you say more\b", re.IGNORECASE)
"""An open question asked to learn what the stakeholder meant: the substance of listening."""
FLAG_WEIGHT = 2.0
OWN_READING_SHARE = 0.25
"""How much of a choice's target comes from the analyzer's reading of the choice's own words (the
rest from the labels its author declared). Why: a typed reply is read by the same analyzer as the
choice's words, so where the analyzer under- or over-reads a kind of wording (a calm reply full of
facts read as hostile, a short listening reply read as nothing) it does so for both, and the reply
still lands on the choice it behaves like; the author's labels keep the branch anchored to what
the choice stands for, so an analyzer that misreads one choice cannot move the story on its own.
Measured on the hand-written replies of ``tests/widgets/freetext_replies.yaml`` and the 236 choices
typed back, under the shipped model and one trained on writers t1-t15: with the labels alone (0),
good replies took the good branch 90 and 88 times of 99 and choices led back to themselves 231 and
228 times; at 0.25, 95 and 94, and 233 and 232, with hostile replies kept off 80 and 81 of 81. At
0.5 (tried first) a plain "No problem, Friday at four, same as last time." took the good branch."""
OVERLAP_WEIGHT = 0.15
ATTEMPTS_RECORD = "roleplay-attempts"
"""The workspace file (``<workspace>/roleplay-attempts.jsonl``) that keeps typed replies."""

FLAGS = ("aggressive", "opinion_only")
GOTCHA = "gotcha"

GOTCHA_CUES = re.compile(
    r"\byou(?:'ve| have)? (?:already |personally |yourself )?(?:signed|approved|agreed|okayed|ok'd|"
    r"confirmed|accepted)\b|\byou did (?:sign|approve|agree|okay|confirm|accept)\b|"
    r"\byour (?:own )?(?:sign-off|signature|approval)\b|\byour own (?:brief|words|email|minutes|plan|"
    r"request|contract|notes|report)\b|\bin black and white\b|\bon record\b",
    re.IGNORECASE)
"""Words that use a prop to pin the blame on the other person. "We agreed" and "the brief we
wrote together" do not match: the same prop, used as ground you share."""

OVER_HEAD_CUES = re.compile(
    r"^\W*with (?:all )?(?:due )?respect\b|\bbehind (?:your|his|her) back\b|"
    r"\bover (?:your|his|her) head\b|\bgo(?:ing)? (?:straight |directly )?"
    r"(?:to|round|around) (?:you|your (?:ceo|boss|chief executive|manager|director|board|md))\b|"
    r"\b(?:email|call|ring|tell|told|mention(?:ed)?|raise it with|take (?:it|this) to) "
    r"(?:it |him |her |this )?(?:to )?your (?:ceo|boss|chief executive|manager's manager|board|md)\b",
    re.IGNORECASE)
"""Moves that are hostile however politely worded: going over the stakeholder's head, and the
"With respect, ..." opener the course's scripts coach against (it announces a put-down)."""

LABEL_PHRASES: dict[str, str] = {
    "acknowledge": "an acknowledgement of their concern",
    "business_reason": "a business reason",
    "evidence": "evidence",
    "alternative": "an alternative",
    "involve": "bringing someone else in",
    "let_go": "letting go",
    "aggressive": "hostile",
    "opinion_only": "resting on opinion only",
    GOTCHA: "using a prop as a gotcha",
}
"""Each label as the coach would say it: 'not sure this reads as <phrase>'."""

Analyze = Callable[[str], "Analysis"]


class ReplyTooShort(PushbackError):
    """A typed reply is empty or too short to read; nothing has been played."""


@dataclass(frozen=True)
class Reading:
    """How a typed reply was read and which choice it was matched to."""

    text: str
    index: int
    """The index, in the turn's choices, of the choice the reply fits best."""
    fits: tuple[float, ...]
    """Each choice's fit, 0 to 1, in the turn's order."""
    called: frozenset[str]
    """The labels the analyzer called present in the reply (and ``gotcha`` when its cues matched)."""
    unsure: frozenset[str]
    """The labels the analyzer would not call either way."""
    tone_guard: bool
    """True when a sure flag ruled out every good choice."""
    notes: tuple[str, ...]
    """What the learner should know about this reading, in plain words."""
    substance: frozenset[str] = frozenset()
    """The meaningful words of the reply found in the conversation or the case."""
    thin: bool = False
    """True when the reply's tone fitted a good answer but it lacked the substance to earn it."""
    coaching: tuple[str, ...] = ()
    """Coaching built from what this reply did, shown before the script's note on the branch."""


@dataclass(frozen=True)
class Attempt:
    """One typed reply kept in the workspace."""

    case: str
    turn: str
    text: str
    choice: int
    choice_text: str
    quality: str
    labels: tuple[str, ...]
    unsure: tuple[str, ...]
    time: str


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z']+", text.lower()) if len(w) >= 4}


def profile(choice: Choice) -> frozenset[str]:
    """The labels a choice stands for: its declared analyzer labels, plus ``gotcha`` for a gotcha."""
    return frozenset(choice.labels) | ({GOTCHA} if choice.prop == GOTCHA else set())


def fit(probabilities: dict[str, float], choice: Choice, reply: str = "",
        unsure: frozenset[str] = frozenset(), own_reading: dict[str, float] | None = None) -> float:
    """How well a reply with these label probabilities fits a choice (0 to 1).

    Each label's target is the choice's declared profile (1 or 0); with ``own_reading`` (the
    analyzer's probabilities for the choice's own words) it is the profile weighted
    ``1 - OWN_READING_SHARE`` plus that reading weighted ``OWN_READING_SHARE``. The fit is the
    weighted closeness of the reply's probability to the target, so with the profile alone it is
    ``p`` for a declared label and ``1 - p`` for another.
    """
    total = weight_sum = 0.0
    mine_labels = profile(choice)
    share = OWN_READING_SHARE if own_reading is not None else 0.0
    reading = own_reading or {}
    for label in (*REPLY_LABELS, GOTCHA):
        p = probabilities.get(label, 0.0)
        weight = FLAG_WEIGHT if label in (*FLAGS, GOTCHA) else 1.0
        if label in unsure:
            weight /= 2
        target = (1.0 - share) * (label in mine_labels) + share * reading.get(label, 0.0)
        total += weight * (1.0 - abs(p - target))
        weight_sum += weight
    score = total / weight_sum
    if reply:
        mine, theirs = _words(reply), _words(choice.text)
        if mine and theirs:
            score += OVERLAP_WEIGHT * len(mine & theirs) / len(mine | theirs)
    return round(min(score, 1.0), 4)


def case_context(case_id: str) -> tuple[str, ...]:
    """The texts of a case a reply can draw substance from (facts, challenges, wants, alternatives,
    allies, situation...); empty when no case has that id (a script tried on its own)."""
    from ..cases import load_case  # deferred: only a session with a real case needs it
    try:
        case = load_case(case_id)
    except (CaseError, FileNotFoundError, OSError):
        return ()
    texts = (case.situation, case.decision, case.stakes, case.relationship, *case.stakeholder_wants,
             *(c.text for c in case.challenges), *(f.text for f in case.facts),
             *(a.text for a in case.analogies), *(a.text for a in case.alternatives),
             *(f"{a.name} {a.role}" for a in case.allies))
    # Naming the person you talk to (or yourself) is no substance: "I hear you, Khalid" says nothing.
    names = re.compile(r"\b(?:" + "|".join(re.escape(w) for p in (case.you, case.stakeholder)
                                          for w in p.name.split()) + r")\b", re.IGNORECASE)
    return tuple(names.sub(" ", text) for text in texts)


def substance(turn: Turn, reply: str, context: tuple[str, ...] = ()) -> frozenset[str]:
    """The reply's meaningful words (stems) that come from this turn, its good answers or the case.

    Boilerplate never counts, nor do the stakeholder's or the learner's bare pronouns: what counts
    is what a good answer would carry (their concern, a fact, a number, an alternative, an ally).
    """
    pool: set[str] = set(_meaningful(turn.says))
    for c in turn.choices:
        if c.quality == "good":
            pool |= _meaningful(c.text)
    for text in context:
        pool |= _meaningful(text)
    return frozenset(_meaningful(reply) & pool)


_CONTRACTION = re.compile(r"\b\w+['’]\w+\b")


def _meaningful(text: str) -> set[str]:
    """Content stems that could carry a point: no boilerplate, no contractions ("don't", "I'll")."""
    return content_words(_CONTRACTION.sub(" ", text)) - BOILERPLATE


_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+")


def _points(reply: str, found: frozenset[str]) -> int:
    """How many points of substance ``found`` makes: a person's name ("Daniel Okafor") counts once
    however many words it has, so naming someone is not two points."""
    named = {s for m in _NAME.finditer(reply.strip()) for s in content_words(m.group(0))} & found
    return len(found - named) + (1 if named else 0)


def _has_substance(turn: Turn, choice: Choice, reply: str, found: frozenset[str]) -> bool:
    if _points(reply, found) >= MIN_SUBSTANCE:
        return True
    if choice.stage != "listen":
        return False
    return bool(OPEN_QUESTION.search(reply)) or ("?" in reply and bool(found))


def _probabilities(analysis: Analysis) -> dict[str, float]:
    """Label probabilities; an analysis without them (rules only) counts its calls as certain."""
    if analysis.confidence:
        return {label: float(analysis.confidence.get(label, 0.0)) for label in REPLY_LABELS}
    called = analysis.components | analysis.flags
    return {label: 1.0 if label in called else 0.0 for label in REPLY_LABELS}


def _read(text: str, analyze: Analyze) -> tuple[dict[str, float], set[str], set[str]]:
    """The label probabilities, called labels and unsure labels of one text, with the two cue lists
    (a gotcha; going over their head) applied."""
    analysis = analyze(text)
    probs = _probabilities(analysis)
    probs[GOTCHA] = 1.0 if GOTCHA_CUES.search(text) else 0.0
    unsure = set(analysis.unsure)
    called = set(analysis.components | analysis.flags)
    if OVER_HEAD_CUES.search(text):
        probs["aggressive"] = max(probs["aggressive"], SURE_FLAG)
        called.add("aggressive")
        unsure.discard("aggressive")
    if probs[GOTCHA]:
        called.add(GOTCHA)
    return probs, called, unsure


@lru_cache(maxsize=1024)
def _own_reading(text: str, analyze: Analyze) -> dict[str, float]:
    """How ``analyze`` reads a choice's own words (cached, and bounded: a script's choices are read
    again at every typed reply, and the same analyzer always reads the same words the same way).
    Callers only read the returned dict."""
    return _read(text, analyze)[0]


def read_reply(turn: Turn, text: str, analyze: Analyze | None = None,
               context: tuple[str, ...] = ()) -> Reading:
    """Match a typed reply to the choice of ``turn`` it fits best (see the module docstring).

    ``context`` is the case's texts (:func:`case_context`), where a reply may find its substance.

    Raises ``ReplyTooShort`` for an empty reply or one under ``MIN_WORDS`` words.
    """
    reply = (text or "").strip()
    words = len(reply.split())
    if not reply:
        raise ReplyTooShort("Type your reply first: say what you would say to them, in a sentence or two.")
    if words < MIN_WORDS:
        raise ReplyTooShort(f"That is too short to read ({words} word{'s' if words != 1 else ''}). "
                            f"Write what you would actually say, at least {MIN_WORDS} words.")
    if analyze is None:
        from ..analyzer import analyze as analyze_text  # deferred: the analyzer loads a model
        analyze = analyze_text
    probs, called, unsure = _read(reply, analyze)
    fits = tuple(fit(probs, c, reply, frozenset(unsure), _own_reading(c.text, analyze))
                 for c in turn.choices)
    sure_flags = [f for f in (*FLAGS, GOTCHA) if probs[f] >= SURE_FLAG]
    candidates = list(range(len(turn.choices)))
    guard = False
    if sure_flags:
        not_good = [i for i in candidates if turn.choices[i].quality != "good"]
        if not_good and len(not_good) < len(candidates):
            candidates, guard = not_good, True
    found = substance(turn, reply, context)
    ranked = sorted(candidates, key=lambda i: (-fits[i], i))
    thin = False
    if turn.choices[ranked[0]].quality == "good" and not _has_substance(turn, turn.choices[ranked[0]],
                                                                        reply, found):
        not_good = [i for i in ranked if turn.choices[i].quality != "good"]
        if not_good:
            ranked, thin = not_good, True
    best = ranked[0]
    notes: list[str] = []
    if guard:
        notes.append(f"This reads as {' and '.join(LABEL_PHRASES[f] for f in sure_flags)}, and the other "
                     "person hears that before anything else, so it cannot take the path of a good answer.")
    relevant = set(profile(turn.choices[best]))
    if len(ranked) > 1:
        relevant |= profile(turn.choices[ranked[1]])
    for label in REPLY_LABELS:
        if label in unsure and label in relevant | set(FLAGS):
            notes.append(f"The analyzer is not sure this reads as {LABEL_PHRASES[label]} "
                         f"({probs[label]:.0%}); the branch it took is its best guess.")
    if len(ranked) > 1 and fits[best] - fits[ranked[1]] < CLOSE_CALL:
        notes.append(f"A close call: your reply fits answer {_letter(best)} and answer "
                     f"{_letter(ranked[1])} almost equally.")
    coaching = _coaching(turn, best, reply, frozenset(called), frozenset(unsure), found, thin, guard,
                         sure_flags)
    return Reading(reply, best, fits, frozenset(called), frozenset(unsure), guard, tuple(notes),
                   found, thin, coaching)


_GOTCHA_FIX = ("hold it up as ground you share instead ('the brief we agreed says...'), so it points you "
               "both at the goal rather than proving them wrong")


def _coaching(turn: Turn, best: int, reply: str, called: frozenset[str], unsure: frozenset[str],
              found: frozenset[str], thin: bool, guard: bool, sure_flags: list[str]) -> tuple[str, ...]:
    """What this reply did, in the coach's words: built from the reading, not the branch's text."""
    out: list[str] = []
    good = turn.choices[best].quality == "good"
    heard = [LABEL_PHRASES[x] + (" (not sure)" if x in unsure else "")
             for x in (*REPLY_LABELS, GOTCHA) if x in called]
    if heard:
        out.append(f"What the analyzer heard in your words: {', '.join(heard)}.")
    elif not good:
        out.append("Your words showed no clear move yet: no acknowledgement, reason, evidence or "
                   "alternative the other person could hold on to.")
    if good:
        drawn = _as_written(reply, found)
        if turn.choices[best].stage == "listen" and OPEN_QUESTION.search(reply):
            out.append("You asked an open question about what they meant, before arguing anything.")
        if drawn:
            out.append(f"Your reply carried this conversation's substance in your own words "
                       f"({', '.join(drawn[:5])}).")
    gotcha = GOTCHA_CUES.search(reply)
    if gotcha:
        out.append(f"'{gotcha.group(0).strip()}' uses a prop as a gotcha: it pins the blame on them, and "
                   f"people dig in when they are caught out. Keep the document, but {_GOTCHA_FIX}.")
    elif guard:
        out.append("The tone decided this one: " + " and ".join(LABEL_PHRASES[f] for f in sure_flags)
                   + " is heard before any content. Say the same point as something you both want.")
    if OVER_HEAD_CUES.search(reply):
        out.append("Going over their head, or opening with 'With respect', tells them you have stopped "
                   "listening; a careful expert keeps the conversation with the person in front of them.")
    goods = [c for c in turn.choices if c.quality == "good"]
    if thin:
        listening = any(c.stage == "listen" for c in goods)
        drawn = _as_written(reply, found)
        out.append("Whatever its tone, the reply carried nothing from this conversation or the "
                   "case" + (f" beyond '{', '.join(drawn)}'" if drawn else "") + ". A careful "
                   "expert would " + ("ask an open question about what they meant, or say their "
                                      "concern back in their own terms." if listening else
                                      "name something specific: their concern in your own words, a "
                                      "fact you could show on paper, or a concrete option."))
    if goods and turn.choices[best].quality != "good":
        wanted = sorted({x for c in goods for x in c.labels} - called)
        if wanted:
            out.append("A stronger answer here would also show "
                       + " or ".join(LABEL_PHRASES[x] for x in wanted) + ".")
    return tuple(out)


def _as_written(reply: str, found: frozenset[str]) -> list[str]:
    """The reply's own words behind the stems in ``found``, in the reply's order, each once."""
    out: list[str] = []
    for word in words(_CONTRACTION.sub(" ", reply)):
        if content_words(word) & found and word not in out:
            out.append(word)
    return out


def _letter(index: int) -> str:
    return "ABCDEFGH"[index]


def save_attempt(case_id: str, turn: Turn, reading: Reading) -> None:
    """Keep a typed reply and how it was read, in the learner's workspace."""
    choice = turn.choices[reading.index]
    append_record(ATTEMPTS_RECORD, {
        "case": case_id, "turn": turn.id, "text": reading.text, "choice": reading.index,
        "choice_text": choice.text, "quality": choice.quality,
        "labels": sorted(reading.called), "unsure": sorted(reading.unsure),
        "time": datetime.now(UTC).isoformat(timespec="seconds")})


def attempts(case_id: str, turn_id: str | None = None) -> list[Attempt]:
    """The learner's kept replies for a case (and one decision point, when given), oldest first."""
    out = []
    for row in read_records(ATTEMPTS_RECORD):
        if row.get("case") != case_id or (turn_id is not None and row.get("turn") != turn_id):
            continue
        try:
            out.append(Attempt(str(row["case"]), str(row["turn"]), str(row["text"]), int(row["choice"]),
                               str(row.get("choice_text", "")), str(row.get("quality", "")),
                               tuple(row.get("labels", ())), tuple(row.get("unsure", ())),
                               str(row.get("time", ""))))
        except (KeyError, TypeError, ValueError):
            continue  # a record damaged by hand is skipped, like a damaged line
    return out
