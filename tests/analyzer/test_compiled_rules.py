"""The compiled rule sets mean exactly what the plain rule alternations mean.

``patterns.compile_rules`` rewrites each label's rules for speed (pieces,
factored alternations, no capturing groups). That must never change a span
or an explanation: every label is checked against ``reference_regex`` (the
plain ``(?<!\\w)(?:r0|r1|...)(?!\\w)``) on the whole corpus, on shuffled
corpus words and on arbitrary text.
"""

from __future__ import annotations

import random
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pushback_lib.analyzer import analyze, factor
from pushback_lib.analyzer import rules as core
from pushback_lib.analyzer.evaluate import load_corpus
from pushback_lib.analyzer.lexicon import BUSINESS_WEAK_RULES, COMPONENT_RULES
from pushback_lib.analyzer.patterns import (
    PlainRuleSet,
    RuleSet,
    compile_rules,
    reference_regex,
    split_alternatives,
)
from pushback_lib.analyzer.tone import AGGRESSIVE_RULES, OPINION_RULES

RULES = {**COMPONENT_RULES, "aggressive": AGGRESSIVE_RULES, "opinion_only": OPINION_RULES,
         "business_weak": BUSINESS_WEAK_RULES}
REFERENCE = {label: reference_regex(rules) for label, rules in RULES.items()}


def _reference(label: str, low: str) -> list[tuple[int, int, str]]:
    rules = RULES[label]
    return [(m.start(), m.end(), rules[int((m.lastgroup or "r0")[1:])].why)
            for m in REFERENCE[label].finditer(low) if m.end() > m.start()]


def _assert_same(low: str) -> None:
    sets = core._rulesets()
    for label in RULES:
        assert list(sets[label].finditer(low)) == _reference(label, low), (label, low[:300])


def _texts() -> list[str]:
    texts = [d.text.lower() for d in load_corpus()]
    rnd = random.Random(4)
    words = " ".join(texts).split()
    texts += [" ".join(rnd.choice(words) for _ in range(rnd.randint(1, 50))) for _ in range(600)]
    return texts


def test_every_rule_set_matches_its_reference_on_corpus_and_shuffled_words() -> None:
    texts = _texts()
    assert len(texts) > 1000
    hits = 0
    for low in texts:
        _assert_same(low)
        hits += bool(_reference("acknowledge", low))
    assert hits > 100  # the comparison is not between two empty lists


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcdefghilmnorstuwy '’-!?.,0123456789%£$\n")), max_size=120))
def test_rule_sets_match_their_reference_on_arbitrary_text(text: str) -> None:
    _assert_same(text)


@pytest.mark.parametrize("pattern, parts", [
    ("a|b(c|d)", ["a", "b(c|d)"]),
    ("(?:a|b)", ["a", "b"]),
    ("(?:a|b)c", ["(?:a|b)c"]),
    ("[|]x|y", ["[|]x", "y"]),
    (r"\|x|y", [r"\|x", "y"]),
])
def test_split_alternatives_splits_only_at_the_top_level(pattern: str, parts: list[str]) -> None:
    assert split_alternatives(pattern) == parts


def test_rule_sets_compiled_again_and_dropped_keep_their_own_pieces() -> None:
    """Compiled pieces are cached by id: a dropped rule set's ids must not serve a new one."""
    texts = _texts()[-300:]
    for _ in range(2):
        for label, rules in RULES.items():
            fresh = compile_rules(label, rules, factored=True)  # dropped at the next iteration
            for low in texts:
                assert list(fresh.finditer(low)) == _reference(label, low), (label, low[:200])


@pytest.mark.parametrize("version, implementation, expected", [
    ((3, 11), "cpython", True), ((3, 13), "cpython", True), ((3, 10), "cpython", False),
    ((3, 14), "cpython", False), ((3, 12), "pypy", False),
])
def test_the_private_engine_api_is_used_only_where_it_was_checked(version, implementation, expected) -> None:
    assert factor.supported(version, implementation) is expected
    assert factor.supported(sys.version_info[:2], sys.implementation.name) == factor.AVAILABLE


def test_the_portable_fallback_gives_the_same_analyses(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the factored path is off, the plain alternation finds the very same spans."""
    import pushback_lib as pb

    case = pb.load_case("niche_recruitment")
    drafts = [d.text for d in load_corpus()]
    factored = [analyze(d, case) for d in drafts]
    assert all(isinstance(s, RuleSet) for s in core._rulesets().values())
    monkeypatch.setattr(factor, "AVAILABLE", False)
    monkeypatch.setattr(core, "_COMPILED", {})
    assert all(isinstance(s, PlainRuleSet) for s in core._rulesets().values())
    assert [analyze(d, case) for d in drafts] == factored


def test_a_short_draft_compiles_only_the_rules_the_gate_asks(monkeypatch) -> None:
    """The short-draft gate asks the ``aggressive`` rules of a short draft; the other rule sets are
    compiled when a full rule pass (findings, a flag the model called) first needs them."""
    monkeypatch.setattr(core, "_COMPILED", {})
    analysis = analyze("x")
    assert not analysis.flags and set(core._COMPILED) == {"aggressive"}
    assert analysis.findings == ()  # reading the findings runs every label's rules
    assert set(core._COMPILED) == {*COMPONENT_RULES, "aggressive", "opinion_only", "business_weak"}
