"""conda/Binder and pip must install the same things."""
import re
from pathlib import Path

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
