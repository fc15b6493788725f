"""A pytest plugin for ``make test-fast``: a test that starts a Jupyter kernel fails, named.

The fast loop runs the tests not marked ``slow``, ``browser`` or ``root``. A test
that starts a kernel costs seconds and belongs to the full run, so in the fast
loop starting one (in this process, through jupyter_client's provisioner, which
nbclient and nbgrader use) raises an error that says to mark the test ``slow``.
``tools/run_tests.py --fast`` loads this plugin.
"""

from __future__ import annotations

from typing import Any

import pytest


class KernelInFastLoop(RuntimeError):
    """A test in the fast loop started a kernel."""


def pytest_configure(config: pytest.Config) -> None:
    from jupyter_client.provisioning.local_provisioner import LocalProvisioner

    async def refuse(self: LocalProvisioner, cmd: list[str], **kwargs: Any) -> dict[str, Any]:
        raise KernelInFastLoop("this test starts a Jupyter kernel: mark it @pytest.mark.slow "
                               "(make test-fast runs no kernels)")

    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setattr(LocalProvisioner, "launch_kernel", refuse)
    config.add_cleanup(monkeypatch.undo)
