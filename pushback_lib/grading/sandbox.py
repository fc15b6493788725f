"""The grading sandbox: each submission's kernel runs in a bubblewrap jail with limits.

Used where the kernel is launched (:class:`SandboxedKernelManager`), so both
``pushback-course autograde`` and plain ``nbgrader autograde`` (through
:class:`~pushback_lib.grading.preprocessors.GuardedExecute`) are covered.

What the kernel gets (see ``docs/grading.md`` for the threat model):

* its own mount namespace (bubblewrap): read-only system and Python paths,
  the package folder of an editable ``pushback_lib`` (never the repository root)
  and the course's case files; a private, size-capped tmpfs for ``$HOME``
  (with read-only copies of the submission's own files as its working folder)
  and ``/tmp``; nothing of the course directory, the gradebook, the source
  notebooks or other submissions;
* no network (its own empty network namespace; it talks to the grader over ZMQ
  ``ipc`` sockets in a folder bound into the jail), its own pid, ipc and uts
  namespaces, a new session, a cleared environment;
* when the grader is root: an unprivileged uid leased from a range, one per
  running kernel, so ``RLIMIT_NPROC`` holds (it is not enforced for uid 0) and
  every process it ever started can be killed by uid when grading ends;
* resource limits (``prlimit``): address space (default 2 GiB), CPU seconds,
  processes, file size, no core dumps;
* when it ends, its pid namespace goes (bubblewrap's init dies with it,
  ``--die-with-parent`` if the grader dies) and every process of its uid is killed.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from jupyter_client.manager import AsyncKernelManager
from traitlets import Bool, Integer, List, Unicode
from traitlets.config import Configurable

from .cgroups import CgroupJail

__all__ = ["Sandbox", "SandboxUnavailable", "SandboxedKernelManager", "parse_size", "self_test",
           "sandbox_command", "sandboxed", "sandbox_chain", "seal_kernel", "readonly_paths", "kill_uid",
           "HOME", "WORK",
           "cap_output", "MAX_OUTPUT_CHARS"]

HOME = "/home/learner"
WORK = f"{HOME}/work"
_RUN_DIR = Path("/run/pushback-sandbox")

#: Variables of the grader's environment a kernel may see (the rest is cleared).
_PASS_ENV = ("NBGRADER_EXECUTION", "NBGRADER_VALIDATING", "PUSHBACK_EXTRA_CASES_DIR", "LANG", "LC_ALL", "TZ")

_HOW_TO_DISABLE = ("pass --no-sandbox to `pushback-course autograde` (\"I trust these submissions\") "
                   "or set c.Sandbox.enabled = False in nbgrader_config.py")


class SandboxUnavailable(RuntimeError):
    """The sandbox cannot start here: grading untrusted work is refused."""


def parse_size(text: str | int) -> int:
    """Bytes in ``text``: ``"2G"``, ``"512M"``, ``"64k"``, ``"1.5GiB"`` or a plain number."""
    if isinstance(text, int):
        return text
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*", text.lower())
    if not m:
        raise ValueError(f"not a size: {text!r} (use e.g. 2G, 512M, 1048576)")
    return int(float(m.group(1)) * 1024 ** " kmgt".index(m.group(2) or " "))


class Sandbox(Configurable):
    """Settings of the grading sandbox (``c.Sandbox.*`` in ``nbgrader_config.py``)."""

    enabled = Bool(True, help="Run every kernel in the sandbox; False grades without it (only for "
                   "submissions you trust)").tag(config=True)
    memory_limit = Unicode("2G", help="Address space of each kernel process (RLIMIT_AS)").tag(config=True)
    cpu_seconds = Integer(600, help="CPU seconds of each kernel process (RLIMIT_CPU)").tag(config=True)
    max_processes = Integer(128, help="Processes and threads of one kernel's uid (RLIMIT_NPROC)"
                            ).tag(config=True)
    max_file_size = Unicode("64M", help="Largest file a kernel may write (RLIMIT_FSIZE)").tag(config=True)
    scratch_size = Unicode("256M", help="Size of each of the kernel's tmpfs folders ($HOME, /tmp)"
                           ).tag(config=True)
    uid_base = Integer(61000, help="When grading as root: first uid of the range kernels run as"
                       ).tag(config=True)
    uid_count = Integer(64, help="When grading as root: how many uids (kernels at once)").tag(config=True)
    bwrap = Unicode("bwrap", help="The bubblewrap executable").tag(config=True)
    extra_ro_paths = List(Unicode(), help="More paths the kernel may read (bound read-only)"
                          ).tag(config=True)
    cgroups = Bool(True, help="Where the grader may (root, a writable cgroup hierarchy), also put each "
                   "kernel in a cgroup bounding its memory, processes and CPU share as a whole"
                   ).tag(config=True)

    def limits(self) -> dict[str, int]:
        return {"as": parse_size(self.memory_limit), "cpu": self.cpu_seconds,
                "nproc": self.max_processes, "fsize": parse_size(self.max_file_size), "core": 0}


def _package_dirs() -> list[str]:
    """The course package and its case files, wherever they are installed."""
    from pushback_lib.cases import extra_cases_dir

    package = Path(__file__).resolve().parents[1]  # pushback_lib/, which holds the case files
    found = [str(package)]
    with contextlib.suppress(Exception):
        folder = extra_cases_dir()  # an instructor's extra cases, when they name a folder
        if folder is not None:
            found.append(str(folder.resolve()))
    return found


def readonly_paths(python: str, extra: list[str] | tuple[str, ...] = ()) -> list[str]:
    """Folders bound read-only into the jail: the system, Python and the course package."""
    exe = Path(python)
    prefixes = {sys.prefix, sys.base_prefix, str(exe.parent.parent)}
    with contextlib.suppress(OSError):
        prefixes.add(str(exe.resolve().parent.parent))
    paths = {"/usr", *(str(Path(p).resolve()) for p in prefixes), *prefixes}
    paths |= set(_package_dirs()) | set(extra)
    etc = ["/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime",
           "/etc/nsswitch.conf", "/etc/fonts", "/etc/mime.types", "/etc/alternatives"]
    paths |= {p for p in etc if os.path.exists(p)}
    existing = sorted(p for p in paths if os.path.exists(p))
    # a path inside another bound path is bound already
    return [p for p in existing if not any(p != q and p.startswith(q.rstrip("/") + "/") for q in existing)]


def _parent_dirs(paths: list[str]) -> list[str]:
    """Create the folders above bound paths, traversable (bubblewrap would make them 0700)."""
    parents = sorted({str(q) for p in paths for q in Path(p).parents if str(q) not in ("/", "/tmp")},
                     key=lambda q: q.count("/"))
    args: list[str] = []
    for q in parents:
        if not any(q == b or q.startswith(b.rstrip("/") + "/") for b in paths):
            args += ["--perms", "0755", "--dir", q]
    return args


def _root_links() -> list[str]:
    """/bin, /lib... as the host has them (symlinks into /usr or folders)."""
    args: list[str] = []
    for name in ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
        if os.path.islink(name):
            args += ["--symlink", os.readlink(name), name]
        elif os.path.isdir(name):
            args += ["--ro-bind", name, name]
    return args


def sandbox_command(settings: Sandbox, command: list[str], *, files: dict[str, str] | None = None,
                    ipc_dir: str | None = None, uid: int | None = None,
                    env: dict[str, str] | None = None) -> list[str]:
    """``command`` wrapped in bubblewrap, setpriv (to ``uid``) and prlimit.

    ``files`` maps names in the kernel's working folder to host files bound
    read-only; ``ipc_dir`` is bound read-write (the kernel's sockets).
    """
    size = str(parse_size(settings.scratch_size))
    python_dir = str(Path(sys.prefix) / "bin")
    base_env = {"PATH": f"{python_dir}:/usr/local/bin:/usr/bin:/bin", "HOME": HOME, "USER": "learner",
                "LOGNAME": "learner", "LANG": "C.UTF-8", "TMPDIR": "/tmp", "MPLBACKEND": "Agg",
                "MPLCONFIGDIR": "/tmp/matplotlib", "PYTHONDONTWRITEBYTECODE": "1", "PYTHONNOUSERSITE": "1",
                "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    base_env.update(env or {})
    args = [settings.bwrap, "--die-with-parent", "--new-session", "--clearenv"]
    if uid is None:  # an ordinary user: bubblewrap makes a user namespace
        args += ["--unshare-all", "--unshare-user", "--disable-userns"]
    else:  # root: namespaces without a user namespace, then drop to ``uid`` inside
        args += ["--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
                 "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", "--cap-add", "CAP_SETPCAP"]
    for key, value in sorted(base_env.items()):
        args += ["--setenv", key, value]
    # the private tmpfs folders first: a path bound below /tmp (an editable install, the
    # sockets' folder) is then bound on top of the tmpfs, not hidden under it
    args += ["--perms", "1777", "--size", size, "--tmpfs", "/tmp",
             "--perms", "0777", "--size", size, "--tmpfs", HOME,
             "--perms", "0777", "--dir", WORK, "--perms", "0777", "--dir", f"{HOME}/.ipython"]
    bound = readonly_paths(command[0], settings.extra_ro_paths)
    args += _parent_dirs([*bound, *([ipc_dir] if ipc_dir else [])])
    for path in bound:
        args += ["--ro-bind", path, path]
    args += _root_links()
    # /dev/shm its own capped tmpfs; the rest of /dev and the jail's root are bubblewrap tmpfs
    # folders with no size: made read-only below, or a kernel could fill the machine's memory
    # writing files there (tmpfs pages count against no limit of the kernel's processes)
    args += ["--proc", "/proc", "--dev", "/dev", "--perms", "1777", "--size", size, "--tmpfs", "/dev/shm",
             "--hostname", "grader"]
    for name, host in sorted((files or {}).items()):
        args += ["--ro-bind", host, f"{WORK}/{name}"]
    if ipc_dir is not None:
        args += ["--bind", ipc_dir, ipc_dir]
    args += ["--remount-ro", "/dev", "--remount-ro", "/", "--chdir", WORK, "--"]
    if uid is not None:
        args += ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "--inh-caps=-all",
                 "--bounding-set=-all", "--"]
    lim = settings.limits()
    nproc = lim["nproc"] if uid is not None else lim["nproc"] + _processes_of(os.getuid())
    args += ["prlimit", f"--as={lim['as']}", f"--cpu={lim['cpu']}", f"--nproc={nproc}",
             f"--fsize={lim['fsize']}", "--core=0", "--"]
    return args + list(command)


def _processes_of(uid: int) -> int:
    """Processes and threads ``uid`` runs now (RLIMIT_NPROC counts them all)."""
    count = 0
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if entry.stat().st_uid == uid:
                    count += len(os.listdir(f"/proc/{entry.name}/task"))
    return count


# ---------------------------------------------------------------- uids (root)

class UidLease:
    """An unprivileged uid held (by a lock file) for one kernel; its processes die on release."""

    def __init__(self, settings: Sandbox) -> None:
        _RUN_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(_RUN_DIR, 0o700)
        for uid in range(settings.uid_base, settings.uid_base + settings.uid_count):
            fh = open(_RUN_DIR / f"{uid}.lock", "a")  # noqa: SIM115 - held for the lease
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                fh.close()
                continue
            self.uid, self._fh = uid, fh
            kill_uid(uid)  # whatever a crashed run left behind
            return
        raise SandboxUnavailable(f"all {settings.uid_count} sandbox uids from {settings.uid_base} are in "
                                 "use; raise c.Sandbox.uid_count")

    def release(self) -> None:
        kill_uid(self.uid)
        self._fh.close()


def kill_uid(uid: int) -> None:
    """SIGKILL every process of ``uid`` (as that uid: ``kill(-1)`` reaches exactly those)."""
    code = "import os, signal\ntry:\n    os.kill(-1, signal.SIGKILL)\nexcept ProcessLookupError:\n    pass\n"
    for _ in range(3):  # a process forking right now may leave a child: repeat
        if not _owned_by(uid):  # the usual case: its pid namespace took them all
            return
        subprocess.run(["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", sys.executable,
                        "-I", "-S", "-c", code], check=False, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, env={"PATH": "/usr/bin:/bin"})


def _owned_by(uid: int) -> list[int]:
    pids = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if entry.stat().st_uid == uid:
                    pids.append(int(entry.name))
    return pids


# ---------------------------------------------------------------- self-test

_TESTED: dict[tuple[Any, ...], str] = {}

_PROBE = """
import os, resource, socket, sys
assert resource.getrlimit(resource.RLIMIT_AS)[0] == int(sys.argv[1]), "no memory limit"
assert resource.getrlimit(resource.RLIMIT_NPROC)[0] > 0, "no process limit"
assert not os.path.exists(sys.argv[2]), "the grader's folder is visible"
try:
    socket.create_connection(("1.1.1.1", 53), timeout=1)
    raise SystemExit("the network is reachable")
except OSError:
    pass
print("sandbox ok")
"""


def self_test(settings: Sandbox) -> None:
    """Start a trivial sandboxed Python with the limits; raise :class:`SandboxUnavailable` if it fails.

    Run once per process and settings (before the first submission, not per learner).
    """
    key = (settings.bwrap, settings.memory_limit, settings.max_processes, settings.uid_base,
           tuple(settings.extra_ro_paths))
    if key in _TESTED:
        if _TESTED[key]:
            raise SandboxUnavailable(_TESTED[key])
        return
    _TESTED[key] = problem = _probe(settings)
    if problem:
        raise SandboxUnavailable(problem)


def _probe(settings: Sandbox) -> str:
    for tool in (settings.bwrap, "prlimit", *(["setpriv"] if os.geteuid() == 0 else [])):
        if shutil.which(tool) is None:
            return (f"the grading sandbox needs `{tool}` (Debian: apt-get install "
                    f"{'bubblewrap' if tool == settings.bwrap else 'util-linux'}), which is not on PATH; "
                    f"to grade without the sandbox, {_HOW_TO_DISABLE}")
    lease = UidLease(settings) if os.geteuid() == 0 else None
    here = tempfile.mkdtemp(prefix="pbk-probe-")
    try:
        cmd = sandbox_command(settings, [sys.executable, "-I", "-c", _PROBE,
                                         str(settings.limits()["as"]), here],
                              uid=lease.uid if lease else None)
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=60, env={"PATH": os.defpath})
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"the grading sandbox could not start ({exc}); to grade without it, {_HOW_TO_DISABLE}"
        if done.returncode != 0 or "sandbox ok" not in done.stdout:
            why = (done.stderr.strip().splitlines() or ["no message"])[-1]
            hint = (" (are unprivileged user namespaces disabled? see kernel.unprivileged_userns_clone "
                    "or user.max_user_namespaces)" if "namespace" in why or "uid map" in why.lower() else "")
            return (f"the grading sandbox failed its self-test: {why}{hint}; to grade without it, "
                    f"{_HOW_TO_DISABLE}")
        return ""
    finally:
        if lease is not None:
            lease.release()
        shutil.rmtree(here, ignore_errors=True)


# ---------------------------------------------------------------- kernel manager

class SandboxedKernelManager(AsyncKernelManager):
    """A kernel manager whose kernels run in the grading sandbox (ZMQ over ``ipc`` sockets)."""

    _lease: UidLease | None = None
    _ipc_dir: str | None = None
    _sealed: bool = False
    _cgroup: CgroupJail | None = None

    def _settings(self) -> Sandbox:
        return Sandbox(config=self.config)

    async def _async_pre_start_kernel(self, **kw: Any) -> tuple[list[str], dict[str, Any]]:
        settings = self._settings()
        if not settings.enabled:
            self.log.warning("Grading sandbox disabled (c.Sandbox.enabled = False): the kernel runs "
                             "as this user and can reach everything it can")
            return await super()._async_pre_start_kernel(**kw)
        self_test(settings)
        self._sealed = False
        self._ipc_dir = tempfile.mkdtemp(prefix="pbk-")
        self.transport = "ipc"
        self.ip = os.path.join(self._ipc_dir, "k")
        self.connection_file = os.path.join(self._ipc_dir, "kernel.json")
        try:
            self._lease = UidLease(settings) if os.geteuid() == 0 else None
            cwd = kw.pop("cwd", None)
            kw.pop("env", None)
            cmd, kw = await super()._async_pre_start_kernel(**kw)
            uid = self._lease.uid if self._lease else None
            if uid is not None:
                os.chown(self._ipc_dir, uid, uid)
                os.chown(self.connection_file, uid, uid)
            cmd = [a for a in cmd if not a.startswith("--ipython-dir=")] + [f"--ipython-dir={HOME}/.ipython"]
            env = {k: os.environ[k] for k in _PASS_ENV if k in os.environ}
            kw["cwd"] = self._ipc_dir
            kw["env"] = {"PATH": os.environ.get("PATH", os.defpath)}
            jailed = sandbox_command(settings, cmd, files=_own_files(cwd), ipc_dir=self._ipc_dir,
                                     uid=uid, env=env)
            limits = settings.limits()
            self._cgroup = CgroupJail.create(limits["as"], limits["nproc"]) if settings.cgroups else None
            if self._cgroup is not None:  # the kernel as a whole: memory, processes, CPU share
                jailed = self._cgroup.wrap(jailed)
                kw["env"].update(self._cgroup.environment())
            return jailed, kw
        except BaseException:
            self._release()
            raise

    def seal(self) -> None:
        """Once the kernel is up (its sockets exist), take away its write access to the sockets'
        folder, the one host folder bound writable into the jail, so it cannot fill the disk there.
        As root the folder goes back to root; as an ordinary user it is made read-only (the
        kernel, the same uid inside its user namespace, could undo that: then RLIMIT_FSIZE and
        the time budget bound what it writes)."""
        if self._ipc_dir is None or self._sealed:
            return
        with contextlib.suppress(OSError):
            if self._lease is not None:
                os.chown(self._ipc_dir, 0, 0)
            os.chmod(self._ipc_dir, 0o711 if self._lease is not None else 0o500)
            self._sealed = True

    async def _async_interrupt_kernel(self) -> None:
        # SIGINT would stop at bubblewrap (a new session): ask the kernel by message
        if self._ipc_dir is None:
            return await super()._async_interrupt_kernel()
        msg = self.session.msg("interrupt_request", content={})
        self._connect_control_socket()
        self.session.send(self._control_socket, msg)

    interrupt_kernel = _async_interrupt_kernel

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        try:
            await super()._async_cleanup_resources(restart=restart)
        finally:
            if not restart:
                self._release()

    def _release(self) -> None:
        if self._cgroup is not None:
            self._cgroup.destroy()
            self._cgroup = None
        if self._lease is not None:
            self._lease.release()
            self._lease = None
        if self._ipc_dir is not None:
            shutil.rmtree(self._ipc_dir, ignore_errors=True)
            self._ipc_dir = None

    def __del__(self) -> None:
        with contextlib.suppress(Exception):
            self._release()


def _own_files(cwd: str | None) -> dict[str, str]:
    """The submission's own files in the kernel's working folder (no symlinks followed).

    Never a notebook: the kernel runs the cells, it does not need the file, and the one
    being graded is the sanitized copy nbgrader wrote there, with the hidden tests (and in
    this course the answer key) that the gradebook restored."""
    if not cwd or not os.path.isdir(cwd):
        return {}
    found: dict[str, str] = {}
    for entry in os.scandir(cwd):
        if entry.name.endswith(".ipynb"):
            continue
        if not entry.is_symlink() and (entry.is_file() or entry.is_dir()) and not entry.name.startswith("."):
            found[entry.name] = entry.path
    return found


def seal_kernel(preprocessor: Any) -> None:
    """Seal the sandboxed kernel of an execute preprocessor (see :meth:`SandboxedKernelManager.seal`)."""
    km = getattr(preprocessor, "km", None)
    if isinstance(km, SandboxedKernelManager):
        km.seal()


MAX_OUTPUT_CHARS = 2_000_000
"""Output kept per notebook by a sandboxed execute step (``GuardedExecute.max_output_chars``)."""


def cap_output(used: int, msg: dict[str, Any], limit: int) -> tuple[int, bool, Any]:
    """Count one output message against ``limit`` characters per notebook.

    Returns the new count, whether to keep the message and, the first time the
    limit is passed, a note to put in its place. Past the limit nothing more is
    kept, so a kernel printing gigabytes cannot fill the grader's memory (which
    is outside the sandbox) or the graded notebook and its feedback page.
    """
    import nbformat

    if used > limit:
        return used, False, None
    content = msg.get("content", "")
    used += len(repr(content)) if not isinstance(content, dict) else sum(
        len(v) if isinstance(v, str) else len(repr(v)) for v in content.values())
    if used > limit:
        return used, False, nbformat.v4.new_output("stream", name="stdout",
                                                   text="[output dropped: over the grader's limit]\n")
    return used, True, None


def sandbox_chain(chain: list[Any]) -> list[Any]:
    """A preprocessor chain (classes or dotted names) whose execute steps run kernels in the sandbox."""
    from nbconvert.preprocessors import ExecutePreprocessor
    from traitlets.utils.importstring import import_item

    out: list[Any] = []
    for item in chain:
        cls = import_item(item) if isinstance(item, str) else item
        out.append(sandboxed(cls) if isinstance(cls, type) and issubclass(cls, ExecutePreprocessor) else item)
    return out


def sandboxed(cls: Any) -> Any:
    """``cls`` (an execute preprocessor) whose kernels run in the sandbox; config sections still apply."""
    if getattr(cls, "_pushback_sandboxed", False):
        return cls

    class Jailed(cls):
        _pushback_sandboxed = True

        def __init__(self, *args: Any, **kw: Any) -> None:
            kw.setdefault("kernel_manager_class", SandboxedKernelManager)
            super().__init__(*args, **kw)

        def preprocess(self, nb: Any, resources: Any = None, km: Any = None) -> Any:
            self._output_chars = 0
            return super().preprocess(nb, resources, km)

        def preprocess_cell(self, cell: Any, resources: Any, index: int) -> Any:
            seal_kernel(self)
            return super().preprocess_cell(cell, resources, index)

        def output(self, outs: list[Any], msg: dict[str, Any], display_id: str | None,
                   cell_index: int) -> Any:
            # an output flood stops being kept here, in the grader, as it arrives
            self._output_chars, keep, note = cap_output(getattr(self, "_output_chars", 0), msg,
                                                        MAX_OUTPUT_CHARS)
            if note is not None:
                outs.append(note)
                return note
            return super().output(outs, msg, display_id, cell_index) if keep else None

    # the same name: traitlets applies the config sections of ``cls`` (and its bases) to it
    Jailed.__name__, Jailed.__qualname__ = cls.__name__, cls.__qualname__
    Jailed.__module__, Jailed.__doc__ = cls.__module__, cls.__doc__
    return Jailed
