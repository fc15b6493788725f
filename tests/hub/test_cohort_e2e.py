"""The cohort loop on a real JupyterHub, end to end, with real Unix users.

One test, in order, because each step needs the one before: bring a cohort up
(hub, proxy, formgrader service, instructor and two learners' servers), check
that tokens reach only what they should, release an assignment from
``solutions/`` through the exchange, have one learner answer it right and one
partly wrong, collect and autograde as the instructor through the formgrader,
read the scores back from the gradebook, and take everything down again.
The timings go to ``test-artifacts/hub-timings.json``.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import hubapi
import hubctl as cohort_mod
import nbformat
import pytest
import unixusers
from learner_isolation import answers_in_environment, private_paths, readable_by
from tiny_assignment import write as write_tiny

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
COURSE = "pushback"
REAL_ASSIGNMENT = "a1-niche-recruitment"

pytestmark = [pytest.mark.root, pytest.mark.slow]


@dataclass(frozen=True)
class Answers:
    """What the right and the partly wrong learner put in each answer cell, and the
    scores those answers must earn, all read from the source notebook."""

    notebook: str
    right: dict[str, str]      # grade_id of an answer cell -> its source solution
    partial: dict[str, str]    # only the first question answered
    right_score: float         # every autograded point
    partial_score: float       # the first question's autograded points
    max_score: float           # autograded plus manually graded points


def read_answers(folder: Path) -> Answers:
    notebooks = sorted(folder.glob("*.ipynb"))
    assert len(notebooks) == 1, f"the hub test expects one notebook in {folder}, found {notebooks}"
    nb = nbformat.read(notebooks[0], as_version=4)
    right: dict[str, str] = {}
    first_question_points = 0.0
    auto = total = 0.0
    answers_seen = 0
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution") and cell.cell_type == "code":
            right[meta["grade_id"]] = cell.source
            answers_seen += 1
        if meta.get("grade"):
            total += meta.get("points", 0)
            if cell.cell_type == "code":
                auto += meta.get("points", 0)
                if answers_seen == 1:
                    first_question_points += meta.get("points", 0)
    assert len(right) >= 2, f"{notebooks[0]} needs two or more answer cells for a partly wrong learner"
    first = next(iter(right))
    return Answers(notebooks[0].name, right, {first: right[first]}, auto, first_question_points, total)


def pick_assignment(source: Path) -> str:
    """The real first assignment when it is in solutions/, else the tiny one (faster)."""
    wanted = os.environ.get("PUSHBACK_HUB_ASSIGNMENT", REAL_ASSIGNMENT)
    real = ROOT / "solutions" / wanted
    if wanted != "tiny" and real.is_dir():
        shutil.copytree(real, source / wanted)
        return wanted
    return write_tiny(source).name


def answer_and_submit(server: str, token: str, assignment: str, answers: dict[str, str]) -> str:
    """As a learner, through their own server: fetch, fill answer cells, save, submit."""
    def call(method: str, path: str, body=None) -> hubapi.Response:
        resp = hubapi.request(f"{server}{path}", token, method, body)
        assert resp.status == 200, f"{method} {path} as a learner answered {resp.status}: {resp.body[:400]!r}"
        return resp

    fetched = call("POST", "/assignments/fetch", {"course_id": COURSE, "assignment_id": assignment}).json()
    listed = [a for a in fetched["value"] if a["assignment_id"] == assignment and a["status"] == "fetched"]
    assert listed, f"fetch did not list {assignment}: {fetched}"
    path = listed[0]["notebooks"][0]["path"]
    model = call("GET", f"/api/contents/{path}?content=1&type=notebook").json()
    nb = model["content"]
    filled = 0
    for cell in nb["cells"]:
        grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell["source"] = answers[grade_id]
            filled += 1
    assert filled == len(answers), f"found {filled} of {len(answers)} answer cells in the fetched {path}"
    call("PUT", f"/api/contents/{path}", {"type": "notebook", "format": "json", "content": nb})
    submitted = call("POST", "/assignments/submit", {"course_id": COURSE, "assignment_id": assignment}).json()
    assert submitted.get("success") is not False, f"submit failed: {submitted}"
    return path


def formgrader(cohort: cohort_mod.Cohort, token: str, method: str, path: str) -> dict | list:
    resp = hubapi.request(f"{cohort.formgrader_url}/formgrader/api{path}", token, method,
                          {} if method == "POST" else None, timeout=300)
    assert resp.status == 200, f"formgrader {method} {path} answered {resp.status}: {resp.body[:400]!r}"
    data = resp.json()
    if isinstance(data, dict) and "success" in data:
        assert data["success"], (f"formgrader {method} {path} failed:\n{data.get('log') or data}\n"
                                 f"{str(data.get('error', ''))[-3000:]}")
    return data


def gradebook_scores(cohort: cohort_mod.Cohort, assignment: str) -> dict[str, tuple[float, float]]:
    """Read the scores straight from the gradebook file, as the grader account."""
    code = ("import json\nfrom nbgrader.api import Gradebook\n"
            f"with Gradebook('sqlite:///gradebook.db', course_id={COURSE!r}) as gb:\n"
            f"    a = gb.find_assignment({assignment!r})\n"
            "    print(json.dumps({s.student.id: [s.score, s.max_score] for s in a.submissions}))\n")
    proc = subprocess.run(["runuser", "-u", cohort.grader, "--", f"{cohort.env_prefix}/bin/python",
                           "-c", code],
                          cwd=cohort.course_dir, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, f"reading the gradebook failed: {proc.stderr[-2000:]}"
    return {k: tuple(v) for k, v in json.loads(proc.stdout.strip().splitlines()[-1]).items()}


def port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


def sweep_stale_runs() -> list[str]:
    """Take down cohorts left by an earlier run of this test that was killed outright
    (its ``finally`` never ran): only those whose hub is dead, or that never got one
    and are over an hour old, so a run in progress elsewhere is left alone."""
    swept = []
    for record in Path("/tmp").glob("pushback-hub-test-*/state/hub/cohort.json"):
        stale = cohort_mod.Cohort.load(record.parents[1])
        pid = stale.hub_pid
        if (pid and not cohort_mod.alive(pid)) or (not pid and time.time() - record.stat().st_mtime > 3600):
            cohort_mod.down(stale)
            shutil.rmtree(record.parents[2], ignore_errors=True)
            swept.extend(stale.created_users)
    return swept


@pytest.mark.timeout(900)
def test_cohort_loop_on_jupyterhub(needs_root: None) -> None:
    t0 = time.perf_counter()
    swept = sweep_stale_runs()
    if swept:
        print(f"removed users left by a killed earlier run: {swept}")
    work = Path(tempfile.mkdtemp(prefix="pushback-hub-test-", dir="/tmp"))
    work.chmod(0o755)  # spawned users must reach the exchange inside it
    source = work / "source"
    source.mkdir()
    assignment = pick_assignment(source)
    answers = read_answers(source / assignment)

    cohort = cohort_mod.up(work / "state", learners=2, prefix="pbt", source=source)
    uids: list[int] = []
    timings = dict(cohort.timings)
    try:
        uids = [pwd.getpwnam(u).pw_uid for u in cohort.created_users]
        instructor, (right, partial) = cohort.instructors[0], cohort.learners
        hub = cohort.hub()
        token = {u: hub.token_for(u, "hub e2e test") for u in [instructor, right, partial]}
        server = {u: f"{cohort.url}/user/{u}" for u in [instructor, right, partial]}

        # People log in with the passwords `hubctl.py up` printed (PAM, real users), and the
        # formgrader's OAuth lets the instructor in and turns the learner away.
        formgrader_page = f"{cohort.formgrader_url}/formgrader/manage_assignments"
        as_instructor = hubapi.browser(cohort.url, instructor, cohort.passwords[instructor])
        status, landed = hubapi.browse(as_instructor, formgrader_page)
        assert (status, landed) == (200, formgrader_page), "the instructor could not open the formgrader"
        as_learner = hubapi.browser(cohort.url, right, cohort.passwords[right])
        assert hubapi.browse(as_learner, formgrader_page)[0] == 403, "a learner opened the formgrader"
        assert hubapi.browse(as_learner, f"{server[right]}/lab")[0] == 200

        # Tokens reach only what they should.
        assert hubapi.request(f"{server[right]}/api/status", token[right]).status == 200
        assert hubapi.request(f"{server[partial]}/api/status", token[right]).status == 403, \
            "a learner's token opened another learner's server"
        assert hubapi.request(f"{cohort.formgrader_url}/formgrader/api/assignments",
                              token[right]).status == 403, "a learner's token opened the formgrader"
        assert hubapi.request(f"{cohort.url}/hub/api/users/{partial}", token[right]).status in (403, 404)
        assert hubapi.request(f"{server[right]}/api/status", token[instructor]).status == 403, \
            "an instructor's token opened a learner's server (instructors are not hub admins)"
        listed = formgrader(cohort, token[instructor], "GET", "/assignments")
        assert assignment in [a["name"] for a in listed]

        # The loop: generate and release, fetch and submit, collect and autograde.
        t_loop = time.perf_counter()
        formgrader(cohort, token[instructor], "POST", f"/assignment/{assignment}/assign")
        formgrader(cohort, token[instructor], "POST", f"/assignment/{assignment}/release")
        answer_and_submit(server[right], token[right], assignment, answers.right)
        answer_and_submit(server[partial], token[partial], assignment, answers.partial)
        inbound = Path(cohort.state_dir) / "exchange" / COURSE / "inbound"
        owners = {pwd.getpwuid(p.stat().st_uid).pw_name for p in inbound.iterdir()}
        assert owners == {right, partial}, f"submissions not filed under each learner's own user: {owners}"
        formgrader(cohort, token[instructor], "POST", f"/assignment/{assignment}/collect")
        for learner in (right, partial):
            formgrader(cohort, token[instructor], "POST", f"/submission/{assignment}/{learner}/autograde")
        timings["loop_s"] = time.perf_counter() - t_loop

        scores = gradebook_scores(cohort, assignment)
        assert scores == {right: (answers.right_score, answers.max_score),
                          partial: (answers.partial_score, answers.max_score)}, scores
        api_scores = {s["student"]: s["score"] for s in
                      formgrader(cohort, token[instructor], "GET", f"/submissions/{assignment}")}
        assert api_scores == {right: answers.right_score, partial: answers.partial_score}

        # A learner reads nothing of the other learner's, the grader's or the course's, and
        # their environment holds no answer key.
        python = f"{cohort.env_prefix}/bin/python"
        exchange = Path(cohort.state_dir) / "exchange"
        for me, other in ((right, partial), (partial, right)):
            private = private_paths(cohort.course_dir, cohort.grader, other, assignment, exchange)
            assert len(private) >= 10, private
            assert readable_by(me, python, private) == [], f"{me} can read these"
        assert readable_by(right, python, [str(Path(pwd.getpwnam(right).pw_dir))]) != []  # the probe works
        # the case files ship inside the installed package, so scanning the environment covers them
        assert answers_in_environment(cohort.env_prefix, None) == []
    finally:
        t_down = time.perf_counter()
        cohort_mod.down(cohort)
        timings["down_s"] = time.perf_counter() - t_down
        shutil.rmtree(work, ignore_errors=True)

    # Everything it started is stopped, everyone it made is gone.
    for name in cohort.created_users:
        assert not unixusers.exists(name), f"user {name} was not removed"
        assert not Path(f"/home/{name}").exists(), f"/home/{name} was not removed"
    assert cohort.hub_pid and not cohort_mod.alive(cohort.hub_pid), "the hub is still running"
    left = [p.name for p in Path("/proc").iterdir() if p.name.isdigit() and _uid(p) in uids]
    assert not left, f"processes of removed cohort users still running: {left}"
    for name, port in cohort.ports.items():
        assert not port_open(port), f"something still listens on the {name} port {port}"
    timings["whole_test_s"] = time.perf_counter() - t0
    timings["assignment"] = assignment  # type: ignore[assignment]
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "hub-timings.json").write_text(json.dumps(timings, indent=2) + "\n")
    print("hub timings:", json.dumps(timings))


def _uid(proc_dir: Path) -> int:
    try:
        return proc_dir.stat().st_uid
    except FileNotFoundError:
        return -1
