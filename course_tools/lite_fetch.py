"""What the browser build takes from the package registries, kept in a cache folder.

Only the registries' ordinary clients are used: ``npm pack`` for the Pyodide core (the npm
package ``pyodide``) and ``pip download`` / ``pip wheel`` for wheels. Everything lands in the
cache folder first (``~/.cache/course_lite`` unless ``--cache``), so a rebuild finds it there
and asks the registry nothing but the search for browser wheels of numpy and matplotlib.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from packaging.utils import canonicalize_name, parse_wheel_filename

#: pip options that select pure-Python wheels for the browser's Python
PURE = ["--only-binary=:all:", "--platform", "any", "--implementation", "py"]


class RegistryError(RuntimeError):
    """A registry client failed: the message carries the end of its output."""


def default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "course_lite"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(command: list[str], what: str, cwd: Path | None = None) -> str:
    """Run a registry client; return its output, or raise RegistryError with its tail."""
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if done.returncode:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-12:])
        raise RegistryError(f"{what} failed ({' '.join(command[:4])} ...):\n{tail}")
    return done.stdout


def pyodide_core(cache: Path, version: str, dest: Path) -> Path:
    """The npm package ``pyodide@version`` (core: wasm, stdlib, lock, loaders) unpacked in dest."""
    tgz = cache / "npm" / f"pyodide-{version}.tgz"
    if not tgz.exists():
        npm = shutil.which("npm")
        if npm is None:
            raise RegistryError("npm not found: install Node.js and npm (apt-get install npm)")
        tgz.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=tgz.parent) as partial:   # no half-written tgz
            run([npm, "pack", f"pyodide@{version}", "--pack-destination", partial],
                f"npm pack pyodide@{version}", cwd=partial)
            os.replace(Path(partial) / tgz.name, tgz)
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(tgz) as archive:
        for member in archive.getmembers():
            name = member.name.split("/", 1)[-1]
            if member.isfile() and "/" not in name and not name.endswith(".map"):
                with archive.extractfile(member) as source:
                    (dest / name).write_bytes(source.read())
    return dest


def cached_wheel(folder: Path, name: str, version: str | None = None) -> Path | None:
    """A wheel of ``name`` (at ``version`` if given) already in ``folder``, or None."""
    wanted = canonicalize_name(name)
    for path in sorted(folder.glob("*.whl"), reverse=True):
        found, found_version, _, _ = parse_wheel_filename(path.name)
        if found == wanted and (version is None or str(found_version) == version):
            return path
    return None


def pure_wheels(cache: Path, pins: dict[str, str], python: str) -> dict[str, Path]:
    """{name: wheel path} of pure-Python wheels at exactly the pinned versions.

    Missing ones are fetched in one ``pip download`` call; cached ones cost nothing.
    """
    folder = cache / "wheels"
    folder.mkdir(parents=True, exist_ok=True)
    missing = [f"{n}=={v}" for n, v in pins.items() if not cached_wheel(folder, n, v)]
    if missing:
        run([sys.executable, "-m", "pip", "download", "--no-deps", *PURE,
             "--python-version", python, "-d", str(folder), *missing],
            "pip download " + " ".join(missing))
    wheels = {}
    for name, version in pins.items():
        wheel = cached_wheel(folder, name, version)
        if wheel is None:
            raise RegistryError(f"no pure wheel of {name}=={version} after pip download")
        wheels[canonicalize_name(name)] = wheel
    return wheels


def browser_platforms(lock_info: dict) -> list[str]:
    """Platform tags of wheels that fit the lock's Pyodide ABI (PEP 783 and older names)."""
    abi = lock_info.get("abi_version", "")
    tags = [f"pyemscripten_{abi}_wasm32", f"pyodide_{abi}_wasm32"] if abi else []
    if lock_info.get("platform"):
        tags.append(f"{lock_info['platform']}_wasm32")
    return tags


def find_browser_wheel(cache: Path, name: str, lock_info: dict) -> tuple[Path | None, str]:
    """Look on the registry for a wasm32 wheel of ``name`` for this Pyodide: (wheel, note)."""
    major, minor = lock_info["python"].split(".")[:2]
    folder = cache / "browser_wheels"
    folder.mkdir(parents=True, exist_ok=True)
    platforms = [arg for tag in browser_platforms(lock_info) for arg in ("--platform", tag)]
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
               *platforms, "--python-version", f"{major}.{minor}", "--implementation", "cp",
               "--abi", f"cp{major}{minor}", "--abi", "abi3", "--abi", "none",
               "-d", str(folder), name]
    try:
        run(command, f"search for a browser wheel of {name}")
    except RegistryError as error:
        text = str(error)
        if "No matching distribution" in text or "from versions: none" in text:
            return None, f"no {'/'.join(browser_platforms(lock_info))} wheel on the registry"
        return None, "search failed: " + text.splitlines()[-1]
    wheel = cached_wheel(folder, name)
    return wheel, f"found {wheel.name}" if wheel else "pip reported success but saved no wheel"


def course_wheel(repo: Path, work: Path) -> Path:
    """``pip wheel --no-deps`` of the course, built from a copy of its sources in ``work``.

    The copy keeps the repository clean and keeps a stale ``build/`` folder from leaking
    deleted modules into the wheel.
    """
    source = work / "course_source"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for package in ("course_lib", "course_tools"):
        shutil.copytree(repo / package, source / package, ignore=ignore)
    for name in ("pyproject.toml", "README.md", "setup.cfg", "setup.py", "MANIFEST.in"):
        if (repo / name).exists():
            shutil.copy2(repo / name, source / name)
    out = work / "course_wheel"
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(out), str(source)],
        "pip wheel of the course")
    wheels = sorted(out.glob("course_lib-*.whl"))
    if not wheels:
        raise RegistryError("pip wheel made no course_lib wheel")
    return wheels[0]
