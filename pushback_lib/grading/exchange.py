"""What a learner puts in nbgrader's exchange, or gets from it, readable by that learner and the grader only.

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
    c.ExchangeFactory.release_feedback = "pushback_lib.grading.exchange.PrivateReleaseFeedback"

Released feedback has the same hole the other way: nbgrader copies each
learner's feedback page to ``feedback/<hash>.html`` world-readable, the hash
being the only secret. :class:`PrivateReleaseFeedback` writes the page ``0640``
and adds a POSIX ACL entry granting read to the one learner whose page it is
(their Unix account has their nbgrader student id as its name, as on the
hub). It is set before the page takes its final name, so it is never readable
by others, even for a moment. An owner may set ACLs on their own files, so the
grader needs no root. Where the filesystem has no ACLs, or no account carries
that student id, the page is released as nbgrader does (world-readable behind
its hash) and the log says so, naming the learner: feedback that nobody can
fetch would be worse.
"""

from __future__ import annotations

import errno
import glob
import os
import pwd
import re
import shutil
import struct

from nbgrader.exchange.default.release_feedback import ExchangeReleaseFeedback
from nbgrader.exchange.default.submit import ExchangeSubmit
from nbgrader.utils import notebook_hash

__all__ = ["PrivateSubmit", "PrivateReleaseFeedback", "grant_read_only_to"]

# The Linux xattr form of a POSIX access ACL (acl_ea_header + acl_ea_entry, little-endian):
# version 2, then (tag, permissions, id) sorted by tag. Written directly so no `setfacl` is needed.
_ACL_XATTR = "system.posix_acl_access"
_USER_OBJ, _USER, _GROUP_OBJ, _MASK, _OTHER = 0x01, 0x02, 0x04, 0x10, 0x20
_NO_ID = 0xFFFFFFFF
_R, _RW = 4, 6


def grant_read_only_to(path: str, user: str) -> str:
    """Make ``path`` readable by its owner (read-write), its group and ``user``; nobody else.

    Returns "" when done, else why not (no such account, no ACL support here),
    in which case the file's mode is left as it was.
    """
    try:
        uid = pwd.getpwnam(user).pw_uid
    except KeyError:
        return f"no Unix account named {user!r}"
    entries = [(_USER_OBJ, _RW, _NO_ID), (_USER, _R, uid), (_GROUP_OBJ, _R, _NO_ID),
               (_MASK, _R, _NO_ID), (_OTHER, 0, _NO_ID)]
    value = struct.pack("<I", 2) + b"".join(struct.pack("<HHI", *e) for e in entries)
    try:
        os.setxattr(path, _ACL_XATTR, value)
    except OSError as exc:
        if exc.errno in (errno.ENOTSUP, errno.EOPNOTSUPP, errno.EINVAL):
            return f"the filesystem of {os.path.dirname(path)} has no POSIX ACLs"
        raise
    return ""


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


class PrivateReleaseFeedback(ExchangeReleaseFeedback):
    """nbgrader's release_feedback, with each page readable by its own learner only (see module doc)."""

    def copy_files(self) -> None:
        excluded = self.coursedir.student_id_exclude
        exclude = set(excluded.split(",")) if excluded else set()
        pattern = re.escape(os.path.sep).join([
            self.coursedir.format_path(self.coursedir.feedback_directory, "(?P<student_id>.*)",
                                       self.coursedir.assignment_id, escape=True),
            "(?P<notebook_id>.*).html"])
        for html_file in sorted(glob.glob(os.path.join(self.src_path, "*.html"))):
            m = re.match(pattern, html_file)
            if m is None:
                self.log.error("Could not match '%s' with regexp '%s'", html_file, pattern)
                continue
            student_id, notebook_id = m.group("student_id"), m.group("notebook_id")
            if student_id in exclude:
                continue
            folder = os.path.dirname(html_file)
            with open(os.path.join(folder, "submission_secret.txt")) as fh:
                secret = fh.read()
            checksum = notebook_hash(secret=secret, notebook_id=notebook_id)
            tmp = os.path.join(self.dest_path, f"{checksum}-tmp.html")
            final = os.path.join(self.dest_path, f"{checksum}.html")
            # made private before it has a name anyone could look up
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as out, open(html_file, "rb") as src:
                shutil.copyfileobj(src, out)
            os.chmod(tmp, 0o600)  # whatever the umask
            why_not = grant_read_only_to(tmp, student_id)
            if why_not:
                os.chmod(tmp, 0o644)
                self.log.warning("Feedback for '%s' on '%s/%s' is readable by anyone who knows its "
                                 "name (as nbgrader releases it): %s", student_id,
                                 self.coursedir.assignment_id, notebook_id, why_not)
            os.replace(tmp, final)
            self.log.info("Feedback released to: %s (%s)", final,
                          "world-readable" if why_not else f"readable by {student_id} and the grader")
