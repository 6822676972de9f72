"""The stepper in a real browser: JupyterLab in Debian's Chromium, driven by Playwright.

Opens notebooks/stepper.ipynb, runs it, clicks Forward until f is known and Backward to the
first layer, and checks that every number on the page is course_lib's. Measures click ->
diagram updated against the trivial Button -> HTML round trip, clicked alternately with the
stepper in the same page and kernel (so both see the same machine load), and prints
conftest's click_baseline (own server, measured once per session) for reference.

Why two servers. jupyter_server does not set TCP_NODELAY on the kernel websocket, so Nagle's
algorithm meets the browser's delayed ACK and holds some widget updates ~40 ms: every round
trip, the trivial one included, lands at random near ~12 ms or near ~50 ms. On the default
server (the one learners use) the test checks the numbers and a generous latency bound. On a
server whose kernel websockets set TCP_NODELAY (a one-line config, below) that quantum is gone,
and the 1.2x target is asserted with a measured-noise margin. Fixtures: tests/conftest.py,
plus `lab_without_nagle` here (conftest starts servers but cannot pass them a config file).
"""
import statistics
from pathlib import Path

import pytest
from local_server import BASELINE_WIDGET_CODE

from course_lib import backward, forward, seed_network
from course_lib.views.diagram import signed
from course_lib.labs.stepper_state import StepperState

TARGET_RATIO = 1.2
REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "artifacts"

# The trivial round trip (BASELINE_WIDGET_CODE) runs in the same kernel and page, right above
# the first stepper.
# Insert a cell above the first `Stepper()` cell and run it (in the browser only: autosave is off).
_INSERT_BASELINE_JS = """async (code) => {
  const app = window.jupyterapp;
  const notebook = app.shell.currentWidget.content;
  const index = notebook.widgets.findIndex(
    c => c.model.sharedModel.getSource().trim() === 'Stepper()');
  notebook.activeCellIndex = index;
  await app.commands.execute('notebook:insert-cell-above');
  notebook.activeCell.model.sharedModel.setSource(code);
  await app.commands.execute('notebook:run-cell');
  return index;
}"""

NODELAY_CONFIG = """# loaded by jupyter_server from JUPYTER_CONFIG_PATH (tests/test_stepper_browser.py)
from jupyter_server.services.kernels.websocket import KernelWebsocketHandler

_open = KernelWebsocketHandler.open


async def open(self, *args, **kwargs):
    self.set_nodelay(True)
    return await _open(self, *args, **kwargs)


KernelWebsocketHandler.open = open
print("stepper test config: TCP_NODELAY on kernel websockets", flush=True)
"""

_DIAGRAM_TEXTS_JS = """els => els.map(e => [e.getAttribute('data-name'), e.textContent])"""
_TABLE_CELLS_JS = """els => els.map(e => [e.getAttribute('data-name'),
                                          e.getAttribute('data-value'), e.textContent])"""


def library_numbers():
    """Every number the library gives for the notebook's first stepper (seed network, sample)."""
    trace = forward(seed_network(), [1.0, 0.5])
    grads = backward(trace, 1.0)
    numbers = {**trace.values, **trace.slopes, **grads.values, **seed_network().weights,
               "L": grads.loss, "correct": 1.0}
    for node, parts in grads.fan_out.items():
        numbers.update((f"dL_wrt_{node}_from_{t}", v) for t, _, v in parts.parts)
    return numbers


def shown_on_page(stepper):
    """({name: text} on the diagram, {name: (exact value, text)} in the table)."""
    diagram = stepper.locator(".stepper-diagram text[data-name]").evaluate_all(_DIAGRAM_TEXTS_JS)
    table = stepper.locator(".stepper-table td[data-name]").evaluate_all(_TABLE_CELLS_JS)
    return ({name: text.split(" = ")[-1] for name, text in diagram},
            {name: (float(value), text) for name, value, text in table})


def _quantile(samples, q):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def drive_stepper(page, server, open_notebook, run_all_cells, click_latency, screenshot=None):
    """Run stepper.ipynb, click Forward to f and Backward to the inputs, each click followed by
    one trivial click; check every number on the page. Returns (stepper ms, trivial ms)."""
    open_notebook(page, server, "stepper.ipynb")
    run_all_cells(page)
    stepper = page.locator(".stepper").first
    diagram = stepper.locator(".stepper-diagram")
    diagram.locator("svg").wait_for(timeout=30_000)
    page.evaluate(_INSERT_BASELINE_JS, BASELINE_WIDGET_CODE)
    baseline_button, baseline_out = page.locator(".baseline-button"), page.locator(".baseline-out")
    baseline_out.wait_for(timeout=30_000)

    state = StepperState()           # what the page's stepper should show, step by step
    numbers = library_numbers()
    stepper_ms, baseline_ms = [], []

    def click_both(button):
        stepper_ms.extend(click_latency(page, button, diagram, clicks=1))
        baseline_ms.extend(click_latency(page, baseline_button, baseline_out, clicks=1))

    # Forward until f is known, one node at a time; each click must redraw the diagram
    for _ in range(state.forward_count):
        click_both(stepper.locator(".stepper-forward"))
    drawn, _ = shown_on_page(stepper)
    assert drawn["f"] == signed(numbers["f"]) and "dL_wrt_f" not in drawn
    assert "L = (correct - f)**2 = " + f"{numbers['L']:.6g}" in stepper.locator(
        ".stepper-loss").inner_text()

    # Backward to the first layer's weights, one derivative at a time
    for _ in range(len(state.steps) - state.forward_count):
        click_both(stepper.locator(".stepper-backward"))
    state.full_step()
    drawn, table = shown_on_page(stepper)
    net, values = state.network, state.trace.values
    on_diagram = {*values, *net.weights, *(f"dL_wrt_{x}" for x in (*net.nodes, *net.weights))}
    assert set(drawn) == {n for n in state.known if n in on_diagram}
    for name, text in drawn.items():
        assert text == signed(numbers[name]), name
    assert list(table) == list(state.known)
    for name, (value, text) in table.items():
        assert value == numbers[name] and text == signed(numbers[name], 6), name
    assert "dL_wrt_w_I2_B" in table and "Step 34 of 34" in stepper.locator(
        ".stepper-step").inner_text()
    assert baseline_out.inner_text() == f"clicked {len(baseline_ms)} times"

    # The chain panel shows explain()'s numeric line and the fan-out sum at A
    stepper.locator(".stepper-weight select").select_option("w_I1_A")
    chain = stepper.locator(".stepper-chain")
    chain.get_by_text("summed (not averaged): dL_wrt_A").wait_for(timeout=10_000)
    assert backward(forward(seed_network(), [1.0, 0.5]), 1.0).explain(
        "w_I1_A").numeric in chain.inner_text()

    # Bad input: a message next to the box, and the box keeps its previous value
    box = stepper.locator(".stepper-input-I1 input")
    box.fill("abc")
    box.press("Enter")
    message = stepper.locator(".stepper-message")
    message.get_by_text("is not a number").wait_for(timeout=10_000)
    assert "Kept I1 = 1" in message.inner_text()
    page.wait_for_function("el => el.value === '1'", arg=box.element_handle(), timeout=10_000)

    if screenshot:
        ARTIFACTS.mkdir(exist_ok=True)
        diagram.scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / f"{screenshot}.png"))
        stepper.locator(".stepper-table").scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / f"{screenshot}_table.png"))
    return stepper_ms, baseline_ms


def report(label, stepper_ms, baseline_ms, click_baseline):
    """Print the figures; return (stepper median, trivial median, measured noise)."""
    stepper_median, baseline_median = statistics.median(stepper_ms), statistics.median(baseline_ms)
    print(f"\n[{label}] stepper click -> diagram updated: median {stepper_median:.1f} ms "
          f"(p25 {_quantile(stepper_ms, 0.25):.1f}, p75 {_quantile(stepper_ms, 0.75):.1f}, "
          f"n={len(stepper_ms)}); trivial Button -> HTML, same page, interleaved: median "
          f"{baseline_median:.1f} ms (p25 {_quantile(baseline_ms, 0.25):.1f}, "
          f"p75 {_quantile(baseline_ms, 0.75):.1f}, n={len(baseline_ms)}); ratio "
          f"{stepper_median / baseline_median:.2f} (target <= {TARGET_RATIO}). conftest "
          f"click_baseline (own server, earlier): median {click_baseline.median_ms:.1f} ms")
    # measured noise: half the interquartile range of the trivial round trips
    noise = (_quantile(baseline_ms, 0.75) - _quantile(baseline_ms, 0.25)) / 2
    return stepper_median, baseline_median, noise


def test_stepper_in_jupyterlab_shows_the_library_numbers(
        jupyter_lab, browser_page, open_notebook, run_all_cells, click_latency, click_baseline):
    stepper_ms, baseline_ms = drive_stepper(browser_page, jupyter_lab, open_notebook,
                                            run_all_cells, click_latency, "stepper_browser")
    stepper_median, baseline_median, _ = report("default server", stepper_ms, baseline_ms,
                                                click_baseline)
    # Generous bound: on the default server either median may sit on the ~40 ms Nagle step.
    assert stepper_median <= 2 * TARGET_RATIO * baseline_median + 50


@pytest.fixture(scope="module")
def lab_without_nagle(lab_server, tmp_path_factory):
    """JupyterLab on the course notebooks whose kernel websockets set TCP_NODELAY."""
    config_dir = tmp_path_factory.mktemp("nodelay-config")
    (config_dir / "jupyter_server_config.py").write_text(NODELAY_CONFIG)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUPYTER_CONFIG_PATH", str(config_dir))
        server = lab_server(REPO / "notebooks")
    assert "TCP_NODELAY on kernel websockets" in server.log_path.read_text(errors="replace")
    return server


def test_stepper_click_latency_is_within_1_2x_of_a_trivial_widget(
        lab_without_nagle, browser_page, open_notebook, run_all_cells, click_latency,
        click_baseline):
    stepper_ms, baseline_ms = drive_stepper(browser_page, lab_without_nagle, open_notebook,
                                            run_all_cells, click_latency)
    stepper_median, baseline_median, noise = report("TCP_NODELAY server", stepper_ms,
                                                     baseline_ms, click_baseline)
    assert stepper_median <= TARGET_RATIO * baseline_median + noise, (
        f"stepper {stepper_median:.1f} ms vs trivial {baseline_median:.1f} ms, noise {noise:.1f}")
