"""A checking question: the writer restates the stakeholder's view in their own words and asks
whether they have it right ("So what worries you most is missing the launch window?").

The labelling guide (``corpus/GUIDE.md``, ``acknowledge``) counts it as acknowledging, because it
names their view; a question that only asks what their view is ("What's worrying you about
him?") does not. Word n-grams cannot tell the two apart well: both hold "worries you" and a
question mark, and what differs is the order ("what worries you *is* ..."). The learned model
read the course's own good reply "So what really worries you is whether he can build one
structure out of two quickly, and stay long enough to finish it?" at 0.26.

:mod:`.core` asks this only to settle a draft the model is not sure acknowledges (between
``UNSURE_LOW`` and the threshold) and reads as not hostile; the praise guards still apply after.
Measured on every training draft, each predicted by a model that never saw its writer
(v2 trained on t1-t39, leave-one-writer-out): 4 drafts change, all four acknowledging by the
adjudicated labels; acknowledge F1 +0.0007 [+0.0002, +0.0014] (paired, 1,000 resamples), hostile
drafts praised unchanged. Loaded restatements ("the main thing is a quiet traffic graph, not
whether anyone's around to fix it, yeah?") match the pattern too, which is why it never
overrides a hostile or low reading.
"""

from __future__ import annotations

import re

__all__ = ["checking_question"]

_WHO = r"(?:you|u|him|her|them|the board|the client|the ceo|the team|this)"
_NOUN = (r"(?:worry|worries|concern|concerns|issue|fear|priority|problem|risk|squeeze|sticking point|"
         r"objection|need|goal|aim|point|main thing|driver)")
_RESTATES = re.compile(
    r"\b(?:what(?:'s| is)? (?:really |mostly |mainly |actually |most )?(?:worries|concerns|bothers|scares|"
    r"frightens|matters|driving|drives|bugging)(?: (?:most )?to)?(?: " + _WHO + r")?(?: most)? (?:is|are)\b"
    r"|(?<!what )(?<!ask )(?<!know )(?:the|your|ur|his|her|their|the \w+'s) "
    r"(?:real |main |big |biggest |key |core |actual |one )?" + _NOUN
    + r"(?: for " + _WHO + r")?(?: here)? (?:is|are)\b"
    r"|(?:you(?:'re| are)|he(?:'s| is)|she(?:'s| is)|they(?:'re| are)) (?:mainly |mostly |really |most )?"
    r"(?:worried|concerned|nervous|afraid) (?:about|that)\b)")
"""Their view named: "what worries you is", "the real worry is", "you're worried that"."""
_CHECKS = re.compile(
    r"\b(?:just so i(?:'ve|'m| have| am)? (?:got|have|understand|sure|reading|clear)"
    r"|just (?:checking|to check) i(?:'ve| have)? (?:got|understood|understand)"
    r"|to (?:be sure|make sure|check) i(?:'ve| have)? (?:understand|understood|got|have)"
    r"|let me (?:check|make sure) i(?:'ve| have)? (?:got|understood)"
    r"|if i(?:'ve| have)? (?:got|understood) (?:you|this|it|that)"
    r"|so (?:that )?i (?:put|get|have) (?:your|it|this|that) \w+ (?:right|correctly))")
"""An opener saying the writer is checking their understanding ("just so I've got it")."""
_ONLY_ASKS = re.compile(r"[\s,:;.\-–—]*(?:\w+[\s,:;]+){0,2}?(?:what|why|how|which|who|when|where|do|did|does|"
                        r"is|are|was|has|have|can|could|would)\b")
"""After the opener, a question that asks instead of restating ("just so I've got it: what is...")."""
_ASKS_IF_RIGHT = re.compile(
    r"\b(?:right|correct|yes|yeah|yep|no|fair|it|true)\s*\?\s*$|\bhave i got (?:that|it|this|you) right\b"
    r"|\bdid i get (?:that|it|this) right\b|\bis that (?:a fair summary|right|the gist|it|fair)\b"
    r"|\bam i (?:right|close)\b")
"""The check itself: "..., right?", "have I got that right?"."""
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
_TAG_WORDS = 5


def checking_question(text: str) -> bool:
    """Whether a sentence of ``text`` restates the stakeholder's view and asks if it is right.

    The sentence must be asked (a question mark, or a tag such as "right?" in it or in a short
    sentence straight after) and must either name their view ("the real worry is...") or open
    with a check ("just so I've got it: ...") that goes on to restate rather than ask.
    """
    low = text.lower().replace("’", "'")
    sentences = [s for s in (m.group().strip() for m in _SENTENCE.finditer(low)) if s]
    for k, sentence in enumerate(sentences):
        after = sentences[k + 1] if k + 1 < len(sentences) else ""
        asked = (sentence.endswith("?") or bool(_ASKS_IF_RIGHT.search(sentence))
                 or (len(after.split()) <= _TAG_WORDS and bool(_ASKS_IF_RIGHT.search(after))))
        if not asked:
            continue
        if _RESTATES.search(sentence):
            return True
        opener = _CHECKS.search(sentence)
        if opener and not _ONLY_ASKS.match(sentence[opener.end():]):
            return True
    return False
