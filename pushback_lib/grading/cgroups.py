"""Best effort: one control group per sandboxed kernel, bounding the kernel *as a whole*.

The rlimits of :mod:`.sandbox` bound each process of a kernel; a cgroup bounds
all of them together: memory (a storm of processes each under its own address
space limit cannot exhaust the machine), processes (``pids.max``) and CPU
share (a storm of busy processes gets one kernel's share of the cores, not one
share per process, so learners graded beside it keep theirs). Where the
grader cannot make cgroups (not root, a read-only or undelegated hierarchy,
cgroup v2 with processes in our own group), :meth:`CgroupJail.create` returns
None and the sandbox runs with its rlimits alone; docs/grading.md says what
then holds.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
import uuid
from pathlib import Path

__all__ = ["CgroupJail"]

_ROOT = Path("/sys/fs/cgroup")


def _own_paths() -> dict[str, str]:
    """Controller name -> our cgroup's path in its hierarchy ("" for the v2 unified one)."""
    found: dict[str, str] = {}
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/cgroup").read_text().splitlines():
            _, controllers, path = line.split(":", 2)
            for name in controllers.split(",") if controllers else [""]:
                found[name] = path
    return found


class CgroupJail:
    """The cgroup folders of one kernel (one per v1 controller, or one v2 folder)."""

    def __init__(self, dirs: list[Path]) -> None:
        self.dirs = dirs

    @classmethod
    def create(cls, memory: int, pids: int) -> CgroupJail | None:
        """Make and configure the cgroup, or None where this machine does not let us."""
        if os.geteuid() != 0:
            return None
        name = f"pushback-kernel-{os.getpid()}-{uuid.uuid4().hex[:12]}"  # its grading process's pid
        own = _own_paths()
        made: list[Path] = []
        try:
            if (_ROOT / "cgroup.controllers").exists():  # v2, unified
                base = _ROOT / own.get("", "/").lstrip("/")
                if base != _ROOT:  # a non-root v2 group holding our processes cannot have children
                    return None  # with controllers (the "no internal processes" rule)
                enabled = (base / "cgroup.subtree_control").read_text().split()
                if not {"memory", "pids"} <= set(enabled):
                    return None
                _sweep(base)
                d = base / name
                d.mkdir()
                made.append(d)
                (d / "memory.max").write_text(str(memory))
                if (d / "memory.swap.max").exists():
                    (d / "memory.swap.max").write_text("0")
                (d / "pids.max").write_text(str(pids))
                return cls(made)
            settings = {"memory": {"memory.limit_in_bytes": str(memory)}, "pids": {"pids.max": str(pids)},
                        "cpu": {"cpu.shares": "1024"}}
            for controller, files in settings.items():
                mount = _ROOT / controller
                if controller not in own or not mount.is_dir():
                    if controller == "cpu":
                        continue  # the share is a nicety; memory and pids are the point
                    raise OSError(f"no {controller} cgroup")
                _sweep(mount / own[controller].lstrip("/"))
                d = mount / own[controller].lstrip("/") / name
                d.mkdir()
                made.append(d)
                for fname, value in files.items():
                    (d / fname).write_text(value)
            return cls(made)
        except OSError:
            for d in made:
                with contextlib.suppress(OSError):
                    d.rmdir()
            return None

    def wrap(self, command: list[str]) -> list[str]:
        """``command`` started inside the cgroup (it joins before it runs, so every child is in)."""
        script = 'for d in $PB_CGROUPS; do echo $$ > "$d/cgroup.procs" || exit 97; done; exec "$@"'
        return ["/bin/sh", "-c", script, "pushback-cgroup", *command]

    def environment(self) -> dict[str, str]:
        return {"PB_CGROUPS": " ".join(str(d) for d in self.dirs)}

    def pids(self) -> list[int]:
        found: set[int] = set()
        for d in self.dirs:
            with contextlib.suppress(OSError, ValueError):
                found |= {int(p) for p in (d / "cgroup.procs").read_text().split()}
        return sorted(found)

    def destroy(self) -> None:
        """Kill every process left in the cgroup, then remove it."""
        for d in self.dirs:
            with contextlib.suppress(OSError):
                (d / "cgroup.kill").write_text("1")  # v2 (5.14+)
        for _ in range(50):
            left = self.pids()
            if not left:
                break
            for pid in left:
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
            time.sleep(0.02)
        # A process just killed holds its group until it has exited, which for a large memory
        # footprint on a loaded machine takes well over half a second (a leftover group was
        # measured on the shared 2-CPU machine with a 0.5 s wait): wait up to 5 s.
        deadline = time.monotonic() + 5.0
        while True:
            self.dirs = [d for d in self.dirs if not _removed(d)]
            if not self.dirs or time.monotonic() > deadline:
                return
            time.sleep(0.05)


def _removed(d: Path) -> bool:
    try:
        d.rmdir()
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return True


def _sweep(parent: Path) -> None:
    """Remove the cgroups of kernels whose grading process died before it could (only those:
    a group another grading process has just made is empty until its kernel joins it)."""
    with contextlib.suppress(OSError):
        for stale in parent.glob("pushback-kernel-*-*"):
            owner = stale.name.split("-")[2]
            if owner.isdigit() and not Path(f"/proc/{owner}").exists():
                _removed(stale)  # fails, harmlessly, while a process is still in it
