"""explain(): a gradient written as the article writes it, a line of code.

    dL_wrt_w_A_C = dL_wrt_f * df_wrt_sF * dsF_wrt_C * dC_wrt_sC * A
    dL_wrt_w_A_C = (-0.933) * 0.2489 * 1.1 * 0.2495 * 0.5125 = -0.0326617
    dL_wrt_w_A_C = dL_wrt_sC * A = (-0.03266)   (reuse: the error already sent back to C)
"""
from dataclasses import dataclass

from .network import sum_name


def number(value, digits=4):
    """A number as the course prints it: 4 significant digits, negatives in brackets."""
    text = f"{value:.{digits}g}"
    return f"({text})" if value < 0 else text


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
    chain = gradients.chain(weight)
    target = gradients.network.ends(weight)[1]
    left = f"dL_wrt_{weight}"
    symbolic = " + ".join(" * ".join(f.symbol for f in path) for path in chain.paths)
    numeric = " + ".join(" * ".join(number(f.value) for f in path) for path in chain.paths)
    last = chain.paths[0][-1].symbol
    reuse_value = number(gradients[f"dL_wrt_{sum_name(target)}"] * chain.paths[0][-1].value)
    return Explanation(
        weight,
        f"{left} = {symbolic}",
        f"{left} = {numeric} = {chain.value:.6g}",
        f"{left} = dL_wrt_{sum_name(target)} * {last} = {reuse_value}",
        chain.value,
    )
