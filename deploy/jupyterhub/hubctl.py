"""Bring a local multi-user cohort of the course up on JupyterHub, and take it down.

    sudo python deploy/jupyterhub/hubctl.py up --learners 3      # prints URL and logins
    sudo python deploy/jupyterhub/hubctl.py status
    sudo python deploy/jupyterhub/hubctl.py nbgrader collect a1-niche-recruitment
    sudo python deploy/jupyterhub/hubctl.py down                 # stops all, removes users
    python deploy/jupyterhub/hubctl.py lock                      # re-pin the hub environment

Why a script and not a service unit: this is the demo and small-cohort path
on one machine (see docs/jupyterhub.md for its limits). It needs root because
it creates real Unix users. Everything a run creates is recorded in its
cohort file, so ``down`` removes exactly that and nothing else.
"""

from __future__ import annotations

import argparse
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import hubapi  # noqa: E402
import hubenv  # noqa: E402
import unixusers  # noqa: E402

REPO = HERE.parent.parent
DEFAULT_STATE = Path(os.environ.get("PUSHBACK_COHORT_STATE", "/srv/pushback-cohort"))
COURSE_ID = "pushback"


class CohortError(RuntimeError):
    """The cohort could not be brought up or down; the message says which step and why."""


@dataclass
class Cohort:
    """One cohort run: its users, ports, secrets and folders (saved as ``hub/cohort.json``)."""

    state_dir: str
    env_prefix: str
    proxy_command: str
    grader: str
    instructors: list[str]
    learners: list[str]
    ports: dict[str, int]
    course_id: str = COURSE_ID
    authenticator: str = "pam"
    proxy_token: str = field(default_factory=lambda: secrets.token_hex(32))
    manager_token: str = field(default_factory=lambda: secrets.token_hex(32))
    demo_password: str = field(default_factory=lambda: secrets.token_urlsafe(12))
    passwords: dict[str, str] = field(default_factory=dict)
    created_users: list[str] = field(default_factory=list)
    hub_pid: int | None = None
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def state(self) -> Path:
        return Path(self.state_dir)

    @property
    def hub_dir(self) -> str:
        return str(self.state / "hub")

    @property
    def cohort_file(self) -> Path:
        return self.state / "hub" / "cohort.json"

    @property
    def course_dir(self) -> str:
        return str(Path(pwd.getpwnam(self.grader).pw_dir) / self.course_id) \
            if unixusers.exists(self.grader) else f"/home/{self.grader}/{self.course_id}"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.ports['public']}"

    @property
    def formgrader_url(self) -> str:
        return f"{self.url}/services/formgrader-{self.course_id}"

    @property
    def hub_log(self) -> Path:
        return self.state / "hub" / "jupyterhub.log"

    def hub(self) -> hubapi.Hub:
        """A client for this hub, acting as the cohort-manager service."""
        return hubapi.Hub(self.url, self.manager_token)

    def save(self) -> None:
        data = asdict(self)
        data.update(hub_dir=self.hub_dir, course_dir=self.course_dir)
        self.cohort_file.write_text(json.dumps(data, indent=2) + "\n")
        self.cohort_file.chmod(0o600)

    @classmethod
    def load(cls, state_dir: Path) -> Cohort:
        path = state_dir / "hub" / "cohort.json"
        if not path.exists():
            raise CohortError(f"no cohort recorded at {state_dir} ({path} is missing); "
                              "bring one up with `hubctl.py up`, or pass its --state-dir")
        data = json.loads(path.read_text())
        data.pop("hub_dir", None)
        data.pop("course_dir", None)
        return cls(**data)


def free_port() -> int:
    """One TCP port on 127.0.0.1 that nothing listens on right now."""
    return free_ports(1)[0]


def free_ports(n: int) -> list[int]:
    """``n`` distinct free loopback ports: all sockets are held open together while
    picking, so the kernel cannot hand the same port out twice."""
    socks = []
    try:
        for _ in range(n):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            socks.append(s)
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def plan(state_dir: Path, learners: int, prefix: str, suffix: str | None, env: hubenv.HubEnv,
         authenticator: str = "pam") -> Cohort:
    """Names, ports and secrets for a new cohort; nothing is created yet."""
    if learners < 1:
        raise CohortError(f"--learners must be at least 1 (got {learners})")
    sfx = suffix or secrets.token_hex(3)
    ports = dict(zip(("public", "hub", "proxy_api", "formgrader"), free_ports(4), strict=True))
    return Cohort(
        state_dir=str(state_dir), env_prefix=str(env.prefix), proxy_command=str(env.proxy_command),
        grader=f"{prefix}-grader-{sfx}", instructors=[f"{prefix}-instructor-{sfx}"],
        learners=[f"{prefix}-learner{i}-{sfx}" for i in range(1, learners + 1)],
        ports=ports, authenticator=authenticator)


def chown_tree(path: Path, user: str) -> None:
    entry = pwd.getpwnam(user)
    for p in [path, *path.rglob("*")]:
        os.chown(p, entry.pw_uid, entry.pw_gid, follow_symlinks=False)


def write_state(cohort: Cohort) -> None:
    """The cohort's folders and nbgrader's configs, written before any server starts
    (a server that starts first makes a stray gradebook of its own)."""
    state = cohort.state
    if (state / "hub" / "cohort.json").exists():
        raise CohortError(f"a cohort is already recorded at {state}: run `hubctl.py down` first "
                          "or pass another --state-dir")
    # Left by an `up` that failed (it keeps its log): start from a clean hub database,
    # secrets and exchange, or the new hub would inherit the old run's users and tokens.
    for stale in ("jupyterhub.sqlite", "cookie_secret", "jupyterhub.pid", "proxy.pid"):
        (state / "hub" / stale).unlink(missing_ok=True)
    for stale_dir in ("exchange", "etc"):
        shutil.rmtree(state / stale_dir, ignore_errors=True)
    state.mkdir(parents=True, exist_ok=True)
    state.chmod(0o755)
    (state / "hub").mkdir(exist_ok=True)
    (state / "hub").chmod(0o700)
    for sub in ("etc/jupyter", "etc/grader"):
        (state / sub).mkdir(parents=True, exist_ok=True)
        (state / sub).chmod(0o755)
    (state / "etc" / "jupyter").parent.chmod(0o755)
    shutil.copy(HERE / "nbgrader_config.py", state / "etc" / "jupyter" / "nbgrader_config.py")
    (state / "etc" / "grader" / "jupyter_server_config.json").write_text(json.dumps(
        {"ServerApp": {"jpserver_extensions": {"nbgrader.server_extensions.formgrader": True}}},
        indent=2) + "\n")
    for f in (state / "etc").rglob("*"):
        f.chmod(0o755 if f.is_dir() else 0o644)
    exchange = state / "exchange"
    exchange.mkdir(exist_ok=True)
    exchange.chmod(0o777)
    cohort.save()


def create_users(cohort: Cohort) -> None:
    """Make every cohort user, recording each one before it is made."""
    for name in [cohort.grader, *cohort.instructors, *cohort.learners]:
        cohort.created_users.append(name)
        cohort.save()
        unixusers.create(name)
    if cohort.authenticator == "pam":
        lines = []
        for name in [*cohort.instructors, *cohort.learners]:
            cohort.passwords[name] = secrets.token_urlsafe(9)
            lines.append(f"{name}:{cohort.passwords[name]}")
        proc = subprocess.run(["chpasswd"], input="\n".join(lines) + "\n", text=True,
                              capture_output=True)
        if proc.returncode != 0:
            raise CohortError(f"chpasswd failed: {proc.stderr.strip()}")
        cohort.save()


def make_course_dir(cohort: Cohort, source: Path, assignments: list[str] | None = None) -> Path:
    """The grader account's course folder: the course's nbgrader config plus its source assignments."""
    if not source.is_dir():
        raise CohortError(f"source assignments folder {source} does not exist")
    names = assignments or sorted(p.name for p in source.iterdir()
                                  if p.is_dir() and not p.name.startswith("."))
    course = Path(cohort.course_dir)
    course.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "nbgrader_config.py", course / "nbgrader_config.py")
    for name in names:
        if not (source / name).is_dir():
            raise CohortError(f"assignment {name!r} not found in {source}")
        shutil.copytree(source / name, course / "solutions" / name, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    (course / "solutions").mkdir(exist_ok=True)
    keys = source.parent / "keys"  # the labels of the cases kept back for grading: grader only
    if keys.is_dir():
        shutil.copytree(keys, course / "keys", dirs_exist_ok=True)
    chown_tree(course, cohort.grader)
    return course


def copy_lessons(cohort: Cohort) -> None:
    """Each instructor and learner gets the lesson notebooks in ``~/course`` (graded work comes
    through the exchange instead)."""
    lessons = sorted((REPO / "course").glob("*.ipynb"))
    for name in [*cohort.instructors, *cohort.learners]:
        target = Path(pwd.getpwnam(name).pw_dir) / "course"
        target.mkdir(exist_ok=True)
        for nb in lessons:
            shutil.copy(nb, target / nb.name)
        chown_tree(target, name)


def start_hub(cohort: Cohort, timeout: float = 90) -> float:
    """Start JupyterHub (which starts the proxy and the formgrader) and wait until it answers."""
    env_bin = Path(cohort.env_prefix) / "bin"
    env = {"PATH": f"{env_bin}:/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8",
           "HOME": str(Path.home()), "PUSHBACK_COHORT_FILE": str(cohort.cohort_file)}
    log = open(cohort.hub_log, "ab")  # noqa: SIM115 - the hub writes to it for its whole life
    start = time.perf_counter()
    proc = subprocess.Popen([str(env_bin / "jupyterhub"), "-f", str(HERE / "jupyterhub_config.py")],
                            cwd=cohort.hub_dir, env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    log.close()
    cohort.hub_pid = proc.pid
    cohort.save()
    try:
        cohort.hub().wait_up(timeout, is_alive=lambda: proc.poll() is None)
    except hubapi.HubApiError as err:
        raise CohortError(f"{err}\n--- last lines of {cohort.hub_log} ---\n{tail(cohort.hub_log)}") from err
    return time.perf_counter() - start


def spawn_all(cohort: Cohort, users: list[str], timeout: float = 120) -> tuple[dict[str, str], float]:
    """Start the users' servers through the REST API and poll until each is ready."""
    start = time.perf_counter()
    hub = cohort.hub()
    for user in users:
        hub.spawn(user)
    try:
        urls = hub.wait_ready(users, timeout)
    except hubapi.HubApiError as err:
        raise CohortError(f"{err}\n--- last lines of {cohort.hub_log} ---\n{tail(cohort.hub_log)}") from err
    return urls, time.perf_counter() - start


def tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stop_pid(pid: int | None, timeout: float) -> None:
    """SIGTERM, a generous wait, then SIGKILL (a hub-managed service may ignore SIGINT)."""
    if not pid or not alive(pid):
        return
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done == pid:
                return
        except ChildProcessError:
            if not alive(pid):
                return
        time.sleep(0.2)
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def read_pid(path: Path) -> int | None:
    try:
        return int(path.read_text().strip())
    except (OSError, ValueError):
        return None


def down(cohort: Cohort, keep_state: bool = False, timeout: float = 30) -> dict[str, float]:
    """Stop the hub (it stops servers, services and the proxy), then anything left, then
    remove the users this cohort made and its state folder. Safe to run twice."""
    start = time.perf_counter()
    proxy_pid = read_pid(Path(cohort.hub_dir) / "proxy.pid")
    stop_pid(cohort.hub_pid, timeout)
    if proxy_pid and alive(proxy_pid) and _cmdline(proxy_pid).find("configurable-http-proxy") >= 0:
        stop_pid(proxy_pid, 10)
    errors = []
    for name in reversed(cohort.created_users):
        try:
            unixusers.remove(name)
        except unixusers.UnixUserError as err:
            errors.append(str(err))
    if not keep_state:
        shutil.rmtree(cohort.state, ignore_errors=True)
    if errors:
        raise CohortError("; ".join(errors))
    return {"down_s": time.perf_counter() - start}


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def up(state_dir: Path, learners: int, *, prefix: str = "pb", suffix: str | None = None,
       source: Path = REPO / "solutions", assignments: list[str] | None = None,
       spawn: bool = True, authenticator: str = "pam") -> Cohort:
    """The whole bring-up; on any failure, everything made so far is taken down again."""
    if os.geteuid() != 0:
        raise CohortError("hubctl.py up needs root: it creates Unix users and runs the hub as root")
    t0 = time.perf_counter()
    env = hubenv.ensure()
    cohort = plan(state_dir, learners, prefix, suffix, env, authenticator)
    cohort.timings["environment_s"] = env.seconds
    write_state(cohort)
    try:
        create_users(cohort)
        make_course_dir(cohort, source, assignments)
        copy_lessons(cohort)
        cohort.save()
        cohort.timings["hub_up_s"] = start_hub(cohort)
        if spawn:
            users = [*cohort.instructors, *cohort.learners]
            _, cohort.timings["servers_ready_s"] = spawn_all(cohort, users)
        cohort.timings["up_total_s"] = time.perf_counter() - t0
        cohort.save()
    except BaseException:
        # Undo everything, but keep the logs for the post-mortem.
        down(cohort, keep_state=True)
        cohort.cohort_file.unlink(missing_ok=True)
        raise
    return cohort


def grader_command(cohort: Cohort, args: list[str]) -> list[str]:
    """``nbgrader <args>`` as the grader account, in the course folder's settings: what the
    formgrader's buttons do, for an instructor who prefers a terminal."""
    home = pwd.getpwnam(cohort.grader).pw_dir
    env_bin = Path(cohort.env_prefix) / "bin"
    return ["runuser", "-u", cohort.grader, "--", "env", f"HOME={home}",
            f"PATH={env_bin}:/usr/local/bin:/usr/bin:/bin",
            f"JUPYTER_CONFIG_PATH={cohort.state / 'etc' / 'jupyter'}",
            "MPLBACKEND=Agg", str(env_bin / "nbgrader"), *args]


def describe(cohort: Cohort) -> str:
    lines = [f"Cohort hub:   {cohort.url}/hub/",
             f"Formgrader:   {cohort.formgrader_url}/formgrader (instructors only)",
             f"Grader account (runs the formgrader, owns the course folder): {cohort.grader}",
             f"Course folder: {cohort.course_dir}",
             f"Exchange:     {cohort.state / 'exchange'}",
             f"Hub log:      {cohort.hub_log}", "Logins:"]
    for name in [*cohort.instructors, *cohort.learners]:
        role = "instructor" if name in cohort.instructors else "learner"
        secret = cohort.passwords.get(name) or cohort.demo_password
        lines.append(f"  {role:10s} {name}  password: {secret}")
    if cohort.timings:
        lines.append("Timings: " + ", ".join(f"{k} {v:.1f}" for k, v in cohort.timings.items()))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--state-dir", type=Path, default=DEFAULT_STATE,
                        help=f"where the cohort keeps its hub state and exchange (default {DEFAULT_STATE})")
    sub = parser.add_subparsers(dest="command", required=True)
    p_up = sub.add_parser("up", help="create the users, start the hub and the learners' servers")
    p_up.add_argument("--learners", type=int, default=2, help="how many learner accounts (default 2)")
    p_up.add_argument("--prefix", default="pb", help="user-name prefix (default pb)")
    p_up.add_argument("--source", type=Path, default=REPO / "solutions",
                      help="source assignments to copy into the course folder (default solutions/)")
    p_up.add_argument("--no-spawn", action="store_true", help="do not start servers; users start their own")
    p_up.add_argument("--auth", choices=("pam", "dummy"), default="pam",
                      help="pam: each user gets a generated password (default); dummy: one shared password")
    p_down = sub.add_parser("down", help="stop everything and remove the users this cohort made")
    p_down.add_argument("--keep-state", action="store_true", help="keep the state folder (logs, gradebook)")
    sub.add_parser("status", help="print the running cohort's addresses and logins")
    p_nbg = sub.add_parser("nbgrader", help="run an nbgrader command as the grader account, "
                           "e.g. `hubctl.py nbgrader collect a1-niche-recruitment`")
    p_nbg.add_argument("args", nargs=argparse.REMAINDER, help="the nbgrader command and its options")
    sub.add_parser("lock", help="re-pin requirements-hub.txt")
    args = parser.parse_args(argv)
    try:
        if args.command == "lock":
            hubenv.lock()
            print(f"re-pinned {hubenv.PINS}")
        elif args.command == "up":
            cohort = up(args.state_dir, args.learners, prefix=args.prefix, source=args.source,
                        spawn=not args.no_spawn, authenticator=args.auth)
            print(describe(cohort))
            here = Path(__file__)
            script = here.relative_to(Path.cwd()) if here.is_relative_to(Path.cwd()) else here
            print(f"Take it down with: python {script} down"
                  + (f" --state-dir {args.state_dir}" if args.state_dir != DEFAULT_STATE else ""))
        elif args.command == "status":
            cohort = Cohort.load(args.state_dir)
            state = "running" if cohort.hub_pid and alive(cohort.hub_pid) else "NOT running"
            print(f"hub {state} (pid {cohort.hub_pid})\n{describe(cohort)}")
        elif args.command == "nbgrader":
            if os.geteuid() != 0:
                raise CohortError("hubctl.py nbgrader needs root: it runs as the grader account")
            cohort = Cohort.load(args.state_dir)
            return subprocess.call(grader_command(cohort, args.args), cwd=cohort.course_dir)
        elif args.command == "down":
            if os.geteuid() != 0:
                raise CohortError("hubctl.py down needs root: it removes Unix users")
            cohort = Cohort.load(args.state_dir)
            took = down(cohort, keep_state=args.keep_state)
            print(f"cohort down in {took['down_s']:.1f} s: removed {', '.join(cohort.created_users)}")
    except (CohortError, hubenv.HubEnvError, unixusers.UnixUserError) as err:
        print(f"hubctl.py {args.command}: {err}", file=sys.stderr)
        return 1
    except PermissionError as err:
        print(f"hubctl.py {args.command}: {err.filename}: permission denied (run it as root)",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
