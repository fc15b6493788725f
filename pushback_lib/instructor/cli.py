"""``pushback-course``: the instructor's command line, with verbs like nbgrader's.

    pushback-course release   [ASSIGNMENT...]            generate exercises/ from solutions/
    pushback-course autograde [ASSIGNMENT...] --jobs N   grade submitted/ in parallel
    pushback-course feedback  [ASSIGNMENT...]            feedback pages, hidden tests removed
    pushback-course export    [OUT]                      CSV per question, stage, criterion
    pushback-course export --format canvas|moodle --roster R   a file Canvas / Moodle imports
    pushback-course dashboard [OUT]                      cohort charts (PNG) and dashboard.html
    pushback-course comments  [ASSIGNMENT...]            draft comments on manually graded answers
    pushback-course status                               graded / needs marking / malformed / missing ...
    pushback-course release-debrief CASE... [--to DIR]   after grading: open a kept-back case's debrief

Every verb takes ``--course-dir`` (default: the current directory). Exit
codes: 0 all done, 1 some submissions failed or were malformed (the others
are done), 2 a usage or course error, 130 interrupted (run it again to finish).
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

from .course import Course, InstructorError, check_known, open_course

__all__ = ["main", "build_parser"]


def _warn(text: str) -> None:
    print(f"warning: {text}", file=sys.stderr)


def _release(args: argparse.Namespace) -> int:
    from .release import release

    course = open_course(args.course_dir)
    failed = 0
    for r in release(course, args.assignments or None):
        print(f"{r.assignment}: {'released' if r.success else 'FAILED'}"
              f" -> {course.release_dir / r.assignment}" if r.success else f"{r.assignment}: FAILED")
        if not r.success:
            failed += 1
            print(r.reason(), file=sys.stderr)
    return 1 if failed else 0


def _release_debrief(args: argparse.Namespace) -> int:
    from .debrief import release_debrief

    course = open_course(args.course_dir)
    for r in release_debrief(course, args.cases, Path(args.to).expanduser() if args.to else None):
        print(f"{r.case_id}: debrief released -> {', '.join(str(f) for f in r.files)}")
    print("Learners' pb.debrief(...) and role-plays find it where PUSHBACK_DEBRIEF_DIR points "
          "(the hub sets it to the default folder).")
    return 0


def _autograde(args: argparse.Namespace) -> int:
    from .autograde import autograde
    from .autograde.progress_bar import summary_table

    course = open_course(args.course_dir)
    if args.no_sandbox:
        course.config.Sandbox.enabled = False
    if args.memory_limit:
        course.config.Sandbox.memory_limit = args.memory_limit
    outcomes = autograde(course, args.assignments or None, jobs=args.jobs, timeout=args.timeout,
                         force=args.force)
    print(summary_table(outcomes))
    return 1 if any(o.status in ("failed", "malformed") for o in outcomes) else 0


def _feedback(args: argparse.Namespace) -> int:
    from .reports.feedback import feedback

    course = open_course(args.course_dir)
    failed = 0
    run = feedback(course, args.assignments or None, args.student or None,
                   allow_pending=args.allow_pending, allow_drafts=args.allow_drafts)
    for r in run.results:
        where = course.feedback_dir / r.student / r.assignment
        print(f"{r.student}/{r.assignment}: " + (f"feedback in {where}" if r.success else "FAILED"))
        if not r.success:
            failed += 1
            print(f"student {r.student}, {r.assignment}: {r.reason()}", file=sys.stderr)
    for (student, assignment), why in sorted(run.held.items()):
        print(f"{student}/{assignment}: NO PAGE: {why}")
    if run.held:
        _warn(f"{len(run.held)} submission(s) got no feedback page (listed above)")
    return 1 if failed or run.held else 0


def _out_dir(args: argparse.Namespace, course_root: Path, default: str) -> Path:
    chosen = args.out_option or args.out
    return Path(chosen).resolve() if chosen else course_root / "reports" / default


def _export(args: argparse.Namespace) -> int:
    course = open_course(args.course_dir)
    out = _out_dir(args, course.root, "csv")
    if args.format != "csv":
        return _export_lms(args, course, out)
    if args.roster or args.assignment or args.no_feedback or args.roster_key:
        raise InstructorError("--roster, --roster-key, --assignment and --no-feedback belong to "
                              "--format canvas or moodle; the csv export has no use for them")
    from .reports.export import export

    if out.suffix == ".csv":  # `export grades.csv`: that file, and its siblings beside it
        paths = export(course, out.parent, warn=_warn, prefix=out.stem)
    else:
        paths = export(course, out, warn=_warn)
    for p in paths:
        print(p)
    return 0


def _export_lms(args: argparse.Namespace, course: Course, out: Path) -> int:
    from .reports import lms_export
    from .reports.scores import cell_scores, pending_note

    if not args.roster:
        raise InstructorError(f"--format {args.format} needs --roster: a CSV exported from "
                              f"{args.format.capitalize()} that lists its learners")
    key = args.roster_key or ("SIS Login ID" if args.format == "canvas" else "username")
    roster = lms_export.read_roster(Path(args.roster), key)
    target = out if out.suffix == ".csv" else out / f"{args.format}-grades.csv"
    scores = cell_scores(course, _warn)
    note = pending_note(scores, f"their assignment's cell is left empty in the {args.format.capitalize()} "
                                "file (the platform keeps the grade it has)")
    if note:
        _warn(note)
    if args.format == "canvas":
        explicit = {}
        for pair in args.assignment or ():
            name, sep, column = pair.partition("=")
            if not sep:
                raise InstructorError(f"--assignment {pair!r}: write NBGRADER_NAME='Canvas name (id)'")
            explicit[name.strip()] = column.strip()
        check_known(course, sorted(explicit))
        path = lms_export.write_canvas(scores, roster, key, target, explicit)
    else:
        path = lms_export.write_moodle(scores, roster, key, args.moodle_id, target,
                                       feedback=not args.no_feedback)
    print(path)
    return 0


def _comments(args: argparse.Namespace) -> int:
    from .reports import comment_bank as cb

    course = open_course(args.course_dir)
    check_known(course, args.assignments or None)
    answers = cb.manual_answers(course, args.assignments or None, warn=_warn)
    if args.clear:
        print(f"{cb.clear_drafts(course, answers)} untouched draft(s) removed from the gradebook")
        return 0
    bank_path = Path(args.bank).resolve() if args.bank else course.root / "comment-bank.yaml"
    _, added = cb.write_bank(bank_path)
    print(f"{bank_path}" + (f" (added: {', '.join(added)})" if added else " (kept as it is)"))
    found = cb.drafts(answers, cb.load_bank(bank_path))
    out = _out_dir(args, course.root, "comments")
    print(cb.write_drafts(found, out / "drafts.csv" if out.suffix != ".csv" else out))
    print(f"{len(found)} draft(s) for {len(answers)} manually graded answer(s) "
          f"({len(answers) - len(found)} blank)")
    if args.into_gradebook:
        written, kept = cb.apply_to_gradebook(course, found)
        print(f"{written} draft(s) now in the gradebook's comment boxes (formgrader shows them); "
              f"{kept} left alone: a comment someone wrote is already there")
    return 0


def _dashboard(args: argparse.Namespace) -> int:
    from .reports.dashboard import dashboard

    course = open_course(args.course_dir)
    summary, paths = dashboard(course, _out_dir(args, course.root, "dashboard"), args.threshold, warn=_warn)
    for p in paths:
        print(p)
    print(f"{len(summary.struggling)} student(s) need help "
          f"(below {summary.threshold:.0%} overall or on a stage)")
    return 0


def _status(args: argparse.Namespace) -> int:
    from .reports.status import status, status_table

    print(status_table(status(open_course(args.course_dir))))
    return 0


def _collect_disagreements(args: argparse.Namespace) -> int:
    from .disagreements import collect

    result = collect([Path(p) for p in args.paths], Path(args.out))
    for line in result.skipped:
        _warn(f"skipped {line}")
    print(f"{result.drafts} draft(s) from {result.reports} report(s) in {args.out}; label them "
          "with `python -m tools.corpus_tool shard` like any new batch")
    return 0


def _positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{text!r}: give a number of seconds above 0")
    return value


def _memory_size(text: str) -> str:
    from ..grading.sandbox import parse_size

    try:
        ok = parse_size(text) > 0
    except ValueError:
        ok = False
    if not ok:
        raise argparse.ArgumentTypeError(f"{text!r}: give a size such as 512M or 2G")
    return text.strip()


def _threshold(text: str) -> float:
    """The mastery line: a fraction (0.6) or a percentage (60 or 60%), as the guide writes it."""
    raw = text.strip().rstrip("%")
    try:
        value = float(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r}: give a fraction such as 0.6 or a percentage such as 60%") from None
    if text.strip().endswith("%") or value > 1:
        value /= 100
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError(f"{text!r}: the mastery line must be above 0 and at most 100%")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pushback-course", description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="verb", required=True, metavar="VERB")

    def verb(name: str, func: Callable[[argparse.Namespace], int], help_text: str,
             assignments: bool = True) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--course-dir", default=None, metavar="DIR",
                       help="the nbgrader course directory (default: the current directory)")
        if assignments:
            p.add_argument("assignments", nargs="*", metavar="ASSIGNMENT", help="default: all of them")
        p.set_defaults(func=func)
        return p

    verb("release", _release, "generate every source assignment into the release folder (nbgrader)")
    p = verb("autograde", _autograde, "grade every submission in submitted/, several students at a time")
    # One worker more than CPUs: while one kernel waits on its start-up
    # handshake, another can use the core (measured: 2.0x with 3 on 2 CPUs, 1.7x with 2).
    p.add_argument("--jobs", "-j", type=int, default=(os.cpu_count() or 1) + 1,
                   help="submissions graded at once (default: the number of CPUs plus one)")
    p.add_argument("--timeout", type=_positive_seconds, default=900.0,
                   help="seconds one submission may take in all before it is stopped (default 900)")
    p.add_argument("--force", action="store_true", help="regrade submissions already graded and unchanged")
    p.add_argument("--memory-limit", metavar="SIZE", type=_memory_size,
                   help="memory of each sandboxed kernel process, e.g. 2G "
                        "(default: c.Sandbox.memory_limit, 2G)")
    p.add_argument("--no-sandbox", action="store_true",
                   help="I trust these submissions: run kernels without the grading sandbox "
                        "(c.Sandbox.enabled = False); never for a real cohort")
    p = verb("feedback", _feedback, "feedback per student (nbgrader generate_feedback, hidden tests removed)")
    p.add_argument("--student", action="append", help="only this student (repeatable)")
    p.add_argument("--allow-pending", action="store_true",
                   help="make pages even for submissions with answers not marked yet (they show 0)")
    p.add_argument("--allow-drafts", action="store_true",
                   help="make pages even where a draft comment from `comments` was never edited")
    for name, func, what in (("export", _export, "write grades as CSV per question, stage and criterion"),
                             ("dashboard", _dashboard, "draw the cohort charts (PNG) and dashboard.html")):
        p = verb(name, func, what, assignments=False)
        default = "csv" if name == "export" else "dashboard"
        p.add_argument("out", nargs="?", metavar="OUT",
                       help=f"output folder (default: <course>/reports/{default})"
                       + ("; a name ending in .csv is the per-question file, the others go beside it"
                          if name == "export" else ""))
        p.add_argument("--out", dest="out_option", metavar="OUT", help="the same as OUT")
        if name == "export":
            p.add_argument("--format", choices=("csv", "canvas", "moodle"), default="csv",
                           help="csv: the four CSV files (default); canvas: a Canvas gradebook import; "
                                "moodle: a Moodle CSV grade import (both need --roster)")
            p.add_argument("--roster", metavar="CSV",
                           help="the learners as the platform exported them (Canvas: the gradebook "
                                "export; Moodle: a participants or grades export)")
            p.add_argument("--roster-key", metavar="COLUMN",
                           help="the roster column holding nbgrader's student ids "
                                "(default: 'SIS Login ID' for Canvas, 'username' for Moodle)")
            p.add_argument("--assignment", action="append", metavar="NAME=COLUMN",
                           help="Canvas: the column for an assignment, e.g. a1='A1 (12345)' "
                                "(default: the roster's column of the same name)")
            p.add_argument("--moodle-id", default="email", metavar="COLUMN",
                           help="Moodle: the roster column holding the user field rows are matched on: "
                                "email, idnumber, username (Moodle's 'Email address', 'ID number' "
                                "are understood, any case) or any column name (default email)")
            p.add_argument("--no-feedback", action="store_true",
                           help="Moodle: leave out the per-assignment feedback column")
        if name == "dashboard":
            p.add_argument("--threshold", type=_threshold, default=0.6,
                           help="mastery line: a fraction (0.6) or a percentage (60 or 60%%) of the points "
                                "(default 0.6)")
    p = verb("comments", _comments, "draft a comment on every manually graded answer from the draft "
             "analyzer, with reusable comments per rubric item (comment-bank.yaml)")
    p.add_argument("--bank", metavar="YAML", help="the comment bank (default: <course>/comment-bank.yaml)")
    p.add_argument("--out", dest="out_option", metavar="OUT",
                   help="where drafts.csv goes (default: <course>/reports/comments)")
    p.set_defaults(out=None)
    p.add_argument("--into-gradebook", action="store_true",
                   help="also put each draft in the gradebook's comment box for formgrader, "
                        "never over a comment someone wrote")
    p.add_argument("--clear", action="store_true",
                   help="remove the drafts still untouched in the gradebook (do this, or edit them, "
                        "before releasing feedback)")
    p = verb("release-debrief", _release_debrief,
             "after grading: release a kept-back case's labels (keys/cases/) and role-play "
             "(keys/roleplay/) to learners, read-only", assignments=False)
    p.add_argument("cases", nargs="+", metavar="CASE", help="case id, e.g. capstone_vendor")
    p.add_argument("--to", metavar="DIR",
                   help="where learners read it (default: $PUSHBACK_DEBRIEF_DIR, else "
                        "<exchange>/<course id>/debrief)")
    verb("status", _status, "show graded / needs marking / submitted / malformed / missing / not released "
         "per student and assignment", assignments=False)
    p = verb("collect-disagreements", _collect_disagreements,
             "gather learners' 'I disagree' reports on the draft analyzer as drafts for the corpus",
             assignments=False)
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="report files, or learners' home folders (their ~/.pushback is read)")
    p.add_argument("--out", required=True, help="the JSON Lines file to write")
    from .learner_progress_verb import register as register_learner_progress  # the learners' verb
    register_learner_progress(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``pushback-course`` console script."""
    args = build_parser().parse_args(argv)
    os.environ.setdefault("MPLBACKEND", "Agg")
    warnings.filterwarnings("ignore", module="sqlalchemy")
    warnings.filterwarnings("ignore", message=".*not in session.*")
    try:
        return args.func(args)
    except InstructorError as exc:
        print(f"pushback-course {args.verb}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"pushback-course {args.verb}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
