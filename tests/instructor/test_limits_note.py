"""autograde says at run time what the sandbox cannot bound where no cgroup can be made."""

from __future__ import annotations

from traitlets.config import Config

from pushback_lib.grading import cgroups
from pushback_lib.grading.sandbox import Sandbox
from pushback_lib.instructor.autograde.run import whole_kernel_limits_missing


def settings(**traits: object) -> Sandbox:
    config = Config()
    for name, value in traits.items():
        setattr(config.Sandbox, name, value)
    return Sandbox(config=config)


def test_without_cgroups_the_run_says_what_is_not_bounded(monkeypatch):
    monkeypatch.setattr(cgroups.CgroupJail, "create", classmethod(lambda cls, memory, pids: None))
    text = whole_kernel_limits_missing(settings(memory_limit="1G", max_processes=64))
    assert "no cgroup can be made here" in text
    assert "(1G of memory, 600 CPU seconds, 64 processes)" in text
    assert "not bounded as a whole" in text and "docs/grading.md" in text


def test_cgroups_turned_off_is_named_as_the_reason(monkeypatch):
    def must_not_probe(cls, memory, pids):
        raise AssertionError("no cgroup is probed when c.Sandbox.cgroups is False")

    monkeypatch.setattr(cgroups.CgroupJail, "create", classmethod(must_not_probe))
    assert "c.Sandbox.cgroups = False" in whole_kernel_limits_missing(settings(cgroups=False))


def test_where_a_cgroup_can_be_made_nothing_is_said_and_the_probe_is_removed(monkeypatch):
    destroyed = []

    class Jail:
        def destroy(self) -> None:
            destroyed.append(True)

    monkeypatch.setattr(cgroups.CgroupJail, "create", classmethod(lambda cls, memory, pids: Jail()))
    assert whole_kernel_limits_missing(settings()) == "" and destroyed == [True]
