"""The cohorts: honest students (full, partial, empty, wrong) and attackers.

Every attacker answers nothing correctly, so an attack that works shows up
as a score above an empty submission's 0.
"""

from __future__ import annotations

from nbformat.notebooknode import NotebookNode

from tests.grading.synthetic_student import RIGHT, TEST_CELLS, WRONG, Student

FULL_POINTS = {"a1-q1": 2.0, "a1-q2": 2.0, "a1-q3": 2.0, "a1-q4": 2.0, "a1-q5": 2.0, "a1-q6": 3.0}


def honest(solution: dict[str, str]) -> list[Student]:
    partial_q1 = ('q1_statement_kinds = ["opinion", "business_reason", "opinion", "opinion", '
                  '"opinion", "business_reason"]')          # 5 of 6 right
    partial_q3 = ('q3_customise = {"skip": ["evidence", "enlist", "build_case"], "why": "Mei Lin '
                  'welcomes practical suggestions and decides quickly, and the reply rates make '
                  'the case."}')                           # drops one stage too many: 3 of 4
    partial_q5 = 'q5_safe_facts = ["f_grading_project", "f_wants_to_stay"]'  # 5 of 9 facts right
    return [
        Student("full", answers=dict(solution), expected=dict(FULL_POINTS),
                manual="Layla knew what Daniel wants; letting go would be right if..."),
        Student("partial", answers={"a1-q1": partial_q1, "a1-q2": RIGHT["a1-q2"],
                                    "a1-q3": partial_q3, "a1-q5": partial_q5},
                expected={"a1-q1": 1.67, "a1-q2": 2.0, "a1-q3": 1.5, "a1-q5": 1.11}),
        Student("empty"),
        Student("wrong", answers=dict(WRONG)),
        Student("computed", answers={
            "a1-q3": "q3_customise = {'skip': [s.key for s in STAGES][3:4], 'why': ''}",  # code
            "a1-q2": RIGHT["a1-q2"]}, expected={"a1-q2": 2.0}),
    ]


def _test_cells(nb: NotebookNode) -> list[NotebookNode]:
    return [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") in TEST_CELLS]


def _delete_tests(nb: NotebookNode) -> None:
    nb.cells = [c for c in nb.cells if c not in _test_cells(nb)]


def _edit_inflate_and_add(nb: NotebookNode) -> None:
    """Edit every test cell, unlock it, raise its points, and add a fake graded cell."""
    for cell in _test_cells(nb):
        cell.metadata["nbgrader"]["points"] = 100
        cell.metadata["nbgrader"]["locked"] = False
        cell.source = "100"
    fake = {"grade": True, "solution": False, "locked": True, "grade_id": "bonus",
            "points": 50, "schema_version": 3}
    nb.cells.append(nbformat_new_code("50", fake))


EXTRA_CELL = "ip = get_ipython()\nip.input_transformers_post.append(lambda lines: ['2.0\\n'])"


def _extra_cells(nb: NotebookNode) -> None:
    """Attack code in a cell the learner adds (rather than in an answer cell)."""
    nb.cells.insert(2, nbformat_new_code(EXTRA_CELL, {}))


def nbformat_new_code(source: str, nbgrader: dict) -> NotebookNode:
    from nbformat.v4 import new_code_cell
    cell = new_code_cell(source)
    if nbgrader:
        cell.metadata["nbgrader"] = nbgrader
    return cell


HANG = "while True:\n    pass"
HANG_NO_INTERRUPT = ("import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                     "while True:\n    time.sleep(0.01)")
EXIT = "import os\nos._exit(0)"
SILENCE = ("import sys, os\ntry:\n    sys.exit(0)\nexcept SystemExit:\n    pass\nip = get_ipython()\n"
           "ip.showtraceback = lambda *a, **k: None\n"
           "ip._showtraceback = lambda *a, **k: None\nsys.stderr = open(os.devnull, 'w')")
MONKEYPATCH = """import pushback_lib, pushback_lib.grading as g, pushback_lib.grading.kernel as k
import pushback_lib.grading.checks as c
full = lambda qid, *a, **kw: float(g.question(qid).points)
k.run_checks = k.run_hidden_checks = g.run_checks = g.run_hidden_checks = full
run_checks = run_hidden_checks = full
c.QuestionResult.points = lambda self, include_hidden=True: float(self.question.points)
pushback_lib.score = lambda *a, **kw: None"""
FAKE_OUTPUT = """import sys
### BEGIN HIDDEN TESTS   (an unmatched marker: feedback must still be generated)
print("x" * 3_000_000)  # an output flood, dropped past the grader's limit
from IPython.display import display
print('2.0'); sys.stderr.write('3.0\\n')
get_ipython().display_formatter.formatters['text/plain'].for_type(float, lambda x, p, cyc: p.text('2.0'))
display(2.0)"""
INPUT_TRANSFORMER = ("get_ipython().input_transformers_post.append("
                     "lambda lines: ['2.0\\n'] if any('run_' in l for l in lines) else lines)")
AST_STRIP_ASSERTS = """import ast
class Strip(ast.NodeTransformer):
    def visit_Assert(self, node):
        return ast.Pass()
    def visit_Call(self, node):
        self.generic_visit(node)
        if getattr(node.func, 'id', '') in ('run_checks', 'run_hidden_checks'):
            return ast.Constant(2.0)
        return node
get_ipython().ast_transformers.append(Strip())"""
EQUALS_EVERYTHING = """class Anything(list):
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    def __hash__(self): return 0
    def __len__(self): return 8
q1_statement_kinds = q2_acknowledges = q3_stage_order = q4_which_stage = Anything()
q5_safe_facts = Anything()"""


GRADEBOOK_WRITER = """import pathlib, sqlite3
for folder in [pathlib.Path.cwd(), *pathlib.Path.cwd().parents]:
    db = folder / "gradebook.db"
    if db.exists():
        con = sqlite3.connect(db)
        con.execute("UPDATE grade SET manual_score = 100, extra_credit = 100")
        con.execute("UPDATE grade_cells SET max_score = 1000")
        con.commit()
        break"""
FILE_TAMPER = """import json, pathlib
for folder in [pathlib.Path.cwd(), *pathlib.Path.cwd().parents]:
    for nb in [*folder.glob("exercises/*/*.ipynb"), *folder.glob("solutions/*/*.ipynb")]:
        data = json.loads(nb.read_text())
        data["cells"] = [c for c in data["cells"] if not c["metadata"].get("nbgrader", {}).get("grade")]
        nb.write_text(json.dumps(data))"""


def attackers(solution: dict[str, str] | None = None) -> list[Student]:
    """Every attacker, then (given the solution) an honest student graded after them all."""
    late = [Student("zz_full_after_attacks", answers=dict(solution), expected=dict(FULL_POINTS))
            ] if solution else []
    return [
        # right answers, then a hang or a dead kernel: a notebook that never
        # finishes earns nothing, so these must score 0 too
        Student("hang", answers=dict(RIGHT), attack=HANG),
        Student("hang_no_interrupt", answers=dict(RIGHT), attack=HANG_NO_INTERRUPT),
        Student("kernel_exit", answers=dict(RIGHT), attack=EXIT),
        Student("edit_tests", answers=dict(WRONG), tamper=_edit_inflate_and_add),
        Student("delete_tests", answers=dict(RIGHT), tamper=_delete_tests),
        Student("silence", answers=dict(WRONG), attack=SILENCE),
        Student("monkeypatch", answers=dict(WRONG), attack=MONKEYPATCH),
        Student("fake_output", attack=FAKE_OUTPUT),
        # one transformer in an answer cell, another in a cell the learner added
        Student("input_transformer", attack=INPUT_TRANSFORMER, tamper=_extra_cells),
        Student("ast_transformer", answers=dict(WRONG), attack=AST_STRIP_ASSERTS),
        Student("equals_everything", attack=EQUALS_EVERYTHING),
        # writes the gradebook and rewrites the release and source notebooks on disk
        Student("file_writer", attack=GRADEBOOK_WRITER + "\n" + FILE_TAMPER),
        *late,
    ]

