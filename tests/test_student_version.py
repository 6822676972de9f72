"""The student version: answers gone, hints kept, everything else runs, the teacher's copy
untouched."""
import hashlib
import re
from functools import lru_cache
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from course_tools.student_version import (BEGIN, END, is_hint_cell, is_solution_cell,
                                          is_teacher_cell, main, mentions_of_solutions,
                                          placeholder, strip_solutions, student_notebook,
                                          student_text)

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
TEACHER = sorted(NOTEBOOKS.glob("*.ipynb"))
WRITE_IT_YOURSELF = "12_write_it_yourself.ipynb"


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


def hidden(cell):
    return cell.get("metadata", {}).get("jupyter", {}).get("source_hidden", False)


def test_a_hint_is_a_markdown_cell_whose_first_line_says_hint_and_its_number():
    new = nbformat.v4.new_markdown_cell
    assert is_hint_cell(new("#### HINT 1 of 3\n\nStart with the forward lines."))
    assert is_hint_cell(new("\n# HINT 2\nmore"))
    assert not is_hint_cell(new("#### Hints sit under the check"))
    assert not is_hint_cell(new("A HINT 1 in the middle of prose"))
    assert not is_hint_cell(new("HINT 1 without a heading mark"))
    assert not is_hint_cell(nbformat.v4.new_code_cell("# HINT 1\nx = 1"))
    assert not is_hint_cell(new(""))


def test_hints_are_kept_collapsed_while_the_solution_goes():
    nb = nbformat.v4.new_notebook()
    exercise = nbformat.v4.new_code_cell("answer = ...")
    hint = nbformat.v4.new_markdown_cell("#### HINT 1 of 2\n\nThe answer is a number.")
    hint.metadata["jupyter"] = {"source_hidden": True}
    solution = nbformat.v4.new_code_cell(f"{BEGIN}\nanswer = 42\n{END}\ncheck(answer)")
    solution.metadata["jupyter"] = {"source_hidden": True}
    nb.cells = [exercise, hint, solution]
    student = student_notebook(nb)
    assert [c.source for c in student.cells] == ["answer = ...", hint.source]
    assert hidden(student.cells[1])


def test_a_hint_that_holds_a_solution_block_is_refused():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(f"#### HINT 3 of 3\n{BEGIN}\nx = 1\n{END}")]
    with pytest.raises(ValueError, match="hint holds a solution"):
        student_notebook(nb)


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


@lru_cache(maxsize=None)
def executed(student_dir, name):
    """The student notebook `name`, run top to bottom in a fresh kernel (once per session)."""
    student = nbformat.read(student_dir / name, as_version=4)
    NotebookClient(student, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(student_dir)}}).execute()
    return student


def outputs_of(cell):
    return "".join(str(o) for o in cell.get("outputs", []))


@pytest.mark.parametrize("name", [p.name for p in TEACHER])
def test_student_notebook_runs_top_to_bottom(student_dir, name):
    student = executed(student_dir, name)
    outputs = "".join(outputs_of(c) for c in student.cells if c.cell_type == "code")
    teacher = nbformat.read(NOTEBOOKS / name, as_version=4)
    if any(is_solution_cell(c) for c in teacher.cells):
        assert "not attempted yet" in outputs


# --- notebook 12, write it yourself: the solutions go, the hints stay ---------------------------

@pytest.fixture(scope="module")
def twelve(student_dir):
    if not (NOTEBOOKS / WRITE_IT_YOURSELF).exists():
        pytest.skip("notebook 12 is not there yet")
    return (nbformat.read(NOTEBOOKS / WRITE_IT_YOURSELF, as_version=4),
            nbformat.read(student_dir / WRITE_IT_YOURSELF, as_version=4))


def test_notebook_12_keeps_every_hint_collapsed_and_in_its_place(twelve):
    teacher, student = twelve
    hints = [c for c in teacher.cells if is_hint_cell(c)]
    assert len(hints) >= 6 and all(hidden(c) for c in hints)      # 2 or 3 for each exercise
    kept = [c for c in student.cells if is_hint_cell(c)]
    assert [c.source for c in kept] == [c.source for c in hints]
    assert all(hidden(c) for c in kept)
    # each hint still sits right under its exercise's check, before the next code cell
    without_solutions = [c for c in teacher.cells if not is_teacher_cell(c)]
    assert [c.source for c in student.cells] == [
        strip_solutions(c.source) if c.cell_type == "code" else c.source for c in without_solutions]


def test_notebook_12_loses_its_three_solutions(twelve, student_dir):
    teacher, student = twelve
    solutions = [c for c in teacher.cells if is_solution_cell(c)]
    assert len(solutions) == 3 and all(hidden(c) for c in solutions)
    assert sum(".assert_correct()" in c.source for c in teacher.cells if is_teacher_cell(c)) == 3
    assert not any(is_solution_cell(c) for c in student.cells)
    text = (student_dir / WRITE_IT_YOURSELF).read_text()
    assert BEGIN not in text and END not in text
    for line in ("dL_wrt_A = dL_wrt_sC*w[\"w_A_C\"] + dL_wrt_sD*w[\"w_A_D\"]",
                 "dL_wrt_b_A = dL_wrt_sA", "def make_pass(network):\n    outputs"):
        assert line in "".join(c.source for c in solutions)
        assert line not in "".join(c.source for c in student.cells if c.cell_type == "code")


def test_notebook_12_runs_for_a_student_with_not_attempted_verdicts(twelve, student_dir):
    student = executed(student_dir, WRITE_IT_YOURSELF)
    checks = [c for c in student.cells if c.cell_type == "code"
              and c.source.lstrip().startswith(("check_backprop(my_", "for shape in shapes:"))]
    assert len(checks) == 3                      # the article's pass, the tanh pass, make_pass
    verdicts = [[o.get("data", {}).get("text/plain", "") for o in c.outputs] for c in checks]
    assert [len(v) for v in verdicts] == [1, 1, 3]   # make_pass: a verdict for each of 3 shapes
    assert all("not attempted yet" in text for v in verdicts for text in v), verdicts
    (training,) = [c for c in student.cells if "yours_passed = " in c.source]
    said = training.outputs[0]["data"]["text/plain"]
    assert "training with the course's pass" in said, said   # the stand-in carries on


# --- text for the teacher only, and metadata: what a student copy must not carry ---------------

def markdown(text, tags=()):
    cell = nbformat.v4.new_markdown_cell(text)
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


TEACHER_LINE = "- **Solutions.** Under each check sits a worked solution, collapsed."


def test_a_cell_tagged_teacher_only_is_dropped_code_or_markdown():
    nb = nbformat.v4.new_notebook()
    code = nbformat.v4.new_code_cell("print('grading note')")
    code.metadata["tags"] = ["teacher-only"]
    nb.cells = [markdown("kept"), markdown(TEACHER_LINE, ["teacher-only"]), code]
    assert [c.source for c in student_notebook(nb).cells] == ["kept"]
    assert len(nb.cells) == 3                                  # the teacher's copy is unchanged


def test_a_marked_region_goes_and_the_student_text_appears():
    text = ("## How to use the course\n\n- **Run All.** Run every cell.\n"
            "<!-- BEGIN TEACHER ONLY -->\n" + TEACHER_LINE + "\n  Click the bar to open it.\n"
            "<!-- END TEACHER ONLY -->\n"
            "<!-- STUDENT ONLY\n- **Stuck?** The check names your mistake.\n-->\n"
            "- **The stepper.** Steps one node at a time.")
    nb = nbformat.v4.new_notebook()
    nb.cells = [markdown(text)]
    (cell,) = student_notebook(nb).cells
    assert cell.source == ("## How to use the course\n\n- **Run All.** Run every cell.\n"
                           "- **Stuck?** The check names your mistake.\n"
                           "- **The stepper.** Steps one node at a time.")
    assert mentions_of_solutions(nb) == [(0, TEACHER_LINE)]    # the teacher's copy still says it
    assert mentions_of_solutions(student_notebook(nb)) == []


@pytest.mark.parametrize("text, words", [
    ("<!-- BEGIN TEACHER ONLY -->\nsecret", "no closing '<!-- END TEACHER ONLY -->'"),
    ("<!-- STUDENT ONLY\nshown", "no closing '-->'"),
    ("text\n<!-- END TEACHER ONLY -->", "cannot be"),
    ("<!-- BEGIN TEACHER ONLY -->\n<!-- BEGIN TEACHER ONLY -->\n<!-- END TEACHER ONLY -->",
     "cannot be"),
])
def test_a_broken_mark_is_an_error_naming_the_marker(text, words):
    with pytest.raises(ValueError, match=re.escape(words)):
        student_text(text)


def test_mentions_of_solutions_finds_the_lines_to_mark_and_leaves_hints_alone():
    nb = nbformat.v4.new_notebook()
    nb.cells = [markdown("read its check, open its solution;"),
                markdown("the solution is\ncollapsed under it."),
                markdown("Stuck? Three hints sit under the check, each collapsed."),
                markdown("#### HINT 1 of 2\n\nThe worked solution is near."),
                nbformat.v4.new_code_cell("# the solution: 42")]
    assert mentions_of_solutions(nb) == [(0, "read its check, open its solution;"),
                                         (1, "the solution is"), (1, "collapsed under it.")]


def test_only_the_metadata_jupyter_and_nbgrader_read_is_kept():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("answer = ...")
    cell.metadata.update({"tags": ["solution-check", "nbval-ignore-output"],
                          "jupyter": {"source_hidden": False}, "editable": True,
                          "nbgrader": {"grade_id": "answer", "solution": True},
                          "course": {"answer": "dL_wrt_w_C_f = -0.0327"}})
    nb.cells = [cell]
    nb.metadata.update({"widgets": {"state": {}}, "answers": {"x": 1},
                        "kernelspec": {"name": "python3", "display_name": "Python 3"}})
    student = student_notebook(nb)
    assert set(student.cells[0].metadata) == {"tags", "jupyter", "editable", "nbgrader"}
    assert "-0.0327" not in nbformat.writes(student)
    assert set(student.metadata) == {"kernelspec"}
    tagged = nbformat.v4.new_markdown_cell("A worked solution, in prose.")
    tagged.metadata["tags"] = ["solution"]
    nb.cells = [tagged, markdown("kept", ["hint"])]
    assert [c.metadata for c in student_notebook(nb).cells] == [{"tags": ["hint"]}]


def test_the_command_marks_a_notebook_written_here_and_warns_about_unmarked_text(tmp_path,
                                                                                 capsys):
    teacher = tmp_path / "teacher"
    teacher.mkdir()
    nb = nbformat.v4.new_notebook()
    exercise = nbformat.v4.new_code_cell("answer = ...  # your turn")
    solution = nbformat.v4.new_code_cell(f"{BEGIN}\nanswer = 42\n{END}\ncheck(answer)")
    solution.metadata.update({"jupyter": {"source_hidden": True}, "tags": ["solution"]})
    nb.cells = [markdown("## How to use it\n<!-- BEGIN TEACHER ONLY -->\n" + TEACHER_LINE +
                         "\n<!-- END TEACHER ONLY -->\n<!-- STUDENT ONLY\n- **Stuck?** Read the "
                         "check.\n-->"),
                markdown("Grading: take the mean of the solutions.", ["teacher-only"]),
                exercise, solution,
                markdown("The solution above lands on the bar.")]        # not marked: a warning
    nbformat.write(nb, teacher / "01_x.ipynb")
    out = tmp_path / "class"
    assert main([str(out), "--source", str(teacher)]) == 0
    text = (out / "01_x.ipynb").read_text()
    assert "Stuck?" in text and "worked solution" not in text and "Grading" not in text
    assert "answer = 42" not in text and "TEACHER ONLY" not in text and "STUDENT ONLY" not in text
    warned = capsys.readouterr().err.strip().splitlines()
    assert len(warned) == 1 and "01_x.ipynb cell 2" in warned[0] and "solution above" in warned[0]


def test_nbgraders_hidden_tests_and_every_solution_tagged_cell_stay_out():
    nb = nbformat.v4.new_notebook()
    check = nbformat.v4.new_code_cell("check_sB(sB)")
    check.metadata["course"] = {"exercise": "sB", "right": 1.0}    # what course-grade reads by
    tests = nbformat.v4.new_code_cell("### BEGIN HIDDEN TESTS\ncheck_sB(sB).assert_correct()\n"
                                      "### END HIDDEN TESTS")
    tests.metadata["nbgrader"] = {"grade": True, "grade_id": "test_sB", "points": 1}
    tagged = nbformat.v4.new_code_cell("check_sB(sB).assert_correct()")
    tagged.metadata["tags"] = ["solution"]
    nb.cells = [nbformat.v4.new_code_cell("sB = ...  # your turn"), check, tests, tagged]
    student = student_notebook(nb)
    assert [c.source for c in student.cells] == ["sB = ...  # your turn", "check_sB(sB)"]
    assert student.cells[1].metadata["course"] == {"exercise": "sB"}
