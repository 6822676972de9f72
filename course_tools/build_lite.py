"""Build the course as a static website: JupyterLab and Python (Pyodide) in the browser.

    python -m course_tools.build_lite OUT [--force] [--cache DIR] [--notebooks DIR]

OUT gets a site that any static web server can serve (TEACHING.md, "The course with no
server"). Everything comes from the package registries, through their own clients:
jupyterlite-core and jupyterlite-pyodide-kernel (installed from PyPI, they run the build),
the Pyodide core from the npm package ``pyodide`` at the version the kernel expects, the
pure-Python wheels its lock file needs at the lock's exact versions, ipywidgets, comm,
anywidget, psygnal and typing_extensions, the widget front ends (jupyterlab_widgets and
anywidget's lab extension) and the course itself as a wheel (``pip wheel --no-deps``).
Downloads are kept in the cache folder (default ``~/.cache/course_lite``), so a rebuild only
asks the registry whether browser wheels of numpy and matplotlib exist now; it includes
them when they do. The closing note says what it found. At run time the site asks for
nothing outside its own origin: the PyPI fallback is off and the lock lists local files only.

OUT must be empty or new; ``--force`` replaces an earlier site there (a folder holding
jupyter-lite.json), and nothing outside OUT is ever deleted but the build's own temporary
folder. Needs: jupyterlite-core, jupyterlite-pyodide-kernel, jupyter_server (for the
notebooks), pip, and npm on the PATH. course_tools never imports course_lib's labs or views.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
import zipfile
from importlib import metadata
from pathlib import Path

from packaging.utils import canonicalize_name

from course_tools import lite_fetch as fetch
from course_tools.lite_contents import stage_contents
from course_tools.lite_lock import (KERNEL_ROOTS, closure, is_pure_in_lock, kernel_wheels,
                                    read_wheel, trimmed_lock)
from course_tools.lite_site import (SiteError, check_site, prepare_output, run_lite_build,
                                    site_size, write_config)

REPO = Path(__file__).resolve().parent.parent
#: the widget packages the site ships, with the versions used when the venv has none
WIDGETS = {"ipywidgets": "8.1.9", "comm": "0.2.3", "anywidget": "0.11.0", "psygnal": "0.16.1",
           "typing-extensions": "4.16.0", "jupyterlab-widgets": "3.0.17"}
#: wheels whose JupyterLab extensions (front ends) go into the site
LAB_EXTENSIONS = ("jupyterlab-widgets", "anywidget", "jupyterlite-pyodide-kernel")
#: requirements that are front ends only: no loss when Pyodide lacks them
FRONT_END_ONLY = ("jupyterlab-widgets", "widgetsnbextension")
#: looked for on the registry as browser (wasm32) wheels; included when found
WANTED = ("numpy", "matplotlib")
NOTE = "course-build.json"   # the closing note, also written into the site


def version_of(name: str, lock: dict) -> str:
    """A pure package the lock pins: the lock's version; else the venv's; else WIDGETS'."""
    record = lock["packages"].get(canonicalize_name(name))
    if record and is_pure_in_lock(lock, canonicalize_name(name)):
        return record["version"]
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return WIDGETS[name]


def find_wanted(cache: Path, lock: dict) -> tuple[dict, dict]:
    """Browser wheels of WANTED and of their compiled dependencies: ({name: Wheel}, notes).

    A package is included only with every compiled package it needs; its dependencies are
    looked for only when the package itself has a browser wheel.
    """
    found, notes, searched = {}, {}, {}

    def search(name):
        if name not in searched:
            searched[name] = fetch.find_browser_wheel(cache, name, lock["info"])
        return searched[name]

    for target in WANTED:
        wheel, notes[target] = search(target)
        compiled = sorted(n for n in closure(lock, [target]) - {target}
                          if not is_pure_in_lock(lock, n))
        wheels = {target: wheel, **{n: search(n)[0] for n in compiled}} if wheel else {}
        missing = [n for n, w in wheels.items() if w is None]
        if wheel and not missing:
            found.update((n, read_wheel(w, lock["info"]["python"])) for n, w in wheels.items())
            notes[target] += "; included"
        else:
            notes[target] += "; not included" + (
                f" (no browser wheel of {', '.join(missing)})" if missing else "")
    return found, notes


def gather_wheels(cache: Path, lock: dict, work: Path) -> tuple[dict, dict, dict]:
    """({name: Wheel} of the widget packages and the course: piplite wheels and lock entries,
    {name: Wheel} of the kernel's own wheels: lock entries, {name: path} of downloads)."""
    python = lock["info"]["python"]
    short = ".".join(python.split(".")[:2])
    pins = {name: version_of(name, lock) for name in WIDGETS}
    pins["jupyterlite-pyodide-kernel"] = metadata.version("jupyterlite-pyodide-kernel")
    downloaded = fetch.pure_wheels(cache, pins, short)
    course = fetch.course_wheel(REPO, work)
    extra = {name: read_wheel(path, python) for name, path in downloaded.items()
             if name not in ("jupyterlab-widgets", "jupyterlite-pyodide-kernel")}
    extra["course-lib"] = read_wheel(course, python)
    # the stepper imports anywidget from inside course_lib, where Pyodide cannot see it
    extra["course-lib"].requires += [n for n in ("ipywidgets", "anywidget")
                                     if n not in extra["course-lib"].requires]
    kernel = kernel_wheels(downloaded["jupyterlite-pyodide-kernel"], work / "kernel", python)
    return extra, kernel, downloaded


def lock_wheels(cache: Path, lock: dict, extra: dict, found: dict) -> dict:
    """{name: Wheel} of every lock package the site needs, fetched at the lock's versions."""
    python = lock["info"]["python"]
    roots = [*KERNEL_ROOTS, *(r for w in extra.values() for r in w.requires), *found]
    needed = closure(lock, roots, {**extra, **found},
                     allowed=lambda n: n in found or is_pure_in_lock(lock, n))
    needed -= set(extra) | set(found)
    pure = {n: lock["packages"][n]["version"] for n in needed}
    wheels = fetch.pure_wheels(cache, pure, ".".join(python.split(".")[:2]))
    shipped = {name: read_wheel(path, python) for name, path in wheels.items()}
    return {**shipped, **found}


#: files of these kinds under course_lib/ are read at run time (the stepper's ES module, CSS)
PACKAGE_DATA = (".js", ".mjs", ".css", ".json", ".svg", ".html")


def missing_package_data(repo: Path, wheel: Path) -> list[str]:
    """Front-end files under course_lib/ (PACKAGE_DATA) that the course's wheel lacks."""
    with zipfile.ZipFile(wheel) as archive:
        inside = set(archive.namelist())
    files = [p.relative_to(repo).as_posix() for p in (repo / "course_lib").rglob("*")
             if p.is_file() and p.suffix in PACKAGE_DATA and not p.name.startswith(".")]
    return sorted(f for f in files if f not in inside)


def stage_pyodide(lite_dir: Path, cache: Path, version: str) -> tuple[Path, dict]:
    folder = fetch.pyodide_core(cache, version, lite_dir / "static" / "pyodide")
    return folder, json.loads((folder / "pyodide-lock.json").read_text())


def write_lock(folder: Path, lock: dict, shipped: dict, extra: dict) -> dict:
    """The trimmed lock and its wheels in the Pyodide folder; returns what the course lacks."""
    new_lock, dropped = trimmed_lock(lock, shipped, extra)
    for wheel in [*shipped.values(), *extra.values()]:
        shutil.copy2(wheel.path, folder / wheel.path.name)
    (folder / "pyodide-lock.json").write_text(json.dumps(new_lock, indent=1, sort_keys=True))
    lacks = {name: [d for d in deps if d not in FRONT_END_ONLY] for name, deps in dropped.items()}
    return {name: deps for name, deps in lacks.items() if deps}


def build(out: Path, cache: Path, notebooks: Path, force: bool = False,
          expose_app: bool = False) -> dict:
    """Build the site into ``out``; return the closing note (also written to out/NOTE)."""
    from jupyterlite_pyodide_kernel.constants import PYODIDE_VERSION

    out = prepare_output(out, force, [REPO, Path.home(), Path.cwd()])
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="course_lite_") as tmp:
        work, lite_dir = Path(tmp), Path(tmp) / "lite"
        folder, lock = stage_pyodide(lite_dir, cache, PYODIDE_VERSION)
        extra, kernel, downloaded = gather_wheels(cache, lock, work)
        lacking_files = missing_package_data(REPO, extra["course-lib"].path)
        if lacking_files:
            raise SiteError("the course's wheel lacks files the package needs (declare them as "
                            f"package data in pyproject.toml): {', '.join(lacking_files)}")
        found, notes = find_wanted(cache, lock)
        course_lacks = write_lock(folder, lock, lock_wheels(cache, lock, {**extra, **kernel}, found),
                                  {**extra, **kernel})
        (lite_dir / "pypi").mkdir()
        for wheel in extra.values():
            shutil.copy2(wheel.path, lite_dir / "pypi" / wheel.path.name)
        lacking = stage_contents(REPO, notebooks, lite_dir / "contents", set(found))
        write_config(lite_dir, out, [downloaded[n] for n in LAB_EXTENSIONS], expose_app)
        run_lite_build(lite_dir, work / "build.log")
        settings = check_site(out, list(lacking))
    shipped = json.loads(((out / settings["pyodideUrl"]).parent / "pyodide-lock.json").read_text())
    size, files = site_size(out)
    note = {"pyodide": PYODIDE_VERSION, "python": lock["info"]["python"],
            "abi": lock["info"].get("abi_version"), "browser_wheels": notes,
            "included": sorted(found), "course_lacks": course_lacks,
            "notebooks_needing": {k: v for k, v in lacking.items() if v},
            "browser_ready": sorted(k for k, v in lacking.items() if not v),
            "packages": {n: r["version"] for n, r in shipped["packages"].items()},
            "size_bytes": size, "files": files, "seconds": round(time.monotonic() - started, 1)}
    (out / NOTE).write_text(json.dumps(note, indent=1) + "\n")
    (out / ".nojekyll").touch()     # GitHub Pages: serve every file as it is
    return note


def closing_note(out: Path, note: dict) -> str:
    lines = [f"Built {out}: {note['size_bytes'] / 1e6:.1f} MB in {note['files']} files, "
             f"{note['seconds']} s (Pyodide {note['pyodide']}, Python {note['python']}).",
             f"Browser wheels (ABI {note['abi']}) looked for on the registry:"]
    lines += [f"  {name}: {text}" for name, text in sorted(note["browser_wheels"].items())]
    for name, deps in note["course_lacks"].items():
        lines.append(f"{name} is shipped without {', '.join(deps)}: notebooks that need it say "
                     "so in their first cell.")
    lines.append("Runs in the browser: " + ", ".join(note["browser_ready"]))
    groups: dict[tuple, list] = {}
    for name, needs in note["notebooks_needing"].items():
        groups.setdefault(tuple(needs), []).append(name)
    lines += [f"Say in their first cell that they need {' and '.join(needs)}: {', '.join(names)}"
              for needs, names in groups.items()]
    lines.append(f"Serve it with any static web server, e.g. "
                 f"python -m http.server --bind 127.0.0.1 --directory {out} 8000")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course_tools.build_lite",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the site's folder (empty or new)")
    parser.add_argument("--force", action="store_true",
                        help="replace an earlier site in OUT (a folder holding jupyter-lite.json)")
    parser.add_argument("--cache", type=Path, default=fetch.default_cache(),
                        help="download cache (default: %(default)s)")
    parser.add_argument("--notebooks", type=Path, default=REPO / "notebooks",
                        help="the notebooks to ship, e.g. a student version (default: %(default)s)")
    parser.add_argument("--expose-app", action="store_true",
                        help="set window.jupyterapp in the page (for browser tests)")
    args = parser.parse_args(argv)
    try:
        note = build(args.out, args.cache.expanduser().resolve(), args.notebooks.resolve(),
                     args.force, args.expose_app)
    except (SiteError, fetch.RegistryError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(closing_note(args.out, note))
    return 0


if __name__ == "__main__":
    sys.exit(main())
