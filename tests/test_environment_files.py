"""conda/Binder and pip must install the same things; pip installs what pyproject asks for."""
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def requirement_lines(text):
    return [line.strip() for line in text.splitlines()
            if line.strip() and not line.strip().startswith("#")]


def pip_section_of_environment_yml():
    lines, inside = [], False
    for line in (ROOT / "environment.yml").read_text().splitlines():
        if re.match(r"^\s*- pip:\s*$", line):
            inside = True
        elif inside and re.match(r"^\s+- ", line):
            lines.append(line.split("- ", 1)[1].strip())
        elif inside and line.strip():
            inside = False
    return lines


def test_environment_yml_and_requirements_list_the_same_packages():
    pip = set(requirement_lines((ROOT / "requirements.txt").read_text())) - {"-e ."}
    conda = set(pip_section_of_environment_yml())
    assert pip, "requirements.txt lists no package"
    assert conda == pip, f"only in requirements.txt: {pip - conda}; only in environment.yml: {conda - pip}"


def test_the_course_library_is_installed_by_both_routes():
    assert "-e ." in requirement_lines((ROOT / "requirements.txt").read_text())
    assert "pip install --no-deps -e ." in (ROOT / "postBuild").read_text()


def requirement_name(line):
    return re.split(r"[<>=!~\[; ]", line, maxsplit=1)[0].strip().lower()


def test_requirements_cover_the_package_dependencies_and_the_tools_extra():
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = {requirement_name(d) for d in project["dependencies"]}
    tools = {requirement_name(d) for d in project["optional-dependencies"]["tools"]}
    listed = {requirement_name(line) for line in requirement_lines((ROOT / "requirements.txt").read_text())}
    assert not {"nbformat", "nbclient"} & runtime, "nbformat/nbclient belong to the `tools` extra"
    assert {"nbformat", "nbclient"} <= tools
    assert runtime | tools <= listed, f"missing from requirements.txt: {(runtime | tools) - listed}"


#: What course_tools.build_lite (the course with no server, issue 14) needs beyond nbformat.
LITE_BUILD = {"jupyterlite-core", "jupyterlite-pyodide-kernel", "packaging"}


def test_the_tools_extra_holds_the_browser_build_with_the_same_versions_everywhere():
    tomllib = pytest.importorskip("tomllib")
    tools = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "optional-dependencies"]["tools"]
    assert LITE_BUILD <= {requirement_name(d) for d in tools}
    pip = set(requirement_lines((ROOT / "requirements.txt").read_text()))
    conda = set(pip_section_of_environment_yml())
    differ = [d for d in tools if d not in pip or d not in conda]
    assert not differ, f"the tools extra asks for these, requirements.txt/environment.yml not: {differ}"


def test_course_tools_is_packaged_and_its_script_points_there():
    tomllib = pytest.importorskip("tomllib")
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert {"course_lib*", "course_tools*"} <= set(pyproject["tool"]["setuptools"]["packages"]["find"]["include"])
    assert pyproject["project"]["scripts"]["course-student-version"] == "course_tools.student_version:main"
