"""The mutation runner (course_tools.mutation, CONTRIBUTING.md "Mutation score") works, and never
touches the working tree: its mutants are the ones written here by hand, and a run on a tiny
target gives the verdicts worked out here, mutant by mutant."""
import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from course_tools.mutants import PACKAGE, fast_test_files, mutants_of
from course_tools.mutation import main

from seed_by_hand import HAND

REPO = PACKAGE.parent


def fingerprint():
    """Every file of course_lib and its bytes' hash: what a run must leave as it found it."""
    return {p.relative_to(PACKAGE).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(PACKAGE.rglob("*.py"))}


def test_the_mutants_of_a_small_module_by_hand(tmp_path):
    (tmp_path / "tiny.py").write_text('def f(x):\n    """A doc."""\n    return x + 1 < 2\n')
    found = {(m.line, m.mutation) for m in mutants_of(tmp_path / "tiny.py", tmp_path)}
    assert found == {(3, "`+` -> `-`"), (3, "`<` -> `<=`"), (3, "`1` -> `0`"), (3, "`2` -> `1`"),
                     (3, "`return x + 1 < 2` -> `return None`")}
    mutant = next(m for m in mutants_of(tmp_path / "tiny.py", tmp_path) if "<=" in m.mutation)
    assert mutant.source.decode().splitlines()[2] == "    return x + 1 <= 2"
    assert mutant.path == "tiny.py" and mutant.text == "return x + 1 < 2"


def test_list_prints_the_mutants_and_touches_nothing(capsys):
    before = fingerprint()
    assert main(["--list", "--files", "exercises/fan_out.py"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert all(line.startswith("course_lib/exercises/fan_out.py:") for line in lines)
    assert sorted(line.split("  ")[1].split("    |")[0] for line in lines) == [
        "`f(a, b, ...)` -> `f(b, a, ...)`", "`return check_fan_out(dL_wrt_A, \"A\", g...` -> "
        "`return None`", "`return check_weight_chain( dL_wrt_w_I...` -> `return None`"]
    assert fingerprint() == before


def test_the_fast_tests_exist_and_have_no_browser_or_notebook():
    names = [Path(f).name for f in fast_test_files()]
    assert "test_core_edges.py" in names and "test_exercise_contract.py" in names
    assert len(names) == len(set(names)) >= 25
    heavy = ("browser", "notebook", "voila", "lite", "stepper")
    assert not [n for n in names if any(word in n for word in heavy)]


def test_a_run_on_a_tiny_target_gives_each_verdict(tmp_path):
    """exercises/fan_out.py has 3 mutants. The tiny test below checks dL_wrt_A with the default
    network and sample: returning None is killed; swapping seed_gradients(network, sample) when
    both are None changes nothing (it survives); check_dL_wrt_w_I2_B is never run."""
    tiny = tmp_path / "test_tiny.py"
    tiny.write_text("from course_lib.exercises.fan_out import check_dL_wrt_A\n\n\n"
                    "def test_the_seed_answer():\n"
                    f"    assert check_dL_wrt_A({HAND['dL_wrt_A']!r}).status == 'correct'\n")
    before, tmp = fingerprint(), Path(tempfile.gettempdir())
    run = subprocess.run([sys.executable, "-m", "course_tools.mutation", "--files",
                          "exercises/fan_out.py", "--tests", str(tiny), "--verbose"],
                         cwd=REPO, capture_output=True, text=True, timeout=120,
                         env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"))
    out = run.stdout
    assert run.returncode == 1, out + run.stderr               # 33 % is under --fail-under 95
    verdicts = {line.split("] ")[1].split()[0]: line for line in out.splitlines()
                if line.startswith("[")}
    assert "return None" in verdicts["killed"] and "return check_fan_out" in verdicts["killed"]
    assert "f(b, a, ...)" in verdicts["survived"]
    assert "check_weight_chain" in verdicts["not"]              # "not run"
    assert "score: 1 / 3 non-equivalent mutants killed (33.3 %)" in out
    assert fingerprint() == before
    assert not list(tmp.glob("course-mutation-*"))              # its copies are removed
