"""Give the teacher's notebooks nbgrader's metadata, so that nbgrader grades them as they are.

    python -m course_tools.nbgrader_metadata notebooks/            # add it (idempotent)
    python -m course_tools.nbgrader_metadata --check notebooks/    # exit 1 if a notebook lacks it
    python -m course_tools.nbgrader_metadata --config              # lines for nbgrader_config.py

Each exercise of a teacher notebook reads: a "your turn" cell, a check cell (`check_x(x)`), then
a collapsed worked solution (`### BEGIN SOLUTION` ... `### END SOLUTION`, then
`check_x(x).assert_correct()`). nbgrader needs the solution and the test in two cells, so each
worked solution is split, once:

- the solution cell keeps the solution block: an nbgrader "autograded answer" cell
  (grade_id answer_<x>); nbgrader's student copy shows its code stub there (see --config);
- a new collapsed cell right after it holds the test, inside `### BEGIN HIDDEN TESTS` ...
  `### END HIDDEN TESTS`: an nbgrader "autograded tests" cell (grade_id test_<x>, 1 point,
  locked). The solution cell's saved output moves with the line that printed it, and the later
  execution counts shift by one, so the notebook stays clean (course_tools.notebook_hygiene)
  and its outputs still match under nbval.
- the check cell (`check_x(x)`) becomes an nbgrader "read-only" cell, grade_id check_<x>:
  course-grade reads each exercise's verdict there, and nbgrader restores its source when
  autograding.

The test cell is collapsed and tagged "teacher-only" (the student version drops it). Running
the tool again changes nothing. Only the notebooks named are written, and only if something
changed.
"""
import argparse
import ast
import copy
import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell

from course_tools.student_version import BEGIN, END, is_solution_cell

BEGIN_TESTS, END_TESTS = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
TEST_NOTE = "# graded by nbgrader's autograde: the hidden test below must pass"
SCHEMA = 3
TEACHER_ONLY = "teacher-only"     # a cell tag: the student version drops the cell
#: nbgrader's code stub for the solution cells of its student copy: harmless, so Run All runs on.
CODE_STUB = '# your answer goes in the "your turn" cell above'
CONFIG = ("# nbgrader_config.py: the course's solution cells become a comment, not\n"
          "# `raise NotImplementedError()`, so Run All of a student copy never stops there\n"
          "c = get_config()  # noqa: F821 (nbgrader's config files get it from traitlets)\n"
          f"c.ClearSolutions.code_stub = {{'python': {CODE_STUB!r}}}\n")


def solution_metadata(key):
    return {"grade": False, "grade_id": f"answer_{key}", "locked": False,
            "schema_version": SCHEMA, "solution": True, "task": False}


def check_metadata(key):
    return {"grade": False, "grade_id": f"check_{key}", "locked": True,
            "schema_version": SCHEMA, "solution": False, "task": False}


def test_metadata(key, points=1):
    return {"grade": True, "grade_id": f"test_{key}", "locked": True, "points": points,
            "schema_version": SCHEMA, "solution": False, "task": False}


def split_at_end(source):
    """(the solution block through END SOLUTION, the lines after it) of a worked solution."""
    lines = source.splitlines()
    ends = [k for k, line in enumerate(lines) if line.strip() == END]
    if not ends:
        raise ValueError(f"a {BEGIN!r} has no matching {END!r}")
    k = ends[-1] + 1
    return "\n".join(lines[:k]), "\n".join(lines[k:]).strip("\n")


def exercise_key(block, test):
    """The exercise's name: the checked name (`check_sB(sB)` -> sB), else the last name the
    solution assigns or defines."""
    try:
        call = ast.parse(test).body[0].value.func.value           # check_x(x) of .assert_correct()
        if isinstance(call.args[0], ast.Name):
            return call.args[0].id
    except (AttributeError, IndexError, SyntaxError):
        pass
    names = []
    for node in ast.parse(block.replace(BEGIN, "").replace(END, "")).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.append(node.name)
        elif isinstance(node, ast.Assign):
            names += [t.id for target in node.targets
                      for t in ast.walk(target) if isinstance(t, ast.Name)]
    if not names:
        raise ValueError(f"cannot name the exercise of this solution: {block[:60]!r}")
    return names[-1]


def _unique(key, taken):
    name, n = key, 2
    while name in taken:
        name, n = f"{key}_{n}", n + 1
    taken.add(name)
    return name


def _shift_counts(cells, start):
    """Add 1 to the execution counts of cells[start:] (and of their execute_result outputs)."""
    for cell in cells[start:]:
        if cell.cell_type == "code" and cell.execution_count is not None:
            cell.execution_count += 1
            for output in cell.outputs:
                if output.get("execution_count") is not None:
                    output["execution_count"] += 1


def _check_cell(cells, before, test):
    """The check cell the test repeats (`check_x(x)` for `check_x(x).assert_correct()`)."""
    wanted = test.replace(".assert_correct()", "").strip()
    for cell in reversed(cells[:before]):
        if cell.cell_type == "code" and cell.source.strip() == wanted:
            return cell
    return None


def _split(cells, k, taken):
    """Split the worked solution cells[k] into a solution cell and a test cell after it."""
    cell = cells[k]
    block, test = split_at_end(cell.source)
    key = _unique(exercise_key(block, test), taken)
    graded = new_code_cell("\n".join([TEST_NOTE, BEGIN_TESTS, test, END_TESTS]),
                           execution_count=None, outputs=cell.outputs)
    graded["id"] = f"{cell.get('id', f'cell-{k}')[:58]}-graded"   # deterministic, like the rest
    graded.metadata.update(copy.deepcopy(cell.metadata))
    graded.metadata["tags"] = [TEACHER_ONLY]
    graded.metadata["nbgrader"] = test_metadata(key)
    if cell.execution_count is not None:
        _shift_counts(cells, k + 1)
        graded.execution_count = cell.execution_count + 1
        for output in graded.outputs:
            if output.get("execution_count") is not None:
                output["execution_count"] = graded.execution_count
    cell.source, cell.outputs = block, []
    cell.metadata["nbgrader"] = solution_metadata(key)
    cells.insert(k + 1, graded)
    check = _check_cell(cells, k, test)
    if check is not None and "nbgrader" not in check.metadata:
        check.metadata["nbgrader"] = check_metadata(key)


def add_metadata(notebook):
    """A copy of `notebook` with every worked solution split and marked (see the module doc)."""
    notebook = nbformat.from_dict(copy.deepcopy(notebook))
    cells = notebook.cells
    taken = {c.metadata["nbgrader"]["grade_id"].split("_", 1)[1] for c in cells
             if c.metadata.get("nbgrader", {}).get("grade")}
    k = 0
    while k < len(cells):
        cell = cells[k]
        if is_solution_cell(cell) and "nbgrader" not in cell.metadata:
            if not split_at_end(cell.source)[1]:
                raise ValueError(f"a worked solution with no check after {END!r}: "
                                 f"{cell.source[:60]!r}")
            _split(cells, k, taken)
        elif cell.cell_type == "code" and BEGIN in cell.source and "nbgrader" not in cell.metadata:
            key = _unique(exercise_key(split_at_end(cell.source)[0], ""), taken)
            cell.metadata["nbgrader"] = solution_metadata(key)   # an inline solution block
        k += 1
    return notebook


def missing(notebook):
    """What add_metadata would still change, in words ([] when the notebook is ready)."""
    before = [(c.source, c.metadata) for c in notebook.cells]
    after = [(c.source, c.metadata) for c in add_metadata(notebook).cells]
    if before == after:
        return []
    solutions = sum(1 for c in notebook.cells if is_solution_cell(c)
                    and "nbgrader" not in c.metadata)
    return [f"{solutions} worked solution(s) without nbgrader metadata"
            if solutions else "metadata differs from what the tool writes"]


def notebooks_in(paths):
    """The notebooks named, a folder standing for its *.ipynb; a missing path is an error."""
    found = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(p for p in path.glob("*.ipynb") if p.is_file())
        elif path.suffix == ".ipynb" and path.is_file():
            found.append(path)
        else:
            raise FileNotFoundError(f"{path} is neither a notebook (.ipynb) nor a folder of them.")
    return found


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m course_tools.nbgrader_metadata",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", help="teacher notebooks, or folders of them")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a notebook lacks the metadata")
    parser.add_argument("--config", action="store_true",
                        help="print the lines nbgrader_config.py needs, and exit")
    args = parser.parse_args(argv)
    if args.config:
        print(CONFIG, end="")
        return 0
    try:
        paths = notebooks_in(args.paths or ["notebooks"])
        status = 0
        for path in paths:
            notebook = nbformat.read(path, as_version=4)
            problems = missing(notebook)
            if args.check:
                status |= bool(problems)
                print(f"{path}: " + ("; ".join(problems) if problems else "ok"))
            elif problems:
                nbformat.write(add_metadata(notebook), path)
                print(f"{path}: metadata added")
            else:
                print(f"{path}: already has it")
    except (OSError, ValueError) as why:
        print(f"nbgrader_metadata: {why}", file=sys.stderr)
        return 2
    return status


if __name__ == "__main__":
    sys.exit(main())
