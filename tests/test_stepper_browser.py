"""The stepper in a real browser: JupyterLab 4 in Debian's Chromium, driven by Playwright.

On the server the README's `jupyter lab` command starts (conftest's jupyter_lab: no server
tweaks, only JupyterLab's news and autosave switched off), at 1280 x 800:

- test_stepping_is_within_one_frame_and_shows_the_library_numbers: opens notebooks/
  stepper.ipynb, runs it, inserts a trivial anywidget above the stepper (local_server's
  ANYWIDGET_BASELINE_CODE), then steps Forward to f and Backward to the first layer by
  clicks, and back and forth by arrow keys, each step followed by one click on the trivial
  widget (same page, same run, so both see the same machine load). Click or key -> the
  diagram's change is measured in the page (event.timeStamp -> the first MutationObserver
  record): median <= 16 ms (one frame at 60 Hz) over >= 30 steps. Every number shown is
  course_lib's, and the Python state agrees with the browser (asked in a cell).
- test_the_stepper_is_readable_and_direct: fits 1280 x 800; diagram text >= 14 px; no two
  labels overlap after a full pass on the seed, the two-output and a 3-4-4-2 network; no
  identifier or number broken across lines; clicks on edges and nodes, hover and focus
  cards, the keys (u, z, Backspace, Home, End, arrows) and the live region; the dead relu's
  words; large mode.
- test_static_diagrams_scale_to_the_output_width: notebook 03's diagrams, at 1400 x 900
  (a 968 px output area) and 1280 x 800: nothing cut off, text >= 14 px.
- test_the_stepper_works_in_notebook_7: `jupyter notebook` (Notebook 7) runs it too.

Screenshots in artifacts/: stepper_start, stepper_mid_backward, stepper_end, stepper_big,
stepper_3442, stepper_static_03.
"""
import secrets
import statistics
import sys
from pathlib import Path

import pytest
from local_server import ANYWIDGET_BASELINE_CODE, free_port, isolated_env, start

from course_lib import backward, explain, forward, seed_network
from course_lib.labs.stepper_state import StepperState
from course_lib.views.diagram import signed

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "artifacts"
FRAME_MS = 16.0
MIN_STEPS = 30

# --- helpers running in the page ----------------------------------------------------------------

_INSERT_AND_RUN_JS = """async ([code, above]) => {
  const app = window.jupyterapp;
  const notebook = app.shell.currentWidget.content;
  const index = above === null ? notebook.widgets.length - 1 : notebook.widgets.findIndex(
    c => c.model.sharedModel.getSource().trim() === above);
  notebook.activeCellIndex = index;
  await app.commands.execute(above === null ? 'notebook:insert-cell-below' : 'notebook:insert-cell-above');
  notebook.activeCell.model.sharedModel.setSource(code);
  await app.commands.execute('notebook:run-cell');
  return notebook.activeCellIndex;
}"""

_ARM_JS = """(watch) => {
  const record = {t0: null, t1: null, created: null};
  window.__step = record;
  const start = (event) => {
    if (record.t0 === null) { record.t0 = performance.now(); record.created = event.timeStamp; }
    window.removeEventListener('click', start, true);
    window.removeEventListener('keydown', start, true);
  };
  window.addEventListener('click', start, true);
  window.addEventListener('keydown', start, true);
  const observer = new MutationObserver(() => {
    if (record.t0 !== null && record.t1 === null) { record.t1 = performance.now(); observer.disconnect(); }
  });
  observer.observe(watch, {subtree: true, childList: true, characterData: true, attributes: true});
}"""

_VISIBLE_TEXTS_JS = """(stepper) => [...stepper.querySelectorAll('.stepper-diagram text[data-name]')]
  .filter(t => t.getAttribute('visibility') !== 'hidden').map(t => [t.dataset.name, t.textContent])"""

_TABLE_JS = """(stepper) => [...stepper.querySelectorAll('.stepper-table tr')].filter(r => !r.hidden)
  .map(r => r.querySelector('td.num')).filter(Boolean)
  .map(td => [td.dataset.name, td.dataset.value, td.textContent])"""

_OVERLAPS_JS = """(stepper) => {
  const texts = [...stepper.querySelectorAll('.stepper-diagram text')]
    .filter(t => t.getAttribute('visibility') !== 'hidden' && t.textContent.trim());
  const boxes = texts.map(t => { const r = t.getBoundingClientRect();
    return [t.dataset.name || t.textContent, r.left, r.right, r.top, r.bottom]; });
  const clashes = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const [a, al, ar, at, ab] = boxes[i], [b, bl, br, bt, bb] = boxes[j];
    if (Math.min(ar, br) - Math.max(al, bl) > 0.5 && Math.min(ab, bb) - Math.max(at, bt) > 0.5)
      clashes.push(`${a} / ${b}`);
  }
  const sizes = texts.map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a);
  return {count: boxes.length, clashes, smallest: Math.min(...sizes)};
}"""

_BROKEN_TOKENS_JS = """(root) => {
  const broken = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode());) {
    const parent = node.parentElement;
    if (parent.closest('svg, .stepper-live, [hidden], .stepper-card[hidden]')) continue;
    if (parent.closest('details:not([open]) table')) continue;
    const re = /\\S+/g;
    for (let m; (m = re.exec(node.textContent));) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
      if (tops.size > 1) broken.push(m[0]);
    }
  }
  return broken;
}"""

_PYTHON_SIDE = """import ipywidgets
from course_lib.labs.stepper_widget import Stepper as _Stepper
print("python:", [(s.state.position, s.state.weight, s.position, s.weight)
                  for s in ipywidgets.widgets.widget._instances.values() if isinstance(s, _Stepper)])"""


def insert_and_run(page, code, above=None):
    """Insert a cell (at the end, or above the cell whose source is `above`) and run it."""
    return page.evaluate(_INSERT_AND_RUN_JS, [code, above])


def python_side(page):
    """[(state position, state weight, trait position, trait weight)] of each Stepper on the
    page, asked in a new cell of the same kernel (which may also hold the Steppers of an
    earlier run of the notebook: the page's are the newest)."""
    on_page = page.locator(".stepper").count()
    before = page.locator(".jp-OutputArea-output", has_text="python:").count()
    insert_and_run(page, _PYTHON_SIDE)
    output = page.locator(".jp-OutputArea-output", has_text="python:").nth(before)
    output.wait_for(timeout=30_000)
    return eval(output.inner_text().split("python:", 1)[1])[-on_page:]   # noqa: S307 (our print)


def timed(page, watch, act, timeout_s=10):
    """(ms, ms) from the click or key `act()` makes to the first change inside `watch`:
    from the moment the page sees the event (a capturing listener on window, the first
    script to run for it), and from the event's own timeStamp (which also counts the time
    the browser and the test driver took to deliver it)."""
    page.evaluate(_ARM_JS, watch.element_handle())
    act()
    page.wait_for_function("() => window.__step.t1 !== null", timeout=timeout_s * 1000)
    record = page.evaluate("() => window.__step")
    return record["t1"] - record["t0"], record["t1"] - record["created"]


def shot(page, stepper, name):
    ARTIFACTS.mkdir(exist_ok=True)
    stepper.evaluate("el => el.scrollIntoView({block: 'start'})")
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def library_numbers():
    trace = forward(seed_network(), [1.0, 0.5])
    grads = backward(trace, 1.0)
    numbers = {**trace.values, **trace.slopes, **grads.values, **seed_network().weights,
               "L": grads.loss, "correct": 1.0}
    for node, parts in grads.fan_out.items():
        numbers.update((f"dL_wrt_{node}_from_{t}", v) for t, _, v in parts.parts)
    return numbers


def check_numbers(stepper, state):
    """The diagram and the table show exactly the state's known numbers, course_lib's values."""
    numbers = library_numbers()
    drawn = dict(stepper.evaluate(_VISIBLE_TEXTS_JS))
    net, values = state.network, state.trace.values
    sums = [incoming.sum for incoming in net.incoming.values()]
    on_diagram = {*values, *net.weights, *(f"dL_wrt_{x}" for x in (*net.nodes, *net.weights, *sums))}
    assert set(drawn) == {n for n in state.known if n in on_diagram}
    for name, text in drawn.items():
        assert text.split(" = ")[-1].removeprefix("∂ ") == signed(numbers[name]), name
    table = stepper.evaluate(_TABLE_JS)
    assert [row[0] for row in table] == list(state.known)
    for name, value, text in table:
        assert float(value) == numbers[name] and text == signed(numbers[name], 6), name


def report(stepper, baseline):
    """Print and save the figures: [(in-page ms, from-timeStamp ms)] of each widget."""
    def figures(samples, k):
        ordered = sorted(s[k] for s in samples)
        q = lambda f: ordered[min(len(ordered) - 1, int(f * len(ordered)))]   # noqa: E731
        return (f"median {statistics.median(ordered):.2f} ms (p25 {q(.25):.2f}, p75 {q(.75):.2f}, "
                f"max {ordered[-1]:.2f}, n={len(ordered)})")
    text = (f"click or key -> diagram changed, in the page (MutationObserver):\n"
            f"  stepper:           {figures(stepper, 0)}\n"
            f"  trivial anywidget: {figures(baseline, 0)}  (interleaved, same page)\n"
            f"the same from each event's timeStamp (adds the browser's and the driver's delivery):\n"
            f"  stepper:           {figures(stepper, 1)}\n"
            f"  trivial anywidget: {figures(baseline, 1)}\n")
    print("\n" + text)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "stepper_latency.txt").write_text(text)


# --- the tests ----------------------------------------------------------------------------------

def test_stepping_is_within_one_frame_and_shows_the_library_numbers(
        jupyter_lab, browser_page, open_notebook, run_all_cells):
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 800})
    open_notebook(page, jupyter_lab, "stepper.ipynb")
    run_all_cells(page)
    stepper = page.locator(".stepper").first
    diagram = stepper.locator(".stepper-diagram")
    diagram.locator("svg").wait_for(timeout=30_000)
    shot(page, stepper, "stepper_start")
    assert "Step 0 of 34" in stepper.locator(".stepper-step").text_content()
    insert_and_run(page, ANYWIDGET_BASELINE_CODE, above="Stepper()")
    baseline, baseline_out = page.locator(".baseline-any-button"), page.locator(".baseline-any-out")
    baseline_out.wait_for(timeout=30_000)

    state, stepper_ms, baseline_ms = StepperState(), [], []

    def both(act):
        stepper_ms.append(timed(page, diagram, act))
        baseline_ms.append(timed(page, baseline_out, baseline.click))

    forward_button, backward_button = stepper.locator(".stepper-forward"), stepper.locator(".stepper-backward")
    for _ in range(state.forward_count):
        both(forward_button.click)
        state.forward()
    check_numbers(stepper, state)
    assert f"L = (correct - f)**2 = {library_numbers()['L']:.6g}" in stepper.locator(
        ".stepper-loss").text_content()
    for k in range(len(state.steps) - state.forward_count):
        both(backward_button.click)
        state.backward()
        if k == 11:
            check_numbers(stepper, state)
            shot(page, stepper, "stepper_mid_backward")
    check_numbers(stepper, state)
    assert "Step 34 of 34" in stepper.locator(".stepper-step").text_content()
    for key in ["ArrowLeft"] * 8 + ["ArrowRight"] * 8:
        both(lambda key=key: (backward_button.focus(), page.keyboard.press(key)))
    assert len(stepper_ms) >= MIN_STEPS
    assert baseline_out.inner_text() == f"clicked {len(baseline_ms)} times"
    check_numbers(stepper, state)
    assert python_side(page)[0] == (34, "w_A_C", 34, "w_A_C")     # Python followed every step
    shot(page, stepper, "stepper_end")
    report(stepper_ms, baseline_ms)
    assert statistics.median(ms for ms, _ in stepper_ms) <= FRAME_MS, (stepper_ms, baseline_ms)
    # what the event's delivery adds is the browser's, the same for the trivial widget
    delivered = [statistics.median(s[1] for s in samples) for samples in (stepper_ms, baseline_ms)]
    assert delivered[0] <= delivered[1] + FRAME_MS, delivered


def test_the_stepper_is_readable_and_direct(jupyter_lab, browser_page, open_notebook,
                                            run_all_cells):
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 800})
    open_notebook(page, jupyter_lab, "stepper.ipynb")
    run_all_cells(page)
    seed, two = page.locator(".stepper").nth(0), page.locator(".stepper").nth(1)
    seed.locator("svg").wait_for(timeout=30_000)
    check_fit(page, seed)
    check_layout_after_a_full_pass(page, seed, "seed")
    check_layout_after_a_full_pass(page, two, "two outputs")
    insert_and_run(page, "from course_lib import make_network\n"
                         "Stepper(make_network((3, 4, 4, 2), seed=1))")
    big_net = page.locator(".stepper").nth(2)
    big_net.locator("svg").wait_for(timeout=30_000)
    check_layout_after_a_full_pass(page, big_net, "3-4-4-2")
    shot(page, big_net, "stepper_3442")
    check_direct_manipulation(page, seed)
    check_keys(page, seed)
    check_words(page, seed)
    check_large_mode(page, seed)


def check_fit(page, stepper):
    """The whole stepper fits the notebook's visible area at 1280 x 800: no scrolling."""
    stepper.evaluate("el => el.scrollIntoView({block: 'start'})")
    box = stepper.bounding_box()
    area = page.locator(".jp-NotebookPanel .jp-WindowedPanel-outer").first.bounding_box()
    assert box["height"] <= area["height"], (box, area)
    assert box["x"] >= area["x"] and box["x"] + box["width"] <= area["x"] + area["width"]
    assert stepper.evaluate("el => el.scrollWidth <= el.clientWidth + 1")
    assert not stepper.locator(".stepper-table").evaluate("el => el.open")    # folded


def check_layout_after_a_full_pass(page, stepper, what):
    stepper.locator(".stepper-full-step").click()
    stepper.locator(".stepper-status").evaluate(
        "el => /^step (\\d+) of \\1$/.test(el.textContent) || Promise.reject(el.textContent)")
    stepper.evaluate("el => el.scrollIntoView({block: 'start'})")
    found = stepper.evaluate(_OVERLAPS_JS)
    assert found["count"] > 10 and found["clashes"] == [], (what, found)
    assert found["smallest"] >= 14 - 0.01, (what, found)
    broken = stepper.evaluate(_BROKEN_TOKENS_JS)
    assert broken == [], (what, broken)


def check_direct_manipulation(page, stepper):
    """An edge click studies its weight, a node click shows what it receives, cards on hover
    and focus, and the Python side follows."""
    stepper.evaluate("el => el.scrollIntoView({block: 'start'})")
    stepper.locator('g.edge[data-name="w_I1_A"] rect').click()
    chain = stepper.locator(".stepper-chain")
    truth = explain(backward(forward(seed_network(), [1.0, 0.5]), 1.0), "w_I1_A")
    chain.get_by_text("What does w_I1_A go through?").wait_for()
    assert truth.numeric.split(" = ")[1] in " ".join(chain.inner_text().split())
    assert "sum of the 2 paths' products: dL_wrt_w_I1_A = −0.01999" in chain.inner_text()
    assert "summed (not averaged): dL_wrt_A = −0.08001" in chain.inner_text()
    assert stepper.locator(".stepper-weight select").input_value() == "w_I1_A"
    stepper.locator('g.node[data-name="C"] rect').click()
    chain.get_by_text("What does C receive?").wait_for()
    assert "dL_wrt_C = (-0.2322) * 1.1 = (-0.2554)" in chain.inner_text()
    stepper.locator('g.edge[data-name="w_C_f"] rect').hover()
    card = stepper.locator(".stepper-card")
    card.wait_for(state="visible")
    assert "dL_wrt_w_C_f = −0.1212" in card.inner_text()
    assert "dL_wrt_w_C_f = dL_wrt_sF * C" in card.inner_text()
    page.mouse.move(2, 2)
    card.wait_for(state="hidden")
    stepper.locator('g.node[data-name="A"]').focus()
    page.keyboard.press("Tab")                                           # the keyboard reaches B
    assert page.evaluate("() => document.activeElement.dataset.name") == "B"
    card.wait_for(state="visible")
    assert "sB = +1" in card.inner_text() and "dL_wrt_B = +0.04523" in card.inner_text()
    ring = stepper.locator('g.node[data-name="B"] > rect').evaluate(
        "r => [getComputedStyle(r).stroke, getComputedStyle(r).strokeDasharray]")
    assert ring[0] == "rgb(0, 114, 178)" and ring[1] != "none", ring     # a visible focus ring
    page.keyboard.press("Tab")                                           # on to the next node
    assert page.evaluate("() => document.activeElement.dataset.name") != "B"
    assert python_side(page)[0][1] == "w_I1_A"


def check_keys(page, stepper):
    """Keys step in the browser; u and z go to Python; JupyterLab's own shortcuts stay out."""
    cells = page.evaluate("() => window.jupyterapp.shell.currentWidget.content.widgets.length")
    status, message = stepper.locator(".stepper-status"), stepper.locator(".stepper-message")
    stepper.locator(".stepper-forward").focus()
    page.keyboard.press("Home")
    assert status.inner_text() == "step 0 of 34"
    assert "Step 0 of 34" in stepper.locator(".stepper-live").inner_text()
    page.keyboard.press("ArrowRight")
    assert "Step 1 of 34 (forward): sA" in stepper.locator(".stepper-live").inner_text()
    page.keyboard.press("u")
    message.get_by_text("the gradients are not all known").wait_for()
    page.keyboard.press("End")
    assert status.inner_text() == "step 34 of 34" and message.inner_text() == ""
    page.keyboard.press("u")
    stepper.locator(".stepper-axis", has_text="update 0 … 1").wait_for()
    assert status.inner_text() == "step 0 of 34"
    page.keyboard.press("z")
    page.wait_for_function("el => el.textContent === 'step 34 of 34'", arg=status.element_handle())
    assert stepper.locator(".stepper-axis").count() == 0
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Backspace")                                    # undo that step
    page.wait_for_function("el => el.textContent === 'step 34 of 34'", arg=status.element_handle())
    assert page.evaluate("() => window.jupyterapp.shell.currentWidget.content.widgets.length") == cells
    assert python_side(page)[0][0] == 34


def check_words(page, stepper):
    """Bad input is refused next to its box; a dead relu says why every gradient is 0."""
    box = stepper.locator(".stepper-input-I1 input")
    box.fill("abc")
    box.press("Enter")
    message = stepper.locator(".stepper-message")
    message.get_by_text("is not a number").wait_for()
    assert "Kept I1 = 1" in message.inner_text()
    page.wait_for_function("el => el.value === '1'", arg=box.element_handle())
    stepper.locator(".stepper-activation select").select_option("relu")
    stepper.locator('.stepper-diagram text[data-name="f"]', has_text="f = +0").wait_for()
    stepper.locator('g.node[data-name="f"] rect').click()
    stepper.locator(".stepper-forward").focus()
    page.keyboard.press("Home")
    for _ in range(12):
        page.keyboard.press("ArrowRight")                               # on to dL_wrt_sF
    step = stepper.locator(".stepper-step").inner_text()
    assert "dL_wrt_sF" in step and "relu's slope is 0 when its sum is ≤ 0" in step, step
    assert "every gradient is 0" in step
    legend = stepper.locator(".stepper-legend").inner_text()
    assert "+ blue" in legend and "− vermillion" in legend


def check_large_mode(page, stepper):
    normal = stepper.locator("svg").first.bounding_box()["width"]
    stepper.locator(".stepper-big input").check()
    page.wait_for_function("el => el.classList.contains('stepper-large')", arg=stepper.element_handle())
    assert stepper.locator(".stepper-button").first.evaluate(
        "b => parseFloat(getComputedStyle(b).fontSize)") >= 20
    assert stepper.locator("svg").first.bounding_box()["width"] >= normal
    page.mouse.move(2, 2)                     # no hover card over the picture
    shot(page, stepper, "stepper_big")


def test_static_diagrams_scale_to_the_output_width(jupyter_lab, browser_page, open_notebook,
                                                   run_all_cells):
    page = browser_page
    open_notebook(page, jupyter_lab, "03_last_weight.ipynb")
    run_all_cells(page)
    pictures = page.locator(".jp-RenderedSVG img, .jp-RenderedSVG svg")
    pictures.first.wait_for(timeout=30_000)
    for width, height in ((1400, 900), (1280, 800)):
        page.set_viewport_size({"width": width, "height": height})
        for k in range(pictures.count()):
            picture = pictures.nth(k)
            picture.scroll_into_view_if_needed()
            found = picture.evaluate("""img => {
              const area = img.closest('.jp-OutputArea-output').getBoundingClientRect();
              const box = img.getBoundingClientRect();
              const source = img.tagName === 'IMG' ? decodeURIComponent(img.src) : img.outerHTML;
              const view = Number(source.match(/viewBox="0 0 ([0-9.]+)/)[1]);
              return {left: box.left - area.left, right: area.right - box.right, width: box.width,
                      area: area.width, view};
            }""")
            assert found["left"] >= -0.5 and found["right"] >= -0.5, (width, k, found)
            assert found["width"] > 0.9 * min(found["area"], found["view"]), (width, k, found)
            if width == 1400:
                assert found["area"] >= 960, found          # the 968 px output area
            assert 14 * found["width"] / found["view"] >= 14 - 0.01, (width, k, found)
    page.set_viewport_size({"width": 1400, "height": 900})
    pictures.first.scroll_into_view_if_needed()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "stepper_static_03.png"))


@pytest.fixture(scope="module")
def notebook_7(tmp_path_factory, chromium_path):
    """`jupyter notebook` (Notebook 7) on the course notebooks, 127.0.0.1, stopped by PID."""
    state = tmp_path_factory.mktemp("notebook7")
    port, token = free_port(), secrets.token_hex(16)
    command = [sys.executable, "-m", "notebook", "--no-browser", "--allow-root",
               "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
               f"--IdentityProvider.token={token}", "--JupyterNotebookApp.expose_app_in_browser=True",
               f"--ServerApp.root_dir={REPO / 'notebooks'}"]
    process = start(command, cwd=REPO / "notebooks", env=isolated_env(state),
                    log_path=state / "notebook.log", what="jupyter notebook", timeout_s=60,
                    ready_url=f"http://127.0.0.1:{port}/api/status?token={token}")
    try:
        yield f"http://127.0.0.1:{port}/notebooks/stepper_app.ipynb?token={token}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except Exception:                  # noqa: BLE001 (a hung server is killed)
            process.kill()
            process.wait(timeout=10)


def test_the_stepper_works_in_notebook_7(notebook_7, browser_page):
    page = browser_page
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(
        ("http://127.0.0.1", "blob:", "data:")) else None)
    page.goto(notebook_7)
    page.wait_for_function("""() => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
      return !!(w && w.sessionContext && w.sessionContext.isReady
                && w.sessionContext.session.kernel.status === 'idle'); }""", timeout=60_000)
    page.evaluate("() => { void window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
    stepper = page.locator(".stepper")
    stepper.locator("svg").wait_for(timeout=60_000)
    stepper.locator(".stepper-forward").click()
    page.wait_for_selector('.stepper-diagram text[data-name="sA"][visibility="visible"]')
    assert page.locator('.stepper-diagram text[data-name="sA"]').text_content() == "sA = +0.05"
    assert stepper.evaluate("el => el.classList.contains('stepper-large')")
    assert outside == [], outside
