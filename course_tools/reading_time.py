"""Minutes per notebook, ESTIMATED from what the notebook holds (not a timed reader).

    python -m course_tools.reading_time [NOTEBOOKS_DIR]     # a markdown table for TEACHING.md

For each notebook: the words of its markdown cells, its code cells, and its exercises (one
per `### BEGIN SOLUTION` region, weighed by the lines of code its solution needs). Then

    minutes = words / WORDS_PER_MINUTE + code cells * MINUTES_PER_CELL
              + sum over exercises of (MINUTES_PER_EXERCISE + solution lines * MINUTES_PER_LINE)

rounded up to 5 minutes. The rates are assumptions, stated here so anyone can change them:
technical prose with formulas read at 130 words a minute (about half of plain non-fiction);
half a minute to run a code cell and look at what it printed; an exercise costs 3 minutes to
understand plus 1 per line its solution writes. Read-only: the notebooks are never changed.
"""
import argparse
import json
import math
import re
import sys
from pathlib import Path
from typing import NamedTuple

WORDS_PER_MINUTE = 130
MINUTES_PER_CELL = 0.5
MINUTES_PER_EXERCISE = 3
MINUTES_PER_LINE = 1
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"


class Estimate(NamedTuple):
    name: str
    words: int
    code_cells: int
    exercises: int
    solution_lines: int
    minutes: int


def _source(cell):
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def solution_lines(source):
    """The line counts of each solution region in a cell's source (comments and blanks aside)."""
    counts, count = [], None
    for line in source.splitlines():
        text = line.strip()
        if text == BEGIN:
            count = 0
        elif text == END and count is not None:
            counts.append(count)
            count = None
        elif count is not None and text and not text.startswith("#"):
            count += 1
    return counts


def estimate(path):
    """The Estimate of one notebook file."""
    cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
    words = sum(len(re.findall(r"\S+", _source(c))) for c in cells if c["cell_type"] == "markdown")
    code = [_source(c) for c in cells if c["cell_type"] == "code"]
    regions = [n for source in code for n in solution_lines(source)]
    minutes = (words / WORDS_PER_MINUTE + len(code) * MINUTES_PER_CELL
               + len(regions) * MINUTES_PER_EXERCISE + sum(regions) * MINUTES_PER_LINE)
    return Estimate(Path(path).stem, words, len(code), len(regions), sum(regions),
                    5 * math.ceil(minutes / 5))


def table(folder):
    """A markdown table of every notebook's Estimate, and the total."""
    rows = [estimate(p) for p in sorted(Path(folder).glob("*.ipynb"))]
    lines = ["| notebook | words | code cells | exercises (solution lines) | minutes, estimated |",
             "|---|---:|---:|---:|---:|"]
    lines += [f"| {r.name} | {r.words} | {r.code_cells} | {r.exercises} ({r.solution_lines}) "
              f"| {r.minutes} |" for r in rows]
    lines.append(f"| **all** | {sum(r.words for r in rows)} | {sum(r.code_cells for r in rows)} "
                 f"| {sum(r.exercises for r in rows)} | {sum(r.minutes for r in rows)} |")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m course_tools.reading_time",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", default="notebooks", help="the notebooks folder")
    args = parser.parse_args(argv)
    if not Path(args.folder).is_dir() or not any(Path(args.folder).glob("*.ipynb")):
        print(f"reading_time: {args.folder} is not a folder of notebooks (*.ipynb).",
              file=sys.stderr)
        return 2
    print(table(args.folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
