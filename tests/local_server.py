"""Starting a Jupyter-family server (JupyterLab, Voila) for a browser test, on this machine only.

A free port on 127.0.0.1, all Jupyter state in the test's own folder, a log to show when the
server will not come up, and a wait until it answers. No proxy ever sees the traffic.
"""
from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

# Direct connections only: a proxy from the environment must not see 127.0.0.1 traffic.
LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def isolated_env(state_dir: Path) -> dict:
    """The environment with every Jupyter and IPython folder, and TMPDIR, moved under
    ``state_dir`` (Voila keeps its kernels' connection files in TMPDIR/voila_*; JupyterLab
    in the runtime folder), so that removing ``state_dir`` removes them all."""
    (state_dir / "tmp").mkdir(parents=True, exist_ok=True)   # TMPDIR must exist to be used
    return dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(state_dir / "config"),
        JUPYTER_RUNTIME_DIR=str(state_dir / "runtime"),
        JUPYTER_DATA_DIR=str(state_dir / "data"),
        IPYTHONDIR=str(state_dir / "ipython"),
        TMPDIR=str(state_dir / "tmp"),
    )


def log_tail(log_path: Path, lines: int = 40) -> str:
    text = log_path.read_text(errors="replace") if log_path.exists() else ""
    return "\n".join(text.splitlines()[-lines:])


def start(command: list[str], *, cwd: Path, env: dict, log_path: Path, ready_url: str,
          what: str, timeout_s: float) -> subprocess.Popen:
    """Start ``command`` (output to ``log_path``) and return once ``ready_url`` answers 200.

    If the process exits, or does not answer within ``timeout_s``, it is killed and a
    RuntimeError carries the end of its log.
    """
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + timeout_s
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}:\n{log_tail(log_path)}")
        try:
            with LOCAL.open(ready_url, timeout=2) as response:
                if response.status == 200:
                    return process
        except (OSError, urllib.error.URLError):
            pass
        if time.monotonic() > deadline:
            process.kill()
            process.wait(timeout=10)
            raise RuntimeError(f"{what} not answering after {timeout_s} s:\n{log_tail(log_path)}")
        time.sleep(0.2)


#: A trivial ipywidgets round trip (Button -> HTML), the yardstick for widget latency.
#: Its names are prefixed so that it can also run inside another notebook's kernel.
BASELINE_WIDGET_CODE = """import ipywidgets as widgets
baseline_count = 0
baseline_button = widgets.Button(description="Click me")
baseline_button.add_class("baseline-button")
baseline_out = widgets.HTML(value="<b>clicked 0 times</b>")
baseline_out.add_class("baseline-out")

def baseline_click(_):
    global baseline_count
    baseline_count += 1
    baseline_out.value = f"<b>clicked {baseline_count} times</b>"

baseline_button.on_click(baseline_click)
widgets.VBox([baseline_button, baseline_out])"""


#: A trivial anywidget, the yardstick for the stepper's front end: a click repaints a div in
#: the browser at once, then syncs a counter back (model.set + save_changes), as the stepper
#: does with its position. Names prefixed so that it can run inside another notebook's kernel.
ANYWIDGET_BASELINE_CODE = '''import anywidget
import traitlets

class BaselineAny(anywidget.AnyWidget):
    _esm = """
    export default { render({ model, el }) {
      const button = document.createElement("button");
      button.className = "baseline-any-button";
      button.textContent = "Click me";
      const out = document.createElement("div");
      out.className = "baseline-any-out";
      const show = () => { out.textContent = `clicked ${model.get("count")} times`; };
      button.addEventListener("click", () => {
        model.set("count", model.get("count") + 1);
        show();
        model.save_changes();
      });
      show();
      el.append(button, out);
    } }"""
    count = traitlets.Int(0).tag(sync=True)

baseline_any = BaselineAny()
baseline_any'''
