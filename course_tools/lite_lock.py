"""The Pyodide lock file of the browser build: only what the site ships, every file local.

The npm package ``pyodide`` holds ``pyodide-lock.json`` (some 350 packages) but none of their
wheels. The build keeps the entries the kernel and the course need, points each at a wheel
it ships beside the lock (sha256 rewritten: the registry's wheel is not byte-for-byte
Pyodide's), and adds entries for the course and its widget packages, so that
``from course_lib import ...`` loads them by itself, as a package of the distribution.
A package missing from the lock is not fetched at run time from anywhere else.
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from email.parser import Parser
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename

from course_tools.lite_fetch import sha256

#: what the Pyodide kernel loads from the lock before the first cell runs
KERNEL_ROOTS = ("micropip", "packaging", "ipython", "jedi", "traitlets")
#: loaded with Pyodide itself, all at once (``loadPyodideOptions.packages``): without this
#: the kernel installs them one after the other through micropip and piplite
PRELOAD = ("micropip", "piplite", "ipykernel", "comm", "pyodide-kernel", "jedi", "ipython")


@dataclass
class Wheel:
    """A wheel file with what the lock needs to know about it."""

    path: Path
    name: str                                   # canonical: "course-lib"
    version: str
    imports: list[str]
    requires: list[str] = field(default_factory=list)   # canonical names, markers applied

    @property
    def pure(self) -> bool:
        return self.path.name.endswith("-none-any.whl")


def browser_environment(python: str) -> dict:
    """The environment markers of Pyodide's Python (``python`` like "3.14.2")."""
    env = default_environment()
    env.update(python_version=".".join(python.split(".")[:2]), python_full_version=python,
               sys_platform="emscripten", platform_system="Emscripten",
               platform_machine="wasm32", implementation_name="cpython",
               platform_python_implementation="CPython", os_name="posix", extra="")
    return env


def read_wheel(path: Path, python: str = "3.14.0") -> Wheel:
    """Name, version, top-level imports and (marker-filtered) requirements of a wheel."""
    name, version, _, _ = parse_wheel_filename(path.name)
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        meta_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = Parser().parsestr(archive.read(meta_name).decode("utf-8"))
    imports = sorted({n.split("/")[0].removesuffix(".py") for n in names
                      if not n.split("/")[0].endswith((".dist-info", ".data"))
                      and (n.count("/") or n.endswith(".py"))})
    env = browser_environment(python)
    requires = []
    for line in metadata.get_all("Requires-Dist") or []:
        requirement = Requirement(line)
        if requirement.marker is None or requirement.marker.evaluate(env):
            requires.append(canonicalize_name(requirement.name))
    return Wheel(path, str(name), str(version), imports, requires)


def kernel_wheels(extension_wheel: Path, dest: Path, python: str) -> dict[str, Wheel]:
    """The kernel's own wheels (piplite, the ipykernel shim, pyodide-kernel), taken from the
    jupyterlite-pyodide-kernel wheel, so that the lock can list them and PRELOAD them."""
    dest.mkdir(parents=True, exist_ok=True)
    wheels = {}
    with zipfile.ZipFile(extension_wheel) as archive:
        for name in archive.namelist():
            base = name.rsplit("/", 1)[-1]
            if "/static/pypi/" in name and base.endswith(".whl") and canonicalize_name(
                    parse_wheel_filename(base)[0]) in PRELOAD:
                (dest / base).write_bytes(archive.read(name))
                wheel = read_wheel(dest / base, python)
                wheels[wheel.name] = wheel
    missing = {"piplite", "ipykernel", "pyodide-kernel"} - set(wheels)
    if missing:
        raise ValueError(f"{extension_wheel.name} holds no wheel of {sorted(missing)}")
    return wheels


def depends_of(lock: dict, name: str) -> list[str]:
    return [canonicalize_name(d) for d in lock["packages"][name]["depends"]]


def closure(lock: dict, roots, extra: dict[str, Wheel] | None = None, allowed=None) -> set[str]:
    """Every package ``roots`` need, through the lock's depends and the extra wheels' requires.

    A requirement known to neither is left out (e.g. jupyterlab-widgets, a front end only),
    and so is a lock package for which ``allowed(name)`` is false (with what only it needs).
    """
    extra = extra or {}
    seen, todo = set(), [canonicalize_name(r) for r in roots]
    while todo:
        name = todo.pop()
        known = name in extra or name in lock["packages"]
        if name in seen or not known or (allowed and name not in extra and not allowed(name)):
            continue
        seen.add(name)
        todo += extra[name].requires if name in extra else depends_of(lock, name)
    return seen


def is_pure_in_lock(lock: dict, name: str) -> bool:
    return lock["packages"][name]["file_name"].endswith("-none-any.whl")


def entry(wheel: Wheel, depends: list[str], base: dict | None = None) -> dict:
    """A lock entry for ``wheel`` (keeping ``base``'s other fields, e.g. unvendored_tests)."""
    record = dict(base or {"install_dir": "site", "package_type": "package",
                           "unvendored_tests": False})
    record.update(name=wheel.name, version=wheel.version, file_name=wheel.path.name,
                  sha256=sha256(wheel.path), depends=sorted(depends),
                  imports=record.get("imports") or wheel.imports)
    return record


def trimmed_lock(lock: dict, shipped: dict[str, Wheel], extra: dict[str, Wheel]) -> tuple[dict, dict]:
    """The lock the site ships: lock packages in ``shipped`` (their new wheels) plus ``extra``.

    Returns (lock, dropped) where dropped maps an extra package to the requirements it
    declares that the site does not ship (the course's numpy, without a browser wheel).
    """
    keep = set(shipped) | set(extra)
    packages, dropped = {}, {}
    for name, wheel in shipped.items():
        packages[name] = entry(wheel, [d for d in depends_of(lock, name) if d in keep],
                               lock["packages"][name])
    for name, wheel in extra.items():
        packages[name] = entry(wheel, [r for r in wheel.requires if r in keep])
        missing = sorted(set(wheel.requires) - keep)
        if missing:
            dropped[name] = missing
    return {**lock, "packages": dict(sorted(packages.items()))}, dropped
