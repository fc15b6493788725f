"""One escaping path for HTML: every display renders through ``_html.fragment`` (jinja2, autoescape),
hostile text comes out as text in each of them, and no HTML built by hand can come back."""

from __future__ import annotations

import ast
import dataclasses
import re
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest

import pushback_lib
from pushback_lib import learner_progress as lp
from pushback_lib import load_case
from pushback_lib._html import Raw, badge, esc, fragment, table
from pushback_lib.grading.selfcheck import check
from pushback_lib.practice.commit import MyCall, reveal
from pushback_lib.practice.principles import Feedback

HOSTILE = "<script>alert(\"x\")</script> O'Brien & <b>co</b>"
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; O&#x27;Brien &amp; &lt;b&gt;co&lt;/b&gt;"


def assert_inert(html: str) -> None:
    """The hostile text is shown, escaped, and none of its markup survived."""
    assert ESCAPED in html
    assert "<script" not in html and "<b>co" not in html


@pytest.fixture(scope="module")
def hostile_case():
    case = load_case("niche_recruitment")
    return dataclasses.replace(case, title=HOSTILE, situation=HOSTILE)


# -- the API -------------------------------------------------------------------------------
def test_fragment_escapes_values_but_not_the_template_or_raw_markup() -> None:
    shown = fragment("<p class='x'>{{ a }}{{ b }}</p>", a=HOSTILE, b=Raw("<i>ok</i>"))
    assert shown == f"<p class='x'>{ESCAPED}<i>ok</i></p>" and isinstance(shown, Raw)


def test_fragment_output_nests_without_double_escaping() -> None:
    inner = fragment("<li>{{ x }}</li>", x="a & b")
    assert fragment("<ul>{{ inner }}</ul>", inner=inner) == "<ul><li>a &amp; b</li></ul>"


def test_a_missing_value_is_an_error_not_an_empty_string() -> None:
    with pytest.raises(jinja2.UndefinedError, match="title"):
        fragment("<h4>{{ title }}</h4>")


def test_escaping_is_html_escape_with_quotes_as_before_templates() -> None:
    # Stored notebook outputs are compared byte for byte: the entities must not change.
    assert esc(HOSTILE) == ESCAPED
    assert table(["h"], [[HOSTILE]], caption=HOSTILE).count(ESCAPED) == 2
    assert badge(HOSTILE, colour='red" onclick="x') == (
        '<span style="color:red&quot; onclick=&quot;x;font-weight:bold">' + ESCAPED + "</span>")


def test_importing_the_package_and_html_module_does_not_load_jinja2() -> None:
    probe = "import sys, pushback_lib, pushback_lib._html; print('jinja2' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# -- hostile text in each display -----------------------------------------------------------
def test_a_case_title_is_escaped_in_the_brief_debrief_reveal_and_decision(hostile_case) -> None:
    assert_inert(hostile_case._repr_html_())
    assert_inert(hostile_case.debrief(call="push_back")._repr_html_())
    assert_inert(reveal(hostile_case, None)._repr_html_())
    assert_inert(reveal(hostile_case, MyCall("let_go", "Because " + HOSTILE + " matters"))._repr_html_())


def test_a_learners_reason_is_escaped_in_the_reveal() -> None:
    shown = reveal(load_case("niche_recruitment"), MyCall("push_back", "The stakes " + HOSTILE))
    assert_inert(shown._repr_html_())


def test_a_learners_draft_is_escaped_in_the_builder(ws: Path, hostile_case) -> None:
    from pushback_lib.widgets import PushbackBuilder

    builder = PushbackBuilder(hostile_case)
    builder.controls["opening"].value = HOSTILE
    assert_inert(builder.draft_view.value)
    assert_inert(builder.static_html())
    assert_inert(builder.children[1].value)  # the intro names the case


def test_a_case_title_is_escaped_in_the_explorer(hostile_case) -> None:
    from pushback_lib.widgets import DecisionExplorer

    explorer = DecisionExplorer(hostile_case)
    assert_inert(explorer.children[1].value)
    assert "<ul><li>" in explorer.static_html(), "the reasons are still a list"


def test_a_role_play_reply_is_escaped_in_the_exchange_and_the_earlier_replies(ws: Path) -> None:
    from pushback_lib.widgets import RolePlay

    rp = RolePlay("agency_feedback")
    typed = "Thanks for ringing straight away " + HOSTILE + ". What exactly did the CEO react to?"
    rp.say(typed)
    assert_inert(rp._exchange.value)
    rp.restart()  # back at the same point: the earlier reply is shown beside the choices
    assert_inert(rp._attempts.value)
    assert rp._attempts.value.count("<tr><td>") == 1, "the earlier reply is one row of the table"


def test_a_progress_record_line_is_escaped(ws: Path) -> None:
    lp.opened(HOSTILE)
    lp.draft_version(HOSTILE, "A draft.", 4, 20, ["acknowledge"])
    shown = lp.summarize(lp.read(), (HOSTILE,))._repr_html_()
    assert_inert(shown)
    assert shown.startswith("<div class='pushback-progress' role='status'><ul><li>")


def test_a_self_check_line_with_angle_brackets_is_escaped(ws: Path) -> None:
    shown = check("a4-q1", HOSTILE)._repr_html_()
    assert "&quot;fact&quot;: &quot;&lt;fact id&gt;&quot;" in shown and "<fact id>" not in shown


def test_a_principles_feedback_line_is_escaped() -> None:
    shown = Feedback(title=HOSTILE, lines=((True, HOSTILE), (False, "fine")))._repr_html_()
    assert_inert(shown)
    assert "<li>✔ " + ESCAPED + "</li><li>✘ fine</li>" in shown


# -- no HTML built by hand ------------------------------------------------------------------
_TAG = re.compile(r"</?(?:a|b|i|br|hr|img|div|p|span|h[1-6]|ul|ol|li|dl|dt|dd|table|caption|thead|tbody|"
                  r"tfoot|tr|th|td|strong|em|code|pre|small|mark|details|summary|script|figure|"
                  r"figcaption|section|label|button|input|svg|abbr|sup|sub)(?=[\s/>]|$)")

PENDING: set[str] = set()
"""Modules allowed to build HTML by hand for now: none. An entry must really still offend
(below), so converting a module forces its removal from this list."""


def _literal(node: ast.AST) -> str:
    """The constant text of a string literal or f-string ('' for anything else)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(_literal(v) for v in node.values)
    return ""


def _builds_html(node: ast.AST) -> bool:
    """An f-string, ``+``, ``%`` or ``.format`` with a tag in its literal text."""
    if isinstance(node, ast.JoinedStr):
        return bool(_TAG.search(_literal(node)))
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return any(_TAG.search(_literal(side)) for side in (node.left, node.right))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return bool(_TAG.search(_literal(node.func.value)))
    return False


def _escapes_by_hand(node: ast.AST) -> bool:
    """A call of ``esc``, ``escape`` or ``html.escape``: escaping is jinja's job, not the caller's."""
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    return ((isinstance(func, ast.Name) and func.id in {"esc", "escape"})
            or (isinstance(func, ast.Attribute) and func.attr == "escape"
                and isinstance(func.value, ast.Name) and func.value.id in {"html", "markupsafe"}))


def hand_built_html(source: str, *, may_escape: bool = False) -> list[int]:
    """Lines that build HTML from values without a template, or escape by hand (unless
    ``may_escape``); a constant HTML string is fine."""
    return sorted({node.lineno for node in ast.walk(ast.parse(source))
                   if _builds_html(node) or (not may_escape and _escapes_by_hand(node))})


def test_the_scanner_finds_each_way_of_building_html_by_hand() -> None:
    assert hand_built_html('x = f"<li>{y}</li>"') == [1]
    assert hand_built_html('x = "<ul>" + y') == [1]
    assert hand_built_html('x = "<p>%s</p>" % y') == [1]
    assert hand_built_html('x = "<td>{}</td>".format(y)') == [1]
    assert hand_built_html('x = f"<strong style=\\"color:{c}\\">"') == [1]
    assert hand_built_html('x = "<p>constant</p>"; y = f"see <course>/{d}"; z = f"(?P<id>{r})"') == []
    assert hand_built_html("x = esc(y)\nz = html.escape(y)\nw = escape(y)") == [1, 2, 3]


def test_no_module_builds_html_by_hand() -> None:
    root = Path(pushback_lib.__file__).parent
    offenders = {}
    for path in sorted(root.rglob("*.py")):
        # _html.py holds the one escape, the one jinja2 uses; it builds no HTML by hand either.
        lines = hand_built_html(path.read_text(encoding="utf-8"), may_escape=path.name == "_html.py")
        if lines:
            offenders[path.relative_to(root).as_posix()] = lines
    assert set(offenders) - PENDING == set(), (
        f"HTML built by hand (use _html.fragment): {offenders}")
    assert set(offenders) >= PENDING, f"no longer offending, drop from PENDING: {PENDING - set(offenders)}"
