"""Every public name resolves, and the views load only when asked for."""

from __future__ import annotations

import subprocess
import sys

import pushback_lib as pb


def test_every_name_in_all_resolves():
    missing = [name for name in pb.__all__ if getattr(pb, name, None) is None]
    assert not missing


def test_unknown_names_raise_attribute_error():
    try:
        pb.no_such_thing  # noqa: B018
    except AttributeError as exc:
        assert "no_such_thing" in str(exc)
    else:  # pragma: no cover - the assertion is the test
        raise AssertionError("pb.no_such_thing should raise AttributeError")


def test_views_are_lazy_submodules():
    code = ("import sys, pushback_lib as pb\n"
            "assert 'ipywidgets' not in sys.modules and 'matplotlib' not in sys.modules\n"
            "pb.widgets.RolePlay\n"
            "assert 'ipywidgets' in sys.modules\n"
            "print('ok')\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr
