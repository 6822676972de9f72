"""Shared fixtures: JupyterLab servers and a real Chromium driven by Playwright.

Fixtures (see each docstring):

    chromium_path      (session)  "/usr/bin/chromium"; skips if missing, FAILS if missing and CI=true
    lab_server         (session)  factory: lab_server(root_dir) -> LabServer, stopped at session end
    jupyter_lab        (session)  LabServer serving <repo>/notebooks
    browser_page       (function) a Playwright Page in headless Chromium, closed after the test
    open_notebook      (function) open_notebook(page, server, name) -> None, waits for the notebook
    run_all_cells      (function) run_all_cells(page) -> dict, runs every cell, waits until done
    click_latency      (function) click_latency(page, click, watch, clicks=10) -> list[float] ms
    click_baseline     (session)  ClickBaseline for a trivial Button -> HTML widget, measured once

JupyterLab's autosave and news toast are switched off, and the default kernel starts
without a dialog, in each server's own settings directory (never in sys.prefix or ~),
so running notebooks in the browser never rewrites the committed files.
No network is used: everything talks to 127.0.0.1.

Nothing is left behind (see "a clean machine" below): before any test or kernel starts, the
session gets its own TMPDIR, Jupyter runtime/config/data folders, IPython, matplotlib and XDG
cache/config folders under pytest's basetemp; every process started later (nbval's kernels,
nbclient's, the servers, Chromium) inherits them. A kernel a test leaves running is stopped
after that test. At the end the folder is removed, and anything new in the real TMPDIR or
HOME fails the run.
"""

from __future__ import annotations

import fnmatch
import json
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pytest

from local_server import (BASELINE_WIDGET_CODE, LOCAL, free_port, isolated_env, log_tail,
                          start)

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_START_TIMEOUT_S = 60

# JupyterLab user settings written for every test server.
LAB_USER_SETTINGS = {
    # no "get Jupyter news?" toast over the bottom right, no update check (no network)
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    # never write the notebooks we run back to disk
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    # a notebook without kernelspec metadata starts python3 instead of asking in a dialog
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"autoStartDefaultKernel": True},
}



# --- a clean machine: the session's own temporary and Jupyter folders -----------------------------

#: Environment variables pointed into the session folder, and their sub-folder names. TMPDIR
#: takes tempfile.mkstemp's kernel connection files (nbclient given a KernelManager) and Voila's
#: voila_* folders; JUPYTER_RUNTIME_DIR the kernel-*.json files (with their HMAC keys) of nbval,
#: nbclient and the servers; the XDG folders Chromium's disk cache and fontconfig's; npm's cache
#: the _logs of every npm run (JupyterLab's language-server search runs `npm prefix -g`);
#: RUSTUP_HOME the settings.toml a rustup proxy on PATH writes when the lite build probes it.
SESSION_DIRS = {"TMPDIR": "tmp", "JUPYTER_RUNTIME_DIR": "jupyter-runtime",
                "JUPYTER_CONFIG_DIR": "jupyter-config", "JUPYTER_DATA_DIR": "jupyter-data",
                "IPYTHONDIR": "ipython", "MPLCONFIGDIR": "matplotlib",
                "XDG_CACHE_HOME": "xdg-cache", "XDG_CONFIG_HOME": "xdg-config",
                "XDG_DATA_HOME": "xdg-data", "npm_config_cache": "npm", "RUSTUP_HOME": "rustup"}
#: Folders in HOME not walked into (toolchains); and never looked at: the lite build's download
#: cache (kept on purpose between runs, tests/test_lite.py), named by COURSE_LITE_CACHE.
HOME_SKIP = {".pyenv", ".rustup", ".cargo", ".npm", ".m2", ".git"}
HOME_DEPTH = 4
#: Extra glob patterns of names in TMPDIR or HOME that are not the tests' (on a shared machine:
#: other people's files), separated by os.pathsep. pytest-of-<user> is always allowed.
IGNORE_ENV = "COURSE_LEFTOVERS_IGNORE"


@dataclass
class CleanSession:
    """The session folder, what the real TMPDIR and HOME held at the start, and the findings."""

    folder: Path
    tmp: Path
    home: Path
    tmp_before: set
    home_before: set
    skip: set
    leftovers: list = field(default_factory=list)
    left_in_folder: dict = field(default_factory=dict)
    kernels_stopped: list = field(default_factory=list)


def _home_entries(home: Path, skip: set) -> set:
    """Relative paths under HOME, HOME_DEPTH levels deep; the HOME_SKIP folders are listed but
    not walked into."""
    found, todo = set(), [(home, 0)]
    while todo:
        folder, depth = todo.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            path = Path(entry.path)
            if path in skip:
                continue
            found.add(str(path.relative_to(home)))     # a new ~/.npm counts, even unwalked
            walk = not (depth == 0 and entry.name in HOME_SKIP)
            if walk and depth + 1 < HOME_DEPTH and entry.is_dir(follow_symlinks=False):
                todo.append((path, depth + 1))
    return found


def _ignored(name: str) -> bool:
    """pytest's own folder, or a name (or its top folder) matching COURSE_LEFTOVERS_IGNORE."""
    patterns = ["pytest-of-*", *filter(None, os.environ.get(IGNORE_ENV, "").split(os.pathsep))]
    top = Path(name).parts[0]
    return any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(top, p) for p in patterns)


@pytest.hookimpl(trylast=True)
def pytest_configure(config):
    """Point the session's temporary and Jupyter folders under pytest's basetemp, before any
    kernel starts (nbval's included), and note what the real TMPDIR and HOME hold."""
    if hasattr(config, "workerinput"):
        return                                   # an xdist worker: its controller did it
    tmp, home = Path(tempfile.gettempdir()), Path.home()
    lite_cache = Path(os.environ.get("XDG_CACHE_HOME") or home / ".cache") / "course_lite"
    os.environ.setdefault("COURSE_LITE_CACHE", str(lite_cache))
    factory = getattr(config, "_tmp_path_factory", None)    # None with -p no:tmpdir
    if factory is None:
        return
    folder = factory.getbasetemp() / "session-env"
    for name, sub in SESSION_DIRS.items():
        (folder / sub).mkdir(parents=True, exist_ok=True)
        os.environ[name] = str(folder / sub)
    tempfile.tempdir = None                      # this process too: gettempdir() reads TMPDIR again
    skip = {Path(os.environ["COURSE_LITE_CACHE"])}
    config._course_clean = CleanSession(folder, tmp, home, set(os.listdir(tmp)),
                                        _home_entries(home, skip), skip)


def pytest_sessionfinish(session, exitstatus):
    """After every fixture is torn down: what the tests left in the session folder (reported),
    and anything new in the real TMPDIR or HOME (fails the run)."""
    clean = getattr(session.config, "_course_clean", None)
    if clean is None:
        return
    for sub in SESSION_DIRS.values():
        folder = clean.folder / sub
        names = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []
        if names:
            clean.left_in_folder[sub] = names
    new_tmp = sorted(set(os.listdir(clean.tmp)) - clean.tmp_before)
    new_home = sorted(_home_entries(clean.home, clean.skip) - clean.home_before)
    clean.leftovers = [str(clean.tmp / n) for n in new_tmp if not _ignored(n)] + \
                      [str(clean.home / n) for n in new_home if not _ignored(n)]
    if clean.leftovers and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    clean = getattr(config, "_course_clean", None)
    if clean is None:
        return
    write = terminalreporter.write_line
    if clean.kernels_stopped:
        write("kernels left running by a test (stopped after it): " + "; ".join(
            f"{test} ({count})" for test, count in clean.kernels_stopped))
    if clean.left_in_folder:
        write(f"left in the session folder {clean.folder} (removed now): " + "; ".join(
            f"{sub}: {len(names)} ({', '.join(names[:3])}{', ...' if len(names) > 3 else ''})"
            for sub, names in clean.left_in_folder.items()))
    if clean.leftovers:
        terminalreporter.write_sep("=", "LEFT IN TMPDIR OR HOME (the run fails)", red=True)
        for path in clean.leftovers[:50]:
            write(f"  {path}")
        write(f"(names that are not the tests', e.g. on a shared machine: {IGNORE_ENV}="
              f"'glob{os.pathsep}glob')")


def pytest_unconfigure(config):
    clean = getattr(config, "_course_clean", None)
    if clean is not None:
        shutil.rmtree(clean.folder, ignore_errors=True)


def _kernel_children() -> dict:
    """This process's child processes that are IPython kernels: {pid: connection file}."""
    found = {}
    for children in Path("/proc/self/task").glob("*/children"):
        try:
            pids = [int(p) for p in children.read_text().split()]
        except OSError:
            continue
        for pid in pids:
            try:
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
                args = cmdline.decode(errors="replace").split("\0")
            except OSError:
                continue
            if any("ipykernel" in a for a in args) and "-f" in args[:-1]:
                found[pid] = args[args.index("-f") + 1]
    return found


def _stop_kernel(pid: int, connection_file: str) -> None:
    """SIGTERM, up to 5 s, SIGKILL; reap it; remove its connection file."""
    for sig, wait_s in ((signal.SIGTERM, 5), (signal.SIGKILL, 5)):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            break
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            try:
                if os.waitpid(pid, os.WNOHANG)[0]:
                    break
            except ChildProcessError:
                break
            time.sleep(0.05)
        else:
            continue
        break
    Path(connection_file).unlink(missing_ok=True)


@pytest.fixture(autouse=True)
def _stop_kernels_a_test_left(request):
    """A kernel started during a test and still running after it (nbclient given its own
    KernelManager never shuts it down) is stopped, its connection file removed, and named in
    the summary. Kernels running before the test (nbval's, the servers') are not touched."""
    before = set(_kernel_children())
    yield
    left = {pid: f for pid, f in _kernel_children().items() if pid not in before}
    for pid, connection_file in left.items():
        _stop_kernel(pid, connection_file)
    clean = getattr(request.config, "_course_clean", None)
    if left and clean is not None:
        clean.kernels_stopped.append((request.node.nodeid, len(left)))


# --- Chromium ------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Path of Debian's Chromium; skip if absent, but fail if absent on CI (CI=true)."""
    if Path(CHROMIUM).exists():
        return CHROMIUM
    message = "chromium not installed: apt-get install chromium"
    if os.environ.get("CI") == "true":
        pytest.fail(message + " (CI=true: browser tests may not be skipped)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def _playwright():
    """One Playwright driver for the whole session (started only if a browser test runs)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


def _launch(playwright, chromium_path: str):
    return playwright.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)


@pytest.fixture
def browser_page(_playwright, chromium_path):
    """A fresh headless Chromium (own process) with one 1280x900 page; closed after the test."""
    browser = _launch(_playwright, chromium_path)
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        yield page
    finally:
        browser.close()


# --- JupyterLab servers --------------------------------------------------------------------------


@dataclass
class LabServer:
    """A running ``jupyter lab`` subprocess serving ``root_dir`` on 127.0.0.1."""

    root_dir: Path
    port: int
    token: str
    process: subprocess.Popen
    state_dir: Path
    log_path: Path
    stopped: bool = field(default=False)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def notebook_url(self, name: str) -> str:
        """URL opening ``name`` (relative to root_dir) in JupyterLab, ignoring saved layouts."""
        return f"{self.base_url}lab/tree/{quote(name)}?reset&token={self.token}"

    def api(self, path: str, method: str = "GET", timeout: float = 5) -> dict:
        """Call the REST API (``path`` like "api/status"), return the decoded JSON (or {})."""
        request = urllib.request.Request(
            f"{self.base_url}{path}", method=method, headers={"Authorization": f"token {self.token}"}
        )
        with LOCAL.open(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body else {}

    def log_tail(self, lines: int = 40) -> str:
        return log_tail(self.log_path, lines)

    def stop(self) -> None:
        """Shut down kernels and the server: API shutdown, then SIGTERM, then SIGKILL, by PID."""
        if self.stopped:
            return
        self.stopped = True
        if self.process.poll() is None:
            try:
                self.api("api/shutdown", method="POST")
            except (OSError, urllib.error.URLError):
                pass
            for sig, wait_s in ((None, 10), (signal.SIGTERM, 10), (signal.SIGKILL, 10)):
                if sig is not None and self.process.poll() is None:
                    self.process.send_signal(sig)
                try:
                    self.process.wait(timeout=wait_s)
                    break
                except subprocess.TimeoutExpired:
                    continue
        shutil.rmtree(self.state_dir, ignore_errors=True)


def start_lab_server(root_dir: Path, state_dir: Path) -> LabServer:
    """Start ``jupyter lab`` on ``root_dir`` with all Jupyter state under ``state_dir``."""
    root_dir = Path(root_dir).resolve()
    state_dir.mkdir(parents=True, exist_ok=True)
    settings_dir = state_dir / "user-settings"
    for relative, values in LAB_USER_SETTINGS.items():
        path = settings_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    port, token = free_port(), secrets.token_hex(16)
    command = [
        sys.executable, "-m", "jupyterlab",
        "--allow-root", "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        "--LabApp.expose_app_in_browser=True",
        f"--ServerApp.root_dir={root_dir}",
        f"--LabApp.user_settings_dir={settings_dir}",
        f"--LabApp.workspaces_dir={state_dir / 'workspaces'}",
        "--ServerApp.terminals_enabled=False",
        # no search for language servers: it runs rustup's proxies (writing ~/.rustup)
        "--LanguageServerManager.autodetect=False",
    ]  # fmt: skip
    log_path = state_dir / "server.log"
    process = start(command, cwd=root_dir, env=isolated_env(state_dir), log_path=log_path,
                    ready_url=f"http://127.0.0.1:{port}/api/status?token={token}",
                    what="jupyter lab", timeout_s=SERVER_START_TIMEOUT_S)
    return LabServer(root_dir, port, token, process, state_dir, log_path)


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory) -> Iterator[Callable[[Path], LabServer]]:
    """Factory ``lab_server(root_dir) -> LabServer``; every server is stopped at session end."""
    servers: list[LabServer] = []

    def start(root_dir: Path) -> LabServer:
        server = start_lab_server(Path(root_dir), tmp_path_factory.mktemp("jupyter-state"))
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def jupyter_lab(lab_server) -> LabServer:
    """JupyterLab serving the course notebooks (<repo>/notebooks); autosave is off."""
    return lab_server(REPO / "notebooks")


# --- driving a notebook --------------------------------------------------------------------------

_NOTEBOOK_READY_JS = """(name) => {
  const app = window.jupyterapp;
  const panel = app && app.shell.currentWidget;
  const ctx = panel && panel.sessionContext;
  const kernel = ctx && ctx.session && ctx.session.kernel;
  return !!(panel && panel.context && panel.context.isReady && panel.context.path.endsWith(name)
            && ctx.isReady && kernel && kernel.connectionStatus === 'connected'
            && kernel.status === 'idle' && panel.content && panel.content.widgets.length > 0);
}"""

_RUN_STATE_JS = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const cells = panel.content.widgets.filter(
    c => c.model.type === 'code' && c.model.sharedModel.getSource().trim() !== '');
  const state = {total: cells.length, done: 0, started: 0, running: 0, errors: [],
                 kernel: panel.sessionContext.session.kernel.status};
  cells.forEach((cell, i) => {
    const count = cell.model.executionCount;
    const prompt = cell.promptNode ? cell.promptNode.textContent : '';
    const running = cell.model.executionState === 'running' || prompt.includes('*');
    if (count !== null && !running) state.done += 1;
    if (count !== null || running) state.started += 1;
    if (running) state.running += 1;
    const tags = cell.model.getMetadata('tags') || [];
    for (let j = 0; j < cell.model.outputs.length; j++) {
      const out = cell.model.outputs.get(j).toJSON();
      if (out.output_type === 'error' && !tags.includes('raises-exception'))
        state.errors.push(`code cell ${i}: ${out.ename}: ${out.evalue}`);
    }
  });
  state.finished = state.kernel === 'idle' && state.running === 0
                   && (state.done === state.total || state.errors.length > 0);
  return state;
}"""


def open_notebook(page, server: LabServer, name: str, timeout_s: float = 60) -> None:
    """Open ``name`` in JupyterLab and wait until its kernel is connected and idle."""
    page.goto(server.notebook_url(name))
    page.wait_for_function(_NOTEBOOK_READY_JS, arg=name, timeout=timeout_s * 1000, polling=100)


def run_all_cells(page, timeout_s: float = 300, start_timeout_s: float = 10) -> dict:
    """Run every cell of the current notebook via ``notebook:run-all-cells``; wait until done.

    Clears outputs first, then confirms execution really started (a prompt shows [*] or a
    count) and re-issues run-all once if it did not (first-run race on a fresh server).
    Raises AssertionError on an error output (cells tagged raises-exception excepted).
    Returns the final state: total/done code cells, kernel status.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.wait_for_function(_NOTEBOOK_READY_JS, arg="", timeout=60_000, polling=100)
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
    started_js = f"() => {{ const s = ({_RUN_STATE_JS})(); return s.total === 0 || s.started > 0; }}"
    for attempt in (1, 2):
        page.evaluate("() => { void window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
        try:
            page.wait_for_function(started_js, timeout=start_timeout_s * 1000, polling=50)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise AssertionError(f"run-all never started: {page.evaluate(_RUN_STATE_JS)}") from None
    page.wait_for_function(f"() => ({_RUN_STATE_JS})().finished", timeout=timeout_s * 1000, polling=100)
    state = page.evaluate(_RUN_STATE_JS)
    if state["errors"]:
        raise AssertionError("error output in the notebook:\n" + "\n".join(state["errors"]))
    state["attempts"] = attempt
    return state


_ARM_CLICK_TIMER_JS = """([watch, attributes]) => {
  const before = watch.innerHTML;
  const record = {t0: null, t1: null};
  window.__clickLatency = record;
  window.addEventListener('click', () => { record.t0 = performance.now(); },
                          {capture: true, once: true});
  const observer = new MutationObserver(() => {
    if (record.t0 !== null && record.t1 === null && watch.innerHTML !== before) {
      record.t1 = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(watch, {subtree: true, childList: true, characterData: true,
                           attributes: attributes});
}"""


def click_latency(page, click, watch, clicks: int = 10, attributes: bool = False,
                  timeout_s: float = 10) -> list[float]:
    """Click ``click`` (a Locator) ``clicks`` times; return click -> ``watch`` changed, in ms.

    Each sample is measured in the page's own clock: from the browser dispatching the
    click event to the first DOM mutation after which ``watch``'s innerHTML differs from
    before the click (the kernel round trip plus re-render). ``attributes=True`` also
    counts attribute-only changes (e.g. an SVG fill) as mutations.
    """
    samples = []
    watch_handle = watch.element_handle()
    for _ in range(clicks):
        page.evaluate(_ARM_CLICK_TIMER_JS, [watch_handle, attributes])
        click.click()
        page.wait_for_function("() => window.__clickLatency.t1 !== null", timeout=timeout_s * 1000)
        record = page.evaluate("() => window.__clickLatency")
        samples.append(record["t1"] - record["t0"])
    return samples


@pytest.fixture(name="open_notebook")
def _open_notebook_fixture():
    """``open_notebook(page, server, name)``: open a notebook, wait for an idle kernel."""
    return open_notebook


@pytest.fixture(name="run_all_cells")
def _run_all_cells_fixture():
    """``run_all_cells(page, timeout_s=300) -> state``: run all cells, wait, fail on errors."""
    return run_all_cells


@pytest.fixture(name="click_latency")
def _click_latency_fixture():
    """``click_latency(page, click, watch, clicks=10) -> [ms, ...]``: click round trips."""
    return click_latency


# --- the trivial widget baseline -----------------------------------------------------------------

BASELINE_CELLS = [BASELINE_WIDGET_CODE, 'print("cells ran")']


@dataclass
class ClickBaseline:
    """Click -> HTML-updated round trips of a trivial ipywidgets Button in JupyterLab."""

    samples_ms: list[float]
    text_before: str
    text_after: str
    screenshot: Path

    @property
    def median_ms(self) -> float:
        return statistics.median(self.samples_ms)


def write_baseline_notebook(path: Path) -> None:
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    nb = new_notebook(cells=[new_code_cell(source) for source in BASELINE_CELLS])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(path))


def measure_click_baseline(page, server: LabServer, clicks: int = 10) -> ClickBaseline:
    """Open the baseline notebook (already in ``server.root_dir``), run it, click, measure."""
    open_notebook(page, server, "baseline.ipynb")
    run_all_cells(page)
    page.locator(".jp-OutputArea-output", has_text="cells ran").wait_for(timeout=30_000)
    button = page.locator(".baseline-button")
    out = page.locator(".baseline-out")
    out.wait_for(timeout=30_000)
    text_before = out.inner_text()
    samples = click_latency(page, button, out, clicks=clicks)
    text_after = out.inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot = ARTIFACTS / "browser_roundtrip.png"
    page.screenshot(path=str(screenshot))
    return ClickBaseline(samples, text_before, text_after, screenshot)


@pytest.fixture(scope="session")
def click_baseline(_playwright, chromium_path, lab_server, tmp_path_factory) -> ClickBaseline:
    """Measured once per session: own tmp dir, own server, own browser (all closed after).

    Later browser tests compare their click latency against ``click_baseline.median_ms``.
    """
    root = tmp_path_factory.mktemp("baseline")
    write_baseline_notebook(root / "baseline.ipynb")
    server = lab_server(root)
    browser = _launch(_playwright, chromium_path)
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        return measure_click_baseline(page, server)
    finally:
        browser.close()
        server.stop()
