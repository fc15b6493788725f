"""Cohort on JupyterHub: hub start, server spawn and take-down, against a bare server start.

The floor is one bare JupyterLab start from the same hub environment on the
same machine in the same run (until ``/api/status`` answers), so the ratios
say how much the hub, the proxy, the formgrader service and real-user spawns
add on top of what any Jupyter server costs here. Needs root (it creates
Unix users); without root it reports that instead of figures.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench import ROOT, Context, Figure

DEPLOY = ROOT / "deploy" / "jupyterhub"


def _deploy_modules():
    if str(DEPLOY) not in sys.path:
        sys.path.insert(0, str(DEPLOY))
    import hubctl as cohort
    import hubenv

    return cohort, hubenv


def bare_server_start(env_prefix: Path, free_port) -> float:
    """Seconds from launching ``jupyter lab`` (hub environment, as root) to ``/api/status`` 200."""
    port, token = free_port(), secrets.token_hex(16)
    work = Path(tempfile.mkdtemp(prefix="bench-hub-floor-"))
    cmd = [str(env_prefix / "bin" / "jupyter-lab"), "--no-browser", "--allow-root",
           "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
           f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={work}"]
    env = {"PATH": f"{env_prefix / 'bin'}:/usr/bin:/bin", "HOME": str(work), "LANG": "C.UTF-8"}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.perf_counter() - start < 180:
            if proc.poll() is not None:
                raise RuntimeError(f"bare jupyter lab exited with {proc.returncode}")
            try:
                req = urllib.request.Request(f"http://127.0.0.1:{port}/api/status",
                                             headers={"Authorization": f"token {token}"})
                with urllib.request.urlopen(req, timeout=5) as resp:
                    if resp.status == 200:
                        return time.perf_counter() - start
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("bare jupyter lab did not answer within 180 s")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(work, ignore_errors=True)


def figures(ctx: Context) -> list[Figure]:
    if os.geteuid() != 0:
        return [Figure("hub: not measured (needs root)", float("nan"), "s",
                       note="run `make bench` as root: the cohort creates Unix users")]
    cohort_mod, hubenv = _deploy_modules()
    env = hubenv.ensure()
    floor = ctx.floor("bare JupyterLab start (hub env)",
                      lambda: bare_server_start(env.prefix, cohort_mod.free_port))
    cached = hubenv.ensure().seconds
    bare_py = ctx.bare_python()

    work = Path(tempfile.mkdtemp(prefix="bench-hub-", dir="/tmp"))
    work.chmod(0o755)
    cohort = cohort_mod.up(work / "state", learners=2, prefix="pbb", spawn=False)
    try:
        users = [*cohort.instructors, *cohort.learners]
        _, ready = cohort_mod.spawn_all(cohort, users)
    finally:
        t = time.perf_counter()
        cohort_mod.down(cohort)
        down = time.perf_counter() - t
        shutil.rmtree(work, ignore_errors=True)
    hub_up = cohort.timings["hub_up_s"]
    name = "bare JupyterLab start (hub env)"
    return [
        Figure("hub env check, cached (hubenv.ensure)", cached, "s", "python -c pass", bare_py,
               note="pins unchanged: nothing rebuilt"),
        Figure("hub up (proxy + formgrader service)", hub_up, "s", name, floor,
               note="until /hub/api answers through the proxy"),
        Figure(f"{len(users)} user servers ready (REST spawn)", ready, "s", name, floor,
               note=f"{ready / len(users):.1f} s per server, started together"),
        Figure("cohort down (stop all, remove users)", down, "s", name, floor),
    ]
