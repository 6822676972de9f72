"""The student tree (`student_version --tree OUT`): a complete, publishable course with no
solution anywhere in it, and the teacher's copy untouched.

The oracle is independent of course_tools: the solution lines are read here, with the json
module, from the teacher notebooks' `### BEGIN SOLUTION` ... `### END SOLUTION` regions; a
line the teacher notebooks also show outside those regions (in the prose, a hint, another
code cell) is taught in the open and not counted. Every file of the tree is then searched,
and for a notebook every string of its JSON too (sources, outputs, metadata), so an answer
escaped inside JSON or hidden in metadata is found as well.
"""
import hashlib
import json
import os
import tomllib
from pathlib import Path

import pytest

from course_tools.student_version import main

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = REPO / "notebooks"
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"     # written out: not imported

# Files in course_lib allowed to spell out an exercise's formula (a student sees a check's
# docstring with `check_sB?`): none. Add a file here only with a reason.
LIBRARY_DOCSTRINGS = {}


def source_of(cell):
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def regions_and_shown(paths):
    """(solution regions as lists of stripped lines, all text shown outside any region)."""
    regions, shown = [], []
    for path in paths:
        for cell in json.loads(path.read_text())["cells"]:
            region = None
            for line in source_of(cell).splitlines():
                if line.strip() == BEGIN:
                    region = []
                elif line.strip() == END:
                    regions.append(region)
                    region = None
                elif region is not None:
                    region.append(line.strip()) if line.strip() else None
                else:
                    shown.append(line)
    return regions, "\n".join(shown)


def solution_lines(paths):
    """Every line that only a solution region holds (6 characters or more, not a comment)."""
    regions, shown = regions_and_shown(paths)
    return {line for region in regions for line in region
            if len(line) >= 6 and not line.startswith("#") and line not in shown}


def strings_in(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, dict)):
        for item in (value.items() if isinstance(value, dict) else value):
            yield from strings_in(item)


def text_of(path):
    text = path.read_text(errors="replace")
    if path.suffix == ".ipynb":
        text += "\n" + "\n".join(strings_in(json.loads(text)))
    return text


def digest(folder):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and ".ipynb_checkpoints" not in
            p.parts}


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    before = digest(NOTEBOOKS)
    out = tmp_path_factory.mktemp("published") / "student"
    assert main(["--tree", str(out), "--source", str(NOTEBOOKS)]) == 0
    assert digest(NOTEBOOKS) == before, "the teacher's notebooks must be untouched"
    return out


def tree_files(tree):
    return {p.relative_to(tree).as_posix(): p for p in sorted(tree.rglob("*")) if p.is_file()}


def test_the_oracle_finds_solution_lines_and_skips_what_is_taught_in_the_open(tmp_path):
    notebook = {"cells": [
        {"cell_type": "markdown", "metadata": {},
         "source": "Compute `sB = I1*w_I1_B + I2*w_I2_B`."},
        {"cell_type": "code", "source": [f"{BEGIN}\n", "sB = I1*w_I1_B + I2*w_I2_B\n",
                                         "secret = 0.2489\n", "x\n", f"{END}\n"], "metadata": {}}]}
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(notebook))
    assert solution_lines([path]) == {"secret = 0.2489"}
    assert "secret = 0.2489" in text_of(path)        # a region's line is found in the raw file


def test_the_teacher_notebooks_do_hold_solutions():
    teacher = sorted(NOTEBOOKS.glob("*.ipynb"))
    assert len(solution_lines(teacher)) >= 30      # 31 regions on 2026-11-30: the oracle bites
    regions, _ = regions_and_shown(teacher)
    assert len(regions) >= 25


def test_no_solution_line_anywhere_in_the_tree(tree):
    lines = solution_lines(sorted(NOTEBOOKS.glob("*.ipynb")))
    found = {}
    for name, path in tree_files(tree).items():
        text = text_of(path)
        assert BEGIN not in text and END not in text, name
        hits = {line for line in lines if line in text} - LIBRARY_DOCSTRINGS.get(name, set())
        if hits:
            found[name] = sorted(hits)
    assert not found, found


def test_no_solution_region_of_two_lines_or_more_anywhere_in_the_tree(tree):
    regions, _ = regions_and_shown(sorted(NOTEBOOKS.glob("*.ipynb")))
    blocks = ["\n".join(r) for r in regions if len(r) >= 2]
    assert blocks
    for name, path in tree_files(tree).items():
        text = "\n".join(line.strip() for line in text_of(path).splitlines())
        assert not [b for b in blocks if b in text], name


def test_the_tree_is_a_complete_course(tree):
    files = tree_files(tree)
    teacher = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))
    assert sorted(n[len("notebooks/"):] for n in files if n.startswith("notebooks/")) == teacher
    library = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "course_lib").rglob("*")
                     if p.is_file() and "__pycache__" not in p.parts)
    assert [n for n in library if n not in files] == []
    for name in ("README.md", "LICENSE", "requirements.txt", "environment.yml", "postBuild",
                 "pyproject.toml", "course_lib/labs/static/stepper.js"):
        assert name in files, name
    assert os.access(files["postBuild"], os.X_OK), "Binder runs postBuild: it must be executable"
    assert (tree / "LICENSE").read_bytes() == (REPO / "LICENSE").read_bytes()


def test_the_teachers_tooling_tests_and_notes_stay_out(tree):
    tops = {p.name for p in tree.iterdir()}
    assert not tops & {"tests", "course_tools", "benchmarks", "TEACHING.md", "HANDOUT.md",
                       "CONTRIBUTING.md", ".ci", "artifacts", "scripts"}
    assert not [p for p in tree.rglob("*") if "__pycache__" in p.parts or p.suffix == ".pyc"]


def test_the_trees_pyproject_installs_course_lib_and_starts_no_missing_tool(tree):
    ours = tomllib.loads((REPO / "pyproject.toml").read_text())
    theirs = tomllib.loads((tree / "pyproject.toml").read_text())
    assert theirs["project"]["dependencies"] == ours["project"]["dependencies"]
    assert theirs["project"]["license"] == ours["project"]["license"]
    assert "scripts" not in theirs["project"]              # they start course_tools: not shipped
    assert "pytest" not in theirs.get("tool", {})           # the tests are not shipped
    assert "course_lib*" in theirs["tool"]["setuptools"]["packages"]["find"]["include"]
    assert "-e ." in (tree / "requirements.txt").read_text().splitlines()


def test_student_notebooks_keep_only_metadata_jupyter_reads(tree):
    for path in sorted((tree / "notebooks").glob("*.ipynb")):
        notebook = json.loads(path.read_text())
        assert set(notebook["metadata"]) <= {"kernelspec", "language_info"}, path.name
        for cell in notebook["cells"]:
            assert "solution" not in cell["metadata"].get("tags", []), path.name
            assert not cell.get("outputs") and cell.get("execution_count") is None


def test_the_student_copies_no_longer_speak_of_collapsed_solutions(tree):
    """Needs the teacher-only marks in notebooks 00 and 02 (see TEACHING.md, "Text for the
    teacher only"): fails, naming each line, until they are there."""
    said = []
    for path in sorted((tree / "notebooks").glob("*.ipynb")):
        for cell in json.loads(path.read_text())["cells"]:
            if cell["cell_type"] == "markdown" and "hint" not in cell["metadata"].get("tags", []):
                said += [f"{path.name}: {line.strip()}" for line in
                         source_of(cell).splitlines() if "solution" in line.lower()]
    assert said == []


def test_the_licence_in_pyproject_is_the_one_license_states():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    licence = (REPO / "LICENSE").read_text()
    assert project["license"] == "MIT AND CC-BY-4.0"                  # SPDX, PEP 639
    assert project["license-files"] == ["LICENSE"]
    assert "MIT License" in licence and "Permission is hereby granted" in licence
    assert "CC BY 4.0" in licence and "creativecommons.org/licenses/by/4.0" in licence
    assert not [c for c in project.get("classifiers", []) if c.startswith("License ::")]
