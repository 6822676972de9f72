"""Checking several numbers at once: one per node (check_values), or a matrix (check_array).

check_values() compares numbers in order (a list, a tuple, an array of any shape): right
only if every number is right; a mistake is named only if every number matches it.

check_array() is for the matrix form, where the shape is part of the answer: a layer is a
row, shape (1, n), and a list, a flat (n,) array or a (n, 1) column are named as what they
are (with whether the numbers in them are right), never silently flattened.
"""
import numpy as np

from .checking import Verdict, close, invalid, not_attempted, shown


def _all_close(a, b):
    return a.shape == b.shape and all(close(x, y) for x, y in zip(a.ravel(), b.ravel()))


def _listed(values):
    return "[" + ", ".join(f"{v:.6g}" for v in np.ravel(values)) + "]"


def _floats(answer):
    """answer as a float array, or None when it holds anything but real numbers."""
    try:
        array = np.asarray(answer)
        if array.dtype.kind not in "iuf" and array.dtype != object:
            return None
        array = array.astype(float)
    except Exception:                     # ragged lists, text, objects float() refuses
        return None
    return array


def _matching(values, right, mistakes):
    """The descriptions of the mistakes whose values equal `values` (never one equal to right)."""
    found = []
    for text, wrong in (mistakes or {}).items():
        wrong = _floats(wrong)
        if (wrong is not None and wrong.size == values.size
                and _all_close(values.ravel(), wrong.ravel())
                and not _all_close(wrong.ravel(), right.ravel())):
            found.append(text)
    return found


def _compare(values, right, name, mistakes, hint):
    if _all_close(values.ravel(), right.ravel()):
        return Verdict(name, "correct", f"✓ {name} = {_listed(values)}. Correct!")
    likely = _matching(values, right, mistakes)
    if likely:
        return Verdict(name, "mistake", f"✗ {name} = {_listed(values)} is not right: it looks "
                       "like " + " — or ".join(likely) + ".")
    return Verdict(name, "wrong", f"✗ {name} = {_listed(values)} is not right."
                   + (f" Hint: {hint}" if hint else ""))


def check_values(answers, right, name, mistakes=None, hint=""):
    """Compare several numbers, in order (any array-like, compared flattened), with `right`."""
    if answers is Ellipsis:
        return not_attempted(name)
    right = np.asarray(right, dtype=float)
    values = _floats(answers)
    if values is None or isinstance(answers, (str, bytes)):
        return invalid(name, f"expected {right.size} numbers, got {shown(answers, 80)}.")
    if values.size != right.size:
        return invalid(name, f"expected {right.size} numbers (shape {right.shape}), got "
                             f"{values.size} (shape {values.shape}).")
    if not np.isfinite(values).all():
        return invalid(name, f"expected finite numbers, got {_listed(values)}.")
    return _compare(values.ravel(), right.ravel(), name, mistakes, hint)


def _layout_problem(answer, values, shape):
    """Why an answer with the right count of numbers is not laid out as `shape`, or ''."""
    if isinstance(answer, (list, tuple)):
        return (f"it is a Python {type(answer).__name__}, not a numpy array: the matrix lines "
                f"(@, .T, *) give an array of shape {shape}")
    if values.shape == shape:
        return ""
    if values.shape == shape[::-1]:
        return (f"it has shape {values.shape}, a column: a layer is a row, one row per sample "
                f"and one column per node, shape {shape} (a transpose too many?)")
    return f"it has shape {values.shape}: a layer is a row, one column per node, shape {shape}"


def _broadcast_square(values, right):
    """True when a (n, n) answer is a column times a row: its diagonal is the right row."""
    n = right.size
    return (n > 1 and values.shape == (n, n) and right.shape == (1, n)
            and _all_close(np.diag(values), right.ravel()))


def check_array(answer, right, name, mistakes=None, hint=""):
    """Compare a matrix answer with `right`, its shape and type included."""
    if answer is Ellipsis:
        return not_attempted(name)
    right = np.asarray(right, dtype=float)
    values = _floats(answer)
    if values is None or isinstance(answer, (str, bytes)) or values.ndim == 0:
        return invalid(name, f"expected a numpy array of shape {right.shape}, got "
                             f"{shown(answer, 80)}.")
    if not np.isfinite(values).all():
        return invalid(name, f"expected finite numbers, got {_listed(values)}.")
    if _broadcast_square(values, right):
        return Verdict(name, "mistake", f"✗ {name} has shape {values.shape}: a column (n, 1) "
                       f"times a row (1, n), which numpy broadcasts into an n×n table. Keep the "
                       f"layer a row, shape {right.shape}: send the error back with "
                       "delta @ W.T, not W @ delta.T.")
    if values.size != right.size:
        return invalid(name, f"expected a numpy array of shape {right.shape} "
                             f"({right.size} numbers), got shape {values.shape}.")
    problem = _layout_problem(answer, values, right.shape)
    if not problem:
        return _compare(values, right, name, mistakes, hint)
    verdict = _compare(values.ravel(), right.ravel(), name, mistakes, hint)
    numbers = {"correct": "the numbers are right, but",
               "mistake": verdict.message.split(": it looks like ", 1)[-1].rstrip(".") + "; and",
               "wrong": "the numbers are not right either, and"}[verdict.status]
    return Verdict(name, "mistake", f"✗ {name} = {_listed(values)}: {numbers} {problem}.")
