"""Mutation testing of the course's maths: would the fast tests notice a one-line change?

    python -m course_tools.mutation                        # every mutant (see CONTRIBUTING.md)
    python -m course_tools.mutation --sample 60 --seed 3   # a random sample of 60
    python -m course_tools.mutation --files core/descent.py exercises --match "1e-6"
    python -m course_tools.mutation --list                 # print the mutants, run nothing

A mutant (course_tools.mutants) changes one spot of course_lib/core, matrices or exercises.
It is written into a temporary COPY of course_lib and tested there, one at a time, by pytest
-x in a child forked from this process (which imported pytest, numpy, matplotlib, hypothesis
once, never course_lib), with a timeout; the working tree is never touched. A first run of
the fast tests under coverage says which tests run each line: a mutant runs those, fastest
first (a line run at import: every fast test; a line no test runs: "not run", a survivor). A
line run once and cached is recorded for its first test only: --confirm runs each survivor
against every test.
Killed: a test fails, or the timeout. Score = killed / (mutants - EQUIVALENT); exit 1 below 95.
"""
import argparse
import compileall
import importlib.util
import os
import random
import shutil
import signal
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from course_tools.mutants import EQUIVALENT, PACKAGE, all_mutants, fast_test_files, short

#: pytest's arguments: without the notebook plugin (nor its options) nor the cache
PYTEST = ("-q", "-p", "no:cacheprovider", "-o", "addopts=", "-p", "no:nbval", "-p", "no:anyio")
#: imported once here, before any fork, so that no child pays for them
PRELOAD = ("pytest", "numpy", "matplotlib", "matplotlib.pyplot", "hypothesis",
           "hypothesis.strategies", "coverage", "traitlets")


class Coverage:
    """Which tests run each line, from a first run of the tests under coverage (without the
    coverage package: all of them), and how long each took."""

    def __init__(self, root, env, timeout, files):
        self.lines, self.seconds, self.files, started = None, {}, files, time.monotonic()
        rc, data, junit = root / "coverage.rc", root / ".coverage", root / "junit.xml"  # data: cwd
        rc.write_text(f"[run]\ndynamic_context = test_function\nsource = {root / 'course_lib'}\n")
        traced = importlib.util.find_spec("coverage") is not None
        outcome, output = run_tests(root, env, files, timeout, (f"--junitxml={junit}",),
                                    rc if traced else None)
        if outcome != "survived":
            raise SystemExit(f"error: the fast tests fail on the unchanged copy:\n{output[-3000:]}")
        if traced:
            import coverage                            # a tool of the test run only
            measured = coverage.CoverageData(basename=str(data))
            measured.read()
            self.lines = {Path(name).relative_to(root / "course_lib").as_posix():
                          measured.contexts_by_lineno(name) for name in measured.measured_files()}
        for case in ET.parse(junit).iter("testcase"):
            module = [p for p in case.get("classname", "").split(".") if p.startswith("test_")]
            name = case.get("name").split("[")[0]
            for test in [(m, n) for m in module[:1] for n in (name, None)]:
                self.seconds[test] = self.seconds.get(test, 0) + float(case.get("time") or 0)
        print(f"the tests pass on the copy{' under coverage' * traced} "
              f"({time.monotonic() - started:.0f} s)", flush=True)

    def tests_for(self, mutant):
        """The tests to run (fastest first), or [] when no fast test runs the line."""
        if self.lines is None:
            return self.files
        lines = self.lines.get(mutant.path, {})         # a lambda's line, or its statement's
        contexts = {c for n in (mutant.line, mutant.statement) for c in lines.get(n, ())}
        paths, ids = {Path(f).stem: f for f in self.files}, []
        for module, *names in (c.split(".") for c in sorted(contexts - {""})):
            if module in paths:
                ids.append((self.seconds.get((module, names[-1]), 0),
                            "::".join([paths[module], *names])))
        return [i for _, i in sorted(ids)] or (self.files if "" in contexts else [])

    def timeout(self, tests):
        """Seconds allowed to `tests`: 60 s plus 3 times what they took in the baseline."""
        parts = [t.split("::") for t in tests]
        return 60 + 3 * sum(self.seconds.get((Path(p[0]).stem, p[-1] if p[1:] else None), 0)
                            for p in parts)


def prepare_copy(root):
    """A copy of course_lib in `root`, compiled with hash-checked .pyc (a stale .pyc can never
    stand in for a mutant), and the environment its tests run in (TMPDIR, HOME in `root`)."""
    shutil.copytree(PACKAGE, root / "course_lib", ignore=shutil.ignore_patterns("__pycache__"))
    compileall.compile_dir(root / "course_lib", quiet=1,
                           invalidation_mode=compileall.py_compile.PycInvalidationMode.CHECKED_HASH)
    for folder in ("tmp", "home"):       # the tests' leftover check sees only this run's files
        (root / folder).mkdir()
    # PYTHONPATH: a test's own subprocess imports the copy too. Any CI value gives hypothesis its
    # "ci" profile (no deadline, the same examples every run); the tests act on CI=true only
    return dict(os.environ, PYTHONDONTWRITEBYTECODE="1", TMPDIR=str(root / "tmp"),
                HOME=str(root / "home"), CI=os.environ.get("CI") or "mutation-run",
                PYTHONPATH=os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")]))


def preload(env):
    """Import the tests' heavy libraries in this process, once (hypothesis reads CI now)."""
    os.environ.update(env)
    sys.dont_write_bytecode = True
    for name in (n for n in PRELOAD if importlib.util.find_spec(n.split(".")[0])):
        importlib.import_module(name)
    if "course_lib" in sys.modules:
        raise SystemExit("error: course_lib is imported in the runner: a child would test it")


def child(root, env, args, rcfile):
    """In the forked child: pytest on the copy in `root` (under coverage if `rcfile`)."""
    code, package = 3, root / "course_lib"
    try:
        os.setsid()                                    # its own group: a timeout kills it all
        os.chdir(root)
        os.environ.clear()
        os.environ.update(env)
        tempfile.tempdir = None
        cov = rcfile and importlib.import_module("coverage").Coverage(config_file=str(rcfile))
        cov and cov.start()
        spec = importlib.util.spec_from_file_location(     # course_lib: the copy's, by its path
            "course_lib", package / "__init__.py", submodule_search_locations=[str(package)])
        sys.modules["course_lib"] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules["course_lib"])
        code = importlib.import_module("pytest").main(list(args))
        cov and (cov.stop(), cov.save())
        code = code if sys.modules["course_lib"].__file__.startswith(str(package)) else 99
    finally:
        sys.stdout.flush(), sys.stderr.flush()
        os._exit(int(code))


def run_tests(root, env, tests, timeout, extra=("-x",), rcfile=None):
    """('killed' | 'survived' | 'timeout', output): pytest on the copy of course_lib in `root`."""
    with tempfile.TemporaryFile(dir=root) as out:
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            os.dup2(out.fileno(), 1)
            os.dup2(out.fileno(), 2)
            child(root, env, (*PYTEST, *extra, *tests), rcfile)
        deadline, status = time.monotonic() + timeout, None
        try:
            while status is None:
                done, wait_status = os.waitpid(pid, os.WNOHANG)
                if done:
                    status = os.waitstatus_to_exitcode(wait_status)
                elif time.monotonic() > deadline:
                    status = "timeout"
                else:
                    time.sleep(0.01)
        finally:
            if status in (None, "timeout"):            # the timeout, Ctrl-C or SIGTERM
                os.killpg(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
        out.seek(0)
        output = out.read().decode(errors="replace")
    if status == 99:          # any other failure (collection, usage, internal error) is a kill
        raise SystemExit(f"error: not the copy of course_lib was tested:\n{output[-3000:]}")
    return {0: "survived", "timeout": "timeout"}.get(status, "killed"), output


def run_mutant(mutant, root, env, cover, timeout, confirm):
    """(outcome, seconds, how many tests or test files ran) of one mutant, on the copy."""
    target = root / "course_lib" / mutant.path
    original, tests, started = target.read_bytes(), cover.tests_for(mutant), time.monotonic()
    try:
        target.write_bytes(mutant.source)
        outcome = tests and run_tests(root, env, tests, timeout or cover.timeout(tests))[0]
        if confirm and outcome in ("survived", []) and tests != cover.files:
            tests = cover.files                        # a cache may have hidden a line
            outcome = run_tests(root, env, tests, timeout or cover.timeout(tests))[0]
        return outcome or "not run", time.monotonic() - started, len(tests)
    finally:
        target.write_bytes(original)


def run_all(todo, args):
    """Run the mutants of `todo` one at a time; [(mutant, outcome)], so far if stopped."""
    print(f"{len(todo)} mutants; first the tests under coverage", flush=True)
    results = []
    with tempfile.TemporaryDirectory(prefix="course-mutation-") as tmp:
        root = Path(tmp)
        env = prepare_copy(root)
        preload(env)
        tests = [str(Path(t).resolve()) for t in args.tests or ()] or fast_test_files()
        cover = Coverage(root, env, args.timeout or 1800, tests)
        try:
            for i, mutant in enumerate(todo, 1):
                outcome, seconds, tests = run_mutant(mutant, root, env, cover, args.timeout,
                                                     args.confirm)
                results.append((mutant, outcome))
                if args.verbose or outcome in ("survived", "not run") or i % 50 == 0:
                    killed = sum(o in ("killed", "timeout") for _, o in results)
                    print(f"[{i}/{len(todo)}, {killed} killed] {outcome:8} {mutant}  "
                          f"({seconds:.1f} s, {tests} tests)", flush=True)
        except KeyboardInterrupt:                      # Ctrl-C or SIGTERM: the score so far
            print(f"stopped after {len(results)} of {len(todo)} mutants", flush=True)
    return results


def report(results, equivalent, minutes):
    """Print the score and the survivors; return the score in percent."""
    killed = sum(outcome in ("killed", "timeout") for _, outcome in results)
    timeouts = sum(outcome == "timeout" for _, outcome in results)
    score = 100 * killed / len(results) if results else 100.0
    print(f"\nscore: {killed} / {len(results)} non-equivalent mutants killed ({score:.1f} %), "
          f"{timeouts} by timeout; {equivalent} equivalent (not run, of all); {minutes:.1f} min")
    for mutant, outcome in sorted(results, key=lambda r: (r[0].path, r[0].line)):
        if outcome in ("survived", "not run"):
            print(f"  {outcome:8}  {mutant}    | {short(mutant.text, 70)}")
    return score


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", nargs="+", default=[], help="modules or folders of "
                        "course_lib: core/descent.py exercises 'core/*.py'")
    parser.add_argument("--match", nargs="+", default=[""], help="only the mutants of lines "
                        "holding one of these texts")
    parser.add_argument("--sample", type=int, help="run N mutants drawn at random")
    parser.add_argument("--seed", type=int, default=0, help="the sample's random seed")
    parser.add_argument("--timeout", type=float, help="seconds per mutant (default: 60 s "
                        "plus 3 times what its tests took in the first run, under coverage)")
    parser.add_argument("--fail-under", type=float, default=95, help="exit 1 below this score")
    parser.add_argument("--tests", nargs="+", help="test files to run instead of the fast tests")
    for flag, what in (("--confirm", "run each survivor again against every test"),
                       ("--list", "print the mutants, run nothing"),
                       ("--verbose", "print every mutant's outcome")):
        parser.add_argument(flag, action="store_true", help=what)
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, signal.default_int_handler)     # as Ctrl-C: report, clean up
    started, mutants = time.monotonic(), all_mutants(args.files)
    todo = [m for m in mutants if m.key not in EQUIVALENT and any(t in m.text for t in args.match)]
    for stale in set(EQUIVALENT) - {m.key for m in mutants} if not args.files else ():
        print(f"warning: EQUIVALENT names no mutant (was the code changed?): {stale}")
    equivalent = sum(m.key in EQUIVALENT for m in mutants)
    if args.sample:
        todo = random.Random(args.seed).sample(todo, min(args.sample, len(todo)))
    if args.list:
        print("\n".join(f"{m}    | {short(m.text, 70)}" for m in todo))
        return 0
    score = report(run_all(todo, args), equivalent, (time.monotonic() - started) / 60)
    return 0 if score >= args.fail_under else 1


if __name__ == "__main__":
    sys.exit(main())
