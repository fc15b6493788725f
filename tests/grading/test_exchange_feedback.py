"""Released feedback in the exchange: readable by its own learner and the grader, nobody else."""

from __future__ import annotations

import logging
import os
import pwd
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path

import pytest

from pushback_lib.grading.exchange import PrivateReleaseFeedback, grant_read_only_to

ASSIGNMENT, NOTEBOOK = "ps1", "pushback"
# Real accounts every Debian system has stand in for two learners.
OWNER, OTHER = "nobody", "daemon"


def release(tmp_path: Path, students: list[str], caplog) -> dict[str, Path]:
    """Write a feedback page per student in a course, release it; return student -> released page."""
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.utils import notebook_hash
    from traitlets.config import Config

    course = tmp_path / "course"
    pages = {}
    for i, student in enumerate(students):
        folder = course / "feedback" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        (folder / f"{NOTEBOOK}.html").write_text(f"<p>feedback for {student}: secret-{i}</p>")
        (folder / "timestamp.txt").write_text("2026-12-04 10:00:00.000000 UTC")
        (folder / "submission_secret.txt").write_text(f"secret{i}")
        pages[student] = f"{notebook_hash(secret=f'secret{i}', notebook_id=NOTEBOOK)}.html"
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    exchange.chmod(0o1777)  # world-writable with the sticky bit, as nbgrader wants its exchange
    config = Config()
    config.CourseDirectory.root = str(course)
    config.CourseDirectory.course_id = "synthetic"
    config.CourseDirectory.assignment_id = ASSIGNMENT
    config.Exchange.root = str(tmp_path / "exchange")
    app = PrivateReleaseFeedback(coursedir=CourseDirectory(config=config), config=config)
    with caplog.at_level(logging.INFO):
        app.start()
    out = tmp_path / "exchange" / "synthetic" / "feedback"
    assert not list(out.glob("*-tmp.html"))
    return {s: out / name for s, name in pages.items()}


def can_read(user: str, path: Path) -> bool:
    """Whether ``user`` (with their own group only, not the test's root groups) can read ``path``."""
    account = pwd.getpwnam(user)
    return subprocess.run(["cat", str(path)], user=account.pw_uid, group=account.pw_gid, extra_groups=[],
                          capture_output=True, cwd="/").returncode == 0


def test_each_page_is_private_to_its_learner(tmp_path: Path, caplog):
    pages = release(tmp_path, [OWNER, OTHER], caplog)
    for student, page in pages.items():
        mode = stat.S_IMODE(page.stat().st_mode)
        assert mode & 0o007 == 0, f"{page} is readable by others: {oct(mode)}"
        acl = os.getxattr(page, "system.posix_acl_access")
        assert pwd.getpwnam(student).pw_uid.to_bytes(4, "little") in acl
        assert f"secret-{list(pages).index(student)}" in page.read_text()


@pytest.mark.skipif(os.geteuid() != 0, reason="checking what another account can read needs root "
                    "to run as that account")
def test_another_learner_cannot_read_it_its_learner_can(caplog):
    base = Path(tempfile.mkdtemp(prefix="pushback-exchange-"))  # pytest's tmp_path is root-only
    try:
        base.chmod(0o755)
        pages = release(base, [OWNER, OTHER], caplog)
        assert can_read(OWNER, pages[OWNER]) and can_read(OTHER, pages[OTHER])
        assert not can_read(OTHER, pages[OWNER]) and not can_read(OWNER, pages[OTHER])
    finally:
        shutil.rmtree(base)


def test_without_an_account_the_page_is_released_as_nbgrader_does_and_the_log_says_so(tmp_path: Path,
                                                                                        caplog):
    pages = release(tmp_path, ["no-such-learner-xyz"], caplog)
    assert stat.S_IMODE(pages["no-such-learner-xyz"].stat().st_mode) == 0o644
    assert "readable by anyone who knows its name" in caplog.text and "no-such-learner-xyz" in caplog.text


def test_grant_reports_a_missing_account(tmp_path: Path):
    f = tmp_path / "f"
    f.write_text("x")
    assert grant_read_only_to(str(f), "no-such-learner-xyz") == "no Unix account named 'no-such-learner-xyz'"
