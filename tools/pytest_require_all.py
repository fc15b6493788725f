"""A pytest plugin: in CI, a browser or hub test that skips is a failure, named.

Locally a browser test may skip (no Chromium) and the hub test may skip (not
root); each says why. CI installs what they need, so there a skip means the run
did not test what it claims to. ``.ci/run`` sets ``PUSHBACK_REQUIRE_ALL=1``; then
every skipped test marked ``browser`` or ``root`` is reported as failed, with the
reason it gave for skipping. ``tests/conftest.py`` loads this plugin.
"""

from __future__ import annotations

import os
from collections.abc import Generator

import pytest

ENV_VAR = "PUSHBACK_REQUIRE_ALL"
REQUIRED_MARKERS = ("browser", "root")


def required() -> bool:
    return os.environ.get(ENV_VAR) == "1"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]
                              ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    markers = [m for m in REQUIRED_MARKERS if item.get_closest_marker(m)]
    if report.skipped and required() and markers:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = (f"{item.nodeid} ({', '.join(markers)}) skipped, but {ENV_VAR}=1 (CI) "
                           f"requires it to run. Its reason: {reason}")
    return report
