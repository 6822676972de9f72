"""Make the student version of the course: the same notebooks without the answers.

    python -m course_tools.student_version OUT_DIR [--source notebooks]
    course-student-version OUT_DIR [--source notebooks]      # the same, as a console script

In every notebook: collapsed worked-solution cells (those holding a
`### BEGIN SOLUTION` ... `### END SOLUTION` block and hidden or tagged "solution")
are removed; any other such block is replaced by a placeholder (`name = ...` for a
plain assignment, `...` otherwise); outputs, execution counts and saved widget
state are cleared. Hint cells (markdown cells whose first line is `#### HINT 1 of 3`,
`#### HINT 2 of 3`, ...: collapsed, shown in JupyterLab by that first line) are kept as they
are, collapsed; a hint that holds a solution block is an error. The teacher's notebooks are
only read.
"""
import argparse
import re
import sys
from pathlib import Path

import nbformat

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
_HINT_LINE = re.compile(r"^#+\s*HINT\s+\d+\b")   # "#### HINT 1 of 3": a hint cell's first line
_ASSIGNMENT = re.compile(r"^(\s*)([A-Za-z_][A-Za-z_0-9]*)\s*=(?!=)")


def is_solution_cell(cell):
    """A worked solution: a code cell with a solution block, collapsed or tagged 'solution'."""
    meta = cell.get("metadata", {})
    hidden = meta.get("jupyter", {}).get("source_hidden", False)
    return (cell.cell_type == "code" and BEGIN in cell.source
            and (hidden or "solution" in meta.get("tags", [])))


def is_hint_cell(cell):
    """A step of help: a markdown cell whose first line reads `#### HINT <n> ...`."""
    lines = cell.source.lstrip().splitlines()
    return cell.cell_type == "markdown" and bool(lines) and bool(_HINT_LINE.match(lines[0]))


def placeholder(block):
    """What replaces a solution block: `name = ...` per assigned name, else `...`."""
    lines = [line for line in block if line.strip() and not line.strip().startswith("#")]
    matches = [_ASSIGNMENT.match(line) for line in lines]
    if lines and all(matches):
        return [f"{m.group(1)}{m.group(2)} = ...  # your turn" for m in matches]
    indent = re.match(r"\s*", lines[0]).group(0) if lines else ""
    return [f"{indent}...  # your turn"]


def strip_solutions(source):
    """Replace every BEGIN/END SOLUTION block in `source` by its placeholder."""
    out, block, inside = [], [], False
    for line in source.splitlines():
        if line.strip() == BEGIN:
            inside, block = True, []
        elif line.strip() == END and inside:
            inside = False
            out += placeholder(block)
        elif inside:
            block.append(line)
        else:
            out.append(line)
    if inside:
        raise ValueError(f"a {BEGIN!r} has no matching {END!r}")
    return "\n".join(out)


def student_notebook(notebook):
    """A student copy of one notebook (a new object; the argument is not changed)."""
    student = nbformat.from_dict(notebook)
    for cell in student.cells:
        if is_hint_cell(cell) and (BEGIN in cell.source or END in cell.source):
            raise ValueError(f"a hint holds a solution block: {cell.source.splitlines()[0]!r}")
    student.cells = [cell for cell in student.cells if not is_solution_cell(cell)]
    for cell in student.cells:                  # hint cells are markdown: kept, still collapsed
        if cell.cell_type == "code":
            cell.source = strip_solutions(cell.source)
            cell.outputs, cell.execution_count = [], None
    student.metadata.pop("widgets", None)
    return student


def make_student_version(source_dir, out_dir):
    """Write the student version of every notebook in source_dir into out_dir; return the paths."""
    source_dir, out_dir = Path(source_dir), Path(out_dir)
    if out_dir.resolve() == source_dir.resolve():
        raise ValueError("the output folder must differ from the teacher's notebooks folder")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for path in sorted(source_dir.glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        target = out_dir / path.name
        nbformat.write(student_notebook(notebook), target)
        written.append(target)
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m course_tools.student_version",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", help="folder for the student notebooks (created if needed)")
    parser.add_argument("--source", default="notebooks", help="the teacher's notebooks folder")
    args = parser.parse_args(argv)
    written = make_student_version(args.source, args.out_dir)
    print(f"wrote {len(written)} student notebooks to {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
