"""The output folder and the JupyterLite build itself.

Every build starts from an empty output folder and a fresh working folder: JupyterLite's
build keeps task state between runs, and a second build into a used folder once dropped
``pyodideUrl``, after which the kernel asked a CDN for Pyodide and never started.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from course_tools.lite_lock import PRELOAD

KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"
SITE_MARKER = "jupyter-lite.json"

#: JupyterLab settings for the site: no news toast, no update check (no request leaves)
OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false",
                                                    "checkForUpdates": False},
}


class SiteError(RuntimeError):
    """The output folder cannot be used, or the build made a site that would not work."""


def prepare_output(out: Path, force: bool, protected: list[Path]) -> Path:
    """An empty ``out``: refuse a non-empty one unless ``force`` and it holds an earlier site.

    With ``force`` only the children of ``out`` are removed (symlinks unlinked, never
    followed); ``out`` may not be, or contain, any folder in ``protected`` (the repository,
    the home folder, the working directory).
    """
    out = out.expanduser().resolve()
    for keep in protected:
        keep = keep.resolve()
        if out == keep or out in keep.parents:
            raise SiteError(f"refusing to build into {out}: it holds {keep}")
    if out.exists() and not out.is_dir():
        raise SiteError(f"{out} exists and is not a folder")
    children = list(out.iterdir()) if out.exists() else []
    if children and not force:
        raise SiteError(f"{out} is not empty: choose an empty or new folder, or pass --force "
                        "to replace an earlier site there")
    if children and not (out / SITE_MARKER).is_file():
        raise SiteError(f"{out} is not empty and holds no {SITE_MARKER}: not an earlier site, "
                        "so --force will not empty it")
    for child in children:
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    out.mkdir(parents=True, exist_ok=True)
    return out


def write_config(lite_dir: Path, out: Path, extensions: list[Path], expose_app: bool) -> None:
    """jupyter_lite_config.json, jupyter-lite.json and overrides.json in ``lite_dir``."""
    build = {
        "apps": ["lab"],
        "contents": [str(lite_dir / "contents")],
        "federated_extensions": [str(p) for p in extensions],
        "ignore_sys_prefix": True,            # only the extensions named above
        "no_sourcemaps": True,
        "no_unused_shared_packages": True,
        "output_dir": str(out),
    }
    (lite_dir / "jupyter_lite_config.json").write_text(json.dumps({"LiteBuildConfig": build},
                                                                  indent=2))
    kernel = {"disablePyPIFallback": True, "loadPyodideOptions": {"packages": list(PRELOAD)}}
    data = {"litePluginSettings": {KERNEL_PLUGIN: kernel}}
    if expose_app:
        data["exposeAppInBrowser"] = "true"
    (lite_dir / "jupyter-lite.json").write_text(json.dumps(
        {"jupyter-lite-schema-version": 0, "jupyter-config-data": data}, indent=2))
    (lite_dir / "overrides.json").write_text(json.dumps(OVERRIDES, indent=2))


def run_lite_build(lite_dir: Path, log: Path) -> None:
    """``jupyter lite build`` in ``lite_dir``; on failure raise SiteError with the log's end."""
    command = [sys.executable, "-m", "jupyterlite_core", "build", "--lite-dir", str(lite_dir)]
    with open(log, "w") as stream:
        done = subprocess.run(command, cwd=lite_dir, stdout=stream, stderr=subprocess.STDOUT)
    if done.returncode:
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-30:])
        raise SiteError(f"jupyter lite build failed ({done.returncode}):\n{tail}")


def kernel_settings(out: Path) -> dict:
    config = json.loads((out / SITE_MARKER).read_text())
    return config["jupyter-config-data"]["litePluginSettings"][KERNEL_PLUGIN]


def check_site(out: Path, notebooks: list[str]) -> dict:
    """Fail unless the site loads Pyodide, its lock and its wheels from itself only."""
    settings = kernel_settings(out)
    problems = []
    url = settings.get("pyodideUrl", "")
    if not url.startswith("./") or not (out / url).is_file():
        problems.append(f"pyodideUrl is {url!r}, not a file of the site")
    if settings.get("disablePyPIFallback") is not True:
        problems.append("disablePyPIFallback is not set")
    for index in settings.get("pipliteUrls", []):
        if not index.startswith("./") or not (out / index.split("?")[0]).is_file():
            problems.append(f"piplite index {index!r} is not a file of the site")
    lock_path = (out / url).parent / "pyodide-lock.json"
    lock = json.loads(lock_path.read_text()) if lock_path.is_file() else {"packages": {}}
    for name, record in lock["packages"].items():
        if not (lock_path.parent / record["file_name"]).is_file():
            problems.append(f"the lock's {name} ({record['file_name']}) is not in the site")
    for config in (out / SITE_MARKER, *out.glob(f"*/{SITE_MARKER}")):
        found = re.findall(r"(?:https?:)?//[\w.-]+", config.read_text())
        if found:
            problems.append(f"{config.relative_to(out)} names other hosts: {sorted(set(found))}")
    for name in notebooks:
        if not (out / "files" / "notebooks" / name).is_file():
            problems.append(f"notebooks/{name} is not in the site's files")
    if problems:
        raise SiteError("the built site would not work offline:\n  " + "\n  ".join(problems))
    return settings


def site_size(out: Path) -> tuple[int, int]:
    """(bytes, files) of the site."""
    files = [p for p in out.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)
