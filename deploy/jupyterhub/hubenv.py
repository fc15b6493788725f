"""Build (once) and find the hub's Python environment and its proxy.

Why a separate environment: spawned Unix users must be able to *run* the
Python behind ``jupyterhub-singleuser``. A virtual environment whose base
interpreter sits in root's home folder fails for them with "Permission denied",
so this one is built from Debian's ``/usr/bin/python3`` in a world-readable
folder. Building takes a while on a fresh machine, so each build is cached
under a name made from the hash of its pin file: a changed pin builds a new
environment, an unchanged one is reused. The course package itself is
reinstalled (non-editable, so every user can import it) whenever its sources
change, which is cheap.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
PINS = HERE / "requirements-hub.txt"
PIN_SOURCE = HERE / "requirements-hub.in"
PACKAGE_JSON = HERE / "package.json"
PACKAGE_LOCK = HERE / "package-lock.json"
BASE_PYTHON = Path(os.environ.get("PUSHBACK_HUB_PYTHON", "/usr/bin/python3"))
CACHE = Path(os.environ.get("PUSHBACK_HUB_CACHE", "/opt/pushback-hub"))
COURSE_STAMP = ".pushback-course.sha256"
# Bump when the build steps below change, so cached environments are rebuilt.
RECIPE = b"recipe 2: bytecode compiled, nbgrader formgrader/course-list off for users"


class HubEnvError(RuntimeError):
    """The hub environment could not be built; the message says which step failed."""


@dataclass(frozen=True)
class HubEnv:
    """A ready hub environment: its prefix, the proxy command, and how long it took."""

    prefix: Path
    proxy_command: Path
    seconds: float
    built: bool  # False when everything came from the cache

    @property
    def bin(self) -> Path:
        return self.prefix / "bin"


def uv() -> str:
    """The uv that ``make venv`` installs next to the course's own interpreter."""
    candidates = [REPO / ".venv" / "bin" / "uv", shutil.which("uv")]
    for cand in candidates:
        if cand and Path(cand).exists():
            return str(cand)
    raise HubEnvError("uv not found: run `make venv` in the repository first")


def file_hash(*paths: Path, salt: bytes = b"") -> str:
    h = hashlib.sha256(salt)
    for p in paths:
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def course_hash() -> str:
    """Hash of what goes into the course install: metadata and the package (its case files
    and role-play scripts are package data, so they travel inside it)."""
    files = [REPO / "pyproject.toml", *sorted((REPO / "pushback_lib").rglob("*"))]
    h = hashlib.sha256()
    for p in files:
        if p.is_file() and "__pycache__" not in p.parts:
            h.update(str(p.relative_to(REPO)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def run(cmd: list[str], step: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> None:
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise HubEnvError(f"{step} failed ({' '.join(cmd)}):\n{proc.stdout[-2000:]}{proc.stderr[-4000:]}")


def _locked(name: str):
    CACHE.mkdir(parents=True, exist_ok=True)
    CACHE.chmod(0o755)
    fh = open(CACHE / f".{name}.lock", "w")  # noqa: SIM115 - the caller holds the lock until it closes it
    fcntl.flock(fh, fcntl.LOCK_EX)
    return fh


def build_python_env() -> tuple[Path, bool]:
    """The cached environment for the current pins, built if missing.

    Scripts in a venv carry its absolute path, so the build happens in place and
    a stamp file written last marks it complete; a half-built folder is redone.
    """
    if not BASE_PYTHON.exists():
        raise HubEnvError(f"{BASE_PYTHON} is missing: install Debian's python3 and python3-venv")
    prefix = CACHE / f"env-{file_hash(PINS, salt=RECIPE)}"
    stamp = prefix / ".complete"
    with _locked("env"):
        if stamp.exists():
            return prefix, False
        shutil.rmtree(prefix, ignore_errors=True)
        old_umask = os.umask(0o022)
        try:
            _install_into(prefix)
        except BaseException:
            shutil.rmtree(prefix, ignore_errors=True)
            raise
        finally:
            os.umask(old_umask)
        stamp.write_text(file_hash(PINS, salt=RECIPE) + "\n")
        return prefix, True


def _install_into(prefix: Path) -> None:
    python = str(prefix / "bin" / "python")
    run([uv(), "venv", "--quiet", "--python", str(BASE_PYTHON), str(prefix)], "creating the venv")
    # Bytecode is compiled now, as root: users cannot write it into this folder later,
    # and every server start would pay for compiling it again.
    run([uv(), "pip", "install", "--quiet", "--python", python, "--link-mode", "copy",
         "--compile-bytecode", "-r", str(PINS)], "installing the pinned hub requirements")
    # Learners get no formgrader or course list of their own: the formgrader is a
    # hub service (see jupyterhub_config.py), switched back on for it alone.
    env = {**os.environ, "PATH": f"{prefix / 'bin'}:{os.environ.get('PATH', '')}"}
    jupyter = str(prefix / "bin" / "jupyter")
    for ext in ("formgrader", "course_list"):
        run([jupyter, "server", "extension", "disable", "--sys-prefix",
             f"nbgrader.server_extensions.{ext}"], f"disabling nbgrader's {ext} server extension", env=env)
    for ext in ("formgrader", "create-assignment", "course-list"):
        run([jupyter, "labextension", "disable", "--level=sys_prefix", f"@jupyter/nbgrader:{ext}"],
            f"disabling nbgrader's {ext} lab plugin", env=env)


def install_course(prefix: Path) -> bool:
    """(Re)install the course package, non-editable, when its sources changed."""
    digest = course_hash()
    stamp = prefix / COURSE_STAMP
    with _locked("course"):
        if stamp.exists() and stamp.read_text().strip() == digest:
            return False
        old_umask = os.umask(0o022)
        try:
            run([uv(), "pip", "install", "--quiet", "--python", str(prefix / "bin" / "python"),
                 "--link-mode", "copy", "--compile-bytecode", "--no-deps",
                 "--reinstall-package", "pushback-course",
                 str(REPO)], "installing the course package")
        finally:
            os.umask(old_umask)
        stamp.write_text(digest + "\n")
        return True


def build_proxy() -> tuple[Path, bool]:
    """configurable-http-proxy from the pinned npm lock file, cached on its hash."""
    if shutil.which("npm") is None:
        raise HubEnvError("npm not found: install Debian's nodejs and npm")
    folder = CACHE / f"proxy-{file_hash(PACKAGE_JSON, PACKAGE_LOCK)}"
    command = folder / "node_modules" / ".bin" / "configurable-http-proxy"
    stamp = folder / ".complete"
    with _locked("proxy"):
        if stamp.exists():
            return command, False
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        shutil.copy2(PACKAGE_JSON, folder / "package.json")
        shutil.copy2(PACKAGE_LOCK, folder / "package-lock.json")
        try:
            run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], "npm ci (the proxy)",
                cwd=folder)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        stamp.write_text("ok\n")
        return command, True


def ensure() -> HubEnv:
    """Everything the hub needs, from the cache when the pins have not changed."""
    start = time.perf_counter()
    prefix, built_env = build_python_env()
    built_course = install_course(prefix)
    proxy, built_proxy = build_proxy()
    return HubEnv(prefix, proxy, time.perf_counter() - start, built_env or built_proxy or built_course)


def lock() -> None:
    """Re-pin requirements-hub.txt from requirements-hub.in (constrained by the course lock)."""
    run([uv(), "pip", "compile", str(PIN_SOURCE), "-c", str(REPO / "requirements.lock"),
         "--python-version", "3.11", "--no-header", "--annotation-style", "line",
         "-o", str(PINS)], "re-pinning the hub requirements", cwd=HERE)
