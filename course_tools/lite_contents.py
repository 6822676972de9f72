"""The files a learner sees in the browser build: built copies of the course notebooks.

The copies differ from the committed notebooks in two ways only:
- they name the browser's kernel (``python``, Pyodide) so no kernel dialog opens;
- a notebook that needs a package the site does not ship (numpy, matplotlib) starts with a
  markdown cell saying so, and its first code cell starts with a check that prints the same
  message and stops "Run all" before any import can fail. If the package is there after all
  (a later build that found its browser wheel), the check passes silently.
The committed notebooks are only read.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

#: notebooks that run on the plain-Python core (no numpy, no matplotlib): checked in
#: tests/test_lite.py, in the browser for 01 and the stepper, in a kernel without numpy for all
PLAIN_PYTHON = ("00_start_here", "01_forward_pass", "03_last_weight", "04_error_at_node_c",
                "05_deeper_weight", "06_fan_out", "stepper", "stepper_app")
#: what every other notebook is taken to need
HEAVY = ("numpy", "matplotlib")
#: files beside notebooks/ that the notebooks link to (../CHEATSHEET.md) or point learners to
BESIDE = ("README.md", "CHEATSHEET.md")

BROWSER_KERNEL = {"name": "python", "display_name": "Python (Pyodide)", "language": "python"}
MARK = "browser-build-needs"   # the tag on the cells the build adds

GUARD = '''\
# Added by the browser build only: this notebook needs {names}.
import importlib.util as _find
if any(_find.find_spec(_name) is None for _name in {modules!r}):
    class NotInTheBrowserVersion(Exception):
        def _render_traceback_(self):
            return [str(self)]
    print({message!r})
    raise NotInTheBrowserVersion("Stopped here: the rest of this notebook cannot run in "
                                 "the browser version.")
# The notebook's own first cell:
'''


def message(names: list[str]) -> str:
    return (f"This notebook needs {' and '.join(names)}, which the browser version does not "
            "have yet: open it in JupyterLab (README).")


def needs(stem: str, shipped: set[str]) -> list[str]:
    """The packages notebook ``stem`` needs that the site does not ship ([] if none)."""
    return [] if stem in PLAIN_PYTHON else [name for name in HEAVY if name not in shipped]


def _cell(kind: str, source: str) -> dict:
    cell = {"cell_type": kind, "id": f"{MARK}-{kind}", "metadata": {"tags": [MARK]},
            "source": source}
    if kind == "code":
        cell.update(execution_count=None, outputs=[])
    return cell


def browser_copy(notebook: dict, missing: list[str]) -> dict:
    """The notebook as the browser build ships it (see the module docstring)."""
    notebook = json.loads(json.dumps(notebook))
    notebook.setdefault("metadata", {})["kernelspec"] = dict(BROWSER_KERNEL)
    if not missing:
        return notebook
    text = message(missing)
    cells = notebook["cells"]
    first_code = next((c for c in cells if c["cell_type"] == "code"), None)
    guard = GUARD.format(names=" and ".join(missing), modules=tuple(missing), message=text)
    if first_code is None:
        cells.insert(0, _cell("code", guard.rsplit("\n# The", 1)[0]))
    else:
        own = first_code["source"]
        first_code["source"] = guard + ("".join(own) if isinstance(own, list) else own)
        first_code.update(outputs=[], execution_count=None)
    cells.insert(0, _cell("markdown", f"**{text}**\n\n*(This cell is in the browser version "
                                      "only; the course's README says how to install it.)*"))
    return notebook


def stage_contents(repo: Path, notebooks: Path, dest: Path, shipped: set[str]) -> dict[str, list]:
    """Write the site's files into ``dest``: notebooks/ (browser copies) and BESIDE files.

    Returns {notebook file name: the packages it lacks} for the closing note.
    """
    (dest / "notebooks").mkdir(parents=True)
    for name in BESIDE:
        if (repo / name).exists():
            shutil.copy2(repo / name, dest / name)
    lacking = {}
    for path in sorted(notebooks.glob("*.ipynb")):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        lacking[path.name] = needs(path.stem, shipped)
        copy = browser_copy(notebook, lacking[path.name])
        (dest / "notebooks" / path.name).write_text(json.dumps(copy, indent=1, ensure_ascii=False)
                                                    + "\n", encoding="utf-8")
    return lacking
