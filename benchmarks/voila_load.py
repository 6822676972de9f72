#!/usr/bin/env python3
"""A class on one Voila server: many students step through the stepper app at once.

    python benchmarks/voila_load.py                          # 40 sessions x 50 steps
    python benchmarks/voila_load.py --sessions 4 --steps 20  # about what tests/test_voila_load.py runs
    python benchmarks/voila_load.py --json figures.json      # the figures as JSON too

One Voila server (`voila notebooks/stepper_app.ipynb` with the class configuration in
config/voila.json, on 127.0.0.1) and one headless Chromium with a browser context per student
(own cookies, own page, own kernel). Nothing leaves 127.0.0.1: every other host name resolves
to nothing inside Chromium (the two Font Awesome stylesheets of Voila's template fail, as they
do offline; nothing needs them). In a class each browser runs on its student's computer; here
all of them share the server's cores, so Chromium's threads are kept at nice --browser-nice
(10), and the kernel's side is also timed by the messages' own dates (see PROBE_JS).

1. Arrival: the pages load, at most --load-concurrency at a time (a class trickling in); each
   page runs the notebook in its own kernel, with only the JupyterLab extensions that
   config/voila.json allows (reported). A page that draws no stepper within FIRST_TRY_S, or
   says an error while loading, is reloaded once, as a student would (reported, with why).
   Then every kernel's memory is read from /proc (RSS, PSS: its fair share of shared pages,
   USS: its own pages).
2. Stepping, all sessions at once: each clicks Forward / Backward --steps times, --think-ms
   apart. Each click is timed in the page, from the click to the diagram changing in the DOM
   (and to the next frame). Stepping happens in the browser, and every step syncs the position
   back to the kernel (a comm "update"): a probe on the page's websocket times each one from
   sending it to the kernel's "idle" after handling it. When all numbers are known the session
   presses Update weights (a kernel round trip: click -> the new pass drawn); at the end Full
   step, Update weights and Reset (two more round trips). Every number of every pass in the
   page's table is compared with course_lib's.
3. Leaving: half the pages are closed as a tab is closed (Voila's page then asks the server to
   shut its kernel down, and Voila 0.5.13 refuses: 403, no _xsrf cookie, voila#1458); the
   other half vanish without a word (their browser context is closed, as when a laptop is
   shut). Every session's kernel process is watched until it is gone (culled by the server
   after cull_idle_timeout), for at most cull_idle_timeout + cull_interval + CULL_MARGIN_S.

The whole run is bounded by --time-limit; Voila is stopped by its PID at the end, and any
kernel it left is killed by PID. Exit status 0 when every check held, 1 otherwise.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
APP = REPO / "notebooks" / "stepper_app.ipynb"
CONFIG_DIR = REPO / "config"              # voila.json: culling for a class (see TEACHING.md)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 # 40 pages in one browser: none of them may be throttled as "in the background"
                 "--disable-renderer-backgrounding", "--disable-background-timer-throttling",
                 "--disable-backgrounding-occluded-windows",
                 # nothing leaves this machine: every other host name resolves to nothing
                 "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]
LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))
PAGE_TIMEOUT_S = 180         # one page: served, kernel started, notebook run, widget drawn
FIRST_TRY_S = 60             # a page not drawn by then is reloaded once (p95 was 14 s with 40)
SETTLE_S = 1                 # after the stepper is drawn: time for a late error to show
CLICK_TIMEOUT_MS = 30_000    # one click -> the diagram changed
CULL_MARGIN_S = 60           # beyond cull_idle_timeout + cull_interval


# --- the server -----------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def class_config() -> dict:
    """The MappingKernelManager settings of config/voila.json (what a class server uses)."""
    return json.loads((CONFIG_DIR / "voila.json").read_text())["MappingKernelManager"]


def voila_command(port: int, overrides: dict) -> list[str]:
    """The command a teacher runs (TEACHING.md), on 127.0.0.1:port; `overrides` are
    MappingKernelManager settings given on the command line (they win over the file)."""
    return [sys.executable, "-m", "voila", str(APP), "--no-browser", f"--port={port}",
            "--Voila.ip=127.0.0.1", "--Voila.port_retries=0",
            f"--Voila.config_file_paths={CONFIG_DIR}",
            *(f"--MappingKernelManager.{name}={value}" for name, value in overrides.items())]


class Voila:
    """`voila notebooks/stepper_app.ipynb` as a subprocess, all its state in `state_dir`."""

    def __init__(self, state_dir: Path, overrides: dict, timeout_s: float = 90):
        self.port, self.log_path = free_port(), state_dir / "voila.log"
        env = dict(os.environ)
        for name, sub in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"),
                          ("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython"),
                          ("TMPDIR", "tmp")):
            env[name] = str(state_dir / sub)
            (state_dir / sub).mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(voila_command(self.port, overrides), cwd=REPO,
                                            env=env, stdout=log, stderr=subprocess.STDOUT)
        self.known_kernels: set[int] = set()
        deadline = time.monotonic() + timeout_s
        while not self._answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"voila did not start:\n{self.log_tail()}")
            time.sleep(0.2)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def _answers(self) -> bool:
        try:   # voila.js is served once the server is up; asking for it starts no kernel
            with LOCAL.open(f"{self.url}voila/static/voila.js", timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    def log_tail(self, lines: int = 30) -> str:
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def kernels(self) -> list[int]:
        """PIDs of the running kernels: Voila's live child processes (from /proc)."""
        try:
            children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
            pids = [int(p) for p in children.read_text().split()]
        except OSError:
            return []
        alive = [pid for pid in pids if alive_pid(pid)]
        self.known_kernels.update(alive)
        return alive

    def stop(self) -> None:
        """SIGTERM (Voila shuts its kernels down), SIGKILL if it hangs; then any kernel left."""
        kernels = set(self.kernels()) | self.known_kernels
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        deadline = time.monotonic() + 5
        for pid in kernels:
            while alive_pid(pid) and time.monotonic() < deadline:
                time.sleep(0.1)
            if alive_pid(pid):
                os.kill(pid, signal.SIGKILL)


def alive_pid(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def memory_mb(pid: int) -> dict | None:
    """RSS, PSS and USS (private pages) of a process, in MB, from /proc/<pid>/smaps_rollup."""
    try:
        fields = dict(line.split(":", 1) for line in
                      Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:])
    except OSError:
        return None
    kb = {name: int(value.split()[0]) for name, value in fields.items()}
    return {"rss": kb["Rss"] / 1024, "pss": kb["Pss"] / 1024,
            "uss": (kb["Private_Clean"] + kb["Private_Dirty"]) / 1024}


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return math.nan
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def mem_available_mb() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) / 1024
    return math.nan


# --- what runs in each page ------------------------------------------------------------------

#: Before the page's own scripts: wrap WebSocket, so that every message the stepper sends its
#: kernel (a step's sync, {"method": "update", "state": {"seq", "position"}}; an action,
#: {"method": "custom"}) is timed from sending to the kernel's "idle" status after handling it:
#: in the page's clock (when the page saw it), and by the messages' own dates (the page's date
#: on the message sent, the kernel's on its "busy" and "idle": one machine, one clock), which
#: leave out how long a busy browser took to notice the answer.
#: Reads both wire formats: JSON text and Jupyter's binary v1 protocol.
PROBE_JS = r"""(() => {
  const probe = { sent: [], idle: {}, busy: {} };
  window.__courseProbe = probe;
  const decoder = new TextDecoder();
  function parse(data) {
    try {
      if (typeof data === "string") return JSON.parse(data);
      const buf = data instanceof ArrayBuffer ? data : ArrayBuffer.isView(data) ?
        data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) : null;
      if (!buf) return null;
      const view = new DataView(buf), count = Number(view.getBigUint64(0, true)), at = [];
      for (let i = 0; i < count; i++) at.push(Number(view.getBigUint64(8 * (i + 1), true)));
      const part = (i) => JSON.parse(decoder.decode(new Uint8Array(buf, at[i], at[i + 1] - at[i])));
      return { header: part(1), parent_header: part(2), content: part(4) };
    } catch (error) { return null; }
  }
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      const kernel = /api\/kernels\/([^/?]+)/.exec(String(args[0]));
      if (kernel) probe.kernel = kernel[1];
      this.addEventListener("message", (event) => {
        const now = performance.now();
        const msg = parse(event.data);
        if (!msg || msg.header.msg_type !== "status" || !msg.parent_header || !msg.parent_header.msg_id) return;
        const id = msg.parent_header.msg_id, state = msg.content.execution_state;
        if (state === "idle") probe.idle[id] = [now, msg.header.date];    // page clock, kernel's
        else if (state === "busy") probe.busy[id] = msg.header.date;
      });
    }
    send(data) {
      const msg = parse(data);
      const d = msg && msg.header && msg.header.msg_type === "comm_msg" ? msg.content.data || {} : {};
      const state = d.state || {}, content = d.content || {};
      const sent = { id: msg && msg.header.msg_id, date: msg && msg.header.date, t: performance.now() };
      if (d.method === "update" && "seq" in state) probe.sent.push({ ...sent, kind: "sync", seq: state.seq });
      else if (d.method === "custom" && content.do) probe.sent.push({ ...sent, kind: content.do, seq: content.seq });
      return super.send(data);
    }
  };
})();"""

#: The JupyterLab extensions Voila gave the page (VoilaConfiguration.extension_allowlist).
EXTENSIONS_JS = """() => JSON.parse(document.getElementById("jupyter-config-data").textContent)
  .federated_extensions.map((extension) => extension.name)"""

#: One student: `steps` clicks on Forward (to f) then Backward (to the first layer), `thinkMs`
#: apart; Update weights whenever every number is known; at the end Full step, Update weights,
#: Reset. Returns the timings and the table of numbers at each stage.
SESSION_JS = r"""async ({ steps, thinkMs, timeoutMs }) => {
  const $ = (selector) => document.querySelector(selector);
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const diagram = $(".stepper-diagram");
  const button = (name) => $(`.stepper-${name}`);
  const usable = (name) => button(name).getAttribute("aria-disabled") !== "true";
  const position = () => Number((/Step (\d+) of/.exec($(".stepper-step").textContent) || [])[1]);
  const table = () => Array.from(document.querySelectorAll(".stepper-table td[data-name]"),
    (td) => [td.dataset.name, td.dataset.value, td.parentElement.hidden]);
  const out = { steps: [], trips: [], stages: [], errors: [] };
  // click, then wait until `changed()` holds after a mutation of the diagram: ms to the DOM
  // change and to the next frame after it
  function timed(name, changed) {
    return new Promise((resolve, reject) => {
      let done = false, t0 = 0;
      const observer = new MutationObserver(() => {
        if (done || !changed()) return;
        done = true;
        const t1 = performance.now();
        observer.disconnect();
        requestAnimationFrame(() => resolve({ dom: t1 - t0, frame: performance.now() - t0 }));
      });
      observer.observe(diagram, { subtree: true, childList: true, attributes: true, characterData: true });
      setTimeout(() => {
        if (done) return;
        observer.disconnect();
        reject(new Error(`${name}: the diagram did not change within ${timeoutMs} ms`));
      }, timeoutMs);
      t0 = performance.now();
      button(name).click();
    });
  }
  async function roundTrip(name) {
    const old = diagram.querySelector("svg");
    const t = await timed(name, () => diagram.querySelector("svg") !== old);
    out.trips.push({ kind: name, ...t });
  }
  const stage = (name, pass) => out.stages.push({ name, pass, position: position(),
    message: $(".stepper-message").textContent, table: table() });
  let pass = 0;
  try {
    for (let k = 1; k <= steps; k++) {
      if (!usable("forward") && !usable("backward")) {        // every number of the pass known
        stage(`pass ${pass} done`, pass);
        await roundTrip("update");
        pass += 1;
        await sleep(thinkMs);
      }
      const name = usable("forward") ? "forward" : "backward", before = position();
      out.steps.push(await timed(name, () => true));
      if (position() !== before + 1) out.errors.push(`click ${k} (${name}): step ${before} -> ${position()}`);
      await sleep(thinkMs);
    }
    stage("after the steps", pass);
    if (usable("forward") || usable("backward")) {
      await timed("full-step", () => true);
      await sleep(thinkMs);
    }
    stage(`pass ${pass} done`, pass);
    await roundTrip("update");
    stage("after Update weights", pass + 1);
    await sleep(thinkMs);
    await roundTrip("reset");
    stage("after Reset", 0);
  } catch (error) { out.errors.push(String(error)); }
  const probe = window.__courseProbe;                  // the kernel's last "idle"s, if still due
  for (let waited = 0; waited < timeoutMs && probe.sent.some((s) => !(s.id in probe.idle)); waited += 50)
    await sleep(50);
  out.probe = probe;
  return out;
}"""


# --- checking a session against course_lib ----------------------------------------------------

def library_passes(count: int) -> list[dict]:
    """Every number of the stepper's pass p (p updates of the seed network, learning rate 0.5,
    the seed sample, correct 1.0), by name, for p = 0 .. count - 1."""
    from course_lib import SEED_SAMPLE, backward, forward, seed_network, update

    network, sample, passes = seed_network(), [SEED_SAMPLE["I1"], SEED_SAMPLE["I2"]], []
    for _ in range(count):
        trace = forward(network, sample)
        gradients = backward(trace, SEED_SAMPLE["correct"])
        passes.append({**trace.values, **trace.slopes, **gradients.values, **network.weights,
                       "L": gradients.loss})
        network = update(network, gradients, 0.5)
    return passes


def stage_problems(stage: dict, expected: dict) -> list[str]:
    """What is wrong with one stage of a session: a number of the page's table that is not
    course_lib's, a refusal message shown, or too few numbers compared."""
    problems = [f"{stage['name']}: message {stage['message']!r}"] if stage["message"] else []
    compared = 0
    for name, text, _hidden in stage["table"]:
        if name in expected:
            compared += 1
            if not math.isclose(float(text), expected[name], rel_tol=1e-12, abs_tol=1e-15):
                problems.append(f"{stage['name']}: {name} = {text}, course_lib says "
                                f"{expected[name]!r}")
    if compared < 30:
        problems.append(f"{stage['name']}: only {compared} numbers could be compared")
    return problems


def session_problems(result: dict, steps: int, n_steps: int = 34) -> list[str]:
    """Every check of one session: its clicks, its syncs, its round trips, its numbers."""
    problems = list(result.get("errors", []))
    if len(result.get("steps", [])) != steps:
        problems.append(f"{len(result.get('steps', []))} of {steps} clicks changed the diagram")
    passes = (steps - 1) // n_steps
    position = steps - passes * n_steps
    stages = {stage["name"]: stage for stage in result.get("stages", [])}
    after = stages.get("after the steps")
    if after is None or (after["pass"], after["position"]) != (passes, position):
        problems.append(f"after the steps: {after and (after['pass'], after['position'])}, "
                        f"expected pass {passes} at step {position}")
    for name in ("after Update weights", "after Reset"):     # a new pass starts at step 0
        if name in stages and stages[name]["position"] != 0:
            problems.append(f"{name}: the page is at step {stages[name]['position']}, not 0")
    expected = library_passes(passes + 2)
    for stage in result.get("stages", []):
        problems += stage_problems(stage, expected[stage["pass"]])
    if len(result.get("stages", [])) != passes + 4:
        problems.append(f"{len(result.get('stages', []))} stages, expected {passes + 4}")
    # Each move (a click, the Full step) numbers the position it syncs with seq 1, 2, ...;
    # ipywidgets merges moves made while an earlier sync is unanswered into the next one, so
    # the kernel must have handled the last seq, and every sync sent.
    probe = result.get("probe") or {"sent": [], "idle": {}}
    seqs = [s["seq"] for s in probe["sent"] if s["kind"] == "sync"]
    moves = steps + (position < n_steps)
    unanswered = [s["seq"] for s in probe["sent"] if s["id"] not in probe["idle"]]
    if max(seqs, default=0) != moves or seqs != sorted(set(seqs)) or unanswered:
        problems.append(f"syncs {seqs[-3:]} for {moves} moves; the kernel did not finish "
                        f"handling seq {unanswered[:5]}")
    return problems


# --- the class --------------------------------------------------------------------------------

def ms_between(start: str, end: str) -> float:
    """Milliseconds between two ISO dates of Jupyter messages (the page's, the kernel's)."""
    from datetime import datetime

    return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds() * 1000


def percentile(samples: list[float], share: float) -> float:
    """The nearest-rank percentile (share 0.5: the median, 0.95: p95); NaN for no samples."""
    ordered = sorted(samples)
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)] if ordered else math.nan


def spread(samples: list[float]) -> dict:
    return {"n": len(samples), "p50": percentile(samples, 0.5), "p95": percentile(samples, 0.95),
            "max": max(samples, default=math.nan)}


def kernel_memory(voila: Voila) -> list[dict]:
    return [m for m in map(memory_mb, voila.kernels()) if m]


async def arrive(browser, voila: Voila, gate: asyncio.Semaphore, contexts: list) -> dict:
    """One student opens the app: seconds until the stepper is drawn (or the error). A page
    that draws nothing within FIRST_TRY_S, or says an error while it loads, is reloaded once,
    as a student would (its first kernel is left to the culler); `first_try` keeps why.
    (Voila 0.5.13's widget manager gives a kernel's control comm 4 s to answer, then falls
    back to fetching each model: on a starved server a page then shows "model not found", or
    draws a stepper whose model failed to initialize, so Update weights never comes back.)"""
    async with gate:
        context = await browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        await context.add_init_script(PROBE_JS)
        page = await context.new_page()
        complaints: list[str] = []
        page.on("console", lambda m: complaints.append(f"{m.type}: {m.text[:300]}")
                if complaint(m) else None)
        page.on("pageerror", lambda e: complaints.append(f"error (uncaught): {str(e)[:300]}"))
        start, session = time.monotonic(), {"page": page, "context": context}
        try:
            try:
                await drawn(page, voila.url, FIRST_TRY_S)
                await asyncio.sleep(SETTLE_S)
                if errors(complaints):
                    raise RuntimeError("drawn, but the page said an error")
            except Exception as error:
                session["first_try"] = (f"{str(error).splitlines()[0][:200]}; the page's "
                                        f"complaints: {[c[:160] for c in complaints[-4:]]}")
                complaints.clear()
                await drawn(page, None, PAGE_TIMEOUT_S)
                await asyncio.sleep(SETTLE_S)
            session["load_s"] = time.monotonic() - start
            session["kernel"] = await page.evaluate("() => window.__courseProbe.kernel")
            session["extensions"] = await page.evaluate(EXTENSIONS_JS)
        except Exception as error:       # reported as a problem of this session, not raised
            session["error"] = f"load: {str(error)[:200]}; the page's complaints: {complaints[-4:]}"
        session["complaints"] = complaints
        return session


def complaint(message) -> bool:
    """A console message worth reporting: an error (but the Font Awesome stylesheets of Voila's
    template, which cannot load offline, and the 403 of a reloaded page asking for its old
    kernel's shutdown, voila#1458), or a warning about widgets or their comms."""
    text = message.text
    if message.type == "error":
        return "ERR_NAME_NOT_RESOLVED" not in text and "status of 403" not in text
    return message.type == "warning" and bool(re.search(r"widget|comm", text, re.I))


def errors(complaints: list[str]) -> list[str]:
    return [c for c in complaints if c.startswith("error")]


async def drawn(page, url: str | None, timeout_s: float) -> None:
    """Open `url` (None: reload the page) and wait until the stepper is drawn."""
    if url is None:
        await page.reload(timeout=timeout_s * 1000)
    else:
        await page.goto(url, timeout=timeout_s * 1000)
    await page.locator(".stepper-forward").wait_for(state="visible", timeout=timeout_s * 1000)
    await page.locator(".stepper-diagram svg").wait_for(timeout=timeout_s * 1000)


async def step_all(sessions: list[dict], args) -> None:
    """Every loaded session steps at the same time (the page runs SESSION_JS)."""
    live = [s for s in sessions if "error" not in s]
    options = {"steps": args.steps, "thinkMs": args.think_ms, "timeoutMs": CLICK_TIMEOUT_MS}
    results = await asyncio.gather(*(s["page"].evaluate(SESSION_JS, options) for s in live),
                                   return_exceptions=True)
    for session, result in zip(live, results):
        if isinstance(result, BaseException):
            session["error"] = f"stepping: {result}"[:300]
        else:
            session["result"] = result


def kernel_id(pid: int) -> str | None:
    """The kernel id of a kernel process: its connection file is kernel-<id>.json."""
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
    except OSError:
        return None
    files = [Path(a).name for a in args if a.startswith("/") and a.endswith(".json")]
    return files[0][len("kernel-"):-len(".json")] if files and files[0].startswith("kernel-") else None


async def leave(sessions: list[dict], voila: Voila, cull_s: float) -> dict:
    """Half the tabs closed as a person closes a tab (beforeunload runs: Voila's page asks the
    server to shut its kernel down), the other half's browser contexts closed without a word
    (a laptop shut); then the seconds until each session's kernel process is gone."""
    pids = {kernel_id(pid): pid for pid in voila.kernels()}
    closing, vanishing = sessions[0::2], sessions[1::2]
    start = time.monotonic()
    for session in closing:
        await session["page"].close(run_before_unload=True)
    for session in vanishing:
        await session["context"].close()
    gone: dict[int, float] = {}
    while time.monotonic() - start < cull_s + CULL_MARGIN_S and len(gone) < len(pids):
        gone.update((pid, time.monotonic() - start) for pid in pids.values()
                    if pid not in gone and not alive_pid(pid))
        await asyncio.sleep(0.25)

    def seconds(group):
        return [gone.get(pids.get(s["kernel"], -1)) for s in group if s.get("kernel")]
    log = voila.log_path.read_text(errors="replace")
    return {"closed_s": seconds(closing), "vanished_s": seconds(vanishing),
            "kernels_before": len(pids), "kernels_at_end": len(voila.kernels()),
            "shutdowns_asked": len(re.findall(r"POST /voila/api/shutdown/\S+ \(.*\) [\d.]+ms", log)),
            "shutdowns_refused": len(re.findall(r"403 POST /voila/api/shutdown/\S+ \(.*\) [\d.]+ms", log)),
            "culled": log.count("seconds of inactivity")}


def browser_processes() -> list[int]:
    """This run's Chromium and Playwright driver processes: descendants of this process whose
    command is chromium or Playwright's node driver (never Voila or its kernels)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            pid, rest = stat.read_text().split(" (", 1)
            children.setdefault(int(rest.rsplit(")", 1)[1].split()[1]), []).append(int(pid))
        except (OSError, ValueError, IndexError):
            continue
    found, todo = [], [os.getpid()]
    while todo:
        for pid in children.get(todo.pop(), []):
            todo.append(pid)
            try:
                command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0]
            except OSError:
                continue
            if b"chromium" in command or command.endswith(b"/node"):
                found.append(pid)
    return found


async def keep_niced(nice: int) -> None:
    """Every second, every thread of the browser at `nice`: in a class each browser runs on
    its student's computer, not on the server's cores. (A `nice` launcher is not enough:
    Chromium running as root raises its own processes' priority.)"""
    while nice:
        for pid in browser_processes():
            for tid in (os.listdir(f"/proc/{pid}/task") if os.path.isdir(f"/proc/{pid}/task") else []):
                try:
                    os.setpriority(os.PRIO_PROCESS, int(tid), nice)
                except OSError:
                    pass
        await asyncio.sleep(1)


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


async def run_class(voila: Voila, args, cull_s: float) -> dict:
    """Arrival, memory, stepping, memory, leaving: the raw figures of one class."""
    from playwright.async_api import async_playwright

    figures = {"server_base": memory_mb(voila.process.pid), "load_start": load_average(),
               "server_cpu_base": cpu_seconds(voila.process.pid),
               "mem_available_start": mem_available_mb()}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=args.chromium, headless=True,
                                                   args=CHROMIUM_ARGS)
        contexts: list = []
        niced = asyncio.create_task(keep_niced(args.browser_nice))
        try:
            gate, start = asyncio.Semaphore(args.load_concurrency), time.monotonic()
            sessions = await asyncio.gather(*(arrive(browser, voila, gate, contexts)
                                              for _ in range(args.sessions)))
            figures["all_arrived_s"] = time.monotonic() - start
            kernels = voila.kernels()
            figures.update(kernels_loaded=len(kernels), kernels=kernel_memory(voila),
                           kernel_cpu_start=[cpu_seconds(p) for p in kernels],
                           server_loaded=memory_mb(voila.process.pid),
                           server_cpu_loaded=cpu_seconds(voila.process.pid),
                           mem_available_loaded=mem_available_mb())
            start = time.monotonic()
            await step_all(sessions, args)
            figures["stepping_s"] = time.monotonic() - start
            figures.update(kernels_stepped=kernel_memory(voila),
                           kernel_cpu_stepped=[cpu_seconds(p) for p in kernels],
                           server_stepped=memory_mb(voila.process.pid),
                           server_cpu_stepped=cpu_seconds(voila.process.pid))
            figures["load_stepped"] = load_average()
            figures["leaving"] = await leave(sessions, voila, cull_s)
            figures["voila_log"] = voila.log_path.read_text(errors="replace")
        finally:
            niced.cancel()
            for context in contexts:
                await context.close()
            await browser.close()
    figures["sessions"] = [{k: v for k, v in s.items() if k not in ("page", "context")}
                           for s in sessions]
    return figures


# --- the figures ----------------------------------------------------------------------------

def summarize(raw: dict, args, config: dict, cull_s: float) -> dict:
    """The figures of a class: latencies, memory per session, CPU, culling; and the problems."""
    sessions, problems = raw["sessions"], []
    results = [s["result"] for s in sessions if "result" in s]
    for k, session in enumerate(sessions):
        found = [session["error"]] if "error" in session else []
        found += session_problems(session["result"], args.steps) if "result" in session else []
        found += [f"the page said {c!r}" for c in errors(session.get("complaints", []))]
        session["problems"] = found
        problems += [f"session {k}: {p}" for p in found]
    seen, served, busy = {}, {}, {}     # by kind: page clock, message dates, kernel busy
    for result in results:
        probe = result["probe"]
        for sent in probe["sent"]:
            if sent["id"] not in probe["idle"]:
                continue
            at, idle_date = probe["idle"][sent["id"]]
            seen.setdefault(sent["kind"], []).append(at - sent["t"])
            served.setdefault(sent["kind"], []).append(ms_between(sent["date"], idle_date))
            if sent["id"] in probe["busy"]:
                busy.setdefault(sent["kind"], []).append(
                    ms_between(probe["busy"][sent["id"]], idle_date))
    kernels, n = raw["kernels"], max(len(raw["kernels"]), 1)
    stepped = raw.get("kernels_stepped") or kernels
    cpu_load = [c for c in raw["kernel_cpu_start"] if not math.isnan(c)]
    cpu_steps = [b - a for a, b in zip(raw["kernel_cpu_start"], raw.get("kernel_cpu_stepped", []))
                 if not math.isnan(b - a)]
    clicks = max(sum(len(r["steps"]) for r in results), 1)
    server_growth = (raw["server_stepped"]["rss"] - raw["server_base"]["rss"]) / n
    figures = {
        "sessions": args.sessions, "steps": args.steps, "think_ms": args.think_ms,
        "loaded": sum("load_s" in s for s in sessions),
        "reloaded": [s["first_try"] for s in sessions if "first_try" in s],
        "complaints": sorted({c for s in sessions for c in s.get("complaints", [])}),
        "page_extensions": sorted({e for s in sessions for e in s.get("extensions", [])}),
        "stepped_ok": sum(
            "result" in s and not s["problems"] for s in sessions),
        "page_load_s": spread([s["load_s"] for s in sessions if "load_s" in s]),
        "all_arrived_s": raw["all_arrived_s"], "stepping_s": raw.get("stepping_s"),
        "step_dom_ms": spread([t["dom"] for r in results for t in r["steps"]]),
        "step_frame_ms": spread([t["frame"] for r in results for t in r["steps"]]),
        "step_sync_page_ms": spread(seen.get("sync", [])),
        "step_sync_server_ms": spread(served.get("sync", [])),
        "step_sync_kernel_busy_ms": spread(busy.get("sync", [])),
        "update_round_trip_ms": spread([t["dom"] for r in results for t in r["trips"]
                                        if t["kind"] == "update"]),
        "reset_round_trip_ms": spread([t["dom"] for r in results for t in r["trips"]
                                       if t["kind"] == "reset"]),
        "update_server_ms": spread(served.get("update", [])),
        "update_kernel_busy_ms": spread(busy.get("update", [])),
        "kernels_loaded": raw["kernels_loaded"],
        "kernel_rss_mb": spread([m["rss"] for m in stepped]),
        "kernel_pss_mb": spread([m["pss"] for m in stepped]),
        "kernel_uss_mb": spread([m["uss"] for m in stepped]),
        "kernel_rss_mb_mean": sum(m["rss"] for m in stepped) / max(len(stepped), 1),
        "kernel_pss_mb_mean": sum(m["pss"] for m in stepped) / max(len(stepped), 1),
        "server_rss_mb": {"base": raw["server_base"]["rss"],
                          "loaded": raw["server_loaded"]["rss"],
                          "stepped": raw["server_stepped"]["rss"]},
        "server_growth_mb_per_session": server_growth,
        "kernel_cpu_s_to_load": spread(cpu_load),
        "server_cpu_s_per_arrival": (raw["server_cpu_loaded"] - raw["server_cpu_base"]) / n,
        "syncs_per_move": len([1 for r in results for x in r["probe"]["sent"] if x["kind"] == "sync"])
        / max(sum(len(r["steps"]) + 1 for r in results), 1),
        "load_average": {"start": raw["load_start"], "after stepping": raw.get("load_stepped")},
        "browser_nice": args.browser_nice,
        "kernel_cpu_ms_per_click": 1000 * sum(cpu_steps) / clicks,
        "server_cpu_ms_per_click": 1000 * (raw["server_cpu_stepped"] - raw["server_cpu_loaded"])
        / clicks,
        "mem_available_drop_mb": raw["mem_available_start"] - raw["mem_available_loaded"],
        "leaving": raw["leaving"], "culling_config": config,
    }
    leaving = raw["leaving"]
    for group in ("closed_s", "vanished_s"):
        left = sum(seconds is None for seconds in leaving[group])
        if left:
            problems.append(f"{group[:-2]} pages: {left} kernels still running after "
                            f"{cull_s + CULL_MARGIN_S:.0f} s")
    if leaving["kernels_at_end"]:
        problems.append(f"{leaving['kernels_at_end']} kernels running at the end")
    reloaded = sum("first_try" in s for s in sessions)     # their first kernels may linger
    if not args.sessions <= raw["kernels_loaded"] <= args.sessions + reloaded:
        problems.append(f"{raw['kernels_loaded']} kernels for {args.sessions} sessions "
                        f"({reloaded} reloaded)")
    figures["problems"] = problems
    figures["voila_log"] = [line for line in raw["voila_log"].splitlines()
                            if "WARNING" in line or "ERROR" in line or "Traceback" in line][-60:]
    return figures


def class_size(figures: dict, server_mb: float = 8192, reserve_mb: float = 1024) -> dict:
    """Students one server holds by memory: (server - reserve - Voila's own) / per student."""
    per_student = figures["kernel_pss_mb_mean"] + max(figures["server_growth_mb_per_session"], 0)
    per_student_rss = figures["kernel_rss_mb_mean"] + max(figures["server_growth_mb_per_session"], 0)
    room = server_mb - reserve_mb - figures["server_rss_mb"]["base"]
    return {"server_mb": server_mb, "reserve_mb": reserve_mb, "room_mb": room,
            "per_student_mb": per_student, "per_student_rss_mb": per_student_rss,
            "students": int(room // per_student), "students_by_rss": int(room // per_student_rss)}


def show(figures: dict) -> str:
    """The figures as lines of text."""
    f, ms = figures, lambda s: f"p50 {s['p50']:.1f}  p95 {s['p95']:.1f}  max {s['max']:.1f} ms (n={s['n']})"
    leaving, size = f["leaving"], class_size(f)

    def gone(times):
        known = [t for t in times if t is not None]
        return (f"{min(known):.1f} to {max(known):.1f} s" if known else "-") + (
            f", {len(times) - len(known)} never" if len(known) < len(times) else "")
    lines = [
        f"class: {f['sessions']} sessions x {f['steps']} steps, {f['think_ms']} ms between clicks;"
        f" {f['loaded']} loaded, {f['stepped_ok']} stepped with every check right",
        f"arrival: page ready p50 {f['page_load_s']['p50']:.1f} s, p95 {f['page_load_s']['p95']:.1f} s;"
        f" all {f['loaded']} ready after {f['all_arrived_s']:.0f} s; stepping took {f['stepping_s']:.0f} s",
        f"pages reloaded once (not drawn within {FIRST_TRY_S} s, or an error while loading):"
        f" {len(f['reloaded'])}" + "".join(f"\n  {n} x first try: {why}" for why, n in
                                          Counter(f["reloaded"]).most_common()),
        f"JupyterLab extensions in the pages: {', '.join(f['page_extensions'])}",
        f"the pages' complaints (console errors, widget warnings): {len(f['complaints'])} distinct"
        + "".join(f"\n  {c[:300]}" for c in f["complaints"][:10]),
        f"step, click -> diagram changed (DOM):  {ms(f['step_dom_ms'])}",
        f"step, click -> next frame (headless):  {ms(f['step_frame_ms'])}",
        f"step sync, sent -> the page sees the kernel idle: {ms(f['step_sync_page_ms'])}",
        f"step sync, sent -> kernel idle (message dates):   {ms(f['step_sync_server_ms'])}",
        f"step sync, kernel busy:                           {ms(f['step_sync_kernel_busy_ms'])}",
        f"Update weights, click -> new pass drawn: {ms(f['update_round_trip_ms'])}",
        f"Reset, click -> new pass drawn:        {ms(f['reset_round_trip_ms'])}",
        f"Update weights, sent -> kernel idle (message dates): {ms(f['update_server_ms'])};"
        f" kernel busy {ms(f['update_kernel_busy_ms'])}",
        f"memory per kernel ({f['kernels_loaded']} kernels): RSS {f['kernel_rss_mb_mean']:.1f} MB"
        f" (max {f['kernel_rss_mb']['max']:.1f}), PSS {f['kernel_pss_mb_mean']:.1f} MB,"
        f" USS p50 {f['kernel_uss_mb']['p50']:.1f} MB",
        f"Voila server RSS: {f['server_rss_mb']['base']:.0f} MB alone, "
        f"{f['server_rss_mb']['stepped']:.0f} MB with the class "
        f"({f['server_growth_mb_per_session']:.2f} MB per session)",
        f"CPU per arrival: {f['kernel_cpu_s_to_load']['p50']:.2f} s in the kernel (start, run the"
        f" app) + {f['server_cpu_s_per_arrival']:.2f} s in Voila; per click (Updates and Resets"
        f" included) {f['kernel_cpu_ms_per_click']:.2f} ms in the kernel +"
        f" {f['server_cpu_ms_per_click']:.2f} ms in Voila; {f['syncs_per_move']:.2f} syncs per"
        f" move (ipywidgets merges moves made while a sync is unanswered)",
        f"load average (1, 5, 15 min): {f['load_average']['start']} at the start,"
        f" {f['load_average']['after stepping']} after stepping; Chromium at nice"
        f" {f['browser_nice']}",
        f"leaving: {len(leaving['closed_s'])} tabs closed -> kernel gone after {gone(leaving['closed_s'])};"
        f" {len(leaving['vanished_s'])} pages vanished -> {gone(leaving['vanished_s'])}"
        f" (cull_idle_timeout {f['culling_config']['cull_idle_timeout']} s,"
        f" cull_interval {f['culling_config']['cull_interval']} s); {leaving['culled']} culled,"
        f" {leaving['shutdowns_refused']} of {leaving['shutdowns_asked']} shutdowns asked by closing"
        f" pages refused (403); {leaving['kernels_at_end']} kernels left",
        f"class size on a {size['server_mb'] / 1024:.0f} GB server: ({size['server_mb']:.0f} - "
        f"{size['reserve_mb']:.0f} reserved - {f['server_rss_mb']['base']:.0f} Voila) MB / "
        f"{size['per_student_mb']:.1f} MB per student (kernel PSS + server share) = "
        f"{size['students']} students ({size['students_by_rss']} counting each kernel's full RSS)",
    ]
    lines += [f"PROBLEM: {p}" for p in f["problems"][:40]]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=40)
    parser.add_argument("--steps", type=int, default=50)
    parser.add_argument("--think-ms", type=int, default=250, help="pause after each click")
    parser.add_argument("--load-concurrency", type=int, default=4, help="pages loading at once")
    parser.add_argument("--cull-idle-timeout", type=int, help="override config/voila.json")
    parser.add_argument("--cull-interval", type=int, help="override config/voila.json")
    parser.add_argument("--time-limit", type=float, default=1500, help="seconds, the whole run")
    parser.add_argument("--chromium", default=CHROMIUM)
    parser.add_argument("--browser-nice", type=int, default=10,
                        help="keep Chromium's threads at this nice level (0: as the server)")
    parser.add_argument("--json", type=Path, help="write the figures (and every session) here")
    args = parser.parse_args(argv)
    overrides = {name: value for name, value in (("cull_idle_timeout", args.cull_idle_timeout),
                                                 ("cull_interval", args.cull_interval))
                 if value is not None}
    config = {**class_config(), **overrides}
    cull_s = config["cull_idle_timeout"] + config["cull_interval"]
    state = Path(tempfile.mkdtemp(prefix="voila-load-"))
    voila = None
    try:
        voila = Voila(state, overrides)
        raw = asyncio.run(asyncio.wait_for(run_class(voila, args, cull_s), args.time_limit))
        figures = summarize(raw, args, config, cull_s)
    except BaseException as error:
        print(f"the class did not finish: {type(error).__name__}: {error}", file=sys.stderr)
        if voila is not None:
            print(voila.log_tail(), file=sys.stderr)
        raise
    finally:
        if voila is not None:
            voila.stop()
        shutil.rmtree(state, ignore_errors=True)
    print(show(figures))
    if args.json:
        args.json.write_text(json.dumps({"figures": figures, "class_size": class_size(figures),
                                         "sessions": raw["sessions"]}, indent=1))
    return 1 if figures["problems"] else 0


if __name__ == "__main__":
    sys.exit(main())
