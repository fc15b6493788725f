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

The raising reaches further, to ``RULES_RAISE_WORDS``: a parting shot of one or two
sentences ("Fine. Your call. Don't come back to me when it fails.", 11 words) is still
read whole by the rules, while a calm frame of a few sentences can hide it from the model.
Measured the same way on writers t1-t30 (8,961 drafts, the leave-one-writer-out
probabilities of each of two models trained on them): aggressive F1 +0.009 [+0.005,
+0.013] against 8 words with each, about 40 of the 52 drafts it changes now right, components
unchanged; 12 words gave +0.006, 25 words +0.006 with 38 of 90 changes wrong. The shipped
model on writers it never saw (t25-t30): +0.009 [-0.001, +0.023], 5 drafts changed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

__all__ = ["SHORT_DRAFT_WORDS", "RULES_RAISE_WORDS", "GATED_FLAGS", "BARE_TOKENS", "is_short",
           "gate_short_flags", "is_bare_token", "cap_bare_token"]

SHORT_DRAFT_WORDS = 8
"""A draft of at most this many word tokens is short (chosen by leave-one-writer-out, see module)."""
RULES_RAISE_WORDS = 16
"""An ``aggressive`` the rules find is raised in drafts of at most this many word tokens (see module)."""
GATED_FLAGS = ("aggressive", "opinion_only")
BARE_TOKENS = frozenset({"ok", "okay", "k", "kk", "noted", "sure", "right"})
"""Words that, alone, are a bare token: the labelling guide gives such a draft ("OK.", "Noted.",
"Sure.", "Right.") no acknowledgement and no let-go."""


def is_short(n_words: int, limit: int = SHORT_DRAFT_WORDS) -> bool:
    """Whether a draft of ``n_words`` word tokens is too short for the model alone."""
    return n_words <= limit


def gate_short_flags(p: Mapping[str, float], n_words: int, rules_find: Callable[[str], bool],
                     thresholds: Mapping[str, float], unsure_low: float,
                     limit: int = SHORT_DRAFT_WORDS, raise_aggressive: bool = True,
                     raise_limit: int = RULES_RAISE_WORDS) -> dict[str, float]:
    """``p`` with each flag the model would call on a short draft (at most ``limit`` words), but
    the rules do not find, lowered to the middle of the "not sure" band below its threshold; and
    (``raise_aggressive``) an ``aggressive`` the rules find but the model does not call raised to
    its threshold, in a draft of at most ``max(limit, raise_limit)`` words.

    ``rules_find(flag)`` says whether the rules raise ``flag``; it is asked only about a draft of
    at most ``max(limit, raise_limit)`` words, and only what changes the outcome, so the rules stay
    out of the hot path.
    """
    out = dict(p)
    if is_short(n_words, limit):
        for flag in GATED_FLAGS:
            called = round(out[flag], 3) >= thresholds[flag]  # rounded as core rounds
            if called and not rules_find(flag):
                out[flag] = min(out[flag], (unsure_low + thresholds[flag]) / 2)
    if (raise_aggressive and n_words <= max(limit, raise_limit)
            and round(out["aggressive"], 3) < thresholds["aggressive"] and rules_find("aggressive")):
        out["aggressive"] = max(out["aggressive"], thresholds["aggressive"])
    return out


def is_bare_token(words: list[str]) -> bool:
    """Whether a draft's word tokens are a bare token and nothing else ("OK.", "ok ok", "Noted!")."""
    return bool(words) and all(w in BARE_TOKENS for w in words)


def cap_bare_token(p: Mapping[str, float], words: list[str], components: tuple[str, ...],
                   unsure_low: float) -> dict[str, float]:
    """``p`` with every component capped at ``unsure_low`` (plainly absent) when the draft is a
    bare token.

    Why: the guide is explicit that a bare "OK." acknowledges nothing and lets nothing go, but
    no draft in the corpus is one (a writer always attaches something), so the model has never
    seen one and reads the word's company instead: trained with the phone-typed let-gos of
    t28-t30 ("ok greg no probs well do the bigger pack..."), it read a bare "ok" as a let-go,
    p 0.81. The guide's rule is applied as written, like its hard rules.
    """
    out = dict(p)
    if is_bare_token(words):
        for label in components:
            out[label] = min(out[label], unsure_low)
    return out
