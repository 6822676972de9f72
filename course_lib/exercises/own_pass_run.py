"""Running the learner's pass for check_backprop: copies in, a time limit, failures in words.

    call = call_pass(my_pass, case)          # Call(values, problem, status, changes)

The pass gets COPIES of the case's dicts, so a pass that changes its weights cannot change
the next case; what it changed is reported (Change records). Nothing here raises: a crash,
a pass that runs over TIME_LIMIT seconds, or a return value that is not a dict of finite
numbers by name becomes a `problem` in plain words.

The time limit uses SIGALRM (signal.setitimer), so it works in the main thread of a
CPython kernel on Linux or macOS. Elsewhere (another thread, Windows, a browser Python)
the pass runs without a limit: a pass that never ends then never ends.
"""
import math
import numbers
import signal
import sysconfig
import threading
import time
import traceback
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from ..core.errors import UnknownNameError
from .checking import shown

#: Seconds one call of the learner's pass may run.
TIME_LIMIT = 2.0

_COURSE_LIB = str(Path(__file__).resolve().parent.parent)
_LIBRARIES = tuple({path for key, path in sysconfig.get_paths().items()
                    if key in ("stdlib", "platstdlib", "purelib", "platlib")})


class PassStopped(BaseException):
    """Raised inside the learner's pass when its time is up (not an Exception, so that a
    learner's `except Exception` does not swallow it)."""


class Change(NamedTuple):
    """A weight the pass changed in the dict it was given: its name, value before, after."""
    name: str
    before: float
    after: object


@dataclass(frozen=True)
class Call:
    """One call of the learner's pass: `values` {name: float}, or a `problem` in words with
    its status ('invalid', or 'not attempted' for a pass that returns None)."""

    values: "dict | None"
    problem: str = ""
    status: str = ""
    changes: tuple = ()


def _can_stop():
    return (hasattr(signal, "setitimer") and hasattr(signal, "SIGALRM")
            and threading.current_thread() is threading.main_thread())


def call_limited(function, args, seconds=TIME_LIMIT):
    """(function(*args), False), or (None, True) when it ran over `seconds` and was stopped.

    The old SIGALRM handler and any timer already running are put back afterwards.
    """
    if not _can_stop():
        return function(*args), False
    state = {"on": True, "restored": False}

    def stop(signum, frame):
        if state["on"]:
            raise PassStopped
    try:
        old = signal.signal(signal.SIGALRM, stop)
    except (ValueError, OSError):          # not allowed here after all: run without a limit
        return function(*args), False
    try:                                   # the alarm again every 0.05 s until it is heard
        old_timer, started = signal.setitimer(signal.ITIMER_REAL, seconds, 0.05), time.monotonic()
    except (ValueError, OSError):
        signal.signal(signal.SIGALRM, signal.SIG_DFL if old is None else old)
        return function(*args), False

    def restore():
        state["on"] = False
        if not state["restored"]:
            state["restored"] = True
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, signal.SIG_DFL if old is None else old)
            if old_timer[0] > 0:
                left = max(old_timer[0] - (time.monotonic() - started), 1e-3)
                signal.setitimer(signal.ITIMER_REAL, left, old_timer[1])
    try:
        try:
            return function(*args), False
        finally:
            restore()
    except PassStopped:                    # also one that arrived while restoring
        restore()
        return None, True


def _inside(filename, folders):
    return any(filename.startswith(folder) for folder in folders)


def learner_frame(error):
    """The traceback frame of the learner's own code where `error` came from (the last one
    outside course_lib, the standard library and installed packages), or None."""
    frames = traceback.extract_tb(error.__traceback__)
    theirs = [f for f in frames if not _inside(f.filename, (_COURSE_LIB,))]
    own = [f for f in theirs if not _inside(f.filename, _LIBRARIES)]
    return (own or theirs or [None])[-1]


def crash_words(error, known):
    """'your pass raised ZeroDivisionError: ... at line 7 of my_pass:  x = 1 / 0' (and the
    course's name it meant, when a KeyError names an unknown one)."""
    words = f"your pass raised {type(error).__name__}: {error}"
    frame = learner_frame(error)
    if frame is not None:
        cell = "ipykernel" in frame.filename        # a notebook cell has no file to name
        words += f", at line {frame.lineno} of {frame.name}"
        words += "" if cell else f" ({Path(frame.filename).name})"
        if frame.line:
            words += f":\n    {frame.line.strip()}"
    key = error.args[0] if isinstance(error, KeyError) and error.args else None
    if isinstance(key, str) and key not in known:
        words += f"\n{UnknownNameError('name', key, known)}"
    return words


def number_of(value):
    """(float, '') for a finite real number (a numpy scalar or 0-d array too), else
    (None, what was wrong)."""
    if isinstance(value, bool) or not (isinstance(value, numbers.Real)
                                       or getattr(value, "shape", None) == ()):
        return None, f"{shown(value, 40)} ({type(value).__name__}) is not a number"
    try:
        number = float(value)
    except (OverflowError, TypeError, ValueError):
        return None, f"{shown(value, 40)} is too large for a float or not a number"
    if not math.isfinite(number):
        return None, f"{number} is not a finite number"
    return number, ""


EXPECTED = ("a dict {name: number} of every value your pass computed, by the course's names: "
            "at least every dL_wrt_w_... and dL_wrt_b_..., e.g. {'dL_wrt_w_C_f': -0.12, ...}")


def read_values(returned):
    """({name: float}, '') from what the pass returned, or (None, what was wrong)."""
    if not isinstance(returned, Mapping):
        return None, f"your pass returned {shown(returned, 60)} ({type(returned).__name__}); " \
                     f"expected {EXPECTED}."
    values = {}
    for name, value in returned.items():
        if not isinstance(name, str):
            return None, f"your pass returned the key {shown(name, 40)}; expected {EXPECTED}."
        values[name], why = number_of(value)
        if why:
            return None, f"your pass returned {name} = {why}; expected {EXPECTED}."
    return values, ""


def _changes(given, before):
    """Change records for every weight of `before` that `given` no longer holds unchanged."""
    found = []
    for name, value in before.items():
        after = given.get(name)
        if number_of(after)[0] != value:
            found.append(Change(name, value, after))
    return tuple(found)


def call_pass(my_pass, case, seconds=TIME_LIMIT):
    """Call my_pass(weights, inputs, correct) on COPIES of `case`'s dicts; never raises."""
    weights, inputs, correct = dict(case.weights), dict(case.inputs), dict(case.correct)
    try:
        returned, stopped = call_limited(my_pass, (weights, inputs, correct), seconds)
    except Exception as error:             # the learner's pass crashed: say where
        known = [*case.weights, *case.inputs, *case.correct]   # what it could look up
        return Call(None, crash_words(error, known), "invalid")
    if stopped:
        return Call(None, f"your pass ran for more than {seconds:g} s and was stopped: does a "
                          "loop never end (a while whose condition stays true)?", "invalid")
    if returned is None:
        return Call(None, "your pass returned None: not attempted yet, or its `return {...}` "
                          f"line is missing. Expected {EXPECTED}.", "not attempted")
    try:
        values, problem = read_values(returned)
    except Exception as error:             # a mapping of the learner's own that fails to read
        return Call(None, f"reading what your pass returned failed: {crash_words(error, [])}",
                    "invalid")
    return Call(values, problem, "invalid" if problem else "", _changes(weights, case.weights))
