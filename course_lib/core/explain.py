"""explain(): a gradient written as the article writes it, a line of code.

    dL_wrt_w_A_C = dL_wrt_f * df_wrt_sF * dsF_wrt_C * dC_wrt_sC * A
    dL_wrt_w_A_C = (-0.933) * 0.2489 * 1.1 * 0.2495 * 0.5125 = -0.0326617
    dL_wrt_w_A_C = dL_wrt_sC * A = (-0.06373) * 0.5125 = (-0.03266)   (reuse)

The last line reuses the error already sent back to the sum the weight feeds; it is
the only line when the weight has too many paths to list (see course_lib.core.chains).
"""
from dataclasses import dataclass

from .backward import Gradients
from .chains import sum_error_of
from .errors import CourseInputError
from .names import error_name


def number(value, digits=4):
    """A number as the course prints it: 4 significant digits, negatives in brackets;
    zero is 0, whatever its sign (a dead relu's -0.0 too)."""
    text = f"{value + 0.0:.{digits}g}"          # -0.0 + 0.0 is 0.0
    return f"({text})" if text.startswith("-") else text


@dataclass(frozen=True)
class Explanation:
    """The chain of one weight as code: symbolic, with numbers, and the reuse form."""

    weight: str
    symbolic: str
    numeric: str
    reuse: str
    value: float

    @property
    def lines(self):
        return (self.symbolic, self.numeric, self.reuse)

    def __str__(self):
        return "\n".join(self.lines)

    def _repr_pretty_(self, printer, cycle):
        printer.text(str(self))


def explain(gradients, weight):
    """The chain of `weight` as code lines, symbolic and with the numbers filled in.

    For a weight behind a fan-out, one product per path is written, joined by ' + '.
    """
    if not isinstance(gradients, Gradients):
        raise CourseInputError(f"explain needs the Gradients that backward(trace, correct) "
                               f"returned, got {type(gradients).__name__}.")
    chain = gradients.chain(weight)
    source, target = gradients.network.ends(weight)
    left = error_name(weight)
    s_error = sum_error_of(target)
    last = "1" if source is None else source
    last_value = 1.0 if source is None else gradients.trace.values[source]
    reuse = (f"{left} = {s_error} * {last} = {number(gradients[s_error])} * "
             f"{number(last_value)} = {number(chain.value)}")
    if chain.listed:
        symbolic = " + ".join(" * ".join(f.symbol for f in path) for path in chain.paths)
        numeric = " + ".join(" * ".join(number(f.value) for f in path) for path in chain.paths)
        return Explanation(weight, f"{left} = {symbolic}", f"{left} = {numeric} = {chain.value:.6g}",
                           reuse, chain.value)
    many = f"{chain.path_count} paths lead from {target} to the outputs: too many to write out"
    return Explanation(weight, f"{left} = {s_error} * {last}   ({many}; {s_error} already sums them)",
                       f"{left} = {number(gradients[s_error])} * {number(last_value)} "
                       f"= {chain.value:.6g}", reuse, chain.value)
