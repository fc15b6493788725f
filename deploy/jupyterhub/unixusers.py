"""Create and remove the cohort's Unix users, and stop whatever they left running.

Why real users: nbgrader files each submission under the Unix user who made
it, and LocalProcessSpawner runs each server as its user. Only users this
module created (recorded in the cohort file) are ever removed.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

NAME = re.compile(r"^[a-z][a-z0-9-]{0,30}$")


class UnixUserError(RuntimeError):
    """A Unix user could not be made or removed; the message names the user."""


def exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def create(name: str) -> Path:
    """A new user with a home folder; refuses a name that already exists."""
    if not NAME.match(name):
        raise UnixUserError(f"{name!r} is not a valid cohort user name "
                            "(lower-case letters, digits and '-', starting with a letter, up to 31)")
    if exists(name):
        raise UnixUserError(f"Unix user {name!r} already exists; hubctl.py only removes users it made, "
                            "so pick another name or suffix")
    proc = subprocess.run(["useradd", "--create-home", "--shell", "/bin/bash", "--user-group", name],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise UnixUserError(f"useradd {name} failed: {proc.stderr.strip()}")
    home = Path(pwd.getpwnam(name).pw_dir)
    home.chmod(0o700)  # nobody else reads a learner's work (or the grader's course folder)
    return home


def processes_of(name: str) -> list[int]:
    """Process ids owned by a user, read from /proc."""
    try:
        uid = pwd.getpwnam(name).pw_uid
    except KeyError:
        return []
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == uid:
                    pids.append(int(entry.name))
            except FileNotFoundError:
                continue
    return pids


def stop_processes(name: str, timeout: float = 10) -> int:
    """SIGTERM every process of one cohort user, then SIGKILL what is left; how many there were."""
    pids = processes_of(name)
    for pid in pids:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + timeout
    while processes_of(name) and time.monotonic() < deadline:
        time.sleep(0.2)
    for pid in processes_of(name):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return len(pids)


def remove(name: str) -> None:
    """Stop the user's processes, then delete the user, its group and home folder."""
    if not exists(name):
        return
    home = Path(pwd.getpwnam(name).pw_dir)
    stop_processes(name)
    proc = subprocess.run(["userdel", "--remove", name], capture_output=True, text=True)
    if proc.returncode not in (0, 12):  # 12: the home folder could not be removed: done below
        raise UnixUserError(f"userdel {name} failed: {proc.stderr.strip()}")
    if exists(name):
        raise UnixUserError(f"userdel {name} reported success but the user is still there")
    if home.is_dir() and home != Path("/") and home.name == name:
        shutil.rmtree(home)
