"""The student tree: everything a class needs to run the course, and no answer anywhere in it.

    python -m course_tools.student_version --tree OUT [--source notebooks] [--force]

OUT receives, from the course's root (the parent folder of --source):

    notebooks/          the student copy of every teacher notebook (student_notebook)
    course_lib/         the library, as it is (no __pycache__)
    README.md LICENSE CHEATSHEET.md requirements.txt environment.yml postBuild .gitignore
    config/voila.json   and binder/, runtime.txt, apt.txt when the course has them
    pyproject.toml      without [project.scripts] (they start course_tools, not shipped) and
                        [tool.pytest.ini_options] (the tests are not shipped)

Left out on purpose: tests/ and benchmarks/ (they hold the answers, as oracles), course_tools/
(the teacher's tooling: this command, re-execution, grading), TEACHING.md and HANDOUT.md (the
handout spells out the chains the exercises of 03 and 05 ask for), CONTRIBUTING.md, .ci/,
artifacts/. Before anything is written, every file of the tree is searched for the solution
markers, and a tree that would hold one is refused.

OUT must be new or empty. With --force it may be an existing folder, e.g. a clone of the
student branch: its same-named files are replaced (listed first), its .git is not touched, and
files of an earlier tree that the new one no longer has are listed, never deleted.
"""
import re
import sys
from pathlib import Path

import nbformat

from .student_version import (BEGIN, END, HIDDEN_TESTS, Refused, _inside, check_out_folder,
                              student_copy, teacher_notebooks)
from .teacher_text import warn_mentions

REQUIRED = ("README.md", "LICENSE", "pyproject.toml", "requirements.txt", "environment.yml",
            "postBuild")
OPTIONAL = ("CHEATSHEET.md", ".gitignore", "runtime.txt", "apt.txt", "config/voila.json")
FOLDERS = ("course_lib", "binder")          # copied whole (course_lib is required)
DROP_TABLES = ("project.scripts", "tool.pytest.ini_options")
_HEADER = re.compile(r"^\[([A-Za-z0-9_.-]+)\]\s*(#.*)?$")


def student_pyproject(text):
    """pyproject.toml for the student tree: the tables in DROP_TABLES removed, the rest as is."""
    out, dropping = [], False
    for line in text.splitlines(keepends=True):
        header = _HEADER.match(line)
        if header:
            dropping = header.group(1) in DROP_TABLES
        if not dropping:
            out.append(line)
    return "".join(out)


def check_tree_folders(source_dir, out_dir, force=False):
    """The course's root, once OUT is known to be a safe place for the tree; else Refused."""
    teacher_notebooks(source_dir)
    source, out = Path(source_dir).resolve(), Path(out_dir).resolve()
    root = source.parent
    if _inside(root, out):
        raise Refused(f"{out_dir} is the course's root {root} or holds it: write the student "
                      "tree somewhere else.")
    for folder in (source, *(root / name for name in FOLDERS)):
        if _inside(out, folder):
            raise Refused(f"{out_dir} is inside the teacher's folder {folder}: write the "
                          "student tree somewhere else.")
    check_out_folder(out_dir, force, "the files of an earlier student tree",
                     sorted((out / "notebooks").glob("*.ipynb")))
    return root


def _files_of(folder, root):
    """Files under folder by their path from root: no caches, no hidden files or folders."""
    def kept(path):
        parts = path.relative_to(folder).parts
        return path.is_file() and path.suffix != ".pyc" and not any(
            part == "__pycache__" or part.startswith(".") for part in parts)
    return {p.relative_to(root).as_posix(): p for p in sorted(folder.rglob("*")) if kept(p)}


def tree_contents(source_dir):
    """{path in the tree: (bytes, mode)}; Refused if a required file is missing or any
    file would carry a solution marker."""
    root = Path(source_dir).resolve().parent
    missing = [name for name in REQUIRED if not (root / name).is_file()]
    missing += [] if (root / FOLDERS[0]).is_dir() else [FOLDERS[0] + "/"]
    if missing:
        raise Refused(f"the course's root {root} (the parent of {source_dir}) has no "
                      f"{', '.join(missing)}: is --source the teacher's notebooks folder?")
    sources = {name: root / name for name in REQUIRED + OPTIONAL if (root / name).is_file()}
    for name in FOLDERS:
        sources.update(_files_of(root / name, root) if (root / name).is_dir() else {})
    files = {name: (path.read_bytes(), path.stat().st_mode & 0o777)
             for name, path in sources.items()}
    files["pyproject.toml"] = (student_pyproject((root / "pyproject.toml").read_text()).encode(),
                               files["pyproject.toml"][1])
    for path in teacher_notebooks(source_dir):
        files[f"notebooks/{path.name}"] = (nbformat.writes(student_copy(path)).encode() + b"\n",
                                           0o644)
    markers = [m.encode() for m in (BEGIN, END, *HIDDEN_TESTS)]
    marked = [name for name, (data, _) in files.items() if any(m in data for m in markers)]
    if marked:
        raise Refused("the tree would hold a solution or hidden-test marker in "
                      f"{', '.join(marked[:3])}: nothing was written.")
    return files


def stale_files(out, files):
    """Files of an earlier tree (in OUT's notebooks/ and FOLDERS) that the new one lacks."""
    found = {}
    for name in ("notebooks", *FOLDERS):
        found.update(_files_of(out / name, out) if (out / name).is_dir() else {})
    return sorted(path for name, path in found.items() if name not in files)


def write_tree(source_dir, out_dir, force=False):
    """Write the student tree into out_dir (see the module's docstring); return 0.
    Raises Refused, before writing anything, when it must not write."""
    check_tree_folders(source_dir, out_dir, force)
    files = tree_contents(source_dir)
    out = Path(out_dir)
    for name in files:
        if (out / name).exists():
            print(f"replacing {out / name}")
    for name, (data, mode) in files.items():
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        target.chmod(mode)
    for path in stale_files(out, files):
        print(f"left in place, not part of the new tree: {path} (delete it if it should go)",
              file=sys.stderr)
    notebooks = [out / name for name in files if name.startswith("notebooks/")]
    print(f"wrote the student tree to {out_dir}: {len(notebooks)} student notebooks, "
          f"{len(files)} files, no solution")
    warn_mentions(notebooks)
    return 0
