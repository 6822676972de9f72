"""Every naming rule of the course, in one place: build a name here, parse it here.

    sum_name("A")            'sA'          the sum into A (sF for f, sF2 for f2)
    weight_name("A", "C")    'w_A_C'       the weight from A to C
    bias_name("C")           'b_C'         the bias added into sC
    error_name("C")          'dL_wrt_C'    dL/dC, for any name: dL_wrt_sC, dL_wrt_w_A_C
    slope_name("C")          'dC_wrt_sC'   the activation's slope at C
    link_name("C", "A")      'dsC_wrt_A'   a sum's slope with respect to a node: the weight
    sent_back_name("A", "C") 'dL_wrt_A_from_C'   the error C sends back to A
    correct_name("f1", 2)    'correct_f1'  the right answer for an output ('correct' alone)

Node names must be Python identifiers that stay unambiguous once combined:
check_node_names() refuses the rest with a message that says why.
"""
import keyword
import string

from .errors import CourseInputError

#: Names the course uses for its own values; no node may take them.
RESERVED = frozenset({"L", "correct"})

# Hidden-node letters; F, I and L are skipped so that sF, I1 and L keep one meaning.
HIDDEN_LETTERS = tuple(c for c in string.ascii_uppercase if c not in "FIL")


def sum_name(node):
    """The name of the sum into `node`: sA for A, sF for f, sF2 for f2."""
    return "s" + node[0].upper() + node[1:]


def weight_name(source, target):
    """The name of the weight from `source` to `target`: w_A_C."""
    return f"w_{source}_{target}"


def bias_name(node):
    """The name of the bias into `node`: b_C."""
    return f"b_{node}"


def error_name(name):
    """dL_wrt_<name>: how the loss moves with `name` (a node, a sum, a weight or a bias)."""
    return f"dL_wrt_{name}"


def slope_name(node):
    """d<node>_wrt_s<node>: the activation's slope, dC_wrt_sC."""
    return f"d{node}_wrt_{sum_name(node)}"


def link_name(target, source):
    """ds<target>_wrt_<source>: the slope of target's sum with respect to `source` (a node
    or a weight): dsC_wrt_A = w_A_C, dsC_wrt_w_A_C = A."""
    return f"d{sum_name(target)}_wrt_{source}"


def sent_back_name(node, target):
    """The error `target` sends back to `node`: dL_wrt_A_from_C = dL_wrt_sC * w_A_C."""
    return f"{error_name(node)}_from_{target}"


def correct_name(output, outputs_count):
    """'correct' for a network with one output, else 'correct_f1', 'correct_f2', ..."""
    return "correct" if outputs_count == 1 else f"correct_{output}"


def default_layer_names(sizes):
    """Node names for layer sizes, e.g. (2, 2, 2, 1) -> I1 I2 | A B | C D | f."""
    letters = iter(HIDDEN_LETTERS + tuple(a + b for a in HIDDEN_LETTERS for b in HIDDEN_LETTERS))
    hidden_count = sum(sizes[1:-1])
    if hidden_count > len(HIDDEN_LETTERS) * (len(HIDDEN_LETTERS) + 1):
        letters = iter(f"H{k}" for k in range(1, hidden_count + 1))
    inputs = tuple(f"I{i + 1}" for i in range(sizes[0]))
    hidden = tuple(tuple(next(letters) for _ in range(n)) for n in sizes[1:-1])
    outputs = ("f",) if sizes[-1] == 1 else tuple(f"f{k + 1}" for k in range(sizes[-1]))
    return (inputs, *hidden, outputs)


def _problem(node):
    """Why `node` cannot be a node name, or '' if it can."""
    if not isinstance(node, str) or not node.isidentifier() or not node.isascii():
        return f"{node!r} is not a name of letters, digits and '_' starting with a letter"
    if keyword.iskeyword(node):
        return f"{node!r} is a Python keyword"
    if "_" in node:
        return f"{node!r} contains '_', which would make weight names like w_A_B_C ambiguous"
    if node in RESERVED:
        return f"{node!r} is the course's name for another value"
    if node[0] == "s" and len(node) > 1 and node[1].isupper():
        return f"{node!r} looks like a sum name (sX is the sum into X)"
    if node[0] == "d" and "wrt" in node:
        return f"{node!r} looks like a derivative name"
    return ""


def check_node_names(layers):
    """Refuse node names that are not identifiers, reserved, or that collide once combined.

    Combined names are sums (sX), weights (w_X_Y), biases (b_X) and every dL_wrt_ name.
    """
    nodes = [n for layer in layers for n in layer]
    for node in nodes:
        problem = _problem(node)
        if problem:
            raise CourseInputError(f"node name {problem}; use names like A, B, H1 or f.")
    seen = {}
    for node in nodes:
        for made in (node, sum_name(node)):
            if made in seen and seen[made] != node:
                raise CourseInputError(f"node names {seen[made]!r} and {node!r} both make "
                                       f"the name {made!r}; rename one of them.")
            seen[made] = node
    if len(set(nodes)) != len(nodes):
        raise CourseInputError(f"node names must be unique, got {nodes}.")


def correct_names(outputs):
    """{output: name of its correct answer} for a Network or a tuple of output names:
    {'f': 'correct'}, or {'f1': 'correct_f1', 'f2': 'correct_f2'}."""
    outputs = getattr(outputs, "outputs", outputs)
    return {o: correct_name(o, len(outputs)) for o in outputs}
