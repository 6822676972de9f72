"""Checks for notebook 10 (code generation): write a generated line, count the lines.

    check_generated_line("dL_wrt_w_A_C = dL_wrt_sC * A")    the line codegen writes for w_A_C
    check_line_count(34)                                     named lines of a 2-3-1 pass

A line is read as `name = factor * factor * ...` (spaces, factor order, a C `double` and
`;` do not matter) and compared with the Statement that codegen.statements() makes. The
mistaken lines and counts are built from the network's structure and the naming rules.
"""
import re
from collections import Counter

from ..core.backward import backward
from ..core.build import make_network, seed_network
from ..core.forward import forward
from ..core.names import error_name, link_name, slope_name, sum_name
from ..topics.codegen import python_expression, statements
from .checking import Verdict, check_answer, invalid, not_attempted, number_of, shown

_NAME = r"[A-Za-z_]\w*"


def read_line(line):
    """(name, sign, Counter of factors) of 'name = [-]a * b * ...', or None if it is not one."""
    text = line.strip().removesuffix(";").strip()
    text = re.sub(r"^double\s+", "", text)
    match = re.fullmatch(rf"({_NAME})\s*=\s*(-?)\s*(.+)", text)
    if not match:
        return None
    factors = [f.strip() for f in match.group(3).split("*")]
    if not all(re.fullmatch(_NAME, f) or re.fullmatch(r"\d+(\.\d*)?", f) for f in factors):
        return match.group(1), match.group(2), None
    return match.group(1), match.group(2), Counter(f for f in factors if f not in ("1", "1.0"))


def _statement(network, name):
    return next(s for s in statements(network) if s.name == name)


def _long_forms(network, weight):
    """The chain written out in full (with dsY_wrt_X or the weight w_X_Y for each link),
    and the same from the node's error: right values, but not the line generated."""
    trace = forward(network, [0.0] * len(network.inputs))       # only the chain's names matter
    chain = backward(trace, [0.0] * len(network.outputs)).chain(weight)
    links = {link_name(t, s): w for s, targets in network.outgoing.items()
             for w, t in targets}
    forms = []
    if len(chain.paths) == 1:
        symbols = [f.symbol for f in chain.paths[0] if f.symbol != "1"]
        forms += [Counter(symbols), Counter(links.get(s, s) for s in symbols)]
    return forms


def _line_mistakes(network, weight):
    """[(description, Counter of factors)] for the usual wrong lines of dL_wrt_<weight>."""
    source, target = network.ends(weight)
    error, node_error = error_name(sum_name(target)), error_name(target)
    found = {
        f"you used the weight {weight} where the node value {source} belongs: {weight} is "
        f"multiplied by {source} in {sum_name(target)}, so {link_name(target, weight)} = {source}":
            Counter([error, weight]),
        f"you used {node_error}, the error at the node {target}; the weight feeds the sum "
        f"{sum_name(target)}, so the generated line uses the error at the sum, {error}":
            Counter([node_error, source]),
        f"you multiplied by {target}, the node the weight goes INTO; {weight} is multiplied "
        f"by {source}": Counter([error, target]),
        f"you multiplied by the slope {slope_name(target)} again: {error} already holds it":
            Counter([error, slope_name(target), source]),
        f"right value, but not the line generated: the code reuses {error} = {node_error} * "
        f"{slope_name(target)}, computed the line before, so one product is enough":
            Counter([node_error, slope_name(target), source]),
    }
    if source in network.incoming:                      # an input has no sum
        found[f"you used the sum {sum_name(source)} instead of the node value {source}"] = (
            Counter([error, sum_name(source)]))
        found[f"you used {error_name(sum_name(source))}, the error at the sum of {source}, "
              f"where the weight comes FROM; {weight} feeds {sum_name(target)}, so use {error}"] = (
            Counter([error_name(sum_name(source)), source]))
    found[f"you multiplied by both {source} and {weight}: what {weight} is multiplied by in "
          f"{sum_name(target)} is {source} alone"] = Counter([error, source, weight])
    for other_weight, other in network.incoming[target].sources:
        if other != source:
            found[f"you multiplied by {other}: that is the line of {other_weight}"] = Counter(
                [error, other])
    whole = (f"right value, but not the line generated: the code never writes the whole "
             f"chain, it reuses {error}, computed a few lines before")
    return list(found.items()) + [(whole, form) for form in _long_forms(network, weight)]


def check_generated_line(line, weight="w_A_C", network=None):
    """The line codegen writes for dL_wrt_<weight>: dL_wrt_w_A_C = dL_wrt_sC * A."""
    network = seed_network() if network is None else network
    wanted = error_name(weight)
    name = "line"
    if line is Ellipsis:
        return not_attempted(name)
    read = read_line(line) if isinstance(line, str) else None
    if read is None:
        return invalid(name, f"expected one line of code as text, like \"{wanted} = ...\", got "
                             f"{shown(line)}.")
    generated = _statement(network, wanted)
    right = Counter(generated.args[0])
    text = f"{wanted} = {python_expression(generated)}"
    lhs, sign, factors = read
    if lhs != wanted:
        return Verdict(name, "mistake", f"✗ {line.strip()!r}: the line must compute {wanted}, "
                       f"the gradient of {weight} (dL_wrt_ and the weight's name), not {lhs}.")
    if factors is None:
        return Verdict(name, "wrong", f"✗ {line.strip()!r} is not the generated line: it is "
                       "one product of names. Hint: what is the error at the sum the weight "
                       "feeds, and what does the weight get multiplied by there?")
    if factors == right and not sign:
        return Verdict(name, "correct", f"✓ {text}: the line codegen writes. Correct!")
    if factors == right:
        return Verdict(name, "mistake", f"✗ {line.strip()!r}: the sign is flipped; the "
                       f"generated line is a plain product, {text}.")
    likely = list(dict.fromkeys(d for d, wrong in _line_mistakes(network, weight)
                                if factors == wrong))
    if likely:
        return Verdict(name, "mistake", f"✗ {line.strip()!r}: " + " — or ".join(likely) + ".")
    return Verdict(name, "wrong", f"✗ {line.strip()!r} is not the generated line. Hint: the "
                   f"error at the sum {weight} feeds, times what {weight} is multiplied by.")


#: The network whose generated pass the count exercise asks about: 2-3-1 with biases.
COUNT_SIZES = (2, 3, 1)


def _kinds(network):
    """How many named lines of each kind the generated pass has: 'sum', 'call', ..."""
    kinds = Counter()
    for line in statements(network):
        if line.name:
            slope = line.name == getattr(line.step, "slope", None)
            kinds["slope line" if slope else getattr(line.step, "kind", None) or line.kind] += 1
    return kinds


def _count_mistakes(network):
    kinds, right = _kinds(network), sum(_kinds(network).values())
    inputs = len(network.inputs)
    forward_lines = kinds["sum"] + kinds["activation"] + kinds["slope line"]
    return {
        f"you left out the {kinds['slope line']} slope lines (dX_wrt_sX = ..._derivative(X), "
        "one per node)": right - kinds["slope line"],
        "you left out the loss line L = ...": right - 1,
        f"you left out the {kinds['bias gradient']} bias lines (dL_wrt_b_X = dL_wrt_sX)":
            right - kinds["bias gradient"],
        f"you left out the {kinds['node error']} dL_wrt_X lines of the hidden nodes":
            right - kinds["node error"],
        f"you counted errors for the {inputs} inputs too; nothing is sent back to an input":
            right + inputs,
        f"you counted the {inputs} inputs: they are arguments, not lines (the returned dict "
        "has them too, so it has that many more values)": right + inputs,
        f"you counted only the backward pass ({right - forward_lines - 1} lines)":
            right - forward_lines - 1,
        f"you counted only the forward pass ({forward_lines} lines)": forward_lines,
        "you counted the seed network's lines: this network has another shape":
            sum(_kinds(seed_network()).values()),
        "you counted the seed network's values (its lines and its 2 inputs): this network has "
        "another shape": sum(_kinds(seed_network()).values()) + len(seed_network().inputs),
    }


def check_line_count(count, network=None):
    """How many named lines (statements with a name) does the generated pass have?
    Default: make_network((2, 3, 1), biases=True)."""
    network = make_network(COUNT_SIZES, biases=True) if network is None else network
    name = "line_count"
    if count is Ellipsis:
        return not_attempted(name)
    value, problem = number_of(count)
    if problem or value != int(value) or value < 0:
        return invalid(name, problem or f"expected a whole number of lines, got {shown(count)}.")
    return check_answer(int(value), sum(_kinds(network).values()), name,
                        _count_mistakes(network),
                        hint="per node: its sum, its activation and its slope; then L; then per "
                             "output its error, per node the error at its sum, per weight and "
                             "bias its gradient, per hidden node its error.")
