"""Re-execute the course notebooks in place, or check that they are clean.

Usage (from the repository root, with the course installed: pip install -r requirements.txt):

    python -m course_tools.execute_notebooks                 # every notebooks/*.ipynb
    python -m course_tools.execute_notebooks notebooks/a.ipynb notebooks/b.ipynb
    python -m course_tools.execute_notebooks --check         # hygiene only, no kernel
    python -m course_tools.execute_notebooks --folder other  # every other/*.ipynb

Executing runs each notebook top to bottom in a fresh ``python3`` kernel whose
working directory is the notebook's folder (notebooks/, as under nbval), with a
600 s timeout per cell; then it strips saved widget state, writes the notebook
back with nbformat, and re-checks it with course_tools.notebook_hygiene.
A notebook whose execution fails is NOT written; the script exits with status 1
naming the notebook and cell. ``--check`` exits 1 if any notebook has a problem.

Executing replaces the saved outputs, so it refuses (exit status 2, one line each) a
notebook whose cells differ from the committed ones — a learner's answered copy, or your
own edits — or that git does not know; ``--force`` executes it all the same.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError

from course_tools.notebook_hygiene import check_notebook, strip_widget_state

NOTEBOOKS = "notebooks"  # the default folder, relative to the working directory


def find_notebooks(args: list[str], folder: str | Path = NOTEBOOKS) -> list[Path]:
    """Return the notebooks named in ``args``, or every ``folder``/*.ipynb if none."""
    if args:
        paths = [Path(a).resolve() for a in args]
        missing = [str(p) for p in paths if not p.is_file()]
        if missing:
            raise SystemExit(f"error: no such notebook: {', '.join(missing)}")
        return paths
    return sorted(p.resolve() for p in Path(folder).glob("*.ipynb") if p.is_file())


def shown(path: Path) -> Path:
    """``path`` relative to the working directory when it lies below it, else as it is."""
    here = Path.cwd().resolve()
    return path.relative_to(here) if path.is_relative_to(here) else path


def _cells(nb) -> list[tuple[str, str]]:
    return [(cell.cell_type, cell.source) for cell in nb.cells]


def differs_from_committed(path: Path) -> str:
    """Why executing ``path`` could lose someone's work ('' when its cells are the committed
    ones): it is not in git, or its cells differ from HEAD's."""
    def git(*args):
        return subprocess.run(["git", "-C", str(path.parent), *args], capture_output=True,
                              text=True)
    top = git("rev-parse", "--show-toplevel")
    if top.returncode != 0:
        return "it is not in a git checkout, so its committed cells cannot be compared"
    relative = path.resolve().relative_to(Path(top.stdout.strip()).resolve()).as_posix()
    committed = git("show", f"HEAD:{relative}")
    if committed.returncode != 0:
        return "git has no committed copy of it"
    try:
        before = nbformat.reads(committed.stdout, as_version=4)
    except Exception:                      # a committed file that is not a notebook
        return "its committed copy is not a notebook"
    if _cells(before) != _cells(nbformat.read(str(path), as_version=4)):
        return "its cells differ from the committed ones (answers or edits would lose their outputs)"
    return ""


def execute(path: Path, timeout: int) -> list[str]:
    """Execute ``path`` in place; return hygiene problems left afterwards.

    Raises CellExecutionError / CellTimeoutError (file left untouched) on failure.
    """
    nb = nbformat.read(str(path), as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,  # no per-cell timestamps in the committed file
        store_widget_state=False,
    )
    client.execute()
    strip_widget_state(nb)
    problems = check_notebook(nb)
    nbformat.write(nb, str(path))
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course_tools.execute_notebooks",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", help="notebooks to process (default: notebooks/*.ipynb)")
    parser.add_argument("--folder", default=NOTEBOOKS,
                        help="folder searched when no notebook is named (default: notebooks)")
    parser.add_argument("--check", action="store_true", help="only check hygiene; do not execute")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per cell (default 600)")
    parser.add_argument("--force", action="store_true",
                        help="execute notebooks whose cells differ from the committed ones too")
    options = parser.parse_args(argv)

    paths = find_notebooks(options.notebooks, options.folder)
    if not paths:
        print(f"no notebooks found in {options.folder}")
        return 0

    failed, refused = False, False
    for path in paths:
        name = shown(path)
        reason = "" if options.check or options.force else differs_from_committed(path)
        if reason:
            print(f"refused {name}: {reason}; use --force to execute it anyway.", file=sys.stderr)
            refused = True
            continue
        if options.check:
            problems = check_notebook(nbformat.read(str(path), as_version=4))
        else:
            start = time.perf_counter()
            try:
                problems = execute(path, options.timeout)
            except (CellExecutionError, CellTimeoutError) as exc:
                print(f"FAILED {name}: a cell raised or timed out; notebook NOT written.\n{exc}",
                      file=sys.stderr)
                failed = True
                continue
            print(f"executed {name} in {time.perf_counter() - start:.1f} s")
        for problem in problems:
            print(f"{name}: {problem}", file=sys.stderr)
        failed = failed or bool(problems)
        if options.check and not problems:
            print(f"ok {name}")
    return 1 if failed else 2 if refused else 0


if __name__ == "__main__":
    sys.exit(main())
