"""The training lab in a real browser: JupyterLab in Debian's Chromium, driven by Playwright.

A small notebook written into the test's own temporary folder (notebook 09 is not touched)
shows a TrainingLab on the moons; the test runs it, clicks Play, and watches the page while
training runs: the count and the progress bar (role="progressbar", aria-valuenow), the loss
curve and the decision boundary must all change at least twice before the last epoch, a few
times a second, with the kernel free between frames (Pause is a click the kernel handles
mid-training). Then Pause must stop everything, Step add exactly one epoch and Reset go back
to epoch 0. Along the way: no <img> anywhere (no broken image), every label and the
boundary's text inside their boxes, and a screenshot mid-training:
artifacts/training_lab_mid_training.png. The same notebook in Notebook 7 (served by the same
server) and in Voila 0.5 (its own server, stopped by PID) must play live and pause too.
No request leaves 127.0.0.1. Fixtures: tests/conftest.py.
"""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from local_server import free_port, isolated_env, start

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "artifacts"
EPOCHS = 3000
SCREENSHOT_AT = 400      # epochs: the boundary has found its shape, the loss is still falling
LAB_CODE = f"""from course_lib import TrainingLab
lab = TrainingLab()
lab.dataset_menu.value = "moons"
lab.network_menu.value = "wider 2-8-8-1"
lab.activation_menu.value = "tanh"
lab.learning_rate_box.value = "1"
lab.epochs_box.value = "{EPOCHS}"
lab.speed_menu.value = 20
lab"""

# What the page shows now: the progress, the loss curve's points, the boundary's drawing.
_SNAPSHOT_JS = """(root) => {
  const bar = root.querySelector('[role=progressbar]');
  const line = root.querySelector('.training-loss polyline');
  const svg = root.querySelector('.training-boundary svg');
  return {epoch: Number(bar.getAttribute('aria-valuenow')),
          count: root.querySelector('.training-count').textContent,
          loss: line ? line.getAttribute('points') : '',
          boundary: svg ? svg.innerHTML.length + ':' + svg.getAttribute('aria-label') : '',
          playDisabled: root.querySelector('.training-play').disabled,
          message: root.querySelector('.training-message').textContent,
          t: performance.now()};
}"""

# Every piece of text that does not fit its box: a label cut ("learning r…") or SVG text
# drawn outside its <svg>.
_CUT_JS = """(root) => {
  const cut = [];
  root.querySelectorAll('.widget-label, .widget-button, .training-count').forEach(e => {
    if (e.scrollWidth > e.clientWidth + 1) cut.push(e.textContent);
  });
  root.querySelectorAll('svg').forEach(svg => {
    const box = svg.getBoundingClientRect();
    svg.querySelectorAll('text').forEach(t => {
      const r = t.getBoundingClientRect();
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1
          || r.bottom > box.bottom + 1) cut.push('svg text: ' + t.textContent);
    });
  });
  return cut;
}"""


def offline(page) -> list:
    """Block every request that would leave 127.0.0.1; return the list they are logged in."""
    foreign = []

    def route(route):
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")):
            route.continue_()
        else:
            foreign.append(url)
            route.abort()

    page.route("**/*", route)
    return foreign


def write_notebook(path: Path) -> None:
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    nb = new_notebook(cells=[new_code_cell(LAB_CODE), new_code_cell('print("cells ran")')])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, str(path))


@pytest.fixture
def lab_page(tmp_path, lab_server, browser_page, open_notebook, run_all_cells):
    """The page, with the lab notebook run in JupyterLab (its own server, in tmp_path)."""
    write_notebook(tmp_path / "training_lab.ipynb")
    server = lab_server(tmp_path)
    browser_page.foreign_requests = offline(browser_page)
    try:
        open_notebook(browser_page, server, "training_lab.ipynb")
        run_all_cells(browser_page)
        browser_page.locator(".jp-OutputArea-output", has_text="cells ran").wait_for(
            timeout=30_000)
        browser_page.locator(".training-lab .training-boundary svg").wait_for(timeout=30_000)
        yield browser_page
    finally:
        server.stop()


def watch_training(page, root, screenshot, changes=3, timeout_s=30):
    """Snapshots every 50 ms until both pictures changed `changes` times and the screenshot
    artifacts/<screenshot>.png is taken at SCREENSHOT_AT epochs (or timeout)."""
    snaps, deadline = [page.evaluate(_SNAPSHOT_JS, root)], time.monotonic() + timeout_s
    screenshot_taken = False
    while time.monotonic() < deadline:
        time.sleep(0.05)
        snap = page.evaluate(_SNAPSHOT_JS, root)
        if snap != {**snaps[-1], "t": snap["t"]}:
            snaps.append(snap)
        loss = len({s["loss"] for s in snaps}) - 1
        boundary = len({s["boundary"] for s in snaps}) - 1
        if not screenshot_taken and min(loss, boundary) >= 2 and snap["epoch"] >= SCREENSHOT_AT:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"{screenshot}.png"))
            screenshot_taken = True
        if min(loss, boundary) >= changes and screenshot_taken:
            break
    return snaps


def play_and_pause(page, root, handle, screenshot):
    """Click Play, see both pictures change live (screenshot mid-training), click Pause, see
    everything stop. Returns (the snapshot at Pause, the snapshots while running)."""
    root.locator(".training-play").click()
    snaps = watch_training(page, handle, screenshot)
    running = [s for s in snaps if 0 < s["epoch"] < EPOCHS]
    assert len({s["loss"] for s in running}) >= 3, "the loss curve did not change twice"
    assert len({s["boundary"] for s in running}) >= 3, "the boundary did not change twice"
    seconds = (running[-1]["t"] - running[0]["t"]) / 1000
    redraws = len({s["epoch"] for s in running}) - 1
    print(f"\n{redraws} redraws in {seconds:.2f} s ({redraws / seconds:.1f} a second), "
          f"epochs {running[0]['epoch']} -> {running[-1]['epoch']}")
    assert redraws / seconds >= 2, "fewer than two redraws a second"
    assert all(s["count"] == f"epoch {s['epoch']} / {EPOCHS}" for s in snaps)
    assert all(s["playDisabled"] for s in running)

    root.locator(".training-pause").click()
    page.wait_for_function("(root) => !root.querySelector('.training-play').disabled", arg=handle,
                           timeout=5_000)
    time.sleep(0.3)                                  # a frame that was on its way has landed
    paused = page.evaluate(_SNAPSHOT_JS, handle)
    time.sleep(1.0)
    later = page.evaluate(_SNAPSHOT_JS, handle)
    assert 0 < paused["epoch"] == later["epoch"] < EPOCHS, "training went on after Pause"
    assert (paused["loss"], paused["boundary"]) == (later["loss"], later["boundary"])
    assert f"Paused at epoch {paused['epoch']} of {EPOCHS}" in later["message"]
    return paused, running


def test_play_redraws_live_pause_stops_step_and_reset(lab_page):
    page = lab_page
    root = page.locator(".training-lab").first
    root.evaluate("e => e.scrollIntoView({block: 'start'})")
    handle = root.element_handle()
    start = page.evaluate(_SNAPSHOT_JS, handle)
    assert start["epoch"] == 0 and start["count"] == f"epoch 0 / {EPOCHS}"
    assert root.locator("img").count() == 0                     # no image: none can break
    assert page.evaluate(_CUT_JS, handle) == []
    assert "learning rate" in root.locator(".widget-label").all_inner_texts()

    paused, _ = play_and_pause(page, root, handle, "training_lab_mid_training")
    assert page.evaluate(_CUT_JS, handle) == []

    root.locator(".training-step").click()
    page.wait_for_function(f"(root) => root.querySelector('[role=progressbar]')"
                           f".getAttribute('aria-valuenow') === '{paused['epoch'] + 1}'",
                           arg=handle, timeout=5_000)
    root.locator(".training-reset").click()
    page.wait_for_function(f"""([root, start]) => {{
        const snap = ({_SNAPSHOT_JS})(root);
        return snap.count === 'epoch 0 / {EPOCHS}' && snap.loss === start.loss
               && snap.boundary === start.boundary; }}""", arg=[handle, start], timeout=5_000)
    assert page.foreign_requests == []


# A code cell's prompt reads "[*]:" while it runs and "[1]:" once it ran.
_PROMPTS = "[...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].map(p => p.textContent)"
_STARTED_JS = f"() => {_PROMPTS}.some(t => /[*0-9]/.test(t))"
_ALL_DONE_JS = f"() => {{ const p = {_PROMPTS}; return p.length > 0 && p.every(t => /[0-9]/.test(t)); }}"


def test_notebook_7_plays_and_pauses(tmp_path, lab_server, browser_page):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    write_notebook(tmp_path / "training_lab.ipynb")
    server = lab_server(tmp_path)
    page = browser_page
    foreign = offline(page)
    try:
        page.goto(f"{server.base_url}notebooks/training_lab.ipynb?token={server.token}")
        page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=60_000)
        # The first "Run All" on a fresh server can be dropped: click again only if no cell
        # started (a second run queued behind a slow first one would replace the lab being
        # played with a new one, mid-test).
        for attempt in range(3):
            page.get_by_role("menuitem", name="Run", exact=True).click()
            page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
            try:
                page.wait_for_function(_STARTED_JS, timeout=15_000, polling=100)
                break
            except PlaywrightTimeout:
                if attempt == 2:
                    raise
        page.locator(".jp-OutputArea-output", has_text="cells ran").wait_for(timeout=120_000)
        page.wait_for_function(_ALL_DONE_JS, timeout=30_000, polling=100)
        page.locator(".training-lab .training-boundary svg").wait_for(timeout=30_000)
        assert page.locator(".training-lab").count() == 1
        root = page.locator(".training-lab").first
        root.evaluate("e => e.scrollIntoView({block: 'start'})")
        play_and_pause(page, root, root.element_handle(), "training_lab_notebook7")
        assert foreign == []
    finally:
        server.stop()


@pytest.fixture
def voila_url(tmp_path, chromium_path):
    """`voila training_lab.ipynb` on 127.0.0.1:<free port>; stopped by PID (its kernels too)."""
    write_notebook(tmp_path / "training_lab.ipynb")
    state, port = tmp_path / "voila-state", free_port()
    state.mkdir()
    command = [sys.executable, "-m", "voila", "training_lab.ipynb", "--no-browser",
               f"--port={port}", "--Voila.ip=127.0.0.1", "--Voila.port_retries=0"]
    process = start(command, cwd=tmp_path, env=isolated_env(state),
                    log_path=state / "voila.log",
                    ready_url=f"http://127.0.0.1:{port}/voila/static/voila.js", what="voila",
                    timeout_s=60)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
        kernels = [int(p) for p in children.read_text().split()] if children.exists() else []
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        for pid in kernels:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def test_voila_plays_and_pauses(voila_url, browser_page):
    page = browser_page
    foreign = offline(page)
    page.goto(voila_url, timeout=60_000)
    page.locator(".training-lab .training-boundary svg").wait_for(timeout=60_000)
    root = page.locator(".training-lab").first
    handle = root.element_handle()
    assert page.evaluate(_CUT_JS, handle) == []
    play_and_pause(page, root, handle, "training_lab_voila")
    # Voila's own page template asks a CDN for Font Awesome (blocked here; nothing breaks)
    assert all("fontawesome" in url for url in foreign), foreign
