"""Answers as plain data: what the trusted grader reads, and what it refuses."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pushback_lib import PushbackPlan
from pushback_lib.grading.plain import PLAN_KEY, NotPlainData, to_plain
from pushback_lib.grading.source import Refused, answers_from_source, answers_from_sources

plain_scalars = st.one_of(st.none(), st.booleans(), st.integers(),
                          st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=30))
plain_data = st.recursive(plain_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=5), st.dictionaries(st.text(max_size=8), inner, max_size=5)),
    max_leaves=20)


@settings(max_examples=150, deadline=None)
@given(plain_data)
def test_plain_data_round_trips_through_source_text(value):
    """Whatever plain value a learner writes out is read back exactly, types included."""
    got = answers_from_source(f"answer = {value!r}")["answer"]
    assert not isinstance(got, Refused)
    assert repr(got) == repr(value)
    assert to_plain(value) == value


class EqualsEverything(list):
    def __eq__(self, other):
        return True

    __hash__ = None  # type: ignore[assignment]


class RiggedStr(str):
    def __eq__(self, other):
        return True

    __hash__ = str.__hash__


@pytest.mark.parametrize("value, where", [
    (EqualsEverything(), "answer is a "),
    (RiggedStr("x"), "answer is a "),
    ([1, {"k": {1, 2}}], "answer[1]['k']"),
    (float("nan"), "ordinary number"),
    ({1: "a"}, "keys must be text"),
    (object(), "write plain values"),
])
def test_look_alikes_are_refused_with_where(value, where):
    with pytest.raises(NotPlainData, match=None) as err:
        to_plain(value)
    assert where in str(err.value)


def test_a_plan_is_converted_field_by_field():
    plan = PushbackPlan(acknowledge="I see why", evidence=["f_cv"])
    plain = to_plain(plan)
    assert plain[PLAN_KEY]["acknowledge"] == "I see why"
    assert plain[PLAN_KEY]["evidence"] == ["f_cv"]
    object.__setattr__(plan, "alternative", EqualsEverything())
    with pytest.raises(NotPlainData, match="alternative"):
        to_plain(plan)


def test_plan_constructor_in_source_is_read_without_running_it():
    src = 'q = PushbackPlan(acknowledge="yes", allies=["ally_sarah"])'
    assert answers_from_source(src)["q"] == {PLAN_KEY: {"acknowledge": "yes",
                                                          "allies": ["ally_sarah"]}}
    assert isinstance(answers_from_source('q = PushbackPlan("yes")')["q"], Refused)
    assert isinstance(answers_from_source("q = PushbackPlan(**d)")["q"], Refused)
    assert isinstance(answers_from_source('q = PushbackPlan(tone="x")')["q"], Refused)


@pytest.mark.parametrize("source", [
    "q = [s.key for s in STAGES]",
    "q = sorted(['b', 'a'])",
    "q = ['a']\nq += ['b']",
    "q = ['a']\nfor q in range(3): pass",
    "q = ['a']\ndef f():\n    global q\n    q = 1",
    "q = ['a']\nimport q",
    "q = ['a']\nclass q: pass",
    "q = {1, 2}",
    "q = 1e400",
])
def test_anything_but_a_literal_binding_refuses_the_answer(source):
    got = answers_from_source(source)["q"]
    assert isinstance(got, Refused), got
    assert "q" in got.reason or "number" in got.reason


def test_later_cells_win_and_magics_do_not_break_parsing():
    answers = answers_from_sources(["q = ['a']\n%time x = 1", "q = ['b']", "other = 1"])
    assert answers["q"] == ["b"]
    assert answers["other"] == 1


def test_a_syntax_error_says_where():
    got = answers_from_source("q = [1,\n", "answer cell 3")
    assert "__syntax_error__" in got
    assert "answer cell 3" in got["__syntax_error__"].reason


def test_huge_answers_are_refused_not_read():
    got = answers_from_source("q = " + repr("x" * 30_000))["q"]
    assert isinstance(got, Refused) and "limit" in got.reason
    deep = "q = " + "[" * 50 + "]" * 50
    assert isinstance(answers_from_source(deep)["q"], Refused)


def test_pathological_nesting_is_refused_not_a_crash():
    got = answers_from_source("q = " + "(" * 5000 + "1" + ")" * 5000)
    assert all(isinstance(v, Refused) for v in got.values())
