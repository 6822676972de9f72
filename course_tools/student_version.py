"""Make the student version of the course: the same notebooks without the answers.

    python -m course_tools.student_version OUT_DIR [--source notebooks]
    course-student-version OUT_DIR [--source notebooks]      # the same, as a console script
    python -m course_tools.student_version --tree OUT   # a whole publishable tree: student_tree

Left out of every student copy: the collapsed worked-solution cells (a `### BEGIN SOLUTION`
... `### END SOLUTION` block, hidden or tagged "solution"), any other cell tagged "solution"
or "teacher-only", and nbgrader's `### BEGIN HIDDEN TESTS` cells. Any other solution block
becomes a placeholder (`name = ...` for a plain assignment, `...` otherwise); outputs,
execution counts and widget state are cleared; only the metadata Jupyter, nbgrader and
course-grade read is kept (KEEP_CELL_META). In markdown, the lines from
`<!-- BEGIN TEACHER ONLY -->` to `<!-- END TEACHER ONLY -->` go, and those between
`<!-- STUDENT ONLY` and `-->` (an HTML comment: the teacher does not see them) are shown.
Hint cells (first line `#### HINT 1 of 3`, ...) stay as they are, collapsed; a hint that
holds a solution block is an error. The teacher's notebooks are only read.
"""
import argparse
import re
import sys
from pathlib import Path

import nbformat

from .teacher_text import (TEACHER_ONLY, is_hint_cell, mentions_of_solutions, student_text,
                           warn_mentions)

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
HIDDEN_TESTS = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"     # nbgrader's: never shown
_ASSIGNMENT = re.compile(r"^(\s*)([A-Za-z_][A-Za-z_0-9]*)\s*=(?!=)")
KEEP_CELL_META = {"tags", "jupyter", "editable", "deletable", "collapsed", "scrolled",
                  "slideshow", "nbgrader", "course"}  # what Jupyter, nbgrader, course-grade read
KEEP_COURSE_META = {"exercise"}                   # the exercise's name, never its answer
KEEP_NOTEBOOK_META = {"kernelspec", "language_info"}
_DROP_TAGS = {"solution", TEACHER_ONLY}


def is_solution_cell(cell):
    """A worked solution: a code cell with a solution block, collapsed or tagged 'solution'."""
    meta = cell.get("metadata", {})
    hidden = meta.get("jupyter", {}).get("source_hidden", False)
    return (cell.cell_type == "code" and BEGIN in cell.source
            and (hidden or "solution" in meta.get("tags", [])))


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


def is_teacher_cell(cell):
    """Left out of the student copy: a worked solution, a cell tagged "solution" or
    "teacher-only", a code cell holding nbgrader's hidden tests."""
    tags = cell.get("metadata", {}).get("tags", [])
    return (is_solution_cell(cell) or bool(_DROP_TAGS & set(tags))
            or (cell.cell_type == "code" and HIDDEN_TESTS[0] in cell.source))


def _clean_metadata(cell):
    meta = {k: v for k, v in cell.metadata.items() if k in KEEP_CELL_META}
    if isinstance(meta.get("course"), dict):
        meta["course"] = {k: v for k, v in meta["course"].items() if k in KEEP_COURSE_META}
    cell.metadata = nbformat.from_dict({k: v for k, v in meta.items() if v not in ([], {})})


def student_notebook(notebook):
    """A student copy of one notebook (a new object; the argument is not changed)."""
    student = nbformat.from_dict(notebook)
    for cell in student.cells:
        if is_hint_cell(cell) and (BEGIN in cell.source or END in cell.source):
            raise ValueError(f"a hint holds a solution block: {cell.source.splitlines()[0]!r}")
    student.cells = [cell for cell in student.cells if not is_teacher_cell(cell)]
    for cell in student.cells:                  # hint cells are markdown: kept, still collapsed
        if cell.cell_type == "code":
            cell.source = strip_solutions(cell.source)
            cell.outputs, cell.execution_count = [], None
        else:
            cell.source = student_text(cell.source)
        _clean_metadata(cell)
    student.metadata = nbformat.from_dict(
        {k: v for k, v in student.metadata.items() if k in KEEP_NOTEBOOK_META})
    return student


class Refused(ValueError):
    """The student version would overwrite what a person made, or read the wrong folder."""


def student_copy(path):
    """The student copy of the notebook file `path`; Refused, naming it, if it cannot be made."""
    try:
        return student_notebook(nbformat.read(path, as_version=4))
    except ValueError as why:
        raise Refused(f"{Path(path).name}: {why}") from None


def _inside(inner, outer):
    return inner == outer or outer in inner.parents


def teacher_notebooks(source, said=None):
    """The teacher's notebooks in the folder `source`, sorted; Refused (naming the folder as
    the teacher wrote it, `said`) if it is not a folder holding some."""
    source, said = Path(source), source if said is None else said
    if not source.is_dir():
        raise Refused(f"the source {said} is not a folder of notebooks.")
    notebooks = sorted(p for p in source.glob("*.ipynb") if p.is_file())
    if not notebooks:
        raise Refused(f"the source {said} holds no notebooks (*.ipynb): is it the "
                      "teacher's notebooks folder?")
    return notebooks


def check_folders(source_dir, out_dir, force=False):
    """The teacher's notebooks to read; or Refused, saying why in one line.

    OUT must be a new or empty folder; with force, an existing one, whose same-named
    notebooks are replaced — but never the source folder, a folder inside it or holding
    it, nor a notebook that holds solutions (a teacher's copy).
    """
    source, out = Path(source_dir).resolve(), Path(out_dir).resolve()
    notebooks = teacher_notebooks(source, source_dir)
    if _inside(out, source) or _inside(source, out):
        raise Refused(f"{out_dir} is the teacher's folder {source_dir}, inside it or holding "
                      "it: write the student version somewhere else.")
    check_out_folder(out_dir, force, "its same-named notebooks", [out / p.name for p in notebooks])
    return notebooks


def check_out_folder(out_dir, force, replaced, notebooks):
    """Nothing if OUT may be written: a new or empty folder, or with force an existing one
    (whose `replaced` go) unless one of `notebooks` there holds solutions; else Refused."""
    out = Path(out_dir).resolve()
    if out.exists() and not out.is_dir():
        raise Refused(f"{out_dir} is a file, not a folder.")
    existing = sorted(out.iterdir()) if out.exists() else []
    if existing and not force:
        raise Refused(f"{out_dir} is not empty ({len(existing)} entries): choose a new folder, "
                      f"or add --force to replace {replaced}.")
    teachers = [p.name for p in notebooks if p.is_file() and BEGIN in p.read_text(errors="replace")]
    if teachers:
        raise Refused(f"{out_dir} holds notebooks with solutions ({', '.join(teachers[:3])}): "
                      "a teacher's copy is never replaced, even with --force.")


def replaced_by(notebooks, out_dir):
    """The notebooks in out_dir that writing the student version would replace."""
    return [Path(out_dir) / p.name for p in notebooks if (Path(out_dir) / p.name).exists()]


def make_student_version(source_dir, out_dir, force=False):
    """Write the student version of every notebook in source_dir into out_dir; return the paths.
    Raises Refused (see check_folders, student_copy) before writing anything."""
    copies = {path.name: student_copy(path) for path in check_folders(source_dir, out_dir, force)}
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, student in copies.items():
        nbformat.write(student, out_dir / name)
    return [out_dir / name for name in copies]


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m course_tools.student_version",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", nargs="?",
                        help="a new or empty folder for the student notebooks")
    parser.add_argument("--tree", metavar="OUT", help="write the whole publishable student tree "
                        "(notebooks, course_lib, Binder files) into the new or empty folder OUT")
    parser.add_argument("--source", default="notebooks", help="the teacher's notebooks folder "
                        "(with --tree, its parent folder is the course's root)")
    parser.add_argument("--force", action="store_true",
                        help="write into a folder that is not empty, replacing its same-named "
                             "student files (listed first)")
    args = parser.parse_args(argv)
    if (args.out_dir is None) == (args.tree is None):
        parser.error("give either OUT_DIR (the student notebooks) or --tree OUT (the whole tree)")
    try:
        if args.tree is not None:
            from .student_tree import write_tree    # (student_tree imports this module)
            return write_tree(args.source, args.tree, args.force)
        notebooks = check_folders(args.source, args.out_dir, args.force)
        for path in replaced_by(notebooks, args.out_dir):
            print(f"replacing {path}")
        written = make_student_version(args.source, args.out_dir, args.force)
    except Refused as why:
        print(f"student_version: refused: {why}", file=sys.stderr)
        return 2
    print(f"wrote {len(written)} student notebooks to {args.out_dir}")
    warn_mentions(written)
    return 0


if __name__ == "__main__":
    sys.exit(main())
