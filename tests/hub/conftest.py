"""Fixtures for the JupyterHub deployment tests: the deploy modules, and a root-only gate.

The end-to-end test creates real Unix users, so it needs root; it skips with a
message saying so otherwise (CI runs as root, so CI always runs it).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy" / "jupyterhub"
for folder in (DEPLOY, Path(__file__).resolve().parent):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))


@pytest.fixture
def needs_root() -> None:
    """Skip, saying why, unless this machine can run a real multi-user hub."""
    if os.geteuid() != 0:
        pytest.skip("the JupyterHub cohort test creates Unix users and runs the hub as root: "
                    "run `make test` as root (CI does)")
    for tool, hint in (("useradd", "apt-get install passwd"), ("npm", "apt-get install nodejs npm")):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing ({hint}); the hub test needs it")
    if not Path("/usr/bin/python3").exists():
        pytest.fail("Debian's /usr/bin/python3 is missing (apt-get install python3 python3-venv): "
                    "the hub environment is built from it so every user can run it")
