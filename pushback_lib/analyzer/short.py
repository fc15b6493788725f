"""A short draft gives the model too little to read: its flags need the tone rules to agree.

Why: with two or three words ("I understand.", "That makes sense, Greg.") the
learned model has almost no features, so its call rests on its prior and on a
few word weights learned from the many grudging or sarcastic drafts in the
corpus that open the same way ("I understand. Clearly..."). It then calls a
calm acknowledgement hostile, confidently. The hand-written tone rules
(:mod:`.tone`: insults, blame, sarcasm markers, shouting, parting shots; and
the stance words behind ``opinion_only``) read the words themselves, so on a
short draft a flag is kept only when they agree. Otherwise the flag's
probability is lowered into the "not sure" band, below its threshold: the
learner is told "not sure whether..." instead of being called hostile, and,
because hostility is then not ruled out, is not praised either (the praise
guard in :mod:`.core`). The other way round too: an ``aggressive`` the rules find in a
short draft ("Fine, your loss.") is raised to its threshold if the model missed it, since
there the rules read every word there is. Measured on unseen training writers with
``tools/short_gate_study.py`` (corpus/README.md, "Short drafts"): components macro-F1
unchanged; 12 words scored as well on unseen writers but took the flag off hostile
replies of 9-12 words that no rule names, so the limit is 8.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

__all__ = ["SHORT_DRAFT_WORDS", "GATED_FLAGS", "is_short", "gate_short_flags"]

SHORT_DRAFT_WORDS = 8
"""A draft of at most this many word tokens is short (chosen by leave-one-writer-out, see module)."""
GATED_FLAGS = ("aggressive", "opinion_only")


def is_short(n_words: int, limit: int = SHORT_DRAFT_WORDS) -> bool:
    """Whether a draft of ``n_words`` word tokens is too short for the model alone."""
    return n_words <= limit


def gate_short_flags(p: Mapping[str, float], n_words: int, rules_find: Callable[[str], bool],
                     thresholds: Mapping[str, float], unsure_low: float,
                     limit: int = SHORT_DRAFT_WORDS, raise_aggressive: bool = True) -> dict[str, float]:
    """``p`` with each flag the model would call on a short draft, but the rules do not find,
    lowered to the middle of the "not sure" band below its threshold; and (``raise_aggressive``)
    an ``aggressive`` the rules find but the model does not call raised to its threshold.

    ``rules_find(flag)`` says whether the rules raise ``flag``; it is asked only about a short
    draft, and only what changes the outcome, so the rules stay out of the hot path.
    """
    out = dict(p)
    if not is_short(n_words, limit):
        return out
    for flag in GATED_FLAGS:
        called = round(out[flag], 3) >= thresholds[flag]  # rounded as core rounds
        if called and not rules_find(flag):
            out[flag] = min(out[flag], (unsure_low + thresholds[flag]) / 2)
        elif flag == "aggressive" and not called and raise_aggressive and rules_find(flag):
            out[flag] = max(out[flag], thresholds[flag])
    return out
