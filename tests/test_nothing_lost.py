"""Nothing a person made is overwritten: the student version and re-execution refuse, with a
one-line reason and exit status 2, unless --force (and some things even then)."""
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from course_tools.execute_notebooks import differs_from_committed
from course_tools.execute_notebooks import main as execute_main
from course_tools.student_version import BEGIN, main

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = REPO / "notebooks"


def fingerprint(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture
def teacher(tmp_path):
    """A copy of two teacher notebooks (with solutions), in their own folder."""
    folder = tmp_path / "teacher"
    folder.mkdir()
    for name in ("03_last_weight.ipynb", "05_deeper_weight.ipynb"):
        shutil.copy(NOTEBOOKS / name, folder / name)
    assert all(BEGIN in p.read_text() for p in folder.iterdir())
    return folder


def run(capsys, *argv):
    status = main([str(a) for a in argv])
    err = capsys.readouterr().err.strip()
    return status, err


def test_a_learners_answered_copy_is_not_overwritten(teacher, tmp_path, capsys):
    out = tmp_path / "class"
    assert run(capsys, out, "--source", teacher)[0] == 0
    answered = out / "03_last_weight.ipynb"
    answered.write_text(answered.read_text().replace("...  # your turn", "0.25", 1))
    before = fingerprint(out)
    status, err = run(capsys, out, "--source", teacher)
    assert status == 2 and fingerprint(out) == before
    assert "not empty" in err and "--force" in err and len(err.splitlines()) == 1


def test_force_lists_what_it_replaces_and_replaces_only_same_named_notebooks(teacher, tmp_path,
                                                                            capsys):
    out = tmp_path / "class"
    out.mkdir()
    (out / "03_last_weight.ipynb").write_text("{}")
    (out / "my_notes.txt").write_text("mine")
    assert main([str(out), "--source", str(teacher), "--force"]) == 0
    printed = capsys.readouterr().out
    assert f"replacing {out / '03_last_weight.ipynb'}" in printed
    assert "05_deeper_weight" not in printed.split("wrote")[0]      # new, not replaced
    assert (out / "my_notes.txt").read_text() == "mine"
    assert BEGIN not in (out / "03_last_weight.ipynb").read_text()


def test_swapped_arguments_never_touch_the_teachers_notebooks(teacher, tmp_path, capsys):
    out = tmp_path / "class"
    assert run(capsys, out, "--source", teacher)[0] == 0
    before = fingerprint(teacher)
    for extra in ([], ["--force"]):
        status, err = run(capsys, teacher, "--source", out, *extra)
        assert status == 2 and fingerprint(teacher) == before, err
    assert "solutions" in err and "even with --force" in err


@pytest.mark.parametrize("where", ["same", "inside", "holding"])
def test_the_source_folder_and_its_relatives_are_refused_even_with_force(teacher, capsys, where):
    out = {"same": teacher, "inside": teacher / "student", "holding": teacher.parent}[where]
    before = fingerprint(teacher)
    status, err = run(capsys, out, "--source", teacher, "--force")
    assert status == 2 and "teacher's folder" in err
    assert fingerprint(teacher) == before and not (teacher / "student").exists()


def test_a_source_with_no_notebooks_is_refused(tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    status, err = run(capsys, tmp_path / "out", "--source", empty)
    assert status == 2 and "holds no notebooks" in err and not (tmp_path / "out").exists()
    status, err = run(capsys, tmp_path / "out", "--source", tmp_path / "missing")
    assert status == 2 and "not a folder" in err


def test_the_command_line_says_refused_in_one_line(teacher, tmp_path):
    out = tmp_path / "class"
    out.mkdir()
    (out / "x.ipynb").write_text("{}")
    done = subprocess.run([sys.executable, "-m", "course_tools.student_version", str(out),
                           "--source", str(teacher)], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("student_version: refused:")


def test_re_execution_refuses_a_notebook_whose_cells_differ_from_the_committed_ones(tmp_path,
                                                                                   capsys):
    repo = tmp_path / "repo"
    (repo / "notebooks").mkdir(parents=True)
    notebook = repo / "notebooks" / "01_forward_pass.ipynb"
    shutil.copy(NOTEBOOKS / "01_forward_pass.ipynb", notebook)
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], check=True)
    assert "git has no committed copy" in differs_from_committed(notebook)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "x"], check=True)
    assert differs_from_committed(notebook) == ""
    nb = json.loads(notebook.read_text())
    code = next(c for c in nb["cells"] if c["cell_type"] == "code")
    code["source"] = "answer = 42  # a learner's own line\n"
    notebook.write_text(json.dumps(nb))
    before = notebook.read_bytes()
    assert execute_main([str(notebook)]) == 2
    assert "differ from the committed ones" in capsys.readouterr().err
    assert notebook.read_bytes() == before


# --- the student tree (--tree OUT): the same promises for a whole publishable folder ------------

@pytest.fixture
def course(tmp_path):
    """A small course's root: two teacher notebooks, a one-file library, the Binder files."""
    root = tmp_path / "course"
    (root / "notebooks").mkdir(parents=True)
    for name in ("03_last_weight.ipynb", "05_deeper_weight.ipynb"):
        shutil.copy(NOTEBOOKS / name, root / "notebooks" / name)
    (root / "course_lib").mkdir()
    (root / "course_lib" / "__init__.py").write_text('"""The library."""\n')
    for name in ("README.md", "LICENSE", "pyproject.toml", "requirements.txt", "environment.yml",
                 "postBuild"):
        shutil.copy(REPO / name, root / name)
    return root


def everything(folder):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def tree(capsys, out, course, *extra):
    return run(capsys, "--tree", out, "--source", course / "notebooks", *extra)


def test_the_tree_refuses_a_folder_that_is_not_empty_and_force_keeps_what_is_not_its_own(
        course, tmp_path, capsys):
    out = tmp_path / "student"
    assert tree(capsys, out, course)[0] == 0
    (out / ".git").mkdir()
    (out / ".git" / "HEAD").write_text("ref: refs/heads/student\n")
    (out / "notebooks" / "03_last_weight.ipynb").write_text("{}")      # an earlier tree's copy
    (out / "notebooks" / "04_old_name.ipynb").write_text("{}")         # no longer in the tree
    before = everything(out)
    status, err = tree(capsys, out, course)
    assert status == 2 and everything(out) == before
    assert "not empty" in err and "--force" in err and len(err.splitlines()) == 1
    assert main(["--tree", str(out), "--source", str(course / "notebooks"), "--force"]) == 0
    said = capsys.readouterr()
    assert f"replacing {out / 'notebooks' / '03_last_weight.ipynb'}" in said.out
    assert f"{out / 'notebooks' / '04_old_name.ipynb'}" in said.err     # listed, not deleted
    assert (out / "notebooks" / "04_old_name.ipynb").read_text() == "{}"
    assert (out / ".git" / "HEAD").read_text() == "ref: refs/heads/student\n"
    assert BEGIN not in (out / "notebooks" / "03_last_weight.ipynb").read_text()


@pytest.mark.parametrize("where", ["root", "holding", "in notebooks", "in course_lib"])
def test_the_tree_never_goes_into_the_course_or_around_it_even_with_force(course, capsys, where):
    out = {"root": course, "holding": course.parent, "in notebooks": course / "notebooks" / "s",
           "in course_lib": course / "course_lib" / "s"}[where]
    before = everything(course)
    status, err = tree(capsys, out, course, "--force")
    assert status == 2 and everything(course) == before, err
    assert "somewhere else" in err and len(err.splitlines()) == 1


def test_the_tree_never_replaces_a_teachers_notebooks_even_with_force(course, tmp_path, capsys):
    out = tmp_path / "clone"
    shutil.copytree(course, out)                     # another clone of the teacher's course
    before = everything(out)
    status, err = tree(capsys, out, course, "--force")
    assert status == 2 and everything(out) == before
    assert "solutions" in err and "even with --force" in err


def test_a_solution_marker_anywhere_in_the_tree_stops_it_before_anything_is_written(
        course, tmp_path, capsys):
    (course / "course_lib" / "answers.py").write_text(f"# {BEGIN}\nx = 1\n")
    status, err = tree(capsys, tmp_path / "student", course)
    assert status == 2 and "course_lib/answers.py" in err and "nothing was written" in err
    assert not (tmp_path / "student").exists()


def test_a_course_root_without_its_binder_files_is_refused(course, tmp_path, capsys):
    (course / "postBuild").unlink()
    status, err = tree(capsys, tmp_path / "student", course)
    assert status == 2 and "has no postBuild" in err and not (tmp_path / "student").exists()


def test_the_notebooks_folder_or_the_tree_not_both(course, tmp_path, capsys):
    with pytest.raises(SystemExit) as stopped:
        main([str(tmp_path / "a"), "--tree", str(tmp_path / "b"), "--source",
              str(course / "notebooks")])
    assert stopped.value.code == 2 and "either OUT_DIR" in capsys.readouterr().err


def test_a_broken_teacher_mark_is_refused_in_one_line_naming_the_notebook(course, tmp_path,
                                                                          capsys):
    path = course / "notebooks" / "03_last_weight.ipynb"
    notebook = json.loads(path.read_text())
    notebook["cells"][0]["source"] = "<!-- BEGIN TEACHER ONLY -->\nnever closed"
    path.write_text(json.dumps(notebook))
    for argv in (["--tree", tmp_path / "tree"], [tmp_path / "flat"]):
        status, err = run(capsys, *argv, "--source", course / "notebooks")
        assert status == 2 and len(err.splitlines()) == 1, err
        assert "03_last_weight.ipynb" in err and "no closing" in err
    assert not (tmp_path / "tree").exists() and not (tmp_path / "flat").exists()
