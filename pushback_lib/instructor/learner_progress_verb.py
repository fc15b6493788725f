"""``pushback-course progress``: a learner's own progress, printed in the terminal.

The one learner verb of ``pushback-course``. Why here and not in the instructor
tools: it is the same console script learners already have on their PATH; the
logic is :mod:`pushback_lib.learner_progress`, this module only adds the verb
and its options, so ``cli.py`` registers it in one line.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from .. import learner_progress
from ..workspace import ENV_VAR

__all__ = ["register", "run"]

HELP = "(for learners) your lessons, self-checks, drafts and role-plays so far, and the next step"


def run(args: argparse.Namespace) -> int:
    """Print the progress; 0 even when some lines of the record could not be read (they are named)."""
    if args.workspace:
        os.environ[ENV_VAR] = args.workspace
    progress = learner_progress.load(Path(args.course) if args.course else None)
    print(f"Progress kept in {learner_progress.where()}")
    print(progress)
    return 0


def register(sub: Any) -> argparse.ArgumentParser:
    """Add the ``progress`` verb to ``pushback-course``'s sub-parsers."""
    p: argparse.ArgumentParser = sub.add_parser("progress", help=HELP, description=HELP)
    p.add_argument("--workspace", metavar="DIR",
                   help=f"the records folder (default: ${ENV_VAR}, else ~/.pushback)")
    p.add_argument("--course", metavar="DIR",
                   help="a folder holding lessons.yaml or course/lessons.yaml, for the lesson order "
                        "(default: the current folder, then the checkout the library runs from)")
    p.set_defaults(func=run)
    return p
