"""The test policies enforced by pytest plugins in tools/: CI cannot go green with a
browser or hub test skipped (pytest_require_all), and the fast loop starts no kernel
(pytest_no_kernels)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SKIPPING = '''
import pytest

@pytest.mark.browser
def test_drives_chromium():
    pytest.skip("no chromium here")

@pytest.mark.root
def test_runs_the_hub():
    pytest.skip("not root")

def test_plain_skip():
    pytest.skip("fine anywhere")
'''


STARTS_A_KERNEL = '''
from jupyter_client.manager import KernelManager

def test_starts_a_kernel():
    km = KernelManager()
    try:
        km.start_kernel()
    finally:
        km.cleanup_resources()
'''


def run_pytest(test_file: Path, plugin: str,
               require_all: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PUSHBACK_REQUIRE_ALL"}
    if require_all is not None:
        env["PUSHBACK_REQUIRE_ALL"] = require_all
    env["PYTHONPATH"] = str(ROOT)
    env["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"  # only the plugin under test: a quick run
    return subprocess.run([sys.executable, "-m", "pytest", "-p", plugin,
                           "-p", "no:cacheprovider", "-rA", "-o", "markers=browser\nroot",
                           str(test_file)],
                          cwd=test_file.parent, env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture
def skipping_tests(tmp_path: Path) -> Path:
    path = tmp_path / "test_skipping.py"
    path.write_text(SKIPPING)
    return path


def test_locally_a_browser_or_hub_test_may_skip(skipping_tests: Path) -> None:
    proc = run_pytest(skipping_tests, "tools.pytest_require_all")
    assert proc.returncode == 0, proc.stdout
    assert "3 skipped" in proc.stdout


def test_in_ci_each_skipped_browser_or_hub_test_fails_by_name(skipping_tests: Path) -> None:
    proc = run_pytest(skipping_tests, "tools.pytest_require_all", "1")
    assert proc.returncode == 1, proc.stdout
    assert "2 failed, 1 skipped" in proc.stdout
    for name, marker, reason in (("test_drives_chromium", "browser", "no chromium here"),
                                 ("test_runs_the_hub", "root", "not root")):
        assert f"test_skipping.py::{name} ({marker}) skipped, but PUSHBACK_REQUIRE_ALL=1" in proc.stdout
        assert reason in proc.stdout


def test_the_fast_loop_refuses_to_start_a_kernel(tmp_path: Path) -> None:
    path = tmp_path / "test_kernel.py"
    path.write_text(STARTS_A_KERNEL)
    proc = run_pytest(path, "tools.pytest_no_kernels")
    assert proc.returncode == 1, proc.stdout
    assert "KernelInFastLoop: this test starts a Jupyter kernel: mark it @pytest.mark.slow" in proc.stdout
