"""Broken case files give a CaseError naming the file, the dotted field path and what was expected."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from pushback_lib import CaseError, load_case
from pushback_lib.cases.loading import _cache

Data = dict[str, Any]


def _set(path: str, value: Any) -> Callable[[Data], None]:
    """A mutation that sets one field, addressed like ``facts.2.verified``."""
    def apply(data: Data) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        node[int(last) if last.isdigit() else last] = value
    return apply


def _delete(path: str) -> Callable[[Data], None]:
    def apply(data: Data) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        del node[last]
    return apply


def _copy_id(src: str, dst: str) -> Callable[[Data], None]:
    def apply(data: Data) -> None:
        s_list, s_i = src.split(".")
        d_list, d_i = dst.split(".")
        data[d_list][int(d_i)]["id"] = data[s_list][int(s_i)]["id"]
    return apply


def _all_recommended(data: Data) -> None:
    for alt in data["alternatives"]:
        alt["recommended"] = True


BROKEN = [
    # (mutation, field path in the message, what the message must say was expected)
    (_delete("title"), "title", "missing required field"),
    (_delete("facts.0.verified"), "facts[0].verified", "missing required field"),
    (_set("facts.0.colour", "red"), "facts[0].colour",
     "unknown field; expected one of id, prop, text, verified, why"),
    (_set("facts.0.why", 3), "facts[0].why", "expected text, got a number 3"),
    (_set("unnecessary_stages", {"meeting": "too big"}), "unnecessary_stages.meeting",
     "unknown field; expected one of alternative, enlist, evidence"),
    (_set("unnecessary_stages", {"listen": "skip it"}), "unnecessary_stages.listen",
     "unknown field; expected one of alternative, enlist, evidence"),
    (_set("unnecessary_stages", ["enlist"]), "unnecessary_stages",
     "expected a mapping of fields, got a list"),
    (_set("unnecessary_stages", {"enlist": True}), "unnecessary_stages.enlist",
     "expected text, got true/false True"),
    (_set("mood", "calm"), "mood", "unknown field"),
    (_set("facts.2.verified", "yes"), "facts[2].verified", "expected true or false, got text 'yes'"),
    (_set("facts.1.prop", "rumour"), "facts[1].prop", "expected one of brief, contact_report"),
    (_copy_id("facts.0", "facts.3"), "facts[3].id",
     "duplicate id 'f_grading_project': already used by facts[0]"),
    (_copy_id("alternatives.0", "allies.1"), "allies[1].id",
     "duplicate id 'alt_short_call': already used by alternatives[0]"),
    (_set("decision_inputs.openness", 1.5), "decision_inputs.openness",
     "expected a number from 0 to 1, got 1.5"),
    (_set("decision_inputs.stakes", "high"), "decision_inputs.stakes", "expected a number, got text 'high'"),
    (_set("expert_outcome.choice", "maybe"), "expert_outcome.choice",
     "expected one of push_back, let_go, got 'maybe'"),
    (_set("analogies.0.kind", "anecdote"), "analogies[0].kind", "expected one of example, success_story"),
    (_set("challenges", "merger"), "challenges", "expected a list, got text"),
    (_set("challenges.1", "just text"), "challenges[1]", "expected a mapping of fields, got text"),
    (_set("stakeholder.name", ""), "stakeholder.name", "expected non-empty text"),
    (_set("stakeholder_wants.1", {"Someone who will stay": "the last two left"}), "stakeholder_wants[1]",
     "expected text, got a mapping"),
    (_set("allies.0.id", "Ally Sarah"), "allies[0].id", "expected lower-case letters, digits and _"),
    (_all_recommended, "alternatives", "expected exactly one alternative with recommended: true, got 3"),
    (_set("path", "/etc/passwd"), "path", "unknown field"),
]


def _write(tmp_path: Path, text: str, name: str = "broken_case.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("mutate", "field", "expected"), BROKEN,
                         ids=[f"{field}:{expected[:25]}" for _, field, expected in BROKEN])
def test_broken_field_is_named_with_its_path(tmp_path: Path, valid_case_data: Data,
                                             mutate: Callable[[Data], None], field: str,
                                             expected: str) -> None:
    data = copy.deepcopy(valid_case_data)
    mutate(data)
    path = _write(tmp_path, yaml.safe_dump(data, sort_keys=False))
    with pytest.raises(CaseError) as info:
        load_case(path)
    err = info.value
    assert err.source == str(path.resolve())
    assert err.field == field
    assert expected in err.problem
    assert str(err).startswith(f"{path.resolve()}: {field}: ")
    assert not any(key[0] == str(path.resolve()) for key in _cache), "nothing half-loaded or cached"


def test_the_unbroken_data_loads(tmp_path: Path, valid_case_data: Data) -> None:
    """The control for the table above: only the mutation makes a file fail."""
    path = _write(tmp_path, yaml.safe_dump(valid_case_data, sort_keys=False))
    assert load_case(path).id == "niche_recruitment"


def test_invalid_yaml_gives_its_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "id: x\ntitle: ok\nfacts:\n  - id: f1\n    text: [unclosed\n")
    with pytest.raises(CaseError) as info:
        load_case(path)
    assert info.value.field.startswith("line ")
    assert "invalid YAML" in info.value.problem
    assert int(info.value.field.split()[1].rstrip(",")) in (5, 6)


@pytest.mark.parametrize(("text", "expected"), [
    ("", "the file is empty"),
    ("- just\n- a list\n", "(top level): expected a mapping of fields, got a list"),
])
def test_empty_or_non_mapping_file(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(CaseError, match=expected.replace("(", r"\(").replace(")", r"\)")):
        load_case(_write(tmp_path, text))


def test_a_fixed_file_loads_after_an_error(tmp_path: Path, valid_case_data: Data) -> None:
    broken = copy.deepcopy(valid_case_data)
    broken["decision_inputs"]["timing"] = -0.1
    path = _write(tmp_path, yaml.safe_dump(broken))
    with pytest.raises(CaseError, match=r"decision_inputs\.timing"):
        load_case(path)
    path.write_text(yaml.safe_dump(valid_case_data), encoding="utf-8")
    assert load_case(path).decision_inputs.timing == valid_case_data["decision_inputs"]["timing"]
