"""JupyterHub configuration for one cohort of the pushback course, on loopback.

``hubctl.py up`` writes a cohort file (JSON: ports, users, paths, secrets) and
starts ``jupyterhub -f this-file`` with ``PUSHBACK_COHORT_FILE`` pointing at it,
so this file holds the *policy* (who may do what) and the cohort file holds the
*facts* of one run. The same policy carries to Zero to JupyterHub on
Kubernetes (see docs/jupyterhub.md); only the spawner, the proxy and where the
exchange lives change.

Who is who (JupyterHub 5/6 style: ``allowed_users`` and roles with scopes,
no whitelists, no admin tokens):

- learners: group ``nbgrader-<course>``; each may reach only their own server.
- instructors: groups ``instructors`` and ``formgrade-<course>``; the role
  ``formgrade-<course>`` lets them reach the formgrader service.
- the grader account: a Unix user with no hub login of its own that runs the
  formgrader as a hub-managed service, owning the course directory and the
  gradebook (nbgrader's "one class, several graders" layout).
- ``cohort-manager``: a service token used by ``hubctl.py`` (and the tests) to
  spawn servers and issue tokens; it is not an admin.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

c = get_config()  # noqa: F821 - provided by traitlets when JupyterHub loads this file

COHORT_FILE = os.environ.get("PUSHBACK_COHORT_FILE")
if not COHORT_FILE:
    raise SystemExit("jupyterhub_config.py: set PUSHBACK_COHORT_FILE to the cohort file "
                     "that `hubctl.py up` writes (it holds ports, users and paths)")
cohort = json.loads(Path(COHORT_FILE).read_text())

course = cohort["course_id"]
state = Path(cohort["state_dir"])
hub_dir = Path(cohort["hub_dir"])
env_bin = Path(cohort["env_prefix"]) / "bin"
ports = cohort["ports"]
grader = cohort["grader"]
instructors: list[str] = cohort["instructors"]
learners: list[str] = cohort["learners"]
formgrader = f"formgrader-{course}"

# Every process the hub starts (servers, the formgrader, nbgrader's kernels and
# its `alembic` migration) finds the hub environment first, and nbgrader's
# exchange settings in the cohort's config folder.
user_env = {
    "PATH": f"{env_bin}:/usr/local/bin:/usr/bin:/bin",
    "JUPYTER_CONFIG_PATH": str(state / "etc" / "jupyter"),
    "MPLBACKEND": "Agg",
    # where `pushback-course release-debrief` puts a kept-back case's debrief after grading:
    # the learners' library reads it there (read-only); the keys/ it comes from stay private
    "PUSHBACK_DEBRIEF_DIR": str(Path(os.environ.get("NBGRADER_EXCHANGE_ROOT") or state / "exchange")
                                / course / "debrief"),
}

# --- network: loopback only --------------------------------------------------
c.JupyterHub.bind_url = f"http://127.0.0.1:{ports['public']}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{ports['hub']}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{ports['proxy_api']}"
c.ConfigurableHTTPProxy.auth_token = cohort["proxy_token"]
c.ConfigurableHTTPProxy.command = [cohort["proxy_command"]]
c.ConfigurableHTTPProxy.pid_file = str(hub_dir / "proxy.pid")
c.ConfigurableHTTPProxy.should_start = True
c.Spawner.ip = "127.0.0.1"

# --- the hub's own state: private to root --------------------------------------
c.JupyterHub.db_url = f"sqlite:///{hub_dir / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(hub_dir / "cookie_secret")
c.JupyterHub.pid_file = str(hub_dir / "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every server it spawned

# --- who may log in --------------------------------------------------------------
if cohort.get("authenticator") == "dummy":
    # Demo only (loopback): every cohort user shares one generated password.
    c.JupyterHub.authenticator_class = "dummy"
    c.DummyAuthenticator.password = cohort["demo_password"]
else:
    c.JupyterHub.authenticator_class = "pam"
c.Authenticator.allowed_users = set(instructors) | set(learners)
c.Authenticator.allow_all = False
c.Authenticator.admin_users = set()
c.Authenticator.delete_invalid_users = True

# --- servers: real Unix users, one process each ------------------------------------
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [str(env_bin / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.notebook_dir = "~"
c.Spawner.environment = dict(user_env)
c.Spawner.start_timeout = 90
c.Spawner.http_timeout = 90
c.LocalProcessSpawner.interrupt_timeout = 5
c.LocalProcessSpawner.term_timeout = 10

# --- groups and roles ----------------------------------------------------------------
c.JupyterHub.load_groups = {
    "instructors": {"users": instructors},
    f"formgrade-{course}": {"users": instructors},
    f"nbgrader-{course}": {"users": learners},
}
c.JupyterHub.load_roles = [
    {
        "name": f"formgrade-{course}",
        "description": "Reach the course's formgrader service",
        "scopes": [f"access:services!service={formgrader}", f"read:services!service={formgrader}",
                   "list:services"],
        "groups": [f"formgrade-{course}"],
    },
    {
        "name": "cohort-manager",
        "description": "Start and stop cohort servers and issue their tokens (hubctl.py)",
        "scopes": ["admin:users", "admin:servers", "tokens", "read:groups", "list:services",
                   "read:services"],
        "services": ["cohort-manager"],
    },
]

# --- services: the formgrader (run by the grader account) and the cohort manager -----
c.JupyterHub.services = [
    {
        "name": formgrader,
        "display": True,
        "url": f"http://127.0.0.1:{ports['formgrader']}",
        "user": grader,
        "cwd": cohort["course_dir"],
        "command": [str(env_bin / "jupyterhub-singleuser"),
                    f"--ServerApp.root_dir={cohort['course_dir']}"],
        # The hub environment switches the formgrader off for everyone; the
        # grader folder (first on the path) switches it back on for this service.
        "environment": {**user_env, "JUPYTERHUB_DEFAULT_URL": "/formgrader",
                        "JUPYTER_CONFIG_PATH": f"{state / 'etc' / 'grader'}:{state / 'etc' / 'jupyter'}"},
        "oauth_no_confirm": True,
    },
    {
        "name": "cohort-manager",
        "api_token": cohort["manager_token"],
    },
]
