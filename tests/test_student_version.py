"""The student version: answers gone, everything else runs, the teacher's copy untouched."""
import hashlib
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from course_tools.student_version import (BEGIN, END, is_solution_cell, main, placeholder,
                                        strip_solutions, student_notebook)

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
TEACHER = sorted(NOTEBOOKS.glob("*.ipynb"))


def digest(paths):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


def test_an_assignment_becomes_a_placeholder_with_the_same_name():
    source = f"x = 1\n{BEGIN}\ndL_wrt_f = 2*(f - correct)\n{END}\ncheck(dL_wrt_f)"
    assert strip_solutions(source) == "x = 1\ndL_wrt_f = ...  # your turn\ncheck(dL_wrt_f)"


def test_a_function_body_becomes_an_indented_ellipsis():
    source = f"def g(x):\n    {BEGIN}\n    y = x * 2\n    return y\n    {END}"
    assert strip_solutions(source) == "def g(x):\n    ...  # your turn"
    assert placeholder(["    return 1"]) == ["    ...  # your turn"]


def test_an_unclosed_block_is_an_error():
    with pytest.raises(ValueError, match="no matching"):
        strip_solutions(f"{BEGIN}\nx = 1")


def test_collapsed_solution_cells_are_removed_and_outputs_cleared():
    nb = nbformat.v4.new_notebook()
    exercise = nbformat.v4.new_code_cell("answer = ...")
    exercise.outputs = [nbformat.v4.new_output("stream", text="old")]
    exercise.execution_count = 1
    solution = nbformat.v4.new_code_cell(f"{BEGIN}\nanswer = 42\n{END}\ncheck(answer)")
    solution.metadata["jupyter"] = {"source_hidden": True}
    nb.cells = [exercise, solution]
    nb.metadata["widgets"] = {"state": {}}
    student = student_notebook(nb)
    assert [c.source for c in student.cells] == ["answer = ..."]
    assert student.cells[0].outputs == [] and student.cells[0].execution_count is None
    assert "widgets" not in student.metadata
    assert len(nb.cells) == 2 and nb.cells[0].outputs  # the original is unchanged


@pytest.fixture(scope="module")
def student_dir(tmp_path_factory):
    if not TEACHER:
        pytest.skip("no notebooks yet")
    before = digest(TEACHER)
    out = tmp_path_factory.mktemp("student")
    assert main([str(out), "--source", str(NOTEBOOKS)]) == 0
    assert digest(TEACHER) == before, "the teacher's notebooks must be untouched"
    return out


def test_no_solution_survives(student_dir):
    for path in TEACHER:
        teacher = nbformat.read(path, as_version=4)
        solutions = [c.source for c in teacher.cells if is_solution_cell(c)]
        text = (student_dir / path.name).read_text()
        assert BEGIN not in text and END not in text, path.name
        student = nbformat.read(student_dir / path.name, as_version=4)
        student_code = "\n".join(c.source for c in student.cells if c.cell_type == "code")
        taught = "\n".join(c.source for c in teacher.cells
                           if c.cell_type == "code" and not is_solution_cell(c))
        for source in solutions:
            for line in source.split(BEGIN)[1].split(END)[0].splitlines():
                line = line.strip()
                if line and line not in taught:  # an answer line, not one the lesson shows
                    assert line not in student_code, (path.name, line)
        assert not any(is_solution_cell(c) for c in student.cells)
        assert all(c.get("outputs") in (None, []) for c in student.cells)


@pytest.mark.parametrize("name", [p.name for p in TEACHER])
def test_student_notebook_runs_top_to_bottom(student_dir, name):
    student = nbformat.read(student_dir / name, as_version=4)
    NotebookClient(student, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(student_dir)}}).execute()
    outputs = "".join(str(o) for c in student.cells if c.cell_type == "code" for o in c.outputs)
    teacher = nbformat.read(NOTEBOOKS / name, as_version=4)
    if any(is_solution_cell(c) for c in teacher.cells):
        assert "not attempted yet" in outputs
