"""Fast checks of the hub deployment that need neither root nor a running hub:
the policy in jupyterhub_config.py, nbgrader's exchange setting, the pins, and
the errors hubctl.py gives for bad input."""

from __future__ import annotations

import json
import re
from pathlib import Path

import hubctl as cohort_mod
import hubenv
import pytest
import unixusers
from traitlets.config.loader import PyFileConfigLoader

DEPLOY = Path(cohort_mod.__file__).resolve().parent
ROOT = DEPLOY.parent.parent


def fake_env(tmp_path: Path) -> hubenv.HubEnv:
    return hubenv.HubEnv(prefix=tmp_path / "env", proxy_command=tmp_path / "chp", seconds=0.0, built=False)


def load_hub_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, learners: int = 2):
    cohort = cohort_mod.plan(tmp_path / "state", learners, "pbu", "abc123", fake_env(tmp_path))
    data = {**cohort.__dict__, "hub_dir": cohort.hub_dir, "course_dir": f"/home/{cohort.grader}/pushback"}
    path = tmp_path / "cohort.json"
    path.write_text(json.dumps(data))
    monkeypatch.setenv("PUSHBACK_COHORT_FILE", str(path))
    loader = PyFileConfigLoader("jupyterhub_config.py", path=str(DEPLOY))
    return cohort, loader.load_config()


def test_hub_listens_on_loopback_only(monkeypatch, tmp_path):
    cohort, c = load_hub_config(monkeypatch, tmp_path)
    for url in (c.JupyterHub.bind_url, c.JupyterHub.hub_bind_url, c.ConfigurableHTTPProxy.api_url):
        assert url.startswith("http://127.0.0.1:"), url
    assert c.Spawner.ip == "127.0.0.1"
    assert c.JupyterHub.bind_url.endswith(f":{cohort.ports['public']}")


def test_only_cohort_users_log_in_and_nobody_is_admin(monkeypatch, tmp_path):
    cohort, c = load_hub_config(monkeypatch, tmp_path, learners=3)
    assert c.Authenticator.allowed_users == {*cohort.instructors, *cohort.learners}
    assert cohort.grader not in c.Authenticator.allowed_users, \
        "the grader account runs a service, it does not log in"
    assert c.Authenticator.allow_all is False
    assert c.Authenticator.admin_users == set()
    assert c.JupyterHub.spawner_class == "localprocess", "real Unix users, one process each"


def test_only_instructors_reach_the_formgrader(monkeypatch, tmp_path):
    cohort, c = load_hub_config(monkeypatch, tmp_path)
    groups = c.JupyterHub.load_groups
    assert groups["formgrade-pushback"]["users"] == cohort.instructors
    assert groups["nbgrader-pushback"]["users"] == cohort.learners
    roles = {r["name"]: r for r in c.JupyterHub.load_roles}
    access = [r for r in roles.values() if "access:services!service=formgrader-pushback" in r["scopes"]]
    assert [r.get("groups") for r in access] == [["formgrade-pushback"]]
    assert all(not r.get("users") for r in access), "access goes through the group, not named users"
    services = {s["name"]: s for s in c.JupyterHub.services}
    assert services["formgrader-pushback"]["user"] == cohort.grader
    assert services["formgrader-pushback"]["environment"]["JUPYTERHUB_DEFAULT_URL"] == "/formgrader"


def test_cohort_manager_can_spawn_but_is_not_admin(monkeypatch, tmp_path):
    _, c = load_hub_config(monkeypatch, tmp_path)
    manager = next(r for r in c.JupyterHub.load_roles if r["name"] == "cohort-manager")
    assert manager["services"] == ["cohort-manager"]
    assert "admin-ui" not in manager["scopes"] and "admin" not in manager["scopes"]
    assert {"admin:servers", "tokens"} <= set(manager["scopes"])


def test_hub_config_without_cohort_file_says_what_to_set(monkeypatch):
    monkeypatch.delenv("PUSHBACK_COHORT_FILE", raising=False)
    with pytest.raises(SystemExit, match="PUSHBACK_COHORT_FILE"):
        PyFileConfigLoader("jupyterhub_config.py", path=str(DEPLOY)).load_config()


def test_exchange_sits_beside_the_config_folder_unless_overridden(monkeypatch, tmp_path):
    folder = tmp_path / "state" / "etc" / "jupyter"
    folder.mkdir(parents=True)
    (folder / "nbgrader_config.py").write_text((DEPLOY / "nbgrader_config.py").read_text())
    monkeypatch.delenv("NBGRADER_EXCHANGE_ROOT", raising=False)
    c = PyFileConfigLoader("nbgrader_config.py", path=str(folder)).load_config()
    assert Path(c.Exchange.root) == (tmp_path / "state" / "exchange").resolve()
    assert c.CourseDirectory.course_id == "pushback"
    monkeypatch.setenv("NBGRADER_EXCHANGE_ROOT", "/srv/nbgrader/exchange")
    c = PyFileConfigLoader("nbgrader_config.py", path=str(folder)).load_config()
    assert c.Exchange.root == "/srv/nbgrader/exchange"


def test_plan_gives_distinct_users_and_ports(tmp_path):
    cohort = cohort_mod.plan(tmp_path, 4, "pbu", None, fake_env(tmp_path))
    names = [cohort.grader, *cohort.instructors, *cohort.learners]
    assert len(set(names)) == len(names) == 6
    assert all(unixusers.NAME.match(n) for n in names), names
    assert len(set(cohort.ports.values())) == 4
    other = cohort_mod.plan(tmp_path, 4, "pbu", None, fake_env(tmp_path))
    assert other.grader != cohort.grader, "each run gets its own random suffix"
    assert other.manager_token != cohort.manager_token


def test_plan_refuses_a_cohort_without_learners(tmp_path):
    with pytest.raises(cohort_mod.CohortError, match="--learners must be at least 1"):
        cohort_mod.plan(tmp_path, 0, "pbu", None, fake_env(tmp_path))


def test_bad_user_name_is_refused_before_useradd():
    with pytest.raises(unixusers.UnixUserError, match="not a valid cohort user name"):
        unixusers.create("Bad Name")


def test_down_without_a_cohort_names_the_missing_file(tmp_path):
    with pytest.raises(cohort_mod.CohortError, match=re.escape(str(tmp_path / "hub" / "cohort.json"))):
        cohort_mod.Cohort.load(tmp_path)


def test_up_refuses_without_root_before_touching_anything(monkeypatch, tmp_path):
    monkeypatch.setattr(cohort_mod.os, "geteuid", lambda: 1000)
    with pytest.raises(cohort_mod.CohortError, match="needs root"):
        cohort_mod.up(tmp_path / "state", 2)
    assert not (tmp_path / "state").exists()


def pins(path: Path) -> dict[str, str]:
    found = {}
    for line in path.read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"{path.name}: {line!r} is not pinned with =="
            found[name.lower()] = version
    return found


def test_hub_environment_is_pinned_and_agrees_with_the_course_lock():
    hub = pins(hubenv.PINS)
    assert hub["jupyterhub"] == "6.1.1" and hub["nbgrader"] == "0.9.6"
    course = pins(ROOT / "requirements.lock")
    differ = {n: (v, course[n]) for n, v in hub.items() if n in course and course[n] != v}
    assert not differ, f"hub pins disagree with requirements.lock (run `hubctl.py lock`): {differ}"


def test_proxy_is_pinned_in_package_and_lock_file():
    package = json.loads(hubenv.PACKAGE_JSON.read_text())
    lock = json.loads(hubenv.PACKAGE_LOCK.read_text())
    assert package["dependencies"] == {"configurable-http-proxy": "5.3.0"}
    assert lock["packages"]["node_modules/configurable-http-proxy"]["version"] == "5.3.0"
    assert lock["packages"][""]["dependencies"] == package["dependencies"]


def test_environment_cache_key_follows_pins_and_recipe(tmp_path):
    pin = tmp_path / "pins.txt"
    pin.write_text("jupyterhub==6.1.1\n")
    first = hubenv.file_hash(pin, salt=hubenv.RECIPE)
    assert hubenv.file_hash(pin, salt=hubenv.RECIPE) == first
    assert hubenv.file_hash(pin, salt=b"another recipe") != first
    pin.write_text("jupyterhub==6.1.0\n")
    assert hubenv.file_hash(pin, salt=hubenv.RECIPE) != first


def test_state_is_written_before_any_server_with_private_secrets(tmp_path):
    cohort = cohort_mod.plan(tmp_path / "state", 1, "pbu", "abc123", fake_env(tmp_path))
    cohort_mod.write_state(cohort)
    state = tmp_path / "state"
    assert (state / "etc" / "jupyter" / "nbgrader_config.py").exists(), "nbgrader's config comes first"
    # every account writes the exchange; the sticky bit keeps each one's folders its own
    assert (state / "exchange").stat().st_mode & 0o7777 == 0o1777
    assert (state / "hub").stat().st_mode & 0o777 == 0o700, "tokens and the hub database are root's alone"
    assert json.loads(cohort.cohort_file.read_text())["manager_token"] == cohort.manager_token
    with pytest.raises(cohort_mod.CohortError, match="already recorded"):
        cohort_mod.write_state(cohort_mod.plan(state, 1, "pbu", None, fake_env(tmp_path)))


def test_a_failed_run_leaves_no_database_or_exchange_to_the_next(tmp_path):
    state = tmp_path / "state"
    (state / "hub").mkdir(parents=True)
    (state / "hub" / "jupyterhub.sqlite").write_text("old users and tokens")
    (state / "hub" / "jupyterhub.log").write_text("the failed run's log\n")
    (state / "exchange" / "pushback" / "outbound").mkdir(parents=True)
    cohort_mod.write_state(cohort_mod.plan(state, 1, "pbu", None, fake_env(tmp_path)))
    assert not (state / "hub" / "jupyterhub.sqlite").exists()
    assert not (state / "exchange" / "pushback").exists()
    assert (state / "hub" / "jupyterhub.log").read_text() == "the failed run's log\n", "the log is kept"


def test_nbgrader_runs_as_the_grader_with_the_cohort_settings(tmp_path):
    cohort = cohort_mod.plan(tmp_path / "state", 1, "pbu", None, fake_env(tmp_path))
    cohort.grader = "root"  # any existing account: the command is only built, not run
    cmd = cohort_mod.grader_command(cohort, ["collect", "a1-niche-recruitment"])
    assert cmd[:4] == ["runuser", "-u", "root", "--"]
    assert f"JUPYTER_CONFIG_PATH={tmp_path / 'state' / 'etc' / 'jupyter'}" in cmd
    assert cmd[-3:] == [str(tmp_path / "env" / "bin" / "nbgrader"), "collect", "a1-niche-recruitment"]


def test_a_debrief_released_into_the_exchange_cannot_be_swapped_by_a_learner(tmp_path):
    """The exchange root is world-writable; were it not sticky, a learner could rename the course's
    folder away and plant a debrief of their own, which every learner's library would then read."""
    from pushback_lib.cases.keys import replaceable

    state = tmp_path / "state"
    cohort_mod.write_state(cohort_mod.plan(state, 1, "pbu", None, fake_env(tmp_path)))
    debrief = state / "exchange" / "pushback" / "debrief"  # what release-debrief writes by default
    (debrief / "cases").mkdir(parents=True)
    for folder in (debrief.parent, debrief, debrief / "cases"):
        folder.chmod(0o755)
    assert replaceable(debrief) == ""


def test_the_grader_claims_the_course_folder_of_the_exchange_first(tmp_path):
    """Whoever creates ``exchange/<course>`` owns it: set-up makes it the grader's, and refuses
    one that somebody else created before it (they could plant assignments or debriefs there)."""
    import getpass
    import os

    cohort = cohort_mod.plan(tmp_path / "state", 1, "pbu", None, fake_env(tmp_path))
    cohort_mod.write_state(cohort)
    cohort.grader = getpass.getuser()  # an account that exists on this machine
    folder = cohort_mod.claim_exchange_course(cohort)
    assert folder == tmp_path / "state" / "exchange" / cohort.course_id
    assert folder.stat().st_uid == os.getuid() and folder.stat().st_mode & 0o7777 == 0o755
    assert cohort_mod.claim_exchange_course(cohort) == folder  # set-up run twice: still fine
    if os.getuid() == 0:  # only root can hand the folder to another account
        os.chown(folder, 65534, 65534)
        with pytest.raises(cohort_mod.CohortError, match="not owned by the grader account"):
            cohort_mod.claim_exchange_course(cohort)
    folder.rmdir()
    folder.symlink_to(tmp_path)
    with pytest.raises(cohort_mod.CohortError, match="not owned by the grader account"):
        cohort_mod.claim_exchange_course(cohort)
