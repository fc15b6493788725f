"""The grading sandbox on its own: what a jailed process sees, its limits, and the refusal."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pushback_lib.grading.sandbox import (
    HOME,
    Sandbox,
    SandboxedKernelManager,
    SandboxUnavailable,
    parse_size,
    readonly_paths,
    sandbox_command,
    self_test,
)

ROOT = Path(__file__).resolve().parents[2]


def jailed(code: str, settings: Sandbox | None = None, **kw: object) -> subprocess.CompletedProcess[str]:
    settings = settings or Sandbox()
    uid = settings.uid_base + settings.uid_count - 1 if os.geteuid() == 0 else None
    cmd = sandbox_command(settings, [sys.executable, "-c", code], uid=uid, **kw)  # type: ignore[arg-type]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60)


def test_sizes_read_as_bytes():
    assert parse_size("2G") == 2 * 1024 ** 3
    assert parse_size("512M") == parse_size("512MiB") == 512 * 1024 ** 2
    assert parse_size("1048576") == 1048576
    with pytest.raises(ValueError, match="not a size"):
        parse_size("lots")


def test_the_repository_root_and_course_are_never_bound():
    paths = readonly_paths(sys.executable)
    assert str(ROOT) not in paths
    assert not any(p in (str(ROOT / "solutions"), str(ROOT / "exercises")) for p in paths)
    assert str(ROOT / "pushback_lib") in paths or not (ROOT / "pushback_lib").is_dir()


def test_a_jailed_process_sees_only_its_own_files(tmp_path: Path):
    own = tmp_path / "mine.txt"
    own.write_text("mine")
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    code = ("import os, json, socket\n"
            f"print(json.dumps([os.getcwd(), sorted(os.listdir('.')), os.path.exists({str(secret)!r}),\n"
            f"  os.path.exists({str(ROOT / 'solutions')!r}),\n"
            f"  os.path.exists({str(ROOT / 'nbgrader_config.py')!r}),\n"
            "  len([p for p in os.listdir('/proc') if p.isdigit()]), os.environ.get('PATH', '')]))\n")
    done = jailed(code, files={"mine.txt": str(own)})
    assert done.returncode == 0, done.stderr
    import json
    cwd, listed, sees_secret, sees_solutions, sees_config, processes, _ = json.loads(done.stdout)
    assert cwd == f"{HOME}/work" and listed == ["mine.txt"]
    assert not sees_secret and not sees_solutions and not sees_config
    assert processes <= 3  # its own pid namespace: bubblewrap's init, maybe a helper, itself


def test_limits_hold_inside(tmp_path: Path):
    settings = Sandbox(memory_limit="512M", max_file_size="1M")
    code = ("import os\n"
            "try:\n    bytearray(1024 ** 3); print('allocated')\n"
            "except MemoryError:\n    print('memory stopped')\n"
            "try:\n    open('/tmp/big', 'wb').write(b'x' * 2 * 1024 * 1024); print('wrote')\n"
            "except OSError:\n    print('file stopped')\n"
            "try:\n    open(os.path.expanduser('~/x'), 'w').write('ok'); print('home ok')\n"
            "except OSError:\n    print('home denied')\n"
            "try:\n    open('/usr/pwned', 'w')\nexcept OSError:\n    print('usr read-only')\n")
    done = jailed(code, settings)
    expected = ["memory", "stopped", "file", "stopped", "home", "ok", "usr", "read-only"]
    assert done.stdout.split() == expected, done.stdout + done.stderr


def test_refuses_when_the_sandbox_cannot_start():
    with pytest.raises(SandboxUnavailable, match="--no-sandbox") as err:
        self_test(Sandbox(bwrap="/nonexistent/bwrap"))
    assert "c.Sandbox.enabled = False" in str(err.value) and "bubblewrap" in str(err.value)


def test_the_kernel_manager_refuses_too_rather_than_run_unsandboxed():
    from traitlets.config import Config

    config = Config()
    config.Sandbox.bwrap = "/nonexistent/bwrap-2"
    km = SandboxedKernelManager(kernel_name="python3", config=config)
    with pytest.raises(SandboxUnavailable):
        asyncio.run(km._async_pre_start_kernel())


def test_a_disabled_sandbox_starts_kernels_as_before():
    from traitlets.config import Config

    config = Config()
    config.Sandbox.enabled = False
    km = SandboxedKernelManager(kernel_name="python3", config=config)
    cmd, _ = asyncio.run(km._async_pre_start_kernel())
    assert "bwrap" not in cmd[0] and "ipykernel_launcher" in " ".join(cmd)
    asyncio.run(km._async_cleanup_resources())


@pytest.mark.slow  # starts a kernel (four 450 MB children)
def test_where_cgroups_exist_a_kernel_is_bounded_as_a_whole():
    """Four children of 450 MB each, under a 1.5 GiB kernel: the group's limit stops some of them
    (each alone is under its own address-space limit), and the cgroup is gone afterwards."""
    import nbformat
    from nbclient import NotebookClient
    from traitlets.config import Config

    from pushback_lib.grading.cgroups import CgroupJail

    probe = CgroupJail.create(1024 ** 3, 64)
    if probe is None:
        pytest.skip("this machine gives the grader no cgroups (not root, or no writable hierarchy)")
    probe.destroy()
    code = ("import os, time\nkids = []\nfor i in range(4):\n    pid = os.fork()\n    if pid == 0:\n"
            "        try:\n            b = bytearray(450 * 1024 * 1024)\n"
            "            for j in range(0, len(b), 4096):\n                b[j] = 1\n"
            "            time.sleep(3)\n"
            "        finally:\n            os._exit(0)\n    kids.append(pid)\n"
            "print('killed', sum(os.waitpid(k, 0)[1] != 0 for k in kids))\n")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    # Other graders on a shared machine make (and sometimes leave) groups of their own: only a
    # group this process made (its pid is in the name) is this test's business.
    mine = f"pushback-kernel-{os.getpid()}-*"
    before = {p for p in Path("/sys/fs/cgroup").rglob(mine) if p.is_dir()}
    config = Config()
    config.Sandbox.memory_limit = "1500M"
    client = NotebookClient(nb, kernel_name="python3", kernel_manager_class=SandboxedKernelManager,
                            config=config, timeout=60)
    client.execute()
    out = "".join(o.get("text", "") for o in nb.cells[0].outputs)
    assert out.startswith("killed") and int(out.split()[1]) >= 1, out
    leftover = [p for p in Path("/sys/fs/cgroup").rglob(mine) if p.is_dir() and p not in before]
    assert leftover == []
