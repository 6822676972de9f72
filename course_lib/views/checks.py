"""Input checks for the pictures: each public drawing function calls these first, so bad input
is a CourseInputError naming the argument and what is allowed, never a raw traceback from
numpy or matplotlib half way through a drawing. Built on course_lib.core.errors; no drawing.
No numpy here (callers make arrays of what these return): the diagram's checks, and so the
stepper and the article's notebooks, run without it, as in the browser version.
"""
from collections.abc import Iterable, Mapping

from ..core.errors import (CourseInputError, UnknownNameError, check_name, real_value, shown,
                           whole_number)
from ..core.names import error_name
from ..core.network import check_network

__all__ = ["number_series", "number_table", "mapping_of", "names_in", "known_name",
           "diagram_arguments", "check_name", "check_network"]


def _not_numbers(what, values, expected):
    return CourseInputError(f"{what} must be {expected}, got {shown(values)} "
                            f"({type(values).__name__}).")


def number_series(what, values, expected="a list of numbers, one per epoch"):
    """`values` as a list of floats (a 1-D numpy array of numbers: as a float array; NaN and
    inf kept: a diverged run draws as such), else a CourseInputError naming `what`. Text, None,
    dicts and single numbers are refused."""
    if isinstance(values, (str, bytes, Mapping)) or not isinstance(values, Iterable):
        raise _not_numbers(what, values, expected)
    if hasattr(values, "ndim") and hasattr(values, "dtype"):      # a numpy array
        if values.ndim != 1 or values.dtype.kind not in "iuf":
            raise _not_numbers(what, values, expected)
        return values.astype(float)
    values = list(values)
    if all(type(v) is float for v in values):      # the usual case, quickly
        return values
    return [real_value(f"{what}[{k}]", v) for k, v in enumerate(values)]


def number_table(what, values, expected="a table of numbers: one row per epoch, one column "
                                        "per layer"):
    """`values` as a list of rows of floats, every row as long and not empty, else a
    CourseInputError naming `what`."""
    if isinstance(values, (str, bytes, Mapping)) or not isinstance(values, Iterable):
        raise _not_numbers(what, values, expected)
    rows = [list(number_series(f"{what} row {k}", row, "a row of numbers"))
            for k, row in enumerate(values)]
    if not rows or not rows[0] or any(len(row) != len(rows[0]) for row in rows):
        raise _not_numbers(what, values, expected + " (every row as long)")
    return rows


def mapping_of(what, value, expected):
    """`value` if it is a dict-like mapping, else a CourseInputError naming `what`."""
    if not isinstance(value, Mapping):
        raise CourseInputError(f"{what} must be {expected}, got {shown(value)} "
                               f"({type(value).__name__}).")
    return value


def known_name(what, kind, name, known):
    """`name` if it is one of `known` (best a dict or set: looked up once per name), else an
    UnknownNameError that starts with `what` (the argument) and lists the names allowed."""
    if isinstance(name, str) and name in known:
        return name
    error = UnknownNameError(kind, name, list(known))
    error.args = (f"{what}: {error.args[0]}",)
    raise error


def names_in(what, kind, names, known):
    """A collection of names, each one of `known` (one name alone is fine too), as a set."""
    if isinstance(names, str):
        names = (names,)
    if isinstance(names, (bytes, Mapping)) or not isinstance(names, Iterable):
        raise CourseInputError(f"{what} must be a collection of {kind}s (a set, list or tuple, "
                               f"e.g. path_of(net, 'w_A_C')), got {shown(names)} "
                               f"({type(names).__name__}).")
    return {known_name(what, kind, name, known) for name in names}


def _numbers(what, numbers, kind, known, example):
    """{name: float} from `numbers` (None: {}), each name one of `known`."""
    if numbers is None:
        return {}
    mapping_of(what, numbers, f"a dict {{{kind}: number}}, e.g. {example}")
    return {known_name(what, kind, name, known): real_value(f"{what}[{name!r}]", value)
            for name, value in numbers.items()}


def diagram_arguments(network, values, errors, gradients, highlight, current, title, known_at):
    """network_diagram's arguments (views.diagram), checked: (values, errors, gradients,
    highlight, title, known_at) ready to draw, or a CourseInputError naming the argument."""
    check_network(network)
    sums = [incoming.sum for incoming in network.incoming.values()]
    value_names = dict.fromkeys([*network.nodes, *sums])    # ordered, and quick to look up
    weights = network.weights
    values = _numbers("values", values, "name", value_names, "trace.values")
    errors = _numbers("errors", errors, "name",
                      dict.fromkeys(error_name(n) for n in (*value_names, *weights)),
                      "gradients.values")
    gradients = _numbers("gradients", gradients, "weight", weights, "gradients.weights")
    places = dict.fromkeys([*network.nodes, *weights])
    highlight = names_in("highlight", "name", () if highlight is None else highlight, places)
    if current is not None:
        known_name("current", "name", current, places)
    if not isinstance(title, str):
        raise CourseInputError(f"title must be text, got {shown(title)} "
                               f"({type(title).__name__}).")
    if known_at is not None:
        mapping_of("known_at", known_at, "a dict {name: steps done when it is known}")
        drawn_errors = [error_name(n) for n in value_names if error_name(n) in errors]
        needed = [*values, *drawn_errors, *weights, *(error_name(w) for w in gradients)]
        missing = [name for name in needed if name not in known_at]
        if missing:
            raise CourseInputError(f"known_at must give a step for every number drawn; "
                                   f"missing: {', '.join(missing[:12])}.")
        known_at = {name: whole_number(f"known_at[{name!r}]", at, least=0)
                    for name, at in known_at.items()}
    return values, errors, gradients, highlight, title, known_at
