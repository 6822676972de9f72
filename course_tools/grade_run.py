"""Run one submitted notebook for course-grade, inside its own temporary folder; write what
each exercise's check said.

    python -m course_tools.grade_run FOLDER NOTEBOOK.ipynb RESULT.json --limit SECONDS [--lock]

course-grade starts this in a separate process, in FOLDER (a temporary folder holding the
copy), usually inside `unshare` (no network, its own process tree). With --lock it first makes
every mount read-only except FOLDER, so the notebook can write nowhere else. Then it runs the
notebook cell by cell in a fresh kernel until the time limit (the cells after an error still
run), and writes RESULT.json: {"exercises": {name: verdict}, "errors": [...], "stopped": ...,
"locked": ...}. A verdict is what the exercise's check cell
displayed in the graded run: course_lib's checks add it as data (Shown._repr_json_). A check
cell is the nbgrader read-only cell `check_<name>` (course_tools.nbgrader_metadata marks them).
"""
import argparse
import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path

import nbformat
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError


def _mount_points():
    """Every mount point, from /proc/self/mountinfo (octal escapes such as \\040 undone)."""
    with open("/proc/self/mountinfo", encoding="utf-8") as lines:
        points = {line.split()[4] for line in lines}
    return sorted(p.encode().decode("unicode_escape") for p in points)


def lock_down(folder):
    """Make every mount read-only but `folder` (inside a mount namespace: see course-grade).
    Returns the mount points that could not be made read-only ([] when all were)."""
    folder = str(Path(folder).resolve())
    subprocess.run(["mount", "--make-rprivate", "/"], check=True, capture_output=True)
    subprocess.run(["mount", "--bind", folder, folder], check=True, capture_output=True)
    failed = []
    for point in _mount_points():
        if point != folder and subprocess.run(["mount", "-o", "remount,bind,ro", point],
                                              capture_output=True).returncode:
            failed.append(point)
    return failed


def exercise_of(cell):
    """The exercise a check cell checks (nbgrader read-only cell `check_<name>`), or None."""
    grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")
    if cell.get("cell_type") == "code" and isinstance(grade_id, str):
        return grade_id[len("check_"):] if grade_id.startswith("check_") else None
    return None


def verdicts_of(cell):
    """The verdicts a check cell displayed (as data), in order."""
    found = []
    for output in cell.get("outputs", []):
        data = output.get("data", {}).get("application/json")
        if isinstance(data, dict) and isinstance(data.get("course_verdict"), dict):
            found.append(data["course_verdict"])
    return found


def exercise_result(cell):
    """One exercise's outcome: its status, and the message (the named mistake when there is one)."""
    verdicts = verdicts_of(cell)
    errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
    if errors:
        return {"status": "error", "message": f"{errors[0].get('ename')}: "
                                              f"{str(errors[0].get('evalue'))[:200]}"}
    if not verdicts:
        ran = cell.get("execution_count") is not None
        return {"status": "no verdict" if ran else "not run",
                "message": "the check cell showed no verdict" if ran else "the check never ran"}
    wrong = [v for v in verdicts if not v.get("correct")]
    first = wrong[0] if wrong else verdicts[0]
    return {"status": "correct" if not wrong else str(first.get("status")),
            "message": str(first.get("message", "")), "mistake": str(first.get("mistake") or "")}


async def _execute(client, notebook, limit):
    """Run the code cells in order until the time limit; the reason it stopped early, or None."""
    async with client.async_setup_kernel():
        deadline = time.monotonic() + limit          # from the moment the kernel is ready
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type != "code":
                continue
            left = deadline - time.monotonic()
            if left < 0.5:
                return f"time limit ({limit:g} s) reached before cell {index}"
            client.timeout = max(1, round(left))
            try:
                await client.async_execute_cell(cell, index)
            except CellTimeoutError:
                return f"time limit ({limit:g} s) reached in cell {index}"
            except DeadKernelError:
                return f"the kernel died in cell {index}"
    return None


def run(notebook, folder, limit):
    """Execute `notebook` in `folder` for at most `limit` seconds (errors do not stop it).
    Returns (the reason it stopped early or None, [one line per cell that raised])."""
    manager = AsyncKernelManager(kernel_name="python3", transport="ipc",
                                 ip=str(Path(folder) / "kernel"))  # no TCP: runs with no network
    client = NotebookClient(notebook, km=manager, allow_errors=True, timeout=limit,
                            resources={"metadata": {"path": str(folder)}})
    stopped = asyncio.run(_execute(client, notebook, limit))
    errors = [f"cell {index}: {o.get('ename')}: {str(o.get('evalue'))[:120]}"
              for index, cell in enumerate(notebook.cells) if cell.cell_type == "code"
              for o in cell.get("outputs", []) if o.get("output_type") == "error"]
    return stopped, errors


def grade_notebook(folder, name, limit, lock):
    """Lock the sandbox (if asked), run the copy FOLDER/NAME, and return the result dict."""
    unlocked = lock_down(folder) if lock else None
    notebook = nbformat.read(Path(folder) / name, as_version=4)
    started = time.monotonic()
    stopped, errors = run(notebook, folder, limit)
    exercises = {}
    for cell in notebook.cells:
        exercise = exercise_of(cell)
        if exercise:
            exercises[exercise] = exercise_result(cell)
    return {"exercises": exercises, "errors": errors, "stopped": stopped,
            "seconds": round(time.monotonic() - started, 1),
            "locked": None if unlocked is None else not unlocked, "not_locked": unlocked or []}


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m course_tools.grade_run",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("folder")
    parser.add_argument("notebook", help="the copy's file name, inside FOLDER")
    parser.add_argument("result", help="where to write the result, inside FOLDER")
    parser.add_argument("--limit", type=float, default=120.0)
    parser.add_argument("--lock", action="store_true",
                        help="make every mount read-only except FOLDER (inside unshare -m)")
    args = parser.parse_args(argv)
    try:
        result = grade_notebook(args.folder, args.notebook, args.limit, args.lock)
    except Exception as problem:          # reported as the submission's row, never a crash
        result = {"failed": f"{type(problem).__name__}: {str(problem)[:300]}"}
    (Path(args.folder) / args.result).write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
