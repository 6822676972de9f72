"""From the whiteboard to your source code: the whole pass as straight-line code.

The plan of the network (course_lib.core.plan) lists every step; `statements(network)`
turns each step into one line, and two small renderers write those lines as Python or
as C99 (codegen_c):

    sA = I1*w_I1_A + I2*w_I2_A              double sA=I1*w_I1_A+I2*w_I2_A;
    A = sigmoid(sA)                         double A=sigmoid(sA);
    dA_wrt_sA = sigmoid_derivative(A)       double dA_wrt_sA=sigmoid_derivative(A);
    ...
    L = (correct - f)**2                    double L=pow(correct-f,2.0);
    dL_wrt_f = 2*(f - correct)              double dL_wrt_f=2*(f-correct);
    dL_wrt_sF = dL_wrt_f * df_wrt_sF        double dL_wrt_sF=dL_wrt_f*df_wrt_sF;
    dL_wrt_w_C_f = dL_wrt_sF * C            double dL_wrt_w_C_f=dL_wrt_sF*C;
    dL_wrt_C = dL_wrt_sF * w_C_f            double dL_wrt_C=dL_wrt_sF*w_C_f;

The helper functions (sigmoid, sigmoid_derivative, ...) are written from the `python`
and `c` source of each activation's row in ACTIVATIONS; L and dL_wrt_f from the loss's
row in LOSSES. So a new row in either table is at once a new row in the generated code.
Every name is course_lib's name (Trace.values, Trace.slopes, Gradients.values and L),
so the generated code can be checked against course_lib value by value.
"""
import keyword

from ..core.backward import backward
from ..core.errors import CourseInputError
from ..core.forward import forward
from ..core.losses import get_loss
from ..core.names import correct_names, slope_name
from ..core.sample import read_correct, read_inputs
from .codegen_c import c_source, find_c_compiler, run_c
from .codegen_lines import (Statement, called, check_free, derivative_function, helper_rows,
                            loss_slope, loss_terms, statements, value_names)

__all__ = ["Statement", "statements", "value_names", "python_expression", "python_source", "c_source",
           "find_c_compiler", "run_c", "course_values"]


def python_expression(line):
    """The right-hand side of Statement `line` as Python: 'I1*w_I1_A + I2*w_I2_A'."""
    if line.kind == "sum":   # tight products inside a longer sum, as PEP 8 suggests
        times = " * " if len(line.args) == 1 else "*"
        return " + ".join(times.join(product) for product in line.args)
    if line.kind == "call":
        return f"{line.args[0]}({line.args[1]})"
    if line.kind == "loss":
        return " + ".join(loss_terms(line, "python"))
    if line.kind == "slope":
        return loss_slope(line, "python")
    raise ValueError(line.kind)


def _docstring(text):
    return text.replace("\\", "/").replace('"', "'")


def _python_helpers(network):
    """`def sigmoid(s)` and `def sigmoid_derivative(A)`, from each activation row's source."""
    helpers = []
    for row in helper_rows(network):
        function, slope = row.python
        helpers += [f"def {row.name}(s):\n"
                    f'    """A = {row.name}(sA): the row {row.name!r} of course_lib\'s '
                    'activation table."""\n'
                    f"    return {function}\n",
                    f"def {derivative_function(row.name)}(A):\n"
                    f'    """{slope_name("A")} from the output A: {_docstring(row.formula)}, '
                    f'like activation_function_derivative({row.name!r}, A)."""\n'
                    f"    return {slope}\n"]
    return helpers


def _taken(network, loss):
    """Names the generated Python uses for its module, helpers and loss functions."""
    rows = helper_rows(network)
    return ({"math"} | {r.name for r in rows} | {derivative_function(r.name) for r in rows}
            | called(" ".join(get_loss(loss).python)))


def _check_function_name(name, network, lines, loss):
    generated = {*network.inputs, *network.weights, *correct_names(network).values(),
                 *(line.name for line in lines if line.name), *_taken(network, loss)}
    if (not isinstance(name, str) or not (name.isidentifier() and name.isascii())
            or keyword.iskeyword(name) or name in generated):
        raise CourseInputError(
            f"function_name must be a Python name (letters, digits and '_', not starting "
            f"with a digit), not a keyword, and not a name the generated code already uses "
            f"({', '.join(sorted(_taken(network, loss)))} or a value name); got {name!r}. "
            "For example 'forward_backward'.")


def python_source(network, inputs=None, correct=None, function_name="forward_backward",
                  loss="squared"):
    """Python source of a function computing every named value of one sample.

    The function takes the inputs, the correct answer(s) and, as keyword arguments, the
    weights (defaults: the network's weights, written with repr() so they round-trip).
    Give `inputs` and `correct` to make the sample the default too. It returns a dict
    {name: value} of every value, in the order computed. `loss` names a row of LOSSES.
    """
    if (inputs is None) != (correct is None):
        raise CourseInputError("give both inputs and correct (a sample), or neither.")
    lines = statements(network, loss)
    check_free(network, lines, _taken(network, loss), "Python")
    _check_function_name(function_name, network, lines, loss)
    samples = {}
    if inputs is not None:
        samples = {**read_inputs(network, inputs),
                   **{correct_names(network)[o]: v
                      for o, v in read_correct(network, correct).items()}}
    head = [n + (f"={samples[n]!r}" if n in samples else "")
            for n in (*network.inputs, *correct_names(network).values())]
    params = ", ".join(head + ["*"] + [f"{n}={v!r}" for n, v in network.weights.items()])
    body = [f"    # {line.args[0]}" if line.kind == "comment"
            else f"    {line.name} = {python_expression(line)}" for line in lines]
    returned = ", ".join(f'"{n}": {n}' for n in value_names(network))
    return "\n".join([
        f'"""Forward and backward pass of {network!r} for one sample.',
        "",
        "Generated by course_lib.topics.codegen; the names are the article's names.",
        '"""',
        "import math",
        "", "",
        "\n\n".join(_python_helpers(network)),
        "",
        f"def {function_name}({_wrap(params, len(function_name) + 5)}):",
        '    """Every named value of one sample: {"I1": .., "sA": .., ..., "dL_wrt_w_I1_A": ..}."""',
        *body,
        f"    return {{{_wrap(returned, 12)}}}",
        "",
    ])


def _wrap(text, indent, width=92):
    """Break a ', '-separated list into lines of at most `width` characters."""
    lines, current = [], ""
    for item in text.split(", "):
        if current and indent + len(current) + len(item) + 2 > width:
            lines.append(current + ",")
            current = item
        else:
            current = f"{current}, {item}" if current else item
    return ("\n" + " " * indent).join(lines + [current])


def course_values(network, inputs, correct, loss="squared"):
    """The same named values from course_lib itself: Trace values and slopes, L, Gradients."""
    trace = forward(network, inputs)
    grads = backward(trace, correct, loss)
    return {**trace.values, **trace.slopes, "L": grads.loss, **grads.values}
