"""Notebook 12, write it yourself: the shape of its exercises, and wrong answers that do not spread.

Each of its three exercises is: a task cell ending in `...`, a check cell (committed saying "not
attempted yet"), 2 or 3 collapsed hints numbered "HINT 1 of n" ..., a collapsed solution that
re-checks with .assert_correct(), then a cell that carries on with the learner's pass if it
passed and with the course's pass if not. A learner's wrong passes, put in the student version's
task cells, get their diagnosis, and the notebook still runs to the end on the course's pass.
"""
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from course_tools.student_version import (BEGIN, END, is_hint_cell, is_solution_cell,
                                        student_notebook)

REPO = Path(__file__).resolve().parent.parent
NOTEBOOK = REPO / "notebooks" / "12_write_it_yourself.ipynb"
HINT = re.compile(r"^#### HINT (\d) of (\d)$")

pytestmark = pytest.mark.skipif(not NOTEBOOK.exists(), reason="notebook 12 is not there yet")


@pytest.fixture(scope="module")
def teacher():
    return nbformat.read(NOTEBOOK, as_version=4)


def hidden(cell):
    return cell.metadata.get("jupyter", {}).get("source_hidden", False)


def plain(cell):
    return [o.get("data", {}).get("text/plain", o.get("text", "")) for o in cell.outputs]


def solution_code(cell):
    """The lines between BEGIN SOLUTION and END SOLUTION."""
    return cell.source.split(BEGIN + "\n", 1)[1].split(END, 1)[0]


def test_each_exercise_is_task_check_hints_solution_then_carry_on(teacher):
    cells = teacher.cells
    solutions = [k for k, c in enumerate(cells) if is_solution_cell(c)]
    assert len(solutions) == 3
    for k in solutions:
        assert hidden(cells[k]) and "solution" in cells[k].metadata.get("tags", [])
        graded = cells[k + 1]
        assert hidden(graded) and ".assert_correct()" in graded.source
        assert plain(graded) and all("✓ Your pass is right" in t for t in plain(graded))
        hints = []
        j = k - 1
        while is_hint_cell(cells[j]):
            hints.insert(0, cells[j])
            j -= 1
        assert 2 <= len(hints) <= 3, k
        numbers = [HINT.match(h.source.splitlines()[0]).groups() for h in hints]
        assert numbers == [(str(n), str(len(hints))) for n in range(1, len(hints) + 1)]
        assert all(hidden(h) and "hint" in h.metadata.get("tags", []) for h in hints)
        check, task = cells[j], cells[j - 1]
        assert check.cell_type == "code" and "check_backprop(" in check.source
        assert plain(check) and all("not attempted yet" in text for text in plain(check))
        assert task.cell_type == "code" and "...  # your turn" in task.source
        carry_on, choice = cells[k + 2], cells[k + 3]
        assert carry_on.cell_type == "markdown" and "carry on" in carry_on.source
        assert "check_backprop(" in choice.source and "else course_pass" in choice.source


def test_the_quiz_again_both_scores_a_recap_and_the_cheat_sheet(teacher):
    sources = [c.source for c in teacher.cells]
    assert 'Quiz("end")' in sources
    (scores,) = [c for c in teacher.cells if c.source == "quiz_scores()"]
    # the scores are the learner's own (course_progress.json): never compared by nbval
    assert "nbval-ignore-output" in scores.metadata.get("tags", [])
    last = sources[-1]
    assert "## Recap" in last and "The one line of code this notebook earned" in last
    assert "(../CHEATSHEET.md)" in last and (REPO / "CHEATSHEET.md").exists()


def test_the_figure_says_what_to_look_at_and_has_a_text_alternative(teacher):
    (k,) = [k for k, c in enumerate(teacher.cells) if "plot_training_losses(" in c.source]
    caption = " ".join(teacher.cells[k - 1].source.split())
    assert caption.startswith("Look for") and "*Figure:" in caption
    assert "(Text alternative:" in caption


def replace_task(notebook, starts, code):
    (cell,) = [c for c in notebook.cells if c.cell_type == "code"
               and c.source.startswith(starts) and "# your turn" in c.source]
    cell.source = code


def test_wrong_passes_are_diagnosed_and_the_notebook_carries_on(teacher, tmp_path):
    """The student version with the learner's answers: the article's pass averaging at the
    fan-out, the tanh pass right, and make_pass with the sigmoid written in."""
    solutions = [solution_code(c) for c in teacher.cells if is_solution_cell(c)]
    averaging = solutions[0]
    for X in "AB":                               # the article's confession, at A and at B
        summed = f'dL_wrt_sC*w["w_{X}_C"] + dL_wrt_sD*w["w_{X}_D"]'
        averaging = averaging.replace(f"= {summed}", f"= ({summed}) / 2")
    assert averaging.count(") / 2") == 2
    sigmoid_only = solutions[2].replace("activation_function_derivative(\n                    "
                                        "into.activation,", 'activation_function_derivative(\n'
                                        '                    "sigmoid",')
    assert averaging != solutions[0] and sigmoid_only != solutions[2]
    student = student_notebook(teacher)
    replace_task(student, "def my_pass(", averaging)
    replace_task(student, "def my_tanh_pass(", solutions[1])
    replace_task(student, "def make_pass(", sigmoid_only)
    NotebookClient(student, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    checks = [c for c in student.cells if c.cell_type == "code"
              and c.source.lstrip().startswith(("check_backprop(my_", "for shape in shapes:"))]
    article, tanh, shapes = (plain(c) for c in checks)
    assert "first goes wrong at dL_wrt_A" in article[0] and "(average_fan_out)" in article[0]
    assert "✓ Your pass is right" in tanh[0]
    assert ["✓" in text for text in shapes] == [True, True, False]   # 2-3-3-3-1 is tanh
    (training,) = [c for c in student.cells if "yours_passed = " in c.source]
    assert "the course's pass" in plain(training)[0]
    nudges = [c for c in student.cells if c.source.startswith("yours = tanh_pass(")]
    assert nudges and "b_A: yours" in plain(nudges[0])[0]
    # and every cell after them ran: NotebookClient raises on the first error
