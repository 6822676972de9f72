"""The notebooks' figures do not depend on the plotting backend of the environment.

The committed outputs of a figure cell are the inline backend's (JupyterLab's): an image and
the text "<Figure size 640x480 with 1 Axes>", which nbval compares. Under MPLBACKEND=Agg a
kernel shows no figure and prints nothing, so those cells failed on unchanged code (issue 16).
The repository's conftest.py gives every kernel the inline backend; these tests fail without it, whatever
MPLBACKEND the run was started with (try `MPLBACKEND=Agg python -m pytest` on this file).
"""
import json
import os
import subprocess
import sys
from pathlib import Path

INLINE = "module://matplotlib_inline.backend_inline"
NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def test_the_kernels_to_come_get_the_inline_backend():
    assert os.environ.get("MPLBACKEND") == INLINE


def test_a_process_started_by_the_tests_draws_with_the_inline_backend():
    """A kernel is such a process: it reads MPLBACKEND when matplotlib is imported."""
    code = "import matplotlib; print(matplotlib.get_backend())"
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           timeout=60, check=True).stdout.strip()
    assert shown == INLINE


def test_the_committed_figures_are_the_inline_backends():
    """Every committed figure is an image with the inline backend's text beside it, so what nbval
    compares is the text that backend prints."""
    figures = 0
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                if "image/png" in data:
                    figures += 1
                    text = "".join(data.get("text/plain", ""))
                    assert text.startswith("<Figure size "), (path.name, text)
    assert figures >= 5
