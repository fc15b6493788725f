"""Factor regex alternations into a trie, so CPython's engine tries far fewer branches per position.

``ridiculous|absurd|rude|...`` makes the engine try every alternative at every
word start. Grouping the alternatives that begin with the same letter,
``r(?:idiculous|ude)|absurd|...``, lets it reject all but one group with a
single character test. The meaning is unchanged: alternatives that begin with
different letters can never both match at one position, so only the order
*within* a group matters, and that order is kept; an alternative that does
not begin with a literal letter stays where it was and groups never move
across it (unless it is a character class that cannot hold their letter).

Rules mostly open with an optional word or a choice ("(that's |it's )?(a )?fair
point"), so first each one is cut into pieces that open with what they
consume (``pieces``). Everything here works on the engine's own parse trees
and yields exactly the matches of the plain alternation; the analyzer tests
check that on the whole corpus and on random text.

Why the engine's *private* modules (``re._parser``, ``re._compiler``): they are
the only way to hand CPython a factored parse tree, and the result is worth it
(short drafts ~1.75x faster end to end, which keeps the analyzer above its goal
of 5,000 drafts a second). Private modules may change in any release, so this
path is used only on the CPython versions it was checked on (``TESTED``); on
any other interpreter :data:`AVAILABLE` is false and
:func:`~pushback_lib.analyzer.patterns.compile_rules` uses the plain
alternation instead: the same spans and explanations, only slower.
"""

from __future__ import annotations

import re
import sys
from typing import Any

TESTED = ((3, 11), (3, 13))
"""The CPython versions (first, last) on which the factored path was checked
against the plain alternation; extend it after running the analyzer tests on a
new version."""


def supported(version: tuple[int, int], implementation: str = "cpython") -> bool:
    """Whether the factored path may be used on this interpreter."""
    return implementation == "cpython" and TESTED[0] <= version <= TESTED[1]


AVAILABLE = supported(sys.version_info[:2], sys.implementation.name)
"""True when this interpreter runs the factored path (see ``TESTED``)."""

if AVAILABLE:
    # the engine's own parser and compiler (no stubs: they are private)
    import re._compiler as _compiler  # type: ignore[import-not-found]
    import re._constants as C  # type: ignore[import-not-found]
    import re._parser as P  # type: ignore[import-not-found]

__all__ = ["TESTED", "AVAILABLE", "supported", "pieces", "compile_pieces", "compile_piece",
           "first_literal"]


def first_literal(alt: P.SubPattern) -> int | None:
    """The code point a parsed pattern must start with, or None when it may start otherwise."""
    if len(alt.data) and alt.data[0][0] is C.LITERAL:
        return alt.data[0][1]
    return None


def _class_may_hold(items: list, char: int) -> bool:
    """Whether a character class (parsed ``IN`` items) may contain ``char``; True when unsure."""
    c = chr(char)
    for op, av in items:
        if op is C.LITERAL and av == char:
            return True
        if op is C.RANGE and av[0] <= char <= av[1]:
            return True
        if op is C.CATEGORY:
            if av in (C.CATEGORY_DIGIT, C.CATEGORY_UNI_DIGIT):
                if c.isdigit():
                    return True
            elif av in (C.CATEGORY_SPACE, C.CATEGORY_UNI_SPACE):
                if c.isspace():
                    return True
            elif av in (C.CATEGORY_WORD, C.CATEGORY_UNI_WORD):
                if c.isalnum() or c == "_":
                    return True
            else:
                return True
        if op not in (C.LITERAL, C.RANGE, C.CATEGORY):
            return True  # NEGATE and anything else: be safe
    return False


def _factor_branch(alts: list[P.SubPattern], state: P.State, inner: bool = False) -> list[P.SubPattern]:
    """``alts`` with those opening with the same letter merged; ``inner``: tails already factored."""
    out: list[P.SubPattern] = []
    run: dict[int, list[P.SubPattern]] = {}

    def emit(char: int) -> None:
        group = run.pop(char)
        if len(group) == 1:
            out.append(group[0])
            return
        rests = [P.SubPattern(state, alt.data[1:]) for alt in group]
        merged = P.SubPattern(state, [(C.LITERAL, char)])
        branch = P.SubPattern(state, [(C.BRANCH, (None, _factor_branch(rests, state, inner=True)))])
        merged.data.append((C.SUBPATTERN, (None, 0, 0, branch)))
        out.append(merged)

    for alt in alts:
        if not inner:
            _factor(alt)
        char = first_literal(alt)
        if char is not None:
            run.setdefault(char, []).append(alt)
            continue
        first = alt.data[0] if len(alt.data) else None
        if first is not None and first[0] is C.IN:
            # a class that cannot hold a group's letter never matches where that group does:
            # only the groups it could compete with must stay in front of it
            for c in [c for c in run if _class_may_hold(first[1], c)]:
                emit(c)
        else:
            for c in list(run):
                emit(c)
        out.append(alt)
    for c in list(run):
        emit(c)
    return out


def _factor(p: P.SubPattern) -> None:
    """Factor every alternation inside ``p``, in place."""
    for k, (op, av) in enumerate(p.data):
        if op is C.BRANCH:
            p.data[k] = (op, (av[0], _factor_branch(av[1], p.state)))
        elif op is C.SUBPATTERN:
            _factor(av[3])
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            _factor(av[2])
        elif op in (C.ASSERT, C.ASSERT_NOT):
            _factor(av[1])


_MAX_EXPANDED = 16


def _expand_leading(p: P.SubPattern, budget: list[int]) -> None:
    """Rewrite ``p`` so each alternative begins with what it consumes first, in place.

    ``(?:x)?r`` becomes ``xr|r`` and ``(?:a|b)r`` becomes ``ar|br``: the engine
    tries the same things in the same order (greedy first), so every match is
    the same, but now every alternative opens with a literal the engine can
    scan for. Stops when ``budget`` (a cap on the number of alternatives) runs out.
    """
    while p.data:
        op, av = p.data[0]
        if op is C.SUBPATTERN and av[0] is None and not av[1] and not av[2]:
            p.data[0:1] = list(av[3].data)  # a plain non-capturing group is transparent
            continue
        rest = p.data[1:]
        if op is C.BRANCH:
            alts = [P.SubPattern(p.state, list(alt.data) + list(rest)) for alt in av[1]]
        elif op is C.MAX_REPEAT and av[0] == 0 and av[1] == 1:
            alts = [P.SubPattern(p.state, list(av[2].data) + list(rest)), P.SubPattern(p.state, list(rest))]
        else:
            return
        if budget[0] < len(alts):
            return
        budget[0] -= len(alts)
        for alt in alts:
            _expand_leading(alt, budget)
        p.data[:] = [(C.BRANCH, (None, alts))]
        return


_LOOKBEHIND: Any = P.parse(r"(?<!\w)").data[0] if AVAILABLE else None


def pieces(alternative: str) -> list[P.SubPattern]:
    """``(?:alternative)(?!\\w)`` as a list of alternatives that each open with what they consume.

    Trying them in order at a position gives the same match as the whole.
    """
    parsed = P.parse(f"(?:{alternative})(?!\\w)")
    _expand_leading(parsed, [_MAX_EXPANDED])
    if len(parsed.data) == 1 and parsed.data[0][0] is C.BRANCH:
        return list(parsed.data[0][1][1])
    return [parsed]


def compile_pieces(group: list[P.SubPattern]) -> re.Pattern[str]:
    """One regex, ``(?<!\\w)`` then the pieces of ``group`` tried in order, alternations factored."""
    state = group[0].state
    tree = P.SubPattern(state, [(C.BRANCH, (None, list(group)))] if len(group) > 1 else list(group[0].data))
    _factor(tree)
    return _compiler.compile(P.SubPattern(state, [_LOOKBEHIND, *tree.data]), 0)


def compile_piece(piece: P.SubPattern) -> re.Pattern[str]:
    """One piece on its own, to tell which piece of a group matched (with ``match`` at its start)."""
    return _compiler.compile(P.SubPattern(piece.state, list(piece.data)), 0)
