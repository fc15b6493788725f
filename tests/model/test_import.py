"""``import pushback_lib`` stays light: YAML, matplotlib and ipywidgets load only when used."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("yaml", "matplotlib", "ipywidgets", "numpy", "pushback_lib.analyzer")


def _loaded_after(code: str) -> set[str]:
    probe = (f"{code}\nimport sys, json\n"
             f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_cold_import_loads_nothing_heavy() -> None:
    assert _loaded_after("import pushback_lib") == set()


def test_the_model_needs_yaml_only_to_read_cases() -> None:
    code = ("import pushback_lib as p\n"
            "p.decide(stakes=.5, evidence=.5, credibility=.5, openness=.5, relationship_risk=.5, timing=.5)\n"
            "p.load_case('let_go_rebrand')\n")
    assert _loaded_after(code) == {"yaml"}
    code += "p.score(p.PushbackPlan(opening='Thanks, I agree.'), p.load_case('let_go_rebrand'))\n"
    loaded = _loaded_after(code)
    assert "pushback_lib.analyzer" in loaded
    assert not loaded & {"matplotlib", "ipywidgets"}, "scoring must not need the views"
