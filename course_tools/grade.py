"""Grade a class with no nbgrader: run every submitted notebook and write a score table.

    course-grade SUBMISSIONS_DIR [--out scores.csv] [--force] [--limit 180] [--jobs 2]
                 [--sample hidden|course|I2=0.3]

SUBMISSIONS_DIR holds one folder per student, each with that student's notebooks under their
course names: SUBMISSIONS_DIR/<student>/03_last_weight.ipynb. Every notebook runs on a COPY
in its own temporary folder, in a separate process with a fresh kernel and a time limit; where
Linux allows it (`unshare`), with no network and every other folder read-only, so a notebook can
change nothing but its copy. The submissions are only read. Each exercise counts one point: its
check cell's verdict, with the mistake the check named. Graded runs use a second, hidden sample
(COURSE_GRADING_SAMPLE=hidden), so a number typed in from the course fails where code passes;
--sample course grades on the course's own sample. The table is printed and written to --out
(refused if it exists, unless --force). Anything that is not a notebook, or does not run,
gets a row saying so.
"""
import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat

from course_lib.core.build import COURSE_SAMPLE, HIDDEN_SAMPLE
from course_lib.core.errors import CourseInputError
from course_lib.core.sample import GRADING_VARIABLE, sample_for_run
from course_tools.grade_table import csv_text, printed

GRACE = 60          # seconds for the kernel to start and the result to be written
UNSHARE = (["unshare", "--map-root-user", "--mount", "--net", "--pid", "--fork", "--kill-child"],
           ["unshare", "--mount", "--net", "--pid", "--fork", "--kill-child"])


def sandbox():
    """(the command prefix that isolates a run, or [], and a note when there is none)."""
    for prefix in UNSHARE:
        try:
            if subprocess.run([*prefix, "mount", "--make-rprivate", "/"], capture_output=True,
                              timeout=30).returncode == 0:
                return prefix, None
        except (OSError, subprocess.TimeoutExpired):
            break
    return [], ("no sandbox: `unshare` is missing or not allowed here, so the notebooks ran "
                "with your permissions and your network")


def submissions(root):
    """[(student, path or None, problem or None)] for the layout ROOT/<student>/<notebook>."""
    found = []
    for entry in sorted(Path(root).iterdir()):
        if entry.name.startswith("."):
            continue
        if not entry.is_dir():
            found.append((entry.name, None, "not a student folder: submissions go in "
                          "SUBMISSIONS_DIR/<student>/<notebook>.ipynb"))
            continue
        files = sorted(p for p in entry.iterdir() if p.is_file() and not p.name.startswith("."))
        if not files:
            found.append((entry.name, None, "no notebook handed in"))
        found += [(entry.name, path, None if path.suffix == ".ipynb"
                   else f"{path.name} is not a notebook (.ipynb)") for path in files]
    return found


def readable(path):
    """None if `path` reads as a notebook, else why not (one line)."""
    try:
        nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)
    except UnicodeDecodeError:
        return f"{path.name} is not a notebook: not text (UTF-8)"
    except Exception as why:          # invalid JSON, not a notebook's shape, ...
        return f"{path.name} is not a readable notebook: {str(why).splitlines()[0][:120]}"
    return None


def child_environment(folder, sample):
    """The environment of a graded run: every writable place inside `folder`."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", **{GRADING_VARIABLE: sample})
    for name, sub in (("HOME", "home"), ("TMPDIR", "tmp"), ("IPYTHONDIR", "ipython"),
                      ("MPLCONFIGDIR", "matplotlib"), ("JUPYTER_RUNTIME_DIR", "runtime")):
        (folder / sub).mkdir()
        env[name] = str(folder / sub)
    return env


def run_copy(path, sample, limit, prefix):
    """Run a copy of the notebook at `path` in a fresh temporary folder; the result dict."""
    folder = Path(tempfile.mkdtemp(prefix="course-grade-")).resolve()
    try:
        (folder / "work").mkdir()
        (folder / "work" / "notebook.ipynb").write_bytes(path.read_bytes())
        command = [*prefix, sys.executable, "-m", "course_tools.grade_run", str(folder / "work"),
                   "notebook.ipynb", "result.json", "--limit", str(limit)]
        command += ["--lock"] if prefix else []
        process = subprocess.Popen(command, cwd=folder / "work", start_new_session=True,
                                   env=child_environment(folder / "work", sample),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            _, err = process.communicate(timeout=limit + GRACE)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return {"failed": f"stopped after {limit + GRACE:g} s: the time limit"}
        result = folder / "work" / "result.json"
        if not result.is_file():
            last = err.decode(errors="replace").strip().splitlines()[-1:] or ["no message"]
            return {"failed": f"the run wrote no result ({last[0][:160]})"}
        return json.loads(result.read_text(encoding="utf-8"))
    except (OSError, ValueError) as why:
        return {"failed": f"{type(why).__name__}: {why}"}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def notes_of(name, result):
    """The row's notes for one notebook's result."""
    notes = []
    if result.get("failed"):
        notes.append(f"{name}: {result['failed']}")
    if result.get("stopped"):
        notes.append(f"{name}: {result['stopped']}")
    errors = result.get("errors", [])
    if errors:
        notes.append(f"{name}: {len(errors)} cell(s) raised errors, first {errors[0]}")
    if result.get("not_locked"):
        notes.append(f"{name}: could not make read-only: {', '.join(result['not_locked'][:3])}")
    return notes


def grade(root, sample="hidden", limit=180, prefix=(), jobs=1, log=print):
    """The table's rows: one per student, with each notebook's result and the notes.
    `jobs` notebooks run at a time, each in its own process and folder."""
    rows, runs = {}, []
    for student, path, problem in submissions(root):
        row = rows.setdefault(student, {"student": student, "notebooks": {}, "notes": []})
        problem = problem or readable(path)
        if problem:
            row["notes"].append(problem)
        else:
            runs.append((row, path))

    def one(run):
        log(f"running {run[0]['student']}/{run[1].name}")
        return run_copy(run[1], sample, limit, list(prefix))

    with ThreadPoolExecutor(max_workers=jobs) as pool:          # threads: each waits on a process
        for (row, path), result in zip(runs, pool.map(one, runs)):
            row["notebooks"][path.stem] = result
            row["notes"] += notes_of(path.name, result)
    return list(rows.values())


def check_paths(root, out, force):
    """Refuse (CourseInputError, one line) a missing SUBMISSIONS_DIR or a table we must not write."""
    root, out = Path(root), Path(out)
    if not root.is_dir():
        raise CourseInputError(f"{root} is not a folder: give the folder that holds one "
                               "folder per student.")
    if out.resolve().is_relative_to(root.resolve()):
        raise CourseInputError(f"the table {out} would be written inside the submissions "
                               f"{root}: choose --out somewhere else.")
    if out.exists() and not force:
        raise CourseInputError(f"{out} exists: choose another --out, or add --force to "
                               "replace it.")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="course-grade", description=__doc__.split("\n\n")[0])
    parser.add_argument("submissions", help="SUBMISSIONS_DIR/<student>/<notebook>.ipynb")
    parser.add_argument("--out", default="scores.csv", help="the CSV table (default scores.csv)")
    parser.add_argument("--force", action="store_true", help="replace an existing --out")
    parser.add_argument("--limit", type=float, default=180, help="seconds per notebook")
    parser.add_argument("--jobs", type=int, default=2, help="notebooks run at a time (2)")
    parser.add_argument("--sample", default="hidden",
                        help="hidden (default), course, or your own: 'I2=0.3'")
    args = parser.parse_args(argv)
    try:
        check_paths(args.submissions, args.out, args.force)
        if not args.limit > 0 or not 1 <= args.jobs <= 64:
            raise CourseInputError(f"--limit must be seconds > 0 and --jobs a whole number from "
                                   f"1 to 64, got {args.limit:g} and {args.jobs}.")
        sample_for_run(COURSE_SAMPLE, HIDDEN_SAMPLE, {GRADING_VARIABLE: args.sample})
        if not args.sample.strip():
            raise CourseInputError("--sample must be hidden, course or name=number pairs.")
    except CourseInputError as why:
        print(f"course-grade: {why}", file=sys.stderr)
        return 2
    prefix, note = sandbox()
    if note:
        print(f"course-grade: {note}", file=sys.stderr)
    rows = grade(args.submissions, args.sample, args.limit, prefix, args.jobs)
    print(printed(rows))
    Path(args.out).write_text(csv_text(rows), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
