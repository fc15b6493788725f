"""Interactive practice for JupyterLab: thin ipywidgets views over pure logic.

==========================  ==================================================
``RolePlay(case)``           a branching conversation with the case's
                             stakeholder (:mod:`pushback_lib.practice.roleplay`)
``PushbackBuilder(case)``    write a plan stage by stage, with live rubric and
                             draft feedback (:mod:`pushback_lib.practice.builder`)
``DecisionExplorer(case)``   six sliders and the push-back-or-let-go chart
                             (:mod:`pushback_lib.practice.explorer`)
==========================  ==================================================

Each is an ``ipywidgets.VBox`` made only of native controls (buttons, sliders,
text areas, selects), so it works from the keyboard and every control carries a
label. Each also renders a readable static view (``text/html`` and
``text/plain``) for notebooks shown without a kernel. Importing this package
imports ipywidgets; ``import pushback_lib`` alone does not.
"""

from __future__ import annotations

from .builder import PushbackBuilder
from .explorer import DecisionExplorer
from .roleplay import RolePlay

__all__ = ["RolePlay", "PushbackBuilder", "DecisionExplorer"]
