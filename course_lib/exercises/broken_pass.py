"""Checks for notebook 11 (misconception lab): find the one broken line of a pass.

    puzzle = broken_pass(1)          the seed network's generated pass, one line changed
    print(puzzle)                    its named lines, numbered
    puzzle.wrong_values()            the values that differ from course_lib, in order
    check_broken_line(27, 1)         or check_broken_line("dL_wrt_A", 1)

Each puzzle is the generated Python (course_lib.topics.codegen) with ONE line rewritten
the way a classic mistake writes it. The answer is the line's number or the name it
computes. A wrong line is answered with why it is not the culprit: its value agrees with
course_lib, or its value is wrong only because it uses a value computed wrongly before.
"""
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from ..core.build import SEED_SAMPLE, seed_network
from ..core.names import error_name, sum_name
from ..topics.codegen import course_values, python_source
from .checking import Verdict, invalid, not_attempted, number_of, shown

_LINE = re.compile(r"^    (\w+) = (.+)$")


def _averaged(name, expression, network):
    """A fan-out's errors divided by how many there are (the article's confession)."""
    return f"({expression}) / {expression.count(' + ') + 1}"


def _slope_from_sum(name, expression, network):
    """The activation's slope computed from the sum sX, not from X."""
    node = expression[expression.index("(") + 1:-1]
    return expression.replace(f"({node})", f"({sum_name(node)})")


#: Each puzzle: the name whose line is rewritten, and how the mistake rewrites it.
PUZZLES = {1: ("dL_wrt_A", _averaged), 2: ("dC_wrt_sC", _slope_from_sum)}


@dataclass(frozen=True)
class BrokenPass:
    """A generated pass with one line changed: `lines` are its named lines (name, expression)."""

    puzzle: int
    source: str
    lines: tuple
    broken: str

    def number(self, name):
        """The line number (from 1) of the line computing `name`."""
        return [n for n, _ in self.lines].index(name) + 1

    def wrong_values(self):
        """The names whose values differ from course_lib's, in the order of the pass."""
        return _wrong_values(self.puzzle)

    def wrong_gradients(self):
        """The weights whose gradients differ from course_lib's: what a gradient check sees."""
        return tuple(w for w in seed_network().weights if error_name(w) in self.wrong_values())

    def __str__(self):
        return "\n".join(f"{k:3d}  {n} = {e}" for k, (n, e) in enumerate(self.lines, start=1))

    def _repr_pretty_(self, printer, cycle):
        printer.text(str(self))


@lru_cache(maxsize=None)
def broken_pass(puzzle=1):
    """The seed network's pass for SEED_SAMPLE with puzzle `puzzle`'s line broken."""
    name, rewrite = PUZZLES[puzzle]
    network = seed_network()
    source = python_source(network, [SEED_SAMPLE["I1"], SEED_SAMPLE["I2"]], SEED_SAMPLE["correct"])
    out, lines = [], []
    for row in source.splitlines():
        match = _LINE.match(row)
        if match and match.group(1) == name:
            row = f"    {name} = {rewrite(name, match.group(2), network)}"
            match = _LINE.match(row)
        if match:
            lines.append((match.group(1), match.group(2)))
        out.append(row)
    return BrokenPass(puzzle, "\n".join(out), tuple(lines), name)


@lru_cache(maxsize=None)
def _wrong_values(puzzle):
    broken = broken_pass(puzzle)
    namespace = {}
    exec(broken.source, namespace)                  # our own generated code, one line changed
    values = namespace["forward_backward"]()
    right = course_values(seed_network(), [SEED_SAMPLE["I1"], SEED_SAMPLE["I2"]],
                          SEED_SAMPLE["correct"])
    return tuple(n for n, _ in broken.lines
                 if not math.isclose(values[n], right[n], rel_tol=1e-12, abs_tol=1e-15))


def _line_asked(answer, broken):
    """(line number, None) for a number or a name in the pass, else (None, why not)."""
    names = [n for n, _ in broken.lines]
    if isinstance(answer, str):
        if answer.strip() in names:
            return broken.number(answer.strip()), None
        return None, f"{shown(answer)} is not a name this pass computes."
    value, problem = number_of(answer)
    if problem or value != int(value) or not 1 <= value <= len(names):
        return None, (problem or f"expected a line number from 1 to {len(names)} or the name a "
                                 f"line computes, got {shown(answer)}.")
    return int(value), None


def check_broken_line(line, puzzle=1):
    """Which line of broken_pass(puzzle) is broken? Its number, or the name it computes."""
    name = "broken_line"
    if line is Ellipsis:
        return not_attempted(name)
    if puzzle not in PUZZLES:
        return invalid(name, f"puzzle must be one of {', '.join(map(str, PUZZLES))}.")
    broken = broken_pass(puzzle)
    number, problem = _line_asked(line, broken)
    if problem:
        return invalid(name, problem)
    asked, expression = broken.lines[number - 1]
    said = f"line {number}, {asked} = {expression}"
    if asked == broken.broken:
        return Verdict(name, "correct", f"✓ {said}: that is the broken line. Correct!")
    wrong = broken.wrong_values()
    if asked not in wrong:
        return Verdict(name, "mistake", f"✗ {said}: its value agrees with course_lib, so this "
                       "line is fine. Look among the lines whose values are wrong.")
    uses = [n for n in re.findall(r"\w+", expression) if n in wrong]
    return Verdict(name, "mistake", f"✗ {said}: its value is wrong, but its formula is "
                   f"right: it is wrong only because it uses {', '.join(uses)}, already wrong "
                   "before it. Follow the wrong values back to the first one.")
