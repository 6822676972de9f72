"""The shape of the code: the import rule, the size limits, and a core in plain Python.

The import rule (README "Layout", CONTRIBUTING.md "Import rules"), checked by reading every .py
file under course_lib/ and course_tools/ with `ast` -- imports at module level and inside
functions, absolute and relative, and `import_module("...")` with a literal name:

    course_lib.core        the standard library and core only
    course_lib.matrices    the standard library, numpy, core and matrices
    course_lib.topics      no views, no labs
    course_lib.views       no labs
    course_lib.labs        anything in course_lib
    course_lib.exercises   within course_lib: core, topics and exercises only
    course_tools           nothing from course_lib.labs or course_lib.views
    all of course_lib      never course_tools; no module inside a folder imports the facade
                           `course_lib` itself (its lazy names would hide the layer crossed)

Also: `import course_lib.core` (and `import course_lib`) in a fresh interpreter loads none of
numpy, matplotlib, ipywidgets, traitlets, nbformat; what the browser notebooks import
(course_lib.exercises, course_lib.topics.misconceptions, activation_function on a number, the
stepper widget, the diagram) loads neither numpy nor matplotlib; no module over 250 lines, no function over
50 (from `def` to its last line); no utils.py; nothing touches sys.path. (conftest.py's
`from local_server import ...` is not a path trick of ours: pytest itself puts tests/, a folder
without __init__.py, on sys.path -- its default "prepend" import mode.)

Every checker is first run on small sources that break its rule, so each of them can fail.
"""
import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("course_lib", "course_tools")
LAYERS = ("core", "matrices", "topics", "views", "labs", "exercises")
HEAVY = ("numpy", "matplotlib", "ipywidgets", "traitlets", "nbformat")
MAX_MODULE_LINES, MAX_FUNCTION_LINES = 250, 50


# --- reading the source --------------------------------------------------------------------------

def module_name(path):
    """course_lib/core/names.py -> ("course_lib.core.names", False); .../__init__.py -> (pkg, True)."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    if parts[-1] == "__init__":
        return ".".join(parts[:-1]), True
    return ".".join(parts), False


def source_files(*folders):
    return sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py")
                  if "__pycache__" not in p.parts)


FILES = source_files(*PACKAGES)
KNOWN = {module_name(p)[0] for p in FILES}
PACKAGE_NAMES = {name for name, is_package in map(module_name, FILES) if is_package}


def resolve(module, is_package, level, name):
    """The absolute module a (possibly relative) import names, seen from `module`."""
    if not level:
        return name
    package = module.split(".") if is_package else module.split(".")[:-1]
    base = ".".join(package[:len(package) - (level - 1)])
    return f"{base}.{name}" if name else base


def imported_modules(module, source, is_package=None):
    """Every module `source` imports, anywhere in it: [(line, absolute module name)], once each."""
    if is_package is None:
        is_package = module in PACKAGE_NAMES
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = resolve(module, is_package, node.level, node.module)
            for alias in node.names:  # `from pkg import submodule` imports the submodule
                candidate = f"{base}.{alias.name}"
                found.append((node.lineno, candidate if candidate in KNOWN else base))
        elif (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
              and isinstance(node.args[0].value, str)
              and getattr(node.func, "id", getattr(node.func, "attr", None)) == "import_module"):
            name = node.args[0].value
            level = len(name) - len(name.lstrip("."))
            found.append((node.lineno, resolve(module, is_package, level, name[level:])))
    return sorted(set(found))


# --- the import rule -----------------------------------------------------------------------------

def layer(module):
    """Where a module belongs: course_lib.core.x -> course_lib.core; course_lib (the facade);
    course_tools; stdlib; or a third-party package by its top name (numpy)."""
    parts = module.split(".")
    if parts[0] == "course_lib":
        return ".".join(parts[:2])
    if parts[0] == "course_tools" or parts[0] not in sys.stdlib_module_names:
        return parts[0]
    return "stdlib"


def broken_rule(importer, target):
    """Why `importer` may not import `target`, or None if it may."""
    source, dest = layer(importer), layer(target)
    lib = {f"course_lib.{name}" for name in LAYERS}
    if source.startswith("course_lib") and dest == "course_tools":
        return "course_lib never imports course_tools"
    if source in lib and dest == "course_lib":
        return "import from the folder that defines the name, not from the facade course_lib"
    if source.startswith("course_lib.") and source not in lib:
        return f"every module of course_lib lives in one of {', '.join(LAYERS)}"
    allowed = {
        "course_lib.core": dest in ("stdlib", "course_lib.core"),
        "course_lib.matrices": dest in ("stdlib", "numpy", "course_lib.core", "course_lib.matrices"),
        "course_lib.topics": dest not in ("course_lib.views", "course_lib.labs"),
        "course_lib.views": dest != "course_lib.labs",
        "course_lib.exercises": dest not in lib or dest in (
            "course_lib.core", "course_lib.topics", "course_lib.exercises"),
        "course_tools": dest not in ("course_lib.views", "course_lib.labs"),
    }.get(source, True)
    return None if allowed else f"{source} may not import {dest}"


def import_problems(module, source, is_package=None, where=None):
    return [f"{where or module}:{line}: {module} imports {target} -- {reason}"
            for line, target in imported_modules(module, source, is_package)
            if (reason := broken_rule(module, target))]


# --- size, names, path tricks --------------------------------------------------------------------

def size_problems(source, where):
    problems = []
    lines = len(source.splitlines())
    if lines > MAX_MODULE_LINES:
        problems.append(f"{where}: {lines} lines (limit {MAX_MODULE_LINES})")

    def visit(node, prefix):
        for child in ast.iter_child_nodes(node):
            name = prefix
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                name = f"{prefix}{child.name}."
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = child.end_lineno - child.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    problems.append(f"{where}:{child.lineno}: function {name[:-1]} is {length} "
                                    f"lines (limit {MAX_FUNCTION_LINES})")
            visit(child, name)

    visit(ast.parse(source), "")
    return problems


def path_tricks(source, where):
    """Any use of sys.path or site.addsitedir: imports must work because the course is installed."""
    problems = []
    for node in ast.walk(ast.parse(source)):
        if (isinstance(node, ast.Attribute) and node.attr == "path"
                and isinstance(node.value, ast.Name) and node.value.id == "sys"):
            problems.append(f"{where}:{node.lineno}: sys.path")
        elif isinstance(node, ast.ImportFrom) and node.module == "sys" and any(
                alias.name == "path" for alias in node.names):
            problems.append(f"{where}:{node.lineno}: from sys import path")
        elif isinstance(node, ast.Attribute) and node.attr == "addsitedir":
            problems.append(f"{where}:{node.lineno}: site.addsitedir")
    return problems


def misnamed(paths):
    return [str(p) for p in paths if p.name == "utils.py"]


def relative(path):
    return str(path.relative_to(ROOT))


def fail_listing(title, problems):
    """Fail with exactly the offenders, one a line (no assertion rewriting around them)."""
    if problems:
        pytest.fail(f"{title} ({len(problems)}):\n  " + "\n  ".join(problems), pytrace=False)


# --- the checkers can fail -----------------------------------------------------------------------

BROKEN = [
    ("course_lib.core.x", "import numpy as np", "may not import numpy"),
    ("course_lib.core.x", "def f():\n    from ..matrices import layout", "may not import course_lib.matrices"),
    ("course_lib.core.x", "from course_lib import forward", "not from the facade"),
    ("course_lib.matrices.x", "import matplotlib.pyplot as plt", "may not import matplotlib"),
    ("course_lib.matrices.x", "from ..topics import reuse", "may not import course_lib.topics"),
    ("course_lib.topics.x", "from course_lib.views import diagram", "may not import course_lib.views"),
    ("course_lib.topics.x", "class A:\n    def f(self):\n        from ..labs.stepper_state import S",
     "may not import course_lib.labs"),
    ("course_lib.views.x", "from .. import labs", "may not import course_lib.labs"),
    ("course_lib.views.x", "from importlib import import_module\nimport_module('..labs.x', __package__)",
     "may not import course_lib.labs"),
    ("course_lib.exercises.x", "from ..matrices import train", "may not import course_lib.matrices"),
    ("course_lib.exercises.x", "import course_lib.views.diagram", "may not import course_lib.views"),
    ("course_tools.x", "from course_lib.labs import training_lab", "may not import course_lib.labs"),
    ("course_tools.x", "import importlib\nimportlib.import_module('course_lib.views.diagram')",
     "may not import course_lib.views"),
    ("course_lib.topics.x", "import course_tools.student_version", "never imports course_tools"),
    ("course_lib", "from importlib import import_module\nimport_module('course_tools')",
     "never imports course_tools"),
    ("course_lib.helpers", "import math", "lives in one of"),
]

ALLOWED = [
    ("course_lib.core.x", "from __future__ import annotations\nimport math, random\nfrom .names import sum_name"),
    ("course_lib.core", "from .network import Network\nfrom . import names"),
    ("course_lib.matrices.x", "import numpy as np\nfrom ..core import forward\nfrom .layout import weight_matrices"),
    ("course_lib.topics.x", "import numpy\nfrom ..matrices import train\nfrom ..core.plan import plan_of"),
    ("course_lib.views.x", "import matplotlib.pyplot as plt\nfrom ..topics import reuse"),
    ("course_lib.labs.x", "import ipywidgets\nfrom ..views import diagram\nfrom ..topics import reuse"),
    ("course_lib.exercises.x", "from ..core import names\nfrom ..topics.reuse import x\nfrom .checking import Verdict"),
    ("course_tools.x", "import nbformat\nfrom course_lib.core import seed_network"),
    ("course_lib", "from .core import forward\nfrom importlib import import_module\n"
                   "import_module('.views.diagram', __name__)"),
]


@pytest.mark.parametrize("module, source, reason", BROKEN, ids=[f"{m}: {s.splitlines()[-1].strip()}" for m, s, _ in BROKEN])
def test_the_import_checker_reports_a_broken_rule(module, source, reason):
    problems = import_problems(module, source)
    assert len(problems) == 1 and reason in problems[0], problems


@pytest.mark.parametrize("module, source", ALLOWED, ids=[m for m, _ in ALLOWED])
def test_the_import_checker_allows_what_the_rule_allows(module, source):
    assert import_problems(module, source) == []


def test_the_other_checkers_report_what_they_should():
    long_function = "def f():\n" + "    x = 1\n" * 50  # 51 lines from def to the last line
    fine_function = "def g():\n" + "    x = 1\n" * 49  # 50 lines
    assert size_problems(long_function + fine_function, "m.py") == [
        "m.py:1: function f is 51 lines (limit 50)"]
    assert size_problems("class K:\n    " + long_function.replace("\n", "\n    "), "m.py") == [
        "m.py:2: function K.f is 51 lines (limit 50)"]
    assert size_problems("x = 1\n" * 251, "m.py") == ["m.py: 251 lines (limit 250)"]
    assert size_problems("x = 1\n" * 250, "m.py") == []
    assert len(path_tricks("import sys\nsys.path.insert(0, '..')", "t.py")) == 1
    assert len(path_tricks("from sys import path\npath.append('x')", "t.py")) == 1
    assert len(path_tricks("import site\nsite.addsitedir('x')", "t.py")) == 1
    assert path_tricks("import sys, os\nprint(sys.argv, os.path.join('a'))", "t.py") == []
    assert misnamed([Path("course_lib/core/utils.py"), Path("course_lib/core/names.py")]) == [
        str(Path("course_lib/core/utils.py"))]


# --- the real code -------------------------------------------------------------------------------

def test_the_package_is_found():
    assert {"course_lib", "course_lib.core", "course_tools"} <= KNOWN, "the checker reads no code"
    assert {layer(name) for name in KNOWN if name.startswith("course_lib.")} == {
        f"course_lib.{name}" for name in LAYERS}


def test_every_import_follows_the_rule():
    problems = []
    for path in FILES:
        module, is_package = module_name(path)
        problems += import_problems(module, path.read_text(), is_package, relative(path))
    fail_listing("imports that break the rule", problems)


def test_no_module_over_250_lines_and_no_function_over_50():
    problems = [p for path in FILES for p in size_problems(path.read_text(), relative(path))]
    fail_listing("too long", problems)


def test_no_utils_module_and_no_sys_path_tricks():
    everything = source_files(*PACKAGES, "tests", "benchmarks")
    problems = misnamed(everything)
    problems += [p for path in everything for p in path_tricks(path.read_text(), relative(path))]
    fail_listing("utils.py files and sys.path tricks", problems)


@pytest.mark.parametrize("statement", [
    "import course_lib.core",
    "import course_lib",
    "from course_lib import seed_network, forward, backward\n"
    "backward(forward(seed_network(), [1.0, 0.5]), correct=1.0).explain('w_A_C')",
], ids=["import course_lib.core", "import course_lib", "the article's walk"])
def test_the_core_runs_in_plain_python(statement):
    code = f"import sys\n{statement}\nprint(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().splitlines()[-1] == "[]", f"{statement!r} loads {run.stdout.strip()}"


# The browser build (issue 14) runs notebooks 00-06 and the stepper in a Python without numpy and
# matplotlib: what they import must load neither. (tests/test_lite.py runs the notebooks so.)
BROWSER_LACKS = ("numpy", "matplotlib")


def views_checks_import_numpy():
    """True while course_lib/views/checks.py (on the diagram's and the stepper's path) imports
    numpy anywhere: the views and labs part of the check below is then an expected failure."""
    path = ROOT / "course_lib" / "views" / "checks.py"
    return path.exists() and any(
        layer(target) == "numpy"
        for _, target in imported_modules("course_lib.views.checks", path.read_text(), False))


VIEWS_WAIT = pytest.mark.xfail(views_checks_import_numpy(), strict=True,
                               reason="course_lib/views/checks.py still imports numpy (views "
                                      "are another engineer's work in progress)")


@pytest.mark.parametrize("statement", [
    "import course_lib.exercises\n"
    "from course_lib.exercises import (check_answer, check_f, check_sB, check_sC, "
    "check_df_wrt_sF, check_dL_wrt_w_C_f, check_dL_wrt_C, check_dL_wrt_D, check_dC_wrt_sC, "
    "check_dL_wrt_w_A_C, check_dL_wrt_A, check_dL_wrt_w_I2_B, check_backprop, broken_pass)\n"
    "assert check_f(0.5).status",
    "import course_lib.topics.misconceptions as m\n"
    "from course_lib import forward, seed_network\n"
    "t = forward(seed_network(), [1.0, 0.5])\n"
    "m.backward_with_rule(t, 1.0, 'average')\n"
    "m.backward_with(t, 1.0, learning_rate=0.5, stale_weights=True)\n"
    "assert m.ALL_MISCONCEPTIONS and m.MISCONCEPTIONS and 'train_with' in dir(m)\n"
    "m.mistake_verdict(seed_network(), [1.0, 0.5], 1.0, 'drop_factor_2')",
    "from course_lib import activation_function, activation_function_derivative\n"
    "activation_function_derivative('sigmoid', activation_function('sigmoid', 0.5))",
    pytest.param("import course_lib.labs.stepper_widget", marks=VIEWS_WAIT),
    pytest.param("import course_lib.views.diagram", marks=VIEWS_WAIT),
], ids=["course_lib.exercises", "course_lib.topics.misconceptions", "activation_function",
        "course_lib.labs.stepper_widget", "course_lib.views.diagram"])
def test_what_the_browser_notebooks_import_loads_no_numpy(statement):
    code = f"import sys\n{statement}\nprint(sorted(m for m in {BROWSER_LACKS!r} if m in sys.modules))"
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().splitlines()[-1] == "[]", f"{statement!r} loads {run.stdout.strip()}"


# Every name `from course_lib import ...` gave in 0.1 (README "Changes": the old spelling works).
PUBLIC_IN_0_1 = """
    ACTIVATIONS activation_function activation_function_derivative Chain Contributions Factor
    Gradients backward BatchGradients BatchTrace backward_batch forward_batch Training train
    update CourseInputError DivergedError UnknownNameError Explanation explain Trace forward
    GradientCheck gradient_check loss_of nudge relative_error loss_slope loss_value SEED_SAMPLE
    SEED_WEIGHTS Network make_network seed_network two_output_network Stepper StepperState
    TrainingLab c_source course_values find_c_compiler python_source run_c statements
    MISCONCEPTIONS backward_with compare_training epochs_to_reach mistake_verdict train_with
    plot_mistake_curves DATASETS load_dataset moons xor NETWORKS DecisionGrid TrainingLabState
    accuracy decision_grid deep_network forecasts front_to_last gradient_sizes_by_activation
    lab_network loss_sparkline plot_decision_boundary plot_gradient_sizes_over_training
    plot_loss_curves""".split()


def test_every_public_name_of_0_1_still_imports_from_course_lib():
    import course_lib

    missing = []
    for name in PUBLIC_IN_0_1:
        try:
            getattr(course_lib, name)
        except (AttributeError, ImportError) as exc:
            missing.append(f"{name}: {type(exc).__name__}: {exc}")
    fail_listing("names of 0.1 that no longer import from course_lib", missing)
