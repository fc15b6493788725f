"""The command line: clear errors for a wrong course folder, verbs and their help."""

from __future__ import annotations

from pathlib import Path

import pytest

from pushback_lib.instructor.cli import build_parser, main


def test_every_verb_exists_and_takes_course_dir():
    parser = build_parser()
    for verb in ("release", "autograde", "feedback", "export", "dashboard", "status"):
        args = parser.parse_args([verb, "--course-dir", "/somewhere"])
        assert args.verb == verb and args.course_dir == "/somewhere"
    assert parser.parse_args(["autograde", "a1", "a2", "-j", "3"]).jobs == 3


def test_missing_course_dir_is_a_clear_error(tmp_path: Path, capsys):
    assert main(["status", "--course-dir", str(tmp_path / "nope")]) == 2
    assert f"course directory {tmp_path / 'nope'} does not exist" in capsys.readouterr().err


def test_a_folder_that_is_not_a_course(tmp_path: Path, capsys):
    assert main(["release", "--course-dir", str(tmp_path)]) == 2
    assert "is not an nbgrader course directory" in capsys.readouterr().err


@pytest.mark.slow  # runs nbgrader (release, autograde)
def test_autograde_before_release_says_what_to_do(tmp_path: Path, capsys):
    from pushback_lib.instructor.synthetic import add_submission, build_course

    course = build_course(tmp_path / "c", release=False)
    (course / "release" / "ps1").mkdir(parents=True)
    import shutil
    shutil.copy(course / "source" / "ps1" / "pushback.ipynb", course / "release" / "ps1")
    add_submission(course, "ana", "perfect")
    assert main(["autograde", "--course-dir", str(course)]) == 2
    assert "run `pushback-course release" in capsys.readouterr().err


def test_unknown_assignment_to_release(tmp_path: Path, capsys):
    from pushback_lib.instructor.synthetic import build_course

    course = build_course(tmp_path / "c", release=False)
    assert main(["release", "nope", "--course-dir", str(course)]) == 2
    assert "unknown assignment(s) nope" in capsys.readouterr().err


@pytest.mark.slow  # runs nbgrader (release, autograde)
def test_jobs_must_be_positive(released: Path, capsys):
    assert main(["autograde", "--jobs", "0", "--course-dir", str(released)]) == 2
    assert "--jobs must be at least 1" in capsys.readouterr().err


@pytest.mark.parametrize("threshold", ["0", "1.5"])
def test_dashboard_threshold_is_checked(threshold: str):
    from pushback_lib.instructor.reports.cohort_summary import summarize

    with pytest.raises(ValueError, match="mastery threshold"):
        summarize([], float(threshold))


@pytest.mark.parametrize(("given", "fraction"), [("0.6", 0.6), ("60", 0.6), ("60%", 0.6), ("1", 1.0)])
def test_dashboard_threshold_takes_a_fraction_or_a_percentage(given: str, fraction: float):
    assert build_parser().parse_args(["dashboard", "--threshold", given]).threshold == pytest.approx(fraction)


@pytest.mark.parametrize(("argv", "message"), [
    (["dashboard", "--threshold", "0"], "must be above 0 and at most 100%"),
    (["dashboard", "--threshold", "150"], "must be above 0 and at most 100%"),
    (["dashboard", "--threshold", "lots"], "give a fraction such as 0.6"),
    (["autograde", "--memory-limit", "lots"], "give a size such as 512M or 2G"),
    (["autograde", "--timeout", "-5"], "give a number of seconds above 0"),
    (["autograde", "--timeout", "soon"], "is not a number of seconds"),
])
def test_bad_arguments_are_refused_before_any_work(argv: list[str], message: str, capsys):
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    assert message in capsys.readouterr().err


def test_csv_export_refuses_the_platform_options(tmp_path: Path, capsys):
    from pushback_lib.instructor.synthetic import build_course

    course = build_course(tmp_path / "c", release=False)
    assert main(["export", "--roster", "r.csv", "--course-dir", str(course)]) == 2
    assert "--roster, --roster-key, --assignment and --no-feedback belong to --format canvas or moodle" \
        in capsys.readouterr().err
