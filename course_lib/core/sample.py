"""Reading a sample: the inputs (I1, I2, ...) and the correct answer(s)."""
import numbers

from .errors import CourseInputError, check_name, check_number


def _named(network_names, values, what):
    """Turn a dict by name, a sequence, or (for one name) a number into {name: float}."""
    names = tuple(network_names)
    if isinstance(values, dict):
        for key in values:
            check_name(what, key, names)
        missing = [n for n in names if n not in values]
        if missing:
            raise CourseInputError(f"missing {what} value(s) {missing}: give one for each "
                                   f"of {list(names)}.")
        return {n: check_number(n, values[n]) for n in names}
    if isinstance(values, (str, bytes)) or values is None:
        raise CourseInputError(f"{what} values must be numbers, a list or a dict by name "
                               f"{list(names)}, got {values!r}.")
    if isinstance(values, numbers.Number):
        values = [values]
    try:
        values = list(values)
    except TypeError:
        raise CourseInputError(f"{what} values must be numbers, a list or a dict by name "
                               f"{list(names)}, got {values!r}.") from None
    if len(values) != len(names):
        raise CourseInputError(f"expected {len(names)} {what} value(s) for "
                               f"{list(names)}, got {len(values)}.")
    return {n: check_number(n, v) for n, v in zip(names, values)}


def read_inputs(network, inputs):
    """{'I1': 1.0, 'I2': 0.5} from a dict by name or a sequence in input order."""
    return _named(network.inputs, inputs, "input")


def read_correct(network, correct):
    """{'f': 1.0} from a number (one output), a sequence, or a dict by output name."""
    return _named(network.outputs, correct, "output")
