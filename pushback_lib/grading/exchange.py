"""A submission in nbgrader's exchange readable by its learner and the grader only.

nbgrader's default ``ExchangeSubmit`` leaves each submission in ``inbound/``
world-readable (files ``0644``) and its folder world-writable (``0777``),
hidden only by the random part of its name and by ``inbound/`` not being
listable. :class:`PrivateSubmit` does the same copy, then takes every
permission from "others": the folder becomes ``2770`` and its files ``0640``.
The folder's group, and its files', is ``inbound/``'s (nbgrader makes ``inbound/``
setgid), that is the group of the account that released the assignment, so the
grader still collects it and another learner cannot read or change it even
knowing its name.

Configure it where learners' servers read nbgrader's settings (the hub does, in
``deploy/jupyterhub/nbgrader_config.py``)::

    c.ExchangeFactory.submit = "pushback_lib.grading.exchange.PrivateSubmit"
"""

from __future__ import annotations

import os

from nbgrader.exchange.default.submit import ExchangeSubmit

__all__ = ["PrivateSubmit"]


class PrivateSubmit(ExchangeSubmit):
    """nbgrader's submit, with no access for other learners to the copy in ``inbound/``."""

    def do_copy(self, src: str, dest: str, log: object = None) -> None:
        inbound = getattr(self, "inbound_path", None)
        if not inbound or os.path.dirname(os.path.abspath(dest)) != os.path.abspath(inbound):
            return super().do_copy(src, dest, log)
        # ``inbound/`` is setgid: a folder made in it takes its group (the grader's) and the
        # setgid bit, and files made in such a folder take the group too. shutil.copytree
        # would copy the learner's own mode onto ``dest`` (and drop the bit, the learner not
        # being in that group) before nbgrader writes timestamp.txt: copy into a staging
        # folder inside ``dest`` instead, and move the files up.
        os.mkdir(dest)
        staging = os.path.join(dest, ".staging")
        super().do_copy(src, staging, log)
        for name in os.listdir(staging):
            os.rename(os.path.join(staging, name), os.path.join(dest, name))
        os.rmdir(staging)
        return None

    def copy_files(self) -> None:
        super().copy_files()
        dest = os.path.join(self.inbound_path, self.assignment_filename)
        for root, dirs, files in os.walk(dest):
            for name in dirs:
                os.chmod(os.path.join(root, name), 0o2750)
            for name in files:
                os.chmod(os.path.join(root, name), 0o640)
        os.chmod(dest, 0o2770)  # the grader's group may still tidy it up, as nbgrader intends
