"""course-grade on a small class: right answers as code, numbers typed in from the course, a
named mistake, junk, and a notebook that tries to escape (network, files, an endless loop).

Oracles: the expected table written out by hand; sB and sC of the course sample as the
course prints them (1 and 0.0881809); the submissions' bytes before and after.
"""
import csv
import hashlib
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from course_tools.grade import main, sandbox
from course_tools.nbgrader_metadata import check_metadata

SETUP = """from course_lib import SEED_SAMPLE, forward, seed_network
from course_lib.exercises import check_sB, check_sC
net = seed_network()
I1, I2 = SEED_SAMPLE["I1"], SEED_SAMPLE["I2"]
trace = forward(net, [I1, I2])
A, B, sA, sB_ = trace["A"], trace["B"], trace["sA"], trace["sB"]"""


def notebook(sB, sC, *more):
    """A two-exercise notebook as a student hands it in: the check cells marked as the
    course's teacher notebooks mark them (nbgrader read-only cells check_<name>)."""
    checks = [new_code_cell(f"check_{name}({name})") for name in ("sB", "sC")]
    for cell, name in zip(checks, ("sB", "sC")):
        cell.metadata["nbgrader"] = check_metadata(name)
    cells = [new_code_cell(SETUP), new_code_cell(f"sB = {sB}  # your turn"), checks[0],
             new_code_cell(f"sC = {sC}  # your turn"), checks[1], *map(new_code_cell, more)]
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    return nb


CODE = ('I1*net["w_I1_B"] + I2*net["w_I2_B"]', 'A*net["w_A_C"] + B*net["w_B_C"]')
TYPED = ("1.0", "0.0881809")                                  # the course sample's values
MISTAKEN_SC = 'sA*net["w_A_C"] + sB_*net["w_B_C"]'    # sC from the sums: a named mistake


def escaping(folder, outside):
    """A notebook, sB right and sC a named mistake, that then opens a socket, writes outside
    its folder, deletes its own submission (in `folder`) and loops for ever."""
    return notebook(
        CODE[0], MISTAKEN_SC,
        "import socket\nsocket.create_connection(('192.0.2.1', 80), timeout=2)",
        f"open({str(outside)!r}, 'w').write('escaped')",
        "import os, glob\nfor p in glob.glob(" + repr(str(folder) + "/*") + "): os.remove(p)",
        "while True:\n    pass")


def hand_in(root, students):
    for student, nb in students.items():
        (root / student).mkdir(parents=True)
        nbformat.write(nb, root / student / "01_sums.ipynb")


def digest(root):
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def course_grade(*args, cwd):
    return subprocess.run([sys.executable, "-m", "course_tools.grade", *map(str, args)],
                          cwd=cwd, capture_output=True, text=True, timeout=300)


def table(path):
    with open(path, newline="", encoding="utf-8") as rows:
        return {row["student"]: row for row in csv.DictReader(rows)}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The class graded twice: on the hidden sample (the default) and on the course's."""
    root = tmp_path_factory.mktemp("class")
    subs = root / "submissions"
    hand_in(subs, {"coder": notebook(*CODE), "typist": notebook(*TYPED)})
    hand_in(root / "two", {"coder": notebook(*CODE), "typist": notebook(*TYPED)})
    hand_in(subs, {"eve": escaping(subs / "eve", root / "outside.txt")})
    (subs / "junk").mkdir()
    (subs / "junk" / "01_sums.ipynb").write_text('{"cells": [', encoding="utf-8")
    (subs / "junk" / "answers.txt").write_text("sB = 1", encoding="utf-8")
    (subs / "stray.ipynb").write_text("{}", encoding="utf-8")
    before = digest(subs)
    hidden = course_grade(subs, "--out", root / "hidden.csv", "--limit", "6", cwd=root)
    course = course_grade(root / "two", "--out", root / "course.csv", "--limit", "60",
                          "--sample", "course", cwd=root)
    after = digest(subs)
    if not sandbox()[0]:                     # without one, eve really deletes her own notebook
        before, after = ({k: v for k, v in d.items() if "/eve/" not in k} for d in (before, after))
    assert after == before, "course-grade changed a submission"
    return root, hidden, course


def test_code_passes_on_both_samples_typed_numbers_only_on_the_course_one(graded):
    root, hidden, course = graded
    assert hidden.returncode == 0 and course.returncode == 0, hidden.stderr + course.stderr
    on_hidden, on_course = table(root / "hidden.csv"), table(root / "course.csv")
    for rows in (on_hidden, on_course):
        assert [rows["coder"][k] for k in ("01:sB", "01:sC", "score", "out_of")] == [
            "correct", "correct", "2", "2"]
    assert [on_course["typist"][k] for k in ("01:sB", "01:sC", "score")] == [
        "correct", "correct", "2"]
    assert on_hidden["typist"]["score"] == "0"
    assert on_hidden["typist"]["01:sB"].startswith("wrong: ✗ sB = 1 is not right.")
    assert on_hidden["typist"]["01:sC"].startswith("wrong: ✗ sC = 0.0881809 is not right.")


def test_a_wrong_answer_shows_its_named_mistake(graded):
    root, hidden, _ = graded
    eve = table(root / "hidden.csv")["eve"]
    assert eve["01:sB"] == "correct" and eve["score"] == "1"
    assert eve["01:sC"] == ("mistake: you used the sums sA and sB instead of the "
                            "activations A and B")
    assert "eve 01:sC: mistake: you used the sums sA and sB" in hidden.stdout


def test_junk_gets_a_clear_row(graded):
    root, hidden, _ = graded
    rows = table(root / "hidden.csv")
    assert rows["junk"]["notes"] == ("01_sums.ipynb is not a readable notebook: Notebook does "
                                     "not appear to be JSON: '{\"cells\": [' | answers.txt is "
                                     "not a notebook (.ipynb)")
    assert rows["junk"]["01:sB"] == "missing" and rows["junk"]["score"] == "0"
    assert rows["stray.ipynb"]["notes"].startswith("not a student folder: submissions go in "
                                                   "SUBMISSIONS_DIR/<student>/<notebook>.ipynb")


def test_an_existing_table_is_kept_unless_forced(graded, capsys):
    root, _, _ = graded
    before = (root / "hidden.csv").read_bytes()
    assert main([str(root / "submissions"), "--out", str(root / "hidden.csv")]) == 2
    assert (root / "hidden.csv").read_bytes() == before
    assert capsys.readouterr().err.strip() == (f"course-grade: {root / 'hidden.csv'} exists: "
                                               "choose another --out, or add --force to "
                                               "replace it.")
    assert main([str(root / "submissions"), "--out", str(root / "submissions" / "t.csv")]) == 2
    assert "inside the submissions" in capsys.readouterr().err
    assert not (root / "submissions" / "t.csv").exists()
    assert main([str(root / "nowhere"), "--out", str(root / "n.csv")]) == 2
    assert "is not a folder" in capsys.readouterr().err
    assert main([str(root / "submissions"), "--out", str(root / "n.csv"), "--jobs", "0"]) == 2
    assert "--jobs a whole number from 1 to 64, got 180 and 0." in capsys.readouterr().err
    assert main([str(root / "submissions"), "--out", str(root / "n.csv"), "--sample", "x"]) == 2
    assert "expected 'hidden', 'course' or name=number pairs" in capsys.readouterr().err
    assert not (root / "n.csv").exists()


def test_a_notebook_that_tries_to_escape_is_contained(graded):
    root, _, _ = graded
    eve = table(root / "hidden.csv")["eve"]
    assert eve["score"] == "1"                           # graded all the same
    assert "time limit (6 s) reached in cell 8" in eve["notes"]
    if not sandbox()[0]:
        pytest.skip("unshare is not allowed here: course-grade ran without a sandbox")
    assert not (root / "outside.txt").exists()          # (the submissions: see the fixture)
    assert "3 cell(s) raised errors, first cell 5: OSError" in eve["notes"]
    assert not [p for p in Path(os.environ.get("TMPDIR", "/tmp")).glob("course-grade-*")]


def test_course_grade_is_a_console_script():
    pyproject = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml")
                              .read_text(encoding="utf-8"))
    assert pyproject["project"]["scripts"]["course-grade"] == "course_tools.grade:main"
