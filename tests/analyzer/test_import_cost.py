"""Import cost: ``import pushback_lib`` never loads the analyzer; analysing a draft loads numpy (the
model's arrays) but never matplotlib, YAML or ipywidgets."""

from __future__ import annotations

import subprocess
import sys

_PROBE = ("import sys, pushback_lib\n"
          "before = 'pushback_lib.analyzer' in sys.modules\n"
          "import pushback_lib.analyzer as a\n"
          "after_import = {m for m in ('pushback_lib.analyzer.lexicon', 'pushback_lib.analyzer.tone')"
          " if m in sys.modules}\n"
          "a.analyze('I hear you, but the budget says otherwise.')\n"
          "heavy = sorted(m for m in ('matplotlib', 'yaml', 'ipywidgets') if m in sys.modules)\n"
          "print(before, sorted(after_import), heavy)\n")


def test_the_analyzer_loads_lazily_and_stays_light() -> None:
    out = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False [] []"
