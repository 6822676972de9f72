"""Committed notebooks must be clean; and the hygiene checker must catch dirt.

Fix a failing notebook with: python -m course_tools.execute_notebooks notebooks/NAME.ipynb
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from course_tools.notebook_hygiene import check_file, check_notebook, strip_widget_state

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
COMMITTED = sorted(NOTEBOOKS.glob("*.ipynb"))


@pytest.mark.parametrize(
    "path",
    COMMITTED or [pytest.param(None, marks=pytest.mark.skip(reason="no notebooks in notebooks/ yet"))],
    ids=[p.name for p in COMMITTED] or ["no-notebooks"],
)
def test_committed_notebook_is_clean(path: Path) -> None:
    problems = check_file(path)
    assert problems == [], f"{path.name}:\n  " + "\n  ".join(problems)


# --- the checker itself, on small in-memory notebooks -------------------------------------------


def clean_notebook() -> nbformat.NotebookNode:
    """Two executed code cells around a markdown cell, as a fresh top-to-bottom run leaves them."""
    return new_notebook(
        cells=[
            new_markdown_cell("# Title"),
            new_code_cell(
                "x = 1",
                execution_count=1,
            ),
            new_code_cell(
                "x + 1",
                execution_count=2,
                outputs=[new_output("execute_result", data={"text/plain": "2"}, execution_count=2)],
            ),
        ]
    )


def test_clean_notebook_passes() -> None:
    assert check_notebook(clean_notebook()) == []


def test_execution_counts_out_of_order_fail() -> None:
    nb = clean_notebook()
    nb.cells[1].execution_count = 2
    nb.cells[2].execution_count = 1
    problems = check_notebook(nb)
    assert len(problems) == 2
    assert "execution_count 2, expected 1" in problems[0]


def test_execution_counts_not_starting_at_one_fail() -> None:
    nb = clean_notebook()
    nb.cells[1].execution_count = 5
    nb.cells[2].execution_count = 6
    assert any("expected 1" in p for p in check_notebook(nb))


def test_unexecuted_code_cell_fails() -> None:
    nb = clean_notebook()
    nb.cells.append(new_code_cell("y = 3"))  # execution_count None
    problems = check_notebook(nb)
    assert len(problems) == 1
    assert "never executed" in problems[0]
    assert "cell 3" in problems[0]


def test_empty_code_cell_fails() -> None:
    nb = clean_notebook()
    nb.cells.append(new_code_cell("  \n"))
    problems = check_notebook(nb)
    assert len(problems) == 1 and "empty code cell" in problems[0]


def test_error_output_fails() -> None:
    nb = clean_notebook()
    nb.cells[2].outputs = [new_output("error", ename="ZeroDivisionError", evalue="division by zero", traceback=[])]
    problems = check_notebook(nb)
    assert len(problems) == 1
    assert "ZeroDivisionError" in problems[0]


def test_error_output_allowed_with_raises_exception_tag() -> None:
    nb = clean_notebook()
    nb.cells[2].outputs = [new_output("error", ename="ValueError", evalue="on purpose", traceback=[])]
    nb.cells[2].metadata["tags"] = ["raises-exception"]
    assert check_notebook(nb) == []


def test_saved_widget_state_fails_and_strip_removes_it() -> None:
    nb = clean_notebook()
    nb.metadata["widgets"] = {
        "application/vnd.jupyter.widget-state+json": {"state": {}, "version_major": 2, "version_minor": 0}
    }
    problems = check_notebook(nb)
    assert len(problems) == 1 and "widget state" in problems[0]
    assert strip_widget_state(nb) is True
    assert "widgets" not in nb.metadata
    assert check_notebook(nb) == []
    assert strip_widget_state(nb) is False


def test_invalid_notebook_fails() -> None:
    nb = clean_notebook()
    nb.cells[1]["not_a_field"] = 1
    assert any("validate" in p for p in check_notebook(nb))


def test_check_file_reads_from_disk(tmp_path: Path) -> None:
    path = tmp_path / "dirty.ipynb"
    nb = clean_notebook()
    nb.cells[2].execution_count = None
    nbformat.write(nb, str(path))
    assert len(check_file(path)) == 1


def test_the_command_line_check_runs_as_a_module_from_any_folder(tmp_path: Path) -> None:
    """`python -m course_tools.execute_notebooks --check` works outside the repository."""
    nbformat.write(clean_notebook(), str(tmp_path / "clean.ipynb"))
    dirty = clean_notebook()
    dirty.cells[2].execution_count = None
    nbformat.write(dirty, str(tmp_path / "dirty.ipynb"))
    run = subprocess.run([sys.executable, "-m", "course_tools.execute_notebooks", "--check",
                          "--folder", "."], cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 1, run.stderr
    assert "ok clean.ipynb" in run.stdout
    assert "dirty.ipynb: cell 2" in run.stderr and "never executed" in run.stderr
