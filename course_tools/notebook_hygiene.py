"""Hygiene rules for the committed course notebooks.

A committed notebook must look as if it had just been run top to bottom in a
fresh kernel, with nothing machine-specific saved in it:

* every non-empty code cell has been executed, and the execution counts of the
  code cells read 1, 2, ..., n from top to bottom;
* no empty code cells (they would break the 1..n rule in JupyterLab and nbclient);
* no error outputs, except in cells tagged ``raises-exception`` (the tag nbval
  and nbclient both honour for cells that are meant to raise);
* no saved widget state (``metadata.widgets``): it is large, changes on every
  run, and is produced by nbclient/JupyterLab rather than written by the author;
* the notebook validates against the nbformat schema.

The functions here are pure (they never touch the disk unless you call
:func:`check_file`), so they are used both by ``course_tools.execute_notebooks``
and by ``tests/test_notebook_hygiene.py``. From the command line, check the
committed notebooks with ``python -m course_tools.execute_notebooks --check``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat

__all__ = ["check_notebook", "check_file", "strip_widget_state"]

RAISES_TAG = "raises-exception"


def _label(index: int, cell: Any) -> str:
    """Return a short human label for cell number ``index`` (0-based)."""
    first_line = cell.get("source", "").strip().splitlines()[:1]
    preview = first_line[0][:40] if first_line else ""
    return f"cell {index} ({cell.get('cell_type')}: {preview!r})"


def check_notebook(nb: Any) -> list[str]:
    """Return a list of hygiene problems in ``nb``; an empty list means clean.

    ``nb`` is a notebook node as returned by :func:`nbformat.read` or built with
    :mod:`nbformat.v4`. Each problem is one readable sentence naming the cell.
    """
    problems: list[str] = []

    try:
        nbformat.validate(nb)
    except nbformat.ValidationError as exc:
        problems.append(f"notebook does not validate against nbformat: {exc.message}")

    if "widgets" in nb.get("metadata", {}):
        problems.append(
            "saved widget state in metadata.widgets (strip it: "
            "python -m course_tools.execute_notebooks, or untick Settings > Save Widget State)"
        )

    expected = 1
    for index, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        label = _label(index, cell)
        count = cell.get("execution_count")
        if not cell.get("source", "").strip():
            problems.append(f"{label} is an empty code cell; delete it")
            continue
        if count is None:
            problems.append(f"{label} was never executed (execution_count is None)")
        elif count != expected:
            problems.append(
                f"{label} has execution_count {count}, expected {expected} "
                "(run the notebook top to bottom in a fresh kernel)"
            )
        expected += 1

        tags = cell.get("metadata", {}).get("tags", [])
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error" and RAISES_TAG not in tags:
                problems.append(
                    f"{label} has an error output: "
                    f"{output.get('ename')}: {output.get('evalue')}"
                )
    return problems


def strip_widget_state(nb: Any) -> bool:
    """Remove saved widget state from ``nb`` in place; return True if any was removed."""
    metadata = nb.get("metadata", {})
    if "widgets" not in metadata:
        return False
    del metadata["widgets"]
    return True


def check_file(path: str | Path) -> list[str]:
    """Read the notebook at ``path`` (nbformat v4) and return :func:`check_notebook` problems."""
    nb = nbformat.read(str(path), as_version=4)
    return check_notebook(nb)
