"""The standalone stepper app, for real: `voila notebooks/stepper_app.ipynb` in Debian's Chromium.

A module-scoped fixture starts Voila 0.5 as a subprocess on 127.0.0.1 (a free port, no port
retries, no browser, all Jupyter state in a temporary folder), waits until it answers, and stops
it by PID afterwards (SIGTERM, then SIGKILL; any kernel it left behind is killed by PID too).
Each test loads the page in its own headless Chromium (conftest's browser_page), so each gets
its own kernel.

- test_voila_shows_just_the_stepper: no code on the page; the stepper in large mode (for a
  projector); a click on Forward writes sA on the diagram, with course_lib's value; no request
  leaves 127.0.0.1 but the two Font Awesome stylesheets Voila's own template links to (from a
  CDN; the page works without them, and the test blocks them, so nothing leaves the machine).
- test_stepper_is_usable_with_the_keyboard_alone: Tab (at most MAX_TABS presses) until the
  Forward button has the focus, Enter, and sA appears; then Forward to f, Tab to Backward, Full
  step, Update weights and Undo, each pressed with Enter and seen on the diagram; the boxes'
  labels; the arrow keys step.

Screenshots: artifacts/voila_app.png, artifacts/voila_keyboard.png.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from local_server import free_port, isolated_env, log_tail, start

from course_lib import backward, forward, seed_network
from course_lib.views.diagram import signed

REPO = Path(__file__).resolve().parent.parent
APP = REPO / "notebooks" / "stepper_app.ipynb"
ARTIFACTS = REPO / "artifacts"
START_TIMEOUT_S = 60
PAGE_TIMEOUT_MS = 30_000     # page served + kernel started + widgets rendered
UPDATE_TIMEOUT_MS = 10_000   # one click -> the diagram redrawn
MAX_TABS = 60



@dataclass
class VoilaServer:
    process: subprocess.Popen
    port: int
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def log_tail(self, lines: int = 30) -> str:
        return log_tail(self.log_path, lines)


def _children(pid: int) -> list[int]:
    """PIDs of the direct children of ``pid`` (the kernels Voila started), from /proc."""
    path = Path(f"/proc/{pid}/task/{pid}/children")
    try:
        return [int(p) for p in path.read_text().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _stop(server: VoilaServer) -> None:
    """SIGTERM Voila (it shuts its kernels down), SIGKILL if it hangs; then any leftover kernel."""
    process = server.process
    kernels = _children(process.pid)
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
    deadline = time.monotonic() + 5
    for pid in kernels:
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def voila_app(tmp_path_factory, chromium_path) -> VoilaServer:
    """`voila notebooks/stepper_app.ipynb` on 127.0.0.1:<free port>, stopped by PID at the end.

    Asks for chromium_path first, so that without Chromium (locally) no server is started."""
    state = tmp_path_factory.mktemp("voila-state")
    port = free_port()
    command = [
        sys.executable, "-m", "voila", str(APP),
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        "--Voila.port_retries=0",
    ]  # fmt: skip
    log_path = state / "voila.log"
    # voila.js only answers once the server is up; asking for it does not start a kernel
    process = start(command, cwd=REPO, env=isolated_env(state), log_path=log_path,
                    ready_url=f"http://127.0.0.1:{port}/voila/static/voila.js",
                    what="voila", timeout_s=START_TIMEOUT_S)
    server = VoilaServer(process, port, log_path)
    try:
        yield server
    finally:
        _stop(server)


#: What Voila 0.5's own "lab" template links to outside this machine (nothing of ours).
VOILA_TEMPLATE_CDN = ("https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@",)


def keep_local(page) -> list:
    """Block every request that would leave 127.0.0.1; return the list of what was asked."""
    asked = []

    def handle(route):
        asked.append(route.request.url)
        route.abort()
    page.route(lambda url: not url.startswith(("http://127.0.0.1", "blob:", "data:")), handle)
    return asked


def library_values() -> dict:
    trace = forward(seed_network(), [1.0, 0.5])
    return {**trace.values, **backward(trace, 1.0).values}


def diagram_text(page, name: str):
    """The locator of the diagram's text for ``name`` (e.g. sA, dL_wrt_f) while it is shown
    (the stepper's front end has every number of the pass, and shows the ones known)."""
    return page.locator(f'.stepper-diagram text[data-name="{name}"][visibility="visible"]')


def expect_shown(page, name: str, value: float) -> None:
    """Wait until the diagram writes ``name = <course_lib's value>``."""
    text = f"{name.replace('dL_wrt_', '∂L/∂')} = {signed(value)}"
    page.wait_for_function(
        "([name, text]) => { const el = document.querySelector("
        "`.stepper-diagram text[data-name=\"${name}\"]`); return !!el && el.textContent === text "
        "&& el.getAttribute('visibility') === 'visible'; }",
        arg=[name, text], timeout=UPDATE_TIMEOUT_MS, polling=50)


def load_app(page, server: VoilaServer) -> float:
    """Load the app page; return seconds until the Forward button is visible."""
    start = time.perf_counter()
    page.goto(server.url, timeout=PAGE_TIMEOUT_MS)
    page.locator(".stepper-forward").wait_for(state="visible", timeout=PAGE_TIMEOUT_MS)
    page.locator(".stepper-diagram svg").wait_for(timeout=PAGE_TIMEOUT_MS)
    return time.perf_counter() - start


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_voila_shows_just_the_stepper(voila_app, browser_page):
    page = browser_page
    asked = keep_local(page)
    loaded_s = load_app(page, voila_app)
    values = library_values()

    # just the stepper: the markdown title and instructions, no code, no prompts, no editor
    body = page.locator("body").inner_text()
    assert "The stepper: one sample through the network" in body
    assert "press Tab" in body
    for code in ("from course_lib import", "Stepper()", "import Stepper"):
        assert code not in body, f"code cell source {code!r} shown on the Voila page"
    for selector in (".jp-CodeCell .jp-InputArea", ".jp-InputPrompt", ".jp-CodeMirrorEditor",
                     ".cm-editor", ".jp-OutputPrompt", "pre.highlight"):
        assert page.locator(selector).count() == 0, f"{selector} on the Voila page"
    # the one code cell is rendered by its output alone, and that output is the stepper
    assert page.locator(".jp-CodeCell").count() == 1
    assert page.locator(".jp-CodeCell.jp-mod-noInput .stepper").count() == 1
    assert page.locator(".stepper").count() == 1
    assert page.locator(".stepper.stepper-large").count() == 1       # large mode, for a projector
    assert page.locator(".stepper-big input").is_checked()

    # before any click only the inputs and weights are drawn; Forward computes sA
    assert diagram_text(page, "sA").count() == 0
    assert "Step 0 of 34" in page.locator(".stepper-step").inner_text()
    start = time.perf_counter()
    page.locator(".stepper-forward").click()
    expect_shown(page, "sA", values["sA"])
    click_s = time.perf_counter() - start
    assert "Step 1 of 34" in page.locator(".stepper-step").inner_text()
    sA = page.locator('.stepper-table tr:not([hidden]) td[data-name="sA"]')
    assert float(sA.get_attribute("data-value")) == values["sA"]

    # a second click: the next node (A), with the library's value
    page.locator(".stepper-forward").click()
    expect_shown(page, "A", values["A"])
    screenshot(page, "voila_app")
    assert all(url.startswith(VOILA_TEMPLATE_CDN) for url in asked), asked

    # on a 1280 x 800 projector, in large mode: controls, diagram, current step and chain fit
    page.set_viewport_size({"width": 1280, "height": 800})
    top = page.locator(".stepper-toolbar").bounding_box()["y"]
    bottom = page.locator(".stepper-panels").bounding_box()
    assert bottom["y"] + bottom["height"] - top <= 800, (top, bottom)
    assert page.locator(".stepper-diagram text").first.evaluate(
        "t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a") >= 18
    print(f"\nvoila: stepper visible {loaded_s:.1f} s after page.goto; Forward -> sA drawn "
          f"{click_s * 1000:.0f} ms")


# Which element has the focus: its classes and text, for the assertion messages.
_ACTIVE_JS = "() => { const e = document.activeElement; " \
             "return e ? [e.tagName, e.className || '', (e.textContent || '').trim()] : null; }"


# The accessible name a screen reader announces for the focused box or menu: its <label>.
_LABEL_JS = "() => { const e = document.activeElement; " \
            "return e.labels && e.labels.length ? e.labels[0].textContent : e.tagName; }"


def tab_to(page, css_class: str, max_presses: int = MAX_TABS) -> int:
    """Press Tab until document.activeElement carries ``css_class``; return the presses used."""
    seen = []
    for presses in range(1, max_presses + 1):
        page.keyboard.press("Tab")
        active = page.evaluate(_ACTIVE_JS)
        seen.append(active)
        if active and css_class in active[1].split():
            return presses
    raise AssertionError(f"{css_class} not reached with {max_presses} Tab presses; focus went "
                         f"through {seen}")


def test_stepper_is_usable_with_the_keyboard_alone(voila_app, browser_page):
    page = browser_page
    keep_local(page)
    load_app(page, voila_app)
    values = library_values()
    page.locator("body").focus()
    start = time.perf_counter()

    # Tab to Forward: a real <button> labelled Forward, with its tooltip; Enter presses it
    presses = tab_to(page, "stepper-forward")
    tag, _, text = page.evaluate(_ACTIVE_JS)
    assert (tag, text) == ("BUTTON", "Forward")
    assert page.evaluate("() => document.activeElement.title").startswith("Compute the next node")
    # and the focus is visible: the stepper's own 3 px ring, not the widgets' faint 1 px one
    assert page.evaluate("() => getComputedStyle(document.activeElement).outlineWidth") == "3px"
    page.keyboard.press("Enter")
    expect_shown(page, "sA", values["sA"])

    # the focus stays on Forward: Enter nine more times reaches the forecast f
    for _ in range(9):
        page.keyboard.press("Enter")
    expect_shown(page, "f", values["f"])

    # the next Tab reaches Backward: Enter sends the first error back
    tab_to(page, "stepper-backward", max_presses=1)
    page.keyboard.press("Enter")
    expect_shown(page, "dL_wrt_f", values["dL_wrt_f"])

    # Full step: every gradient, the first layer's included
    tab_to(page, "stepper-full-step", max_presses=1)
    page.keyboard.press("Enter")
    expect_shown(page, "dL_wrt_A", values["dL_wrt_A"])
    page.locator('.stepper-table tr:not([hidden]) td[data-name="dL_wrt_w_I1_A"]').wait_for(
        state="attached", timeout=UPDATE_TIMEOUT_MS)

    # Update weights starts the next pass (nothing known yet); Undo takes it back: every
    # number of the full step is shown again
    tab_to(page, "stepper-update", max_presses=1)
    page.keyboard.press("Enter")
    diagram_text(page, "dL_wrt_A").wait_for(state="detached", timeout=UPDATE_TIMEOUT_MS)
    assert diagram_text(page, "dL_wrt_f").count() == 0
    page.locator(".stepper-axis", has_text="update 0 … 1").wait_for(timeout=UPDATE_TIMEOUT_MS)
    tab_to(page, "stepper-undo", max_presses=1)
    page.keyboard.press("Enter")
    expect_shown(page, "dL_wrt_A", values["dL_wrt_A"])
    assert page.locator(".stepper-axis").count() == 0

    # the boxes and menus come next in the Tab order, each named by its <label>
    tab_to(page, "stepper-reset", max_presses=1)
    labels = []
    for _ in range(6):
        page.keyboard.press("Tab")
        labels.append(page.evaluate(_LABEL_JS))
    assert labels == ["I1", "I2", "correct", "learning rate", "activation", "weight"]

    # every button has its tooltip as a title; every box and menu a <label for=...> and a title
    buttons = page.locator(".stepper button").evaluate_all(
        "els => els.map(e => [e.textContent.trim(), e.title])")
    assert [text for text, _ in buttons] == ["Forward", "Backward", "Full step", "Update weights",
                                             "Undo", "Reset"]
    assert all(title for _, title in buttons), buttons
    inputs = page.locator(".stepper input, .stepper select").evaluate_all(
        "els => els.map(e => [e.labels.length ? e.labels[0].textContent : '', e.title])")
    assert len(inputs) == 7 and all(label and title for label, title in inputs), inputs
    assert inputs[-1][0] == "large text"

    # the arrow keys step from any button: ← takes the last step back, → does it again
    page.locator(".stepper-forward").focus()
    status = page.locator(".stepper-status")
    before = status.inner_text()
    page.keyboard.press("ArrowLeft")
    assert status.inner_text() != before
    page.keyboard.press("ArrowRight")
    assert status.inner_text() == before
    elapsed = time.perf_counter() - start
    screenshot(page, "voila_keyboard")
    print(f"\nkeyboard: Forward reached with {presses} Tab presses; the whole walk took "
          f"{elapsed:.1f} s")
