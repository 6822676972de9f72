"""The lines of generated code, read off the plan (course_lib.core.plan) and the tables.

One Statement per plan step, in the plan's order; beside each activation its slope,
as forward computes it; between forward and backward the loss L. The Python and C
renderers (codegen, codegen_c) only choose the spelling: the source of each activation
and loss comes from its row of ACTIVATIONS or LOSSES.
"""
import keyword
import re
from dataclasses import dataclass, field

from ..core.activations import get_activation
from ..core.errors import CourseInputError
from ..core.losses import get_loss
from ..core.names import correct_names
from ..core.network import check_network
from ..core.plan import plan_of


@dataclass(frozen=True)
class Statement:
    """One line of the pass: `name = expression`, or a comment (name None).

    kind and args say what the expression is, in no particular language:
    - "sum":   args = products, each a tuple of names: (("I1", "w_I1_A"), ("I2", "w_I2_A"))
    - "call":  args = (function, argument):            ("sigmoid", "sA")
    - "loss":  args = (loss, (correct, output) pairs): ("squared", (("correct", "f"),))
    - "slope": args = (loss, output, correct):         ("squared", "f", "correct")
    - "comment": args = (text,)
    step: the plan step the line computes (None for comments and L).
    """

    name: "str | None"
    kind: str
    args: tuple
    step: object = field(default=None, repr=False, compare=False)


def derivative_function(activation):
    """The generated helper for an activation's slope, like activation_function_derivative."""
    return f"{activation}_derivative"


def _forward_lines(step):
    if step.kind == "sum":
        products = tuple((source, w) for w, source in step.sources)
        return [Statement(step.name, "sum", products + (((step.bias,),) if step.bias else ()),
                          step)]
    return [Statement(step.name, "call", (step.activation, step.sum), step),         # X = act(sX)
            Statement(step.slope, "call", (derivative_function(step.activation), step.node),
                      step)]                                                          # dX_wrt_sX


def _backward_line(step, loss):
    kind = step.kind
    if kind == "loss slope":
        return Statement(step.name, "slope", (loss, step.node, step.correct), step)
    if kind == "node error":   # the errors sent back by every node X feeds, SUMMED (fan-out)
        products = tuple((part.sum_error, part.weight) for part in step.parts)
    elif kind == "sum error":
        products = ((step.error, step.slope),)
    elif kind == "weight gradient":                                    # dsY_wrt_w_X_Y = X
        products = ((step.sum_error, step.source),)
    else:                                                              # dL_wrt_b_Y = dL_wrt_sY
        products = ((step.sum_error,),)
    return Statement(step.name, "sum", products, step)


def statements(network, loss="squared"):
    """Every line of one sample's forward and backward pass, in the plan's order."""
    loss = get_loss(loss).name
    plan = plan_of(check_network(network))
    lines = [Statement(None, "comment", ("forward: the sum into each node, then its "
                                         "activation and the activation's slope",))]
    for step in plan.forward:
        lines += _forward_lines(step)
    lines += [Statement(None, "comment", ("the loss of this sample, summed over the outputs",)),
              Statement("L", "loss", (loss, tuple((plan.correct[o], o) for o in network.outputs))),
              Statement(None, "comment", ("backward: from the outputs back to the first layer",))]
    lines += [_backward_line(step, loss) for step in plan.backward]
    _check_names(network, lines)
    return tuple(lines)


def _check_names(network, lines):
    names = [*network.inputs, *network.weights, *correct_names(network).values(),
             *(line.name for line in lines if line.name), *dict.fromkeys(network.activations)]
    bad = [n for n in names if not (n.isidentifier() and n.isascii()) or keyword.iskeyword(n)]
    if bad:
        raise CourseInputError(f"these names cannot be variables in Python and C: {bad}; "
                               "use letters, digits and '_' for node names.")


def value_names(network):
    """The names the generated code returns (Python) or prints (C), in order."""
    return (*network.inputs, *(line.name for line in statements(network) if line.name))


def substitute(expression, names):
    """`expression` with whole-word names replaced: substitute("(correct - f)**2",
    {"f": "f1", "correct": "correct_f1"}) == "(correct_f1 - f1)**2"."""
    pattern = r"(?<![\w.])(" + "|".join(map(re.escape, names)) + r")(?!\w)"
    return re.sub(pattern, lambda m: names[m.group(1)], expression)


def called(expression):
    """The identifiers an expression uses besides f and correct (functions, modules)."""
    return set(re.findall(r"[A-Za-z_]\w*", expression)) - {"f", "correct"}


def term(expression, several):
    """`expression` ready to be added to others: in parentheses when `several` and it has
    an operator outside parentheses that binds less tightly than * (or might)."""
    depth, start, loose = 0, len(expression) - len(expression.lstrip("+- ")), False
    for char in expression[start:]:
        depth += {"(": 1, ")": -1}.get(char, 0)
        loose = loose or (depth == 0 and char in "+-<>=!&|^?:, ")
    return f"({expression})" if several and loose else expression


def loss_terms(line, language):
    """The loss row's value expression for each output of the "loss" Statement `line`."""
    row = get_loss(line.args[0])
    value = getattr(row, language)[0]
    pairs = line.args[1]
    return [term(substitute(value, {"f": o, "correct": c}), len(pairs) > 1) for c, o in pairs]


def loss_slope(line, language):
    """The loss row's slope expression for the "slope" Statement `line`."""
    loss, output, correct = line.args
    return substitute(getattr(get_loss(loss), language)[1], {"f": output, "correct": correct})


def helper_rows(network):
    """The activation rows the generated code needs a helper for, each once, in layer order."""
    return [get_activation(a) for a in dict.fromkeys(network.activations)]


def check_free(network, lines, taken, language):
    """Refuse value names the generated code also uses for something else (`taken`)."""
    names = [*network.inputs, *network.weights, *correct_names(network).values(),
             *(line.name for line in lines if line.name)]
    clash = sorted(set(names) & set(taken))
    if clash:
        raise CourseInputError(f"these names cannot be variables in the generated {language}: "
                               f"{clash}, which name its functions, modules or keywords; "
                               "rename those nodes.")
