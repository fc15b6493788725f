"""nbgrader's global settings for a cohort on JupyterHub: which course, and where the exchange is.

Every server the hub spawns (and the formgrader service) finds this file on
``JUPYTER_CONFIG_PATH``; ``hubctl.py`` copies it to ``<state>/etc/jupyter/``.
The course directory itself (source and release folders, gradebook) is set by
the repository's own ``nbgrader_config.py``, copied into the grader account's
course folder. On Kubernetes, mount this file at ``/etc/jupyter/`` and set
``NBGRADER_EXCHANGE_ROOT`` to the shared volume (see docs/jupyterhub.md).
"""

import os
from pathlib import Path

c = get_config()  # noqa: F821 - provided by traitlets when nbgrader loads this file

c.CourseDirectory.course_id = os.environ.get("NBGRADER_COURSE_ID", "pushback")

# The exchange: world-writable (nbgrader sets the per-course permissions inside it).
# Default: the ``exchange`` folder beside ``etc/`` in the cohort's state folder.
c.Exchange.root = os.environ.get("NBGRADER_EXCHANGE_ROOT") or str(
    Path(__file__).resolve().parents[2] / "exchange")

# A learner's submission in inbound/ is readable by that learner and the grader's group
# only (nbgrader's own leaves it world-readable, hidden by its random name).
c.ExchangeFactory.submit = "pushback_lib.grading.exchange.PrivateSubmit"
# Released feedback (exchange/<course>/feedback/<hash>.html) is readable by its own learner
# (a POSIX ACL entry) and the grader; nbgrader's own leaves every page world-readable.
c.ExchangeFactory.release_feedback = "pushback_lib.grading.exchange.PrivateReleaseFeedback"
