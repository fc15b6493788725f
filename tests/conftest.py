"""Fixtures shared by every test area: free loopback ports and a live JupyterLab.

Each area keeps its own tests and fixtures in ``tests/<area>/``; only what two
or more areas need lives here.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

# CI (PUSHBACK_REQUIRE_ALL=1) fails a skipped browser or hub test; locally it may skip.
pytest_plugins = ["tools.pytest_require_all"]

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def venv_env(**extra: str) -> dict[str, str]:
    """The environment for subprocesses: the venv's bin first on PATH (nbgrader runs
    ``alembic`` by name), a non-interactive matplotlib backend."""
    env = dict(os.environ)
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    env["MPLBACKEND"] = "Agg"
    env.update(extra)
    return env


@dataclass
class LabServer:
    url: str
    token: str
    root_dir: Path
    process: subprocess.Popen

    def get(self, path: str) -> tuple[int, bytes]:
        req = urllib.request.Request(f"{self.url}{path}",
                                     headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, resp.read()

    def get_json(self, path: str) -> object:
        status, body = self.get(path)
        assert status == 200, (path, status)
        return json.loads(body)


def start_lab(root_dir: Path, log_path: Path, timeout: float = 60) -> LabServer:
    """Start JupyterLab as ``make lab`` does (root allowed, loopback, no browser)
    on a free port, and wait until ``/api/status`` answers."""
    port = free_port()
    token = secrets.token_hex(16)
    cmd = [str(VENV_BIN / "jupyter"), "lab", "--no-browser", "--ServerApp.ip=127.0.0.1",
           f"--ServerApp.port={port}", f"--IdentityProvider.token={token}",
           f"--ServerApp.root_dir={root_dir}", "--ServerApp.port_retries=0"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = open(log_path, "wb")  # noqa: SIM115 - the server writes to it until it stops
    proc = subprocess.Popen(cmd, cwd=root_dir, env=venv_env(), stdout=log, stderr=subprocess.STDOUT)
    server = LabServer(f"http://127.0.0.1:{port}", token, root_dir, proc)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"jupyter lab exited with {proc.returncode}; see {log_path}")
        try:
            if server.get("/api/status")[0] == 200:
                return server
        except OSError:
            time.sleep(0.3)
    stop_lab(server)
    raise RuntimeError(f"jupyter lab did not answer within {timeout} s; see {log_path}")


def stop_lab(server: LabServer) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait(timeout=10)


@pytest.fixture(scope="session")
def lab_server() -> Iterator[LabServer]:
    """One JupyterLab for the session, serving the repository root."""
    server = start_lab(ROOT, ARTIFACTS / "lab-server.log")
    try:
        yield server
    finally:
        stop_lab(server)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's Chromium, or a skip that says how to get it."""
    path = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if path is None:
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium); "
                    ".ci/run installs it, so CI always runs the browser tests")
    return path
