"""A submission cannot touch anything but itself: attacks on the cohort, graded by the real CLI.

One synthetic course holds two honest learners and one attacker per attack. The
attackers know the course directory's absolute path (the strongest case: a
learner who guessed it) and also hunt for it through their folders and /proc.
``pushback-course autograde`` grades them all at once; then every attack must be
contained: no other learner's file or grade changed, the source untouched, no
process of any kernel left, no secret in any output, the honest learners at
full marks, the attackers at 0, and a 6 GiB allocation stopped.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import sys
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).parent))

from instructor_helpers import cli, run

from pushback_lib.grading.inert import SAFE_MIME_TYPES
from pushback_lib.grading.sandbox import Sandbox, parse_size
from pushback_lib.instructor.synthetic import ASSIGNMENT, NOTEBOOK, add_submission, build_course

pytestmark = pytest.mark.slow

SECRET = "instructor-secret-7f3a9c"
HIDDEN = 'alternative(["client"]) == []'  # the synthetic source's hidden test
HONEST_MARK = "honest-answer-marker-51d2"
LINGER = "98765431"  # a daemon's `sleep` argument, searched for afterwards

# Every attack may use COURSE (the course's absolute path) and hunt() (folders above
# its own folder and above its parents' working folders, through /proc).
PRELUDE = '''
import os, sys, glob, pathlib, signal, socket, sqlite3, subprocess, time
COURSE = pathlib.Path({course!r})
def hunt():
    places = {{pathlib.Path.cwd(), *pathlib.Path.cwd().parents, COURSE}}
    for pid in os.listdir("/proc"):
        try:
            here = pathlib.Path(os.readlink(f"/proc/{{pid}}/cwd"))
            places |= {{here, *here.parents}}
        except (OSError, ValueError):
            pass
    return places
def found(text):
    print("FOUND:", text[:3000])
'''

ATTACKS = {
    # deletes every notebook it can reach and overwrites the source, release and gradebook
    "vandal": '''
for place in hunt():
    for pattern in ("submitted/*/*/*", "source/*/*", "release/*/*", "gradebook.db", "autograded/*/*/*"):
        for f in glob.glob(str(place / pattern)):
            try:
                open(f, "w").write("vandalised")
                print("WROTE", f)
            except OSError:
                pass
            try:
                os.remove(f)
                print("REMOVED", f)
            except OSError:
                pass
for target in (COURSE / "PWNED", pathlib.Path("/tmp/pushback-pwned"), pathlib.Path(sys.prefix) / "PWNED"):
    try:
        target.write_text("x")
        print("WROTE", target)
    except OSError:
        pass
''',
    # raises its own score and everyone's manual grades in every gradebook it finds
    "tamper": '''
for place in hunt():
    for db in glob.glob(str(place / "**" / "gradebook.db"), recursive=True):
        try:
            with sqlite3.connect(db) as con:
                con.execute("update grade set manual_score = 99, extra_credit = 50, auto_score = 99")
                con.execute("update grade_cells set max_score = 99")
            print("TAMPERED", db)
        except Exception as exc:
            print("no", db, exc)
''',
    # a double-forked daemon in its own session, sleeping long after grading
    "linger": '''
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
        os.execvp("sleep", ["sleep", "{linger}"])
    os._exit(0)
os.wait()
subprocess.Popen(["sleep", "{linger}"], start_new_session=True)
''',
    # the key: the source notebook, the gradebook's stored tests, the instructor's files,
    # the grader's environment and open files
    "keyread": '''
for place in hunt():
    for f in [*glob.glob(str(place / "source/*/*.ipynb")), *glob.glob(str(place / "*.txt")),
              *glob.glob(str(place / "**/gradebook.db"), recursive=True)]:
        try:
            found(open(f, errors="replace").read())
        except OSError:
            pass
for pid in os.listdir("/proc"):
    for what in ("environ", "cmdline"):
        try:
            found(open(f"/proc/{{pid}}/{{what}}", errors="replace").read())
        except OSError:
            pass
    try:
        for fd in os.listdir(f"/proc/{{pid}}/fd"):
            try:
                found(open(f"/proc/{{pid}}/fd/{{fd}}", errors="replace").read(100000))
            except OSError:
                pass
    except OSError:
        pass
found(repr(dict(os.environ)))
for fd in range(3, 200):
    try:
        found(os.read(fd, 100000).decode(errors="replace"))
    except OSError:
        pass
''',
    # another learner's submission
    "snoop": '''
for place in hunt():
    for f in [*glob.glob(str(place / "submitted/*/*/*.ipynb")),
              *glob.glob(str(place / "autograded/**/*.ipynb"), recursive=True)]:
        try:
            found(open(f).read())
        except OSError:
            pass
''',
    # prints the hidden test and another learner's line as if it had read them (built at run
    # time, so neither is in its own submission): the feedback must not carry them
    "planted": '''
print("".join(reversed({hidden_rev!r})))
print("leaked:", "".join(reversed({honest_rev!r})))
''',
    "memory": '''
try:
    hog = bytearray(6 * 1024 ** 3)
    print("ALLOCATED 6 GiB")
except MemoryError:
    print("memory hog stopped")
''',
    "forks": '''
children = 0
try:
    while True:
        if os.fork() == 0:
            time.sleep(600)
            os._exit(0)
        children += 1
except OSError as exc:
    print("fork storm stopped after", children, type(exc).__name__)
''',
    # the one host folder bound writable into the jail is its sockets' folder: fill the disk there
    "socketdir": '''
for folder in glob.glob("/tmp/pbk-*"):
    try:
        for i in range(20):
            with open(os.path.join(folder, f"fill{{i}}"), "wb") as fh:
                fh.write(b"x" * 10 * 1024 * 1024)
        print("FILLED", folder)
    except OSError as exc:
        print("socket folder is read-only:", exc.errno)
''',
    "network": '''
for host, port in (("1.1.1.1", 53), ("127.0.0.1", 22), ("8.8.8.8", 443)):
    try:
        socket.create_connection((host, port), timeout=2)
        print("CONNECTED", host)
    except OSError as exc:
        print("no network:", type(exc).__name__)
''',
    "hugefile": '''
for path in ("/tmp/huge", os.path.expanduser("~/huge"), "huge"):
    try:
        with open(path, "wb") as fh:
            for _ in range(1024):
                fh.write(b"x" * 1024 * 1024)
        print("WROTE 1 GiB to", path)
    except OSError as exc:
        print("huge file stopped:", exc.errno)
''',
    # what it displays would run in the formgrader (the instructor's browser) and the feedback
    # page: HTML, JavaScript, SVG and markdown, the marker built at run time (not in its source)
    "showhtml": '''
from IPython.display import display
mark = "pwn-" + "script-3e1"
display({{"text/html": f"<script>alert('{{mark}}')</script><img src=x onerror=alert('{{mark}}')>",
          "application/javascript": f"alert('{{mark}}')", "image/svg+xml": f"<svg onload=alert('{{mark}}')/>",
          "text/markdown": f"<img src=x onerror=alert('{{mark}}')>"}}, raw=True)
display({{"text/html": f"<b>{{mark}}</b>", "text/plain": "plain text survives"}}, raw=True)
''',
    # gigabytes of output: the grader (outside the sandbox) must not keep them, nor the pages
    "flood": '''
line = "y" * 1_000_000
for _ in range(60):
    print(line)
print("z" * 30_000_000)
''',
    # tmpfs folders of the jail other than /tmp and $HOME: RAM the machine shares, file by file
    "shmfill": '''
for folder in ("/dev/shm", "/dev", "/", "/run", "/var/tmp"):
    written = 0
    try:
        for i in range(40):
            with open(os.path.join(folder, f"fill{{i}}"), "wb") as fh:
                for _ in range(32):
                    fh.write(b"x" * 1024 * 1024)
                    written += 1
    except OSError as exc:
        pass
    print("FILLED", folder, written)
''',
    # links in its own submission folder (added by the fixture) to the source, the gradebook,
    # another learner, /dev/zero, a FIFO and the course itself: what reaches its kernel?
    "links": '''
import codecs
for here, dirs, files in os.walk("."):
    for name in files:
        try:
            with open(os.path.join(here, name), errors="replace") as fh:
                print("FILE", name, codecs.encode(fh.read(200000), "rot13"))
        except OSError as exc:
            print("unreadable", name, exc.errno)
print("LISTING", sorted(os.listdir(".")))
print("NOTEBOOK HERE", os.path.exists("{notebook}.ipynb"))
''',
}

# submissions the grader must refuse to read, each with a clear reason, grading the rest
BROKEN = {
    "x_deepjson": "nested too deeply",
    "x_giant": "too large",
    "x_linkednb": "not a regular file",
    "x_fifonb": "not a regular file",
}


def _broken_submissions(course: Path) -> None:
    for student in BROKEN:
        folder = add_submission(course, student, "perfect")
        path = folder / f"{NOTEBOOK}.ipynb"
        if student == "x_deepjson":
            deep = '"metadata": {"deep": ' + "[" * 200_000 + "]" * 200_000 + ","
            path.write_text(path.read_text().replace('"metadata": {', deep, 1))
        elif student == "x_giant":  # 40 MB of output stored in the file
            nb = nbformat.read(path, as_version=4)
            nb.cells[1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="g" * 40_000_000)]
            nbformat.write(nb, path)
        elif student == "x_linkednb":  # hands in another learner's notebook by a link
            path.unlink()
            path.symlink_to(course / "submitted" / "honest1" / ASSIGNMENT / f"{NOTEBOOK}.ipynb")
        else:  # a FIFO: reading it would hang the grader forever
            path.unlink()
            os.mkfifo(path)


def _links(course: Path) -> None:
    folder = course / "submitted" / "x_links" / ASSIGNMENT
    (folder / "key.ipynb").symlink_to(course / "source" / ASSIGNMENT / f"{NOTEBOOK}.ipynb")
    (folder / "notes.txt").symlink_to(course / "instructor-notes.txt")
    (folder / "peer.ipynb").symlink_to(course / "submitted" / "honest2" / ASSIGNMENT / f"{NOTEBOOK}.ipynb")
    (folder / "gradebook.db").symlink_to(course / "gradebook.db")
    (folder / "zero").symlink_to("/dev/zero")
    (folder / "course").symlink_to(course)
    os.mkfifo(folder / "pipe")
    (folder / "data").mkdir()
    (folder / "data" / "mine.txt").write_text("my own data file\n")
    (folder / "data" / "up").symlink_to(course / "submitted")


# a storm whose every process burns CPU: the honest learners beside it must still finish
SPINNERS = '''
for _ in range(400):
    try:
        if os.fork() == 0:
            while True:
                pass
    except OSError:
        break
while True:
    pass
'''


def _submission(course: Path, student: str, code: str) -> None:
    folder = add_submission(course, student, "blank")
    path = folder / f"{NOTEBOOK}.ipynb"
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "acknowledge":
            cell.source = PRELUDE.format(course=str(course)) + code.format(
                linger=LINGER, notebook=NOTEBOOK, hidden_rev=f"assert {HIDDEN}"[::-1],
                honest_rev=f"# {HONEST_MARK}"[::-1])
    nbformat.write(nb, path)


def _digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


def _leased_elsewhere(uid: int) -> bool:
    """True while another grading run (another test on this shared machine) holds ``uid``'s lease:
    its kernel's processes are not ours."""
    import fcntl

    try:
        with open(f"/run/pushback-sandbox/{uid}.lock", "a") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    return False


def _lingering() -> list[str]:
    """Processes of a sandbox uid not leased by another run, or with the daemon's marker, still alive."""
    s = Sandbox()
    uids = {u for u in range(s.uid_base, s.uid_base + s.uid_count) if not _leased_elsewhere(u)}
    left = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            uid = os.stat(f"/proc/{pid}").st_uid
        except OSError:
            continue
        if LINGER in cmdline or (os.geteuid() == 0 and uid in uids):
            left.append(f"{pid} uid={uid} {cmdline}")
    return left


@pytest.fixture(scope="module")
def attacked(tmp_path_factory: pytest.TempPathFactory) -> dict:
    course = build_course(tmp_path_factory.mktemp("attacked") / "course", timeout=20)
    (course / "instructor-notes.txt").write_text(f"the key: {SECRET}\n")
    add_submission(course, "honest1", "perfect")
    add_submission(course, "honest2", "perfect")
    # the second honest learner's answer carries a marker another learner must not see
    path = course / "submitted" / "honest2" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "decide":
            cell.source = f"# {HONEST_MARK}\n" + cell.source
    nbformat.write(nb, path)
    for name, code in ATTACKS.items():
        _submission(course, f"x_{name}", code)
    _submission(course, "a_spinners", SPINNERS)  # graded first, beside the honest learners
    _links(course)
    _broken_submissions(course)
    before = {d: _digests(course / d) for d in ("source", "release", "submitted")}
    done = run(cli("autograde", "--jobs", "3", "--course-dir", str(course)), cwd=course, timeout=600)
    lingering = _lingering()
    feedback = run(cli("feedback", "--course-dir", str(course)), cwd=course, timeout=600)
    return {"course": course, "done": done, "before": before, "lingering": lingering, "feedback": feedback}


def _outputs(course: Path, student: str) -> str:
    path = course / "autograded" / student / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
    nb = nbformat.read(path, as_version=4)
    return "\n".join(str(o.get("text", "")) + str(o.get("data", "")) + str(o.get("evalue", ""))
                     for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))


def _scores(course: Path) -> dict[str, tuple[float, float, float]]:
    with sqlite3.connect(course / "gradebook.db") as con:
        rows = con.execute(
            "select student.id, sum(coalesce(grade.auto_score, 0)), sum(coalesce(grade.manual_score, 0)),"
            " sum(coalesce(grade.extra_credit, 0)) from grade join submitted_notebook on"
            " grade.notebook_id = submitted_notebook.id join submitted_assignment on"
            " submitted_notebook.assignment_id = submitted_assignment.id join student on"
            " submitted_assignment.student_id = student.id group by student.id").fetchall()
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def test_every_submission_is_graded_and_honest_learners_get_full_marks(attacked: dict):
    done = attacked["done"]
    assert done.returncode in (0, 1), done.stderr[-3000:] + done.stdout
    failed = [line.split()[0] for line in done.stdout.splitlines() if " failed " in f" {line} "
              and not line.startswith("total")]
    assert failed in ([], ["a_spinners"]), done.stdout  # only the spinning storm may fail, at its timeout
    scores = _scores(attacked["course"])
    assert scores["honest1"] == (7.0, 0.0, 0.0)
    assert scores["honest2"] == (7.0, 0.0, 0.0)
    for name in ATTACKS:
        assert scores[f"x_{name}"] == (0.0, 0.0, 0.0), name  # no attack raised its own score
    assert scores.get("a_spinners", (0.0,))[0] == 0.0


def test_the_course_files_are_untouched(attacked: dict):
    course = attacked["course"]
    for folder, digests in attacked["before"].items():
        assert _digests(course / folder) == digests, folder
    assert not (course / "PWNED").exists()
    assert not Path("/tmp/pushback-pwned").exists()
    assert not (Path(sys.prefix) / "PWNED").exists()
    vandal = [line for line in _outputs(course, "x_vandal").splitlines()
              if line.startswith(("WROTE", "REMOVED"))]
    assert vandal == ["WROTE /tmp/pushback-pwned"]  # its private /tmp, gone with it
    assert "TAMPERED" not in _outputs(course, "x_tamper")


def test_no_process_outlives_its_grading(attacked: dict):
    assert attacked["lingering"] == []
    assert _lingering() == []


@pytest.mark.parametrize("attacker", ["keyread", "snoop", "vandal", "tamper"])
def test_no_secret_reaches_any_output(attacked: dict, attacker: str):
    course = attacked["course"]
    text = _outputs(course, f"x_{attacker}")
    for secret in (SECRET, HIDDEN, HONEST_MARK, "BEGIN HIDDEN TESTS", str(course)):
        if secret == str(course) and attacker in ("vandal", "tamper"):
            continue  # they print the paths they tried
        assert secret not in text, (attacker, secret)


def test_resource_attacks_are_stopped(attacked: dict):
    course = attacked["course"]
    assert "memory hog stopped" in _outputs(course, "x_memory")
    assert "ALLOCATED" not in _outputs(course, "x_memory")
    forks = _outputs(course, "x_forks")
    assert "fork storm stopped after" in forks
    assert int(forks.split("fork storm stopped after")[1].split()[0]) <= Sandbox().max_processes
    net = _outputs(course, "x_network")
    assert "CONNECTED" not in net and "no network" in net
    sockets = _outputs(course, "x_socketdir")
    assert "FILLED" not in sockets and "socket folder is read-only" in sockets
    huge = _outputs(course, "x_hugefile")
    assert "WROTE 1 GiB" not in huge and "huge file stopped" in huge


def test_refuses_without_the_sandbox_and_says_how(tmp_path: Path):
    course = build_course(tmp_path / "course", timeout=5)
    add_submission(course, "honest1", "perfect")
    with open(course / "nbgrader_config.py", "a") as fh:
        fh.write('c.Sandbox.bwrap = "/nonexistent/bwrap"\n')
    done = run(cli("autograde", "--course-dir", str(course)), cwd=course)
    assert done.returncode == 2
    assert "refusing to grade untrusted submissions" in done.stderr
    assert "--no-sandbox" in done.stderr and "c.Sandbox.enabled" in done.stderr
    assert not (course / "autograded" / "honest1").exists()
    done = run(cli("autograde", "--no-sandbox", "--course-dir", str(course)), cwd=course)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "WITHOUT the sandbox" in done.stderr


def _feedback_html(course: Path, student: str) -> str:
    import html

    pages = list((course / "feedback" / student / ASSIGNMENT).glob("*.html"))
    assert len(pages) == 1, (student, sorted(str(p) for p in (course / "feedback").rglob("*")))
    # text as a reader sees it: highlighting splits code into many tags
    return html.unescape(re.sub(r"<[^>]+>", "", pages[0].read_text()))


def test_feedback_never_carries_secrets(attacked: dict):
    course = attacked["course"]
    assert attacked["feedback"].returncode in (0, 1), attacked["feedback"].stderr[-2000:]
    fb = attacked["feedback"]
    assert "FAILED" not in fb.stdout, fb.stdout + fb.stderr[-3000:]
    # the kernel did print them: the autograded notebook holds them, the feedback must not
    printed = _outputs(course, "x_planted")
    assert f"assert {HIDDEN}" in printed and HONEST_MARK in printed
    for student in ["honest1", "honest2", *(f"x_{name}" for name in ATTACKS)]:
        page = _feedback_html(course, student)
        assert HIDDEN not in page, student
        assert "BEGIN HIDDEN TESTS" not in page, student
        if student != "honest2":
            assert HONEST_MARK not in page, student
    assert "[removed from feedback]" in _feedback_html(course, "x_planted")
    # honest learners' own work is shown as they wrote it
    assert HONEST_MARK in _feedback_html(course, "honest2")
    assert 'return "I hear you: " + concern' in _feedback_html(course, "honest1")


def test_links_and_special_files_in_a_submission_reach_nothing(attacked: dict):
    import codecs

    course = attacked["course"]
    text = _outputs(course, "x_links")
    shown = text + codecs.encode(text, "rot13")
    for secret in (SECRET, HIDDEN, HONEST_MARK, "BEGIN HIDDEN TESTS", "SQLite format"):
        assert secret not in shown, secret
    assert "my own data file" in shown  # its own regular files are there
    assert "NOTEBOOK HERE False" in text  # the graded copy holds the hidden tests
    kept = sorted(str(p.relative_to(folder)) for folder in [course / "autograded" / "x_links" / ASSIGNMENT]
                  for p in folder.rglob("*"))
    assert kept == ["data", "data/mine.txt", f"{NOTEBOOK}.ipynb", "timestamp.txt"], kept
    listing = next(line for line in text.splitlines() if line.startswith("LISTING"))
    for link in ("key.ipynb", "notes.txt", "peer.ipynb", "gradebook.db", "zero", "course", "pipe"):
        assert f"'{link}'" not in listing, link
    said = attacked["done"].stdout + attacked["done"].stderr
    assert "x_links" in said and "ignored" in said and "a link or a special file" in said


def test_unreadable_submissions_are_refused_with_a_reason_and_the_rest_graded(attacked: dict):
    said = attacked["done"].stdout + attacked["done"].stderr
    scores = _scores(attacked["course"])
    for student, reason in BROKEN.items():
        assert any(student in line and reason in line for line in said.splitlines()), (student, said[-3000:])
        assert student not in scores  # not graded, least of all with another learner's 7 points
    assert scores["honest1"] == (7.0, 0.0, 0.0)


def test_what_a_kernel_displays_is_inert_in_the_formgrader_and_feedback(attacked: dict):
    course = attacked["course"]
    path = course / "autograded" / "x_showhtml" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
    nb = nbformat.read(path, as_version=4)
    kinds = {k for c in nb.cells if c.cell_type == "code" for o in c.outputs for k in o.get("data", {})}
    assert kinds and kinds <= SAFE_MIME_TYPES, kinds
    assert "plain text survives" in _outputs(course, "x_showhtml")
    assert "pwn-script-3e1" not in path.read_text()
    page = next((course / "feedback" / "x_showhtml" / ASSIGNMENT).glob("*.html")).read_text()
    assert "pwn-script-3e1" not in page


def test_an_output_flood_is_dropped_as_it_arrives(attacked: dict):
    course = attacked["course"]
    path = course / "autograded" / "x_flood" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
    assert path.stat().st_size < 4_000_000
    assert "[output dropped: over the grader's limit]" in _outputs(course, "x_flood")
    page = next((course / "feedback" / "x_flood" / ASSIGNMENT).glob("*.html"))
    assert page.stat().st_size < 5_000_000


def test_the_jail_has_no_unbounded_tmpfs(attacked: dict):
    filled = {line.split()[1]: int(line.split()[2])
              for line in _outputs(attacked["course"], "x_shmfill").splitlines() if line.startswith("FILLED")}
    cap = parse_size(Sandbox().scratch_size) // 1024 ** 2
    assert filled["/dev/shm"] <= cap, filled  # its own capped tmpfs
    assert filled["/dev"] == filled["/"] == filled["/run"] == filled["/var/tmp"] == 0, filled
