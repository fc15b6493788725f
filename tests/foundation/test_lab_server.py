"""`make lab`'s server really starts, with the nbgrader and widget extensions enabled."""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from tests.conftest import ROOT, VENV_BIN, venv_env

pytestmark = pytest.mark.slow


def test_status_answers_and_the_start_notebook_is_served(lab_server):
    status, body = lab_server.get("/api/status")
    assert status == 200
    assert "started" in json.loads(body)
    model = lab_server.get_json("/api/contents/course/00-start-here.ipynb?content=0")
    assert model["type"] == "notebook"


def test_lab_extensions_are_enabled_and_compatible(lab_server):
    status, html = lab_server.get("/lab")
    assert status == 200
    page = html.decode()
    config = json.loads(re.search(r'id="jupyter-config-data"[^>]*>(.*?)</script>', page, re.S).group(1))
    federated = {ext["name"] for ext in config["federated_extensions"]}
    disabled = set(config.get("disabledExtensions", []))
    for name in ("@jupyter/nbgrader", "@jupyter-widgets/jupyterlab-manager"):
        assert name in federated, f"{name} is not installed as a lab extension"
        assert name not in disabled, f"{name} is disabled"
    listing = subprocess.run([str(VENV_BIN / "jupyter"), "labextension", "list"], cwd=ROOT,
                             env=venv_env(NO_COLOR="1"), capture_output=True, text=True)
    text = re.sub(r"\x1b\[[0-9;]*m", "", listing.stdout + listing.stderr)
    for name in ("@jupyter/nbgrader", "@jupyter-widgets/jupyterlab-manager"):
        line = next((ln for ln in text.splitlines() if name in ln), "")
        assert "enabled" in line and "OK" in line, f"{name} not enabled and OK: {line!r}"


def test_make_lab_dry_run_uses_loopback_and_allows_root():
    out = subprocess.run(["make", "-n", "lab", "PORT=9123"], cwd=ROOT, env=venv_env(),
                         capture_output=True, text=True, check=True).stdout
    assert "--ServerApp.ip=127.0.0.1" in out and "--ServerApp.port=9123" in out
    assert "course/00-start-here.ipynb" in out
    import os
    if os.geteuid() == 0:
        assert "--allow-root" in out
    out = subprocess.run(["make", "-n", "lab", "HOST=0.0.0.0"], cwd=ROOT, env=venv_env(),
                         capture_output=True, text=True, check=True).stdout
    assert "--ServerApp.ip=0.0.0.0" in out
