"""The course with no server: the static site of course_tools.build_lite, in a real Chromium.

A module-scoped fixture builds the site (downloads cached in ~/.cache/course_lite, or in
$COURSE_LITE_CACHE), serves it with ``python -m http.server`` bound to 127.0.0.1 on a free port,
and stops the server by its PID afterwards. Outside CI (CI unset or not "true") the browser
test is skipped, with the reason, only when the package registries cannot be reached.

- test_plain_python_notebooks_run_without_numpy: the notebooks the build ships as browser-ready
  (course_tools.lite_contents.PLAIN_PYTHON) run top to bottom in a kernel where the notebook and
  course_lib cannot import numpy or matplotlib. (The browser test runs two of them for real.)
- test_notebooks_that_need_numpy_say_so_first: the built copies of the others start with the
  message, and their first code cell stops before any import.
- test_the_first_cell_stops_a_numpy_notebook_with_the_message: that first code cell, run in a
  kernel without numpy, prints the message and stops, before any import fails.
- test_the_site_runs_the_course_in_chromium: a cold start of notebook 01 (the figure is
  printed), run all, every number shown equal to course_lib's; then the stepper notebook: run
  all, Forward to f, Backward to the first layer, Update weights (a round trip through the
  Pyodide kernel), the table's numbers equal to course_lib's at each stage. Every request of
  the browser (pages, workers, the service worker) is routed through Playwright at the context
  level; a request for another host is recorded and aborted, and the count must be 0. (A
  recording proxy was tried too: Chromium's own update and sign-in requests reach it even with
  background networking off, so it cannot tell the site's requests from the browser's.)
"""
from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from local_server import free_port, start

from course_lib import SEED_SAMPLE, backward, forward, seed_network
from course_lib.labs.stepper_state import StepperState
from course_tools import lite_contents
from course_tools.build_lite import build
from course_tools.lite_fetch import RegistryError, default_cache

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "artifacts"
CI = os.environ.get("CI") == "true"
LOAD_TIMEOUT_S = 120          # cold start: the app, Pyodide, the kernel's packages
RUN_TIMEOUT_S = 120
CLICK_TIMEOUT_MS = 20_000


# --- the site ------------------------------------------------------------------------------------

@dataclass
class LiteSite:
    root: Path
    origin: str
    note: dict
    process: subprocess.Popen
    log_path: Path
    outside: list[str] = field(default_factory=list)   # requests for any other host
    seen: list[str] = field(default_factory=list)      # every request of the browser
    sources: Counter = field(default_factory=Counter)  # requests by who made them

    def notebook_url(self, name: str) -> str:
        """JupyterLite's URL for notebooks/<name> (conftest's open_notebook calls this)."""
        return f"{self.origin}/lab/index.html?path=notebooks/{name}"


def unreachable_registries() -> str:
    """'' if both registries answer their own clients, else what failed."""
    from jupyterlite_pyodide_kernel.constants import PYODIDE_VERSION
    failed = []
    with tempfile.TemporaryDirectory(prefix="lite_probe_") as probe:
        for what, command in (
                ("npm registry", ["npm", "view", f"pyodide@{PYODIDE_VERSION}", "version"]),
                ("PyPI", [sys.executable, "-m", "pip", "download", "--no-deps", "--no-cache-dir",
                          "-d", probe, "micropip==0.11.1"])):
            try:
                done = subprocess.run(command, capture_output=True, text=True, timeout=90)
                if done.returncode:
                    failed.append(f"{what}: {(done.stderr or done.stdout).strip()[-200:]}")
            except (OSError, subprocess.TimeoutExpired) as error:
                failed.append(f"{what}: {error}")
    return "; ".join(failed)


def build_site(out: Path) -> dict:
    cache = Path(os.environ.get("COURSE_LITE_CACHE") or default_cache())
    try:
        return build(out, cache, REPO / "notebooks", expose_app=True)
    except RegistryError as error:
        if not CI:
            reason = unreachable_registries()
            if reason:
                pytest.skip(f"package registries unreachable (not CI): {reason}")
        raise AssertionError(f"the build could not fetch what it needs: {error}") from error


@pytest.fixture(scope="module")
def lite_site(tmp_path_factory):
    """The built site, served on 127.0.0.1 by python -m http.server (stopped by PID)."""
    root = tmp_path_factory.mktemp("lite") / "site"
    started = time.monotonic()
    note = build_site(root)
    print(f"\n[lite] built in {time.monotonic() - started:.1f} s: "
          f"{note['size_bytes'] / 1e6:.1f} MB, {note['files']} files; browser wheels: "
          f"{note['browser_wheels']}")
    port = free_port()
    log_path = root.parent / "http.log"
    process = start([sys.executable, "-m", "http.server", "--bind", "127.0.0.1",
                     "--directory", str(root), str(port)], cwd=root.parent, env=dict(os.environ),
                    log_path=log_path, ready_url=f"http://127.0.0.1:{port}/jupyter-lite.json",
                    what="python -m http.server", timeout_s=30)
    try:
        yield LiteSite(root, f"http://127.0.0.1:{port}", note, process, log_path)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


# --- every request for another host --------------------------------------------------------------

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LOCAL_SCHEMES = ("data:", "blob:")


def source_of(request) -> str:
    """Who made a request: the service worker, a page, or a (dedicated) worker."""
    if getattr(request, "service_worker", None) is not None:
        return "service worker"
    try:
        return "page" if request.frame else "worker"
    except Exception:           # Playwright raises for requests no frame owns
        return "worker"


@pytest.fixture
def lite_browser(_playwright, chromium_path, lite_site):
    """A fresh Chromium context whose every request (pages, workers, the service worker) is
    routed: a request for another host than the site's is recorded in lite_site.outside and
    aborted. Requests the route does not see (a WebSocket, anything served around it) are
    recorded from the context's request and websocket events."""
    browser = _playwright.chromium.launch(executable_path=chromium_path, headless=True,
                                          args=CHROMIUM_ARGS)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    seen = lite_site.seen = []

    def outside(url):
        return not url.startswith((lite_site.origin + "/", *LOCAL_SCHEMES))

    def route(request_route):
        url = request_route.request.url
        if not outside(url):
            return request_route.continue_()
        lite_site.outside.append(url)
        return request_route.abort()

    def record(request):
        seen.append(request.url)
        lite_site.sources[source_of(request)] += 1
        if outside(request.url) and request.url not in lite_site.outside:
            lite_site.outside.append(request.url)

    context.route("**/*", route)
    context.on("request", record)
    context.on("page", lambda page: page.on(
        "websocket", lambda ws: lite_site.outside.append(ws.url) if outside(
            ws.url.replace("ws://", "http://", 1)) else None))
    try:
        yield context
    finally:
        browser.close()


# --- the numbers -----------------------------------------------------------------------------------

def library_numbers() -> dict:
    """Every number course_lib gives for the seed network and sample, by its course name."""
    net = seed_network()
    trace = forward(net, [SEED_SAMPLE["I1"], SEED_SAMPLE["I2"]])
    grads = backward(trace, SEED_SAMPLE["correct"])
    numbers = {**net.weights, **trace.values, **trace.slopes, **grads.values,
               "L": grads.loss, "correct": SEED_SAMPLE["correct"]}
    for node, parts in grads.fan_out.items():
        numbers.update((f"dL_wrt_{node}_from_{target}", value)
                       for target, _, value in parts.parts)
    return numbers


def same(shown: float, value: float) -> bool:
    return math.isclose(shown, value, rel_tol=1e-12, abs_tol=1e-15)


NUMBER = re.compile(r"[-+]?\d+\.\d+(?:e[-+]?\d+)?|[-+]?\d+")

#: notebook 01: a code cell's last line -> the course names its output shows, in order
CELLS_01 = {"sA": ["sA"], "A": ["A"], "B": ["B"], "C, D": ["C", "D"],
            'f, SEED_SAMPLE["correct"]': ["f", "correct"]}

_OUTPUTS_JS = """() => window.jupyterapp.shell.currentWidget.content.widgets
  .filter(c => c.model.type === 'code')
  .map(c => { const texts = [];
    for (let j = 0; j < c.model.outputs.length; j++) {
      const o = c.model.outputs.get(j).toJSON();
      texts.push(o.data ? (o.data['text/plain'] || '') : [].concat(o.text || '').join(''));
    }
    return [c.model.sharedModel.getSource(), texts.join('\\n')]; })"""


def check_notebook_01(page, numbers) -> int:
    """Every output of CELLS_01 equals course_lib's numbers; returns how many were checked."""
    checked = 0
    for source, text in page.evaluate(_OUTPUTS_JS):
        last = source.strip().splitlines()[-1].strip() if source.strip() else ""
        if last in CELLS_01:
            shown = [float(x) for x in NUMBER.findall(text)]
            names = CELLS_01[last]
            assert len(shown) == len(names) and all(
                same(v, numbers[n]) for v, n in zip(shown, names)), (last, text)
            checked += 1
        if "check_f(f)" in source and "Correct" in text:
            assert f"f = {numbers['f']:.6g}" in text, text
            checked += 1
    assert checked >= 4, f"only {checked} of notebook 01's number cells found"
    return checked


_ROWS_JS = """(root) => [...root.querySelectorAll('.stepper-table td[data-name]')]
  .filter(td => !td.closest('tr').hidden)
  .map(td => [td.dataset.name, td.dataset.value])"""


def shown_rows(stepper) -> dict:
    """{name: value} of the stepper table's rows that are shown now."""
    return {name: float(value) for name, value in stepper.evaluate(_ROWS_JS)}


def wait_rows(page, stepper, names: set, what: str) -> dict:
    """Wait until exactly ``names`` are shown in the table; return the rows."""
    deadline = time.monotonic() + CLICK_TIMEOUT_MS / 1000
    while set(rows := shown_rows(stepper)) != names:
        assert time.monotonic() < deadline, (
            f"{what}: shown {sorted(rows)}, expected {sorted(names)}")
        page.wait_for_timeout(50)
    return rows


def check_rows(rows: dict, numbers: dict, what: str) -> None:
    unknown = sorted(set(rows) - set(numbers))
    assert not unknown, f"{what}: the stepper shows names course_lib does not: {unknown}"
    wrong = {n: (v, numbers[n]) for n, v in rows.items() if not same(v, numbers[n])}
    assert not wrong, f"{what}: shown vs course_lib: {wrong}"


def drive_stepper(page) -> int:
    """Forward to f, Backward to the first layer, Update weights: the table equals course_lib's
    numbers at each stage (names shown: StepperState's, the oracle). Returns rows checked."""
    stepper = page.locator(".stepper").first
    stepper.locator(".stepper-table td[data-name]").first.wait_for(state="attached",
                                                                   timeout=CLICK_TIMEOUT_MS)
    state, numbers = StepperState(), library_numbers()
    wait_rows(page, stepper, set(state.known), "before the first click")
    for _ in range(state.forward_count):
        stepper.locator(".stepper-forward").click()
        state.forward()
    rows = wait_rows(page, stepper, set(state.known), "after Forward to f")
    assert "f" in rows and "L" in rows and not any(n.startswith("dL_wrt_w") for n in rows)
    check_rows(rows, numbers, "after Forward")
    checked = len(rows)
    while state.position < len(state.steps):
        stepper.locator(".stepper-backward").click()
        state.backward()
    rows = wait_rows(page, stepper, set(state.known), "after Backward to the inputs")
    assert "dL_wrt_w_I1_A" in rows and "dL_wrt_w_C_f" in rows
    check_rows(rows, numbers, "after Backward")
    checked += len(rows)
    # Update weights goes through the kernel (Pyodide): w = w - learning_rate * dL_wrt_w
    stepper.locator(".stepper-update").click()
    state.update()
    updated = {w: value - state.learning_rate * numbers[f"dL_wrt_{w}"]
               for w, value in seed_network().weights.items()}
    deadline = time.monotonic() + CLICK_TIMEOUT_MS / 1000
    while not same((rows := shown_rows(stepper)).get("w_I1_A", 0.0), updated["w_I1_A"]):
        assert time.monotonic() < deadline, f"Update weights never came back: {rows}"
        page.wait_for_timeout(50)
    check_rows({w: rows[w] for w in updated}, updated, "after Update weights")
    assert {w: state.network.weights[w] for w in updated} == pytest.approx(updated, rel=1e-12)
    return checked + len(updated)


_OPEN_INSTEAD_JS = """async (path) => {
  const app = window.jupyterapp, old = app.shell.currentWidget;
  await old.sessionContext.shutdown();
  old.dispose();
  void app.commands.execute('docmanager:open', {path});
}"""

_IDLE_JS = """(path) => {
  const panel = window.jupyterapp.shell.currentWidget;
  const ctx = panel && panel.context && panel.context.path === path && panel.sessionContext;
  const kernel = ctx && ctx.isReady && ctx.session && ctx.session.kernel;
  return !!(kernel && kernel.connectionStatus === 'connected' && kernel.status === 'idle');
}"""


# --- the tests ---------------------------------------------------------------------------------------

def test_the_site_runs_the_course_in_chromium(lite_site, lite_browser, open_notebook,
                                              run_all_cells):
    page = lite_browser.new_page()
    started = time.monotonic()
    open_notebook(page, lite_site, "01_forward_pass.ipynb", timeout_s=LOAD_TIMEOUT_S)
    cold = time.monotonic() - started
    state = run_all_cells(page, timeout_s=RUN_TIMEOUT_S)
    ran_01 = time.monotonic() - started - cold
    checked = check_notebook_01(page, library_numbers())

    started = time.monotonic()      # the same page: close 01 (and its kernel), open the stepper
    page.evaluate(_OPEN_INSTEAD_JS, "notebooks/stepper.ipynb")
    page.wait_for_function(_IDLE_JS, arg="notebooks/stepper.ipynb", polling=100,
                           timeout=LOAD_TIMEOUT_S * 1000)
    warm = time.monotonic() - started
    run_all_cells(page, timeout_s=RUN_TIMEOUT_S)
    rows = drive_stepper(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator(".stepper").first.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "lite_stepper.png"))
    print(f"\n[lite] cold start to an idle kernel (notebook 01): {cold:.1f} s; run all: "
          f"{ran_01:.1f} s ({state['total']} code cells, {checked} number cells checked); "
          f"stepper notebook (same page, new kernel): idle after {warm:.1f} s; {rows} stepper numbers checked")
    print(f"[lite] {len(lite_site.seen)} requests ({dict(lite_site.sources)}); to any other "
          f"host than {lite_site.origin}: {len(lite_site.outside)}")
    assert len(lite_site.seen) > 100, "the request log missed the page's requests"
    assert lite_site.outside == [], f"requests for other hosts: {lite_site.outside}"


def test_notebooks_that_need_numpy_say_so_first(lite_site):
    needing = lite_site.note["notebooks_needing"]
    assert "02_loss_and_slope.ipynb" in needing or "numpy" in lite_site.note["included"]
    for name, missing in needing.items():
        cells = json.loads((lite_site.root / "files" / "notebooks" / name).read_text())["cells"]
        first = "".join(cells[0]["source"])
        assert cells[0]["cell_type"] == "markdown" and f"needs {missing[0]}" in first, name
        code = next(c for c in cells if c["cell_type"] == "code")
        source = "".join(code["source"])
        assert source.index("raise NotInTheBrowserVersion") < source.index("# The notebook's own")
    for name in lite_site.note["browser_ready"]:
        assert Path(name).stem in lite_contents.PLAIN_PYTHON


# --- without numpy, in a local kernel ------------------------------------------------------------

#: First cell: the notebook (``__main__``) and course_lib can no longer import numpy or
#: matplotlib, and find_spec no longer finds them (as in the browser, where they are absent).
#: IPython itself may still import them, so its own machinery keeps working.
WITHOUT_NUMPY = '''def _without(blocked=("numpy", "matplotlib")):
    import builtins, importlib.util
    real_import, real_find_spec = builtins.__import__, importlib.util.find_spec
    def hook(name, globals=None, locals=None, fromlist=(), level=0):
        importer = (globals or {}).get("__name__") or ""
        if (level == 0 and name.split(".")[0] in blocked
                and (importer == "__main__" or importer.startswith("course_lib"))):
            raise ModuleNotFoundError(f"{importer} imports {name}: the browser version lacks it")
        return real_import(name, globals, locals, fromlist, level)
    def find_spec(name, package=None):
        return None if name.split(".")[0] in blocked else real_find_spec(name, package)
    builtins.__import__, importlib.util.find_spec = hook, find_spec
_without()
del _without'''


def run_without_numpy(notebook: dict, folder: Path) -> str:
    """Run ``notebook`` (JSON) after WITHOUT_NUMPY in a fresh python3 kernel: '' or the error."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.reads(json.dumps(notebook), as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell(WITHOUT_NUMPY))
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    client = NotebookClient(nb, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(folder)}})
    try:
        client.execute()
    except CellExecutionError as error:
        return re.sub(r"\x1b\[[0-9;]*m", "", str(error))
    return ""


def test_plain_python_notebooks_run_without_numpy():
    from concurrent.futures import ThreadPoolExecutor

    folder = REPO / "notebooks"
    names = [n for n in lite_contents.PLAIN_PYTHON if (folder / f"{n}.ipynb").exists()]
    assert {"01_forward_pass", "stepper"} <= set(names)

    def run(name):
        notebook = json.loads((folder / f"{name}.ipynb").read_text())
        return name, run_without_numpy(notebook, folder)

    with ThreadPoolExecutor(max_workers=2) as pool:
        failures = {name: error for name, error in pool.map(run, names) if error}
    assert not failures, ("notebooks shipped as browser-ready need numpy or matplotlib:\n"
                          + "\n".join(f"  {n}: {import_chain(e)}" for n, e in failures.items()))


def import_chain(error: str) -> str:
    """'course_lib/views/diagram.py:23 -> course_lib/views/checks.py:7: <the error>'."""
    lines = error.strip().splitlines()
    files = [line.split()[1].rstrip(",").split("/course_lib/", 1)[-1] for line in lines
             if line.startswith("File /") and "/course_lib/" in line]
    return " -> ".join(f"course_lib/{f}" for f in files) + f": {lines[-1]}"


def test_the_first_cell_stops_a_numpy_notebook_with_the_message():
    folder = REPO / "notebooks"
    notebook = json.loads((folder / "02_loss_and_slope.ipynb").read_text())
    built = lite_contents.browser_copy(notebook, ["numpy", "matplotlib"])
    error = run_without_numpy(built, folder)
    assert "NotInTheBrowserVersion" in error and "Stopped here" in error, error[-800:]
    assert "ModuleNotFoundError" not in error, error[-800:]
    assert lite_contents.message(["numpy", "matplotlib"]) in "".join(built["cells"][0]["source"])


def test_a_build_starts_from_an_empty_folder_and_deletes_nothing_else(tmp_path):
    from course_tools.lite_site import SiteError, prepare_output

    out = tmp_path / "site"
    (out / "old").mkdir(parents=True)
    (out / "old" / "page.html").write_text("earlier build")
    keep = tmp_path / "keep.txt"
    keep.write_text("not the site's")
    (out / "link").symlink_to(keep)
    with pytest.raises(SiteError, match="not empty"):
        prepare_output(out, force=False, protected=[])
    with pytest.raises(SiteError, match="holds no jupyter-lite.json"):
        prepare_output(out, force=True, protected=[])
    (out / "jupyter-lite.json").write_text("{}")
    assert prepare_output(out, force=True, protected=[]) == out.resolve()
    assert list(out.iterdir()) == [] and keep.read_text() == "not the site's"
    with pytest.raises(SiteError, match="it holds"):
        prepare_output(tmp_path, force=True, protected=[out])
    assert prepare_output(tmp_path / "new" / "site", force=False, protected=[]).is_dir()
