"""Text for one reader only: the teacher's notes, the student's words, and the hints.

A notebook speaks to both readers; the student copy (course_tools.student_version) keeps
what is marked for the student and drops what is marked for the teacher:

- a cell tagged "teacher-only" (any cell type) is left out;
- in a markdown cell, the lines from `<!-- BEGIN TEACHER ONLY -->` to `<!-- END TEACHER ONLY -->`
  go, and the lines between `<!-- STUDENT ONLY` and `-->` (an HTML comment, so the teacher's
  notebook does not show them) are shown. Each marker sits on a line of its own.

mentions_of_solutions finds the lines a teacher still has to mark: a student copy that speaks
of a solution, or of something collapsed other than the hints, promises what is not there.
"""
import re
import sys
from pathlib import Path

import nbformat

TEACHER_ONLY = "teacher-only"                      # a cell tag: the whole cell is the teacher's
TEACHER_BEGIN, TEACHER_END = "<!-- BEGIN TEACHER ONLY -->", "<!-- END TEACHER ONLY -->"
STUDENT_BEGIN, STUDENT_END = "<!-- STUDENT ONLY", "-->"
_HINT_LINE = re.compile(r"^#+\s*HINT\s+\d+\b")   # "#### HINT 1 of 3": a hint cell's first line


def is_hint_cell(cell):
    """A step of help: a markdown cell whose first line reads `#### HINT <n> ...`."""
    lines = cell.source.lstrip().splitlines()
    return cell.cell_type == "markdown" and bool(lines) and bool(_HINT_LINE.match(lines[0]))


def student_text(source):
    """A markdown cell's text for the student: teacher-only lines gone, student-only lines shown."""
    if not any(marker in source for marker in (TEACHER_BEGIN, TEACHER_END, STUDENT_BEGIN)):
        return source
    out, mode = [], None
    for line in source.splitlines():
        marker = line.strip()
        if mode is None and marker == TEACHER_BEGIN:
            mode = "teacher"
        elif mode is None and marker == STUDENT_BEGIN:
            mode = "student"
        elif (mode, marker) in (("teacher", TEACHER_END), ("student", STUDENT_END)):
            mode = None
        elif marker in (TEACHER_BEGIN, TEACHER_END, STUDENT_BEGIN):
            raise ValueError(f"{marker!r} where it cannot be (nested, or no opening marker)")
        elif mode != "teacher":
            out.append(line)
    if mode is not None:
        closing = TEACHER_END if mode == "teacher" else STUDENT_END
        raise ValueError(f"a {mode}-only region has no closing {closing!r}")
    return "\n".join(out)


_SOLUTION, _COLLAPSED = (re.compile(rf"\b{word}\b", re.IGNORECASE)
                         for word in ("solutions?", "collapsed"))


def mentions_of_solutions(notebook):
    """(cell number, line) for each markdown line that still speaks of solutions or of
    something collapsed, hints aside (they stay, collapsed): text the teacher should mark."""
    return [(i, line.strip()) for i, cell in enumerate(notebook.cells)
            if cell.cell_type == "markdown" and not is_hint_cell(cell)
            for line in cell.source.splitlines()
            if _SOLUTION.search(line) or (_COLLAPSED.search(line) and "hint" not in line.lower())]


def warn_mentions(paths):
    """Print, for each student notebook, the lines that still speak of solutions."""
    for path in paths:
        for cell, line in mentions_of_solutions(nbformat.read(path, as_version=4)):
            print(f"warning: {Path(path).name} cell {cell} still mentions solutions: {line!r}"
                  " (mark it for the teacher only: see TEACHING.md)", file=sys.stderr)
