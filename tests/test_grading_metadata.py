"""course_tools.nbgrader_metadata: the teacher notebooks get nbgrader's metadata, on copies.

Oracles: a small teacher notebook written out by hand with the cells the tool must produce;
per-notebook exercise counts and names read off the notebooks by eye; the hygiene checker
(course_tools.notebook_hygiene) for execution counts; byte-equality for idempotence.
"""
import shutil
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from course_tools.nbgrader_metadata import CODE_STUB, add_metadata, main, missing
from course_tools.notebook_hygiene import check_notebook
from course_tools.student_version import student_notebook

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
#: the exercises of two notebooks, read off them by eye (the your-turn names)
EXERCISES = {"01_forward_pass.ipynb": ["sB", "sC", "f"],
             "03_last_weight.ipynb": ["df_wrt_sF", "dL_wrt_w_C_f"]}


def result(text, count):
    return new_output("execute_result", data={"text/plain": text}, execution_count=count)


def teacher():
    """One exercise as the course writes it, executed: counts 1..4."""
    solution = new_code_cell("### BEGIN SOLUTION\nsB = I1*w_I1_B + I2*w_I2_B\n### END SOLUTION\n"
                             "check_sB(sB).assert_correct()", execution_count=3,
                             outputs=[result("✓ sB = 1. Correct!", 3)])
    solution.metadata.update({"jupyter": {"source_hidden": True}, "tags": ["solution"]})
    return new_notebook(cells=[
        new_markdown_cell("### Your turn: `sB`"),
        new_code_cell("sB = ...  # your turn", execution_count=1),
        new_code_cell("check_sB(sB)", execution_count=2,
                      outputs=[result("⏳ sB: not attempted yet.", 2)]),
        solution,
        new_code_cell("sB = trace['sB']", execution_count=4),
    ])


def test_a_worked_solution_becomes_a_solution_cell_and_a_hidden_test():
    marked = add_metadata(teacher())
    sources = [c.source for c in marked.cells]
    assert sources == ["### Your turn: `sB`", "sB = ...  # your turn", "check_sB(sB)",
                       "### BEGIN SOLUTION\nsB = I1*w_I1_B + I2*w_I2_B\n### END SOLUTION",
                       "# graded by nbgrader's autograde: the hidden test below must pass\n"
                       "### BEGIN HIDDEN TESTS\ncheck_sB(sB).assert_correct()\n"
                       "### END HIDDEN TESTS",
                       "sB = trace['sB']"]
    check, solution, test = (marked.cells[k].metadata["nbgrader"] for k in (2, 3, 4))
    assert check == {"grade": False, "grade_id": "check_sB", "locked": True,
                     "schema_version": 3, "solution": False, "task": False}
    assert solution == {"grade": False, "grade_id": "answer_sB", "locked": False,
                        "schema_version": 3, "solution": True, "task": False}
    assert test == {"grade": True, "grade_id": "test_sB", "locked": True, "points": 1,
                    "schema_version": 3, "solution": False, "task": False}
    assert marked.cells[4].metadata["tags"] == ["teacher-only"]
    assert marked.cells[4].metadata["jupyter"] == {"source_hidden": True}
    # the ✓ moved with the line that printed it; the counts read 1..5 again
    assert marked.cells[3].outputs == [] and marked.cells[4].outputs[0].data == {
        "text/plain": "✓ sB = 1. Correct!"}
    assert [c.execution_count for c in marked.cells[1:]] == [1, 2, 3, 4, 5]
    assert check_notebook(marked) == []
    assert missing(marked) == [] and missing(teacher()) != []
    assert add_metadata(marked) == marked                      # a second run changes nothing


def test_the_original_is_not_changed_and_a_solution_without_a_check_is_refused():
    original = teacher()
    add_metadata(original)
    assert "nbgrader" not in original.cells[3].metadata
    bare = teacher()
    bare.cells[3].source = "### BEGIN SOLUTION\nsB = 1\n### END SOLUTION"
    with pytest.raises(ValueError, match="no check after"):
        add_metadata(bare)


@pytest.fixture(scope="module")
def copies(tmp_path_factory):
    """Copies of two teacher notebooks, marked by the command line tool."""
    folder = tmp_path_factory.mktemp("teacher")
    for name in EXERCISES:
        shutil.copy(NOTEBOOKS / name, folder / name)
    assert main([str(folder)]) == 0
    return folder


@pytest.mark.parametrize("name", list(EXERCISES))
def test_real_notebooks_get_one_graded_test_per_exercise(copies, name):
    notebook = nbformat.read(copies / name, as_version=4)
    ids = [c.metadata["nbgrader"]["grade_id"] for c in notebook.cells
           if "nbgrader" in c.metadata]
    expected = []
    for exercise in EXERCISES[name]:
        expected += [f"check_{exercise}", f"answer_{exercise}", f"test_{exercise}"]
    assert ids == expected
    assert check_notebook(notebook) == []
    tests = [c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert all("✓" in c.outputs[0]["data"]["text/plain"] for c in tests)
    student = student_notebook(notebook)                     # the course's student copy
    text = nbformat.writes(student)
    assert "BEGIN HIDDEN TESTS" not in text and ".assert_correct()" not in text
    checks = [c.metadata["nbgrader"]["grade_id"] for c in student.cells
              if "nbgrader" in c.metadata and not c.metadata["nbgrader"]["solution"]]
    assert checks == [f"check_{e}" for e in EXERCISES[name]]  # course-grade reads these


def test_a_second_run_writes_nothing_and_check_passes(copies, capsys):
    before = {p.name: p.read_bytes() for p in copies.iterdir()}
    assert main([str(copies)]) == 0
    assert {p.name: p.read_bytes() for p in copies.iterdir()} == before
    assert main(["--check", str(copies)]) == 0
    assert "already has it" in capsys.readouterr().out


def test_check_fails_on_a_notebook_without_the_metadata(tmp_path, capsys):
    nbformat.write(teacher(), tmp_path / "plain.ipynb")
    assert main(["--check", str(tmp_path)]) == 1
    assert "1 worked solution(s) without nbgrader metadata" in capsys.readouterr().out
    assert "nbgrader" not in (tmp_path / "plain.ipynb").read_text()  # --check wrote nothing


def test_a_wrong_path_is_one_clear_line(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("hi")
    assert main([str(tmp_path / "notes.txt")]) == 2
    assert capsys.readouterr().err.strip() == (f"nbgrader_metadata: {tmp_path / 'notes.txt'} "
                                               "is neither a notebook (.ipynb) nor a folder "
                                               "of them.")


def test_the_config_sets_a_code_stub_that_does_not_raise(capsys):
    assert main(["--config"]) == 0
    config = {}
    exec(capsys.readouterr().out, {"get_config": lambda: config_object(config)})
    assert config == {"code_stub": {"python": CODE_STUB}}
    compile(CODE_STUB, "stub", "exec")                        # a comment: runs, raises nothing
    assert "raise" not in CODE_STUB


def config_object(store):
    class Section:
        def __setattr__(self, name, value):
            store[name] = value

    class Config:
        ClearSolutions = Section()
    return Config()


def test_the_committed_teacher_notebooks_have_the_metadata():
    """Fix with: python -m course_tools.nbgrader_metadata notebooks/"""
    lacking = {p.name: missing(nbformat.read(p, as_version=4))
               for p in sorted(NOTEBOOKS.glob("*.ipynb"))}
    assert {name: why for name, why in lacking.items() if why} == {}
