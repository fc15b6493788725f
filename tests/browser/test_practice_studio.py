"""The practice widgets in a real JupyterLab, driven through Debian's Chromium.

Opens a lesson notebook, runs every cell from the Run menu and checks that its
widgets rendered live (by their DOM classes and labels). In
``course/12-practice-studio.ipynb`` it moves a decision slider with the arrow
keys until the recommendation changes and types into the builder; in
``course/10-case-study-niche-recruitment.ipynb`` it plays the role-play to its
outcome by clicking and with the Enter key, then plays again and answers a turn
by typing a reply and pressing 'Say it' from the keyboard. What the browser shows is compared
with the pure engine and ``pb.decide``, not with hard-coded text. Screenshots go
to ``test-artifacts/browser/``. Nothing is saved: a save is answered with the
file's unchanged model, renames and deletions are refused, and the notebook's
bytes are compared before and after.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from pushback_lib import decide
from pushback_lib.practice.freetext import read_reply
from pushback_lib.practice.roleplay import RolePlaySession
from pushback_lib.practice.script import load_script

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(300)]

ROOT = Path(__file__).resolve().parents[2]
STUDIO = "course/12-practice-studio.ipynb"
ROLEPLAY_LESSON = "course/10-case-study-niche-recruitment.ipynb"
SHOTS = ROOT / "test-artifacts" / "browser"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def _never_save(route) -> None:
    """Answer a save (PUT) with the file's current model, untouched, so JupyterLab's
    autosave neither writes the notebook nor raises a dialog; refuse renames and
    deletions; let everything else (loading, checkpoints in the git-ignored
    ``.ipynb_checkpoints``) through."""
    method = route.request.method
    if method == "PUT":
        url = route.request.url.split("?")[0]
        current = route.fetch(url=f"{url}?content=0", method="GET", post_data=None)
        route.fulfill(response=current)
    elif method in ("PATCH", "DELETE"):
        route.abort()
    else:
        route.continue_()


def _wait_until(predicate, timeout: float, what: str, interval: float = 0.25):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def _prompts(page) -> list[str]:
    return page.eval_on_selector_all(".jp-Notebook .jp-CodeCell .jp-InputArea-prompt",
                                     "els => els.map(e => e.textContent.trim())")


def _all_cells_ran(page, count: int) -> bool:
    """Every code cell shows a fresh execution count (1..count) and none is queued ([*])."""
    return _prompts(page) == [f"[{i}]:" for i in range(1, count + 1)]


def _menu(page, menu: str, item: str) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{menu}$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{item}$")).click()


def _run_all_cells(page, code_cells: int) -> None:
    """Edit > Clear Outputs of All Cells, then Run > Run All Cells, as a learner would.

    Clearing first means the stored execution counts cannot pass for fresh ones. If
    the kernel was still settling and the run never started (every prompt back to
    ``[ ]`` and the kernel idle), the run is asked for again, at most twice more.
    """
    for _attempt in range(3):
        _menu(page, "Edit", "Clear Outputs of All Cells")
        try:
            _wait_until(lambda: all(p == "[ ]:" for p in _prompts(page)), 10, "outputs to clear")
            break
        except AssertionError:
            page.keyboard.press("Escape")  # close the menu if the item was not ready yet
    else:
        page.screenshot(path=str(SHOTS / "00-clear-failed.png"))
        raise AssertionError(f"Edit > Clear Outputs of All Cells did not clear: {_prompts(page)}")
    for _attempt in range(3):
        _menu(page, "Run", "Run All Cells")
        started = time.monotonic()
        while time.monotonic() - started < 150:
            if _all_cells_ran(page, code_cells):
                return
            idle = page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").count()
            if (time.monotonic() - started > 15 and idle
                    and all(p == "[ ]:" for p in _prompts(page))):
                break  # nothing ran: ask again
            time.sleep(0.5)
        else:
            break
    page.screenshot(path=str(SHOTS / "00-run-all-failed.png"))
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    detail = errors.first.inner_text()[:2000] if errors.count() else ""
    raise AssertionError(f"the cells did not all run; prompts: {_prompts(page)} {detail}")


def _run_all_until(page, selector: str) -> None:
    """Run > Run All Cells, then wait until ``selector`` (a widget's output) is on the page.

    For a long notebook, where JupyterLab's windowed rendering keeps the prompts of cells
    scrolled out of view stale, so counting prompts cannot tell whether every cell ran.
    """
    for _attempt in range(3):
        _menu(page, "Run", "Run All Cells")
        try:
            page.wait_for_selector(selector, state="attached", timeout=150_000)
            return
        except Exception:
            page.keyboard.press("Escape")
    page.screenshot(path=str(SHOTS / "00-run-all-failed.png"))
    raise AssertionError(f"Run All Cells never rendered {selector}")


@contextmanager
def _lesson_page(lab_server, chromium_path, notebook_path: str, shots: str,
                 rendered: str | None = None) -> Iterator:
    """A browser page on the notebook with every cell run (or, for a long notebook, run until
    ``rendered`` is on the page); the notebook's bytes must not change."""
    from playwright.sync_api import sync_playwright

    notebook = ROOT / notebook_path
    code_cells = sum(c["cell_type"] == "code" for c in json.loads(notebook.read_text("utf-8"))["cells"])
    before = hashlib.sha256(notebook.read_bytes()).hexdigest()
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1100})
        try:
            page.route("**/api/contents/**", _never_save)
            # A workspace of its own, reset: no tab left open by another test hides this notebook.
            page.goto(f"{lab_server.url}/lab/workspaces/{shots}/tree/{notebook_path}"
                      f"?reset&token={lab_server.token}")
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
            page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']",
                                   timeout=90_000)
            if rendered is None:
                _run_all_cells(page, code_cells)
            else:
                _run_all_until(page, rendered)
            yield page
        except Exception:
            page.screenshot(path=str(SHOTS / f"{shots}-99-failure.png"))  # what the browser showed
            raise
        finally:
            browser.close()
    assert hashlib.sha256(notebook.read_bytes()).hexdigest() == before, "the test saved the notebook"


def _visible_with_label(widget, label: str) -> None:
    widget.wait_for(state="attached", timeout=60_000)
    widget.scroll_into_view_if_needed()
    widget.wait_for(state="visible", timeout=20_000)
    assert widget.get_by_text(label).first.is_visible(), label


def test_practice_studio_widgets_render_and_respond(lab_server, chromium_path) -> None:
    with _lesson_page(lab_server, chromium_path, STUDIO, "studio") as page:
        explorer = page.locator(".pushback-explorer").first
        builder = page.locator(".pushback-builder").first
        _visible_with_label(explorer, "Evidence")
        _visible_with_label(builder, "Business reason")
        assert builder.locator(".pushback-field-business_reason textarea").count() == 1

        # Move the evidence slider with the keyboard until the recommendation changes.
        explorer.scroll_into_view_if_needed()  # the builder check scrolled it out of the window
        recommendation = explorer.locator(".pushback-explorer-recommendation")
        _wait_until(lambda: "Recommendation:" in recommendation.inner_text(), 20,
                    "the explorer to show its recommendation")
        assert "Recommendation: Push back" in recommendation.inner_text()
        handle = explorer.locator(".pushback-slider-evidence .noUi-handle")
        handle.focus()
        explorer.scroll_into_view_if_needed()
        explorer.screenshot(path=str(SHOTS / "studio-01-explorer-before.png"))
        presses = 0
        while "Recommendation: Let go" not in recommendation.inner_text() and presses < 17:
            shown = recommendation.inner_text()
            page.keyboard.press("ArrowLeft")
            presses += 1
            try:
                page.wait_for_function("([el, old]) => el.innerText !== old",
                                       arg=[recommendation.element_handle(), shown], timeout=5_000)
            except Exception:
                pass
        evidence = float(explorer.locator(".pushback-slider-evidence .widget-readout").inner_text())
        start = decide("survey_timing").inputs.evidence
        assert evidence == pytest.approx(start - 0.05 * presses), "each arrow key moves one step"
        expected = decide("survey_timing", evidence=evidence)
        assert expected.recommendation == "let_go"
        _wait_until(lambda: "Recommendation: Let go" in recommendation.inner_text(), 20,
                    "the recommendation to read 'Let go'")
        assert f"{expected.value_push_back:+.2f}" in recommendation.inner_text()
        chart_text = explorer.locator(".pushback-explorer-chart-text")
        _wait_until(lambda: f"(now {evidence:.2f})" in chart_text.inner_text(), 20,
                    "the chart to be redrawn for the new evidence value")
        assert "recommendation: let go" in chart_text.inner_text()
        explorer.screenshot(path=str(SHOTS / "studio-02-explorer-after-arrow-keys.png"))

        # Typing into the builder updates its live rubric.
        score = builder.locator(".pushback-builder-score")
        before_score = score.inner_text()
        builder.locator(".pushback-field-acknowledge textarea").fill(
            "I see why the date matters: the results have to reach the board before the spring planning day.")
        _wait_until(lambda: score.inner_text() != before_score, 20, "the rubric to update")
        builder.scroll_into_view_if_needed()
        builder.screenshot(path=str(SHOTS / "studio-03-builder-live-rubric.png"))


def test_roleplay_plays_to_its_outcome_by_click_and_keyboard(lab_server, chromium_path) -> None:
    with _lesson_page(lab_server, chromium_path, ROLEPLAY_LESSON, "roleplay",
                      rendered=".pushback-roleplay .pushback-roleplay-choices button") as page:
        roleplay = page.locator(".pushback-roleplay").first
        _visible_with_label(roleplay, "Trust")
        roleplay.locator(".pushback-roleplay-choices button").first.wait_for(state="visible")
        roleplay.screenshot(path=str(SHOTS / "roleplay-01-first-turn.png"))

        # Play the Khalid role-play by always taking the engine's first answer, found by its text
        # (the widget shows each turn's answers in a seeded shuffled order): click it, then
        # alternate with the keyboard (focus it and press Enter).
        engine = RolePlaySession(load_script("niche_recruitment"))
        while not engine.finished:
            says = roleplay.locator(".pushback-roleplay-says").inner_text()
            assert engine.turn.says.split()[0] in says
            wanted = " ".join(engine.turn.choices[0].text.split())
            button = roleplay.locator(".pushback-roleplay-choices button").filter(has_text=wanted[:60])
            if len(engine.steps) % 2:
                focused = page.evaluate("() => document.activeElement.classList.contains("
                                        "'pushback-choice')")
                assert focused, "after a click, focus stays on an answer button"
                button.focus()
                page.keyboard.press("Enter")
            else:
                button.click()
            engine.choose(0)
            if not engine.finished:
                page.wait_for_function(
                    "([el, old]) => el.innerText !== old",
                    arg=[roleplay.locator(".pushback-roleplay-says").element_handle(), says],
                    timeout=20_000)
        outcome = roleplay.locator(".pushback-roleplay-outcome h4")
        outcome.wait_for(state="visible", timeout=20_000)
        assert outcome.inner_text() == f"Outcome: {engine.outcome.replace('_', ' ')}"
        assert "Debrief by stage" in roleplay.locator(".pushback-roleplay-outcome").inner_text()
        assert "Run 1" in roleplay.locator(".pushback-roleplay-runs").inner_text()
        roleplay.scroll_into_view_if_needed()
        roleplay.screenshot(path=str(SHOTS / "roleplay-02-outcome.png"))

        # Play again and answer the first turn in the learner's own words, keyboard only: type
        # into the reply box, Tab to 'Say it', press Enter. The branch shown must be the one the
        # pure engine reads for the same words.
        script = engine.script
        roleplay.locator("button.pushback-roleplay-restart").click()
        box = roleplay.locator(".pushback-roleplay-reply textarea")
        box.wait_for(state="visible", timeout=20_000)
        typed = "Thanks for going through them so carefully. What did you hope to see on his profile?"
        box.click()
        page.keyboard.type(typed)
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.classList.contains("
                             "'pushback-roleplay-say')"), "Tab moves from the reply box to 'Say it'"
        page.keyboard.press("Enter")
        exchange = roleplay.locator(".pushback-roleplay-exchange")
        _wait_until(lambda: typed in exchange.inner_text(), 20, "the typed reply in the exchange")
        first = script.turn(script.start)
        expected = read_reply(first, typed)
        assert f"Read as closest to answer {'ABCDEFGH'[expected.index]}" in exchange.inner_text()
        assert first.choices[expected.index].reply.strip() in exchange.inner_text()
        roleplay.scroll_into_view_if_needed()
        roleplay.screenshot(path=str(SHOTS / "roleplay-03-typed-reply.png"))
