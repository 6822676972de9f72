"""From the whiteboard to your source code: the whole pass as straight-line code.

One walk over the network, `statements(network)`, lists every line in the article's
order; two small renderers write those lines as Python or as C99:

    sA = I1*w_I1_A + I2*w_I2_A              double sA=I1*w_I1_A+I2*w_I2_A;
    A = sigmoid(sA)                         double A=sigmoid(sA);
    ...
    L = (correct - f)**2                    double L=pow(correct-f,2.0);
    dL_wrt_f = 2*(f - correct)              double dL_wrt_f=2*(f-correct);
    df_wrt_sF = sigmoid_derivative(f)       double df_wrt_sF=sigmoid_derivative(f);
    dL_wrt_sF = dL_wrt_f * df_wrt_sF        double dL_wrt_sF=dL_wrt_f*df_wrt_sF;
    dL_wrt_w_C_f = dL_wrt_sF * C            double dL_wrt_w_C_f=dL_wrt_sF*C;
    dL_wrt_C = dL_wrt_sF * w_C_f            double dL_wrt_C=dL_wrt_sF*w_C_f;

Every name is course_lib's name (Trace.values, Trace.slopes, Gradients.values and L),
so the generated code can be checked against course_lib value by value.
"""
import keyword
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass

from ..core.backward import backward
from ..core.errors import CourseInputError
from ..core.forward import forward
from ..core.names import correct_names, sum_name
from ..core.sample import read_correct, read_inputs


@dataclass(frozen=True)
class Statement:
    """One line of the pass: `name = expression`, or a comment (name None).

    kind and args say what the expression is, in no particular language:
    - "sum":   args = products, each a tuple of names: (("I1", "w_I1_A"), ("I2", "w_I2_A"))
    - "call":  args = (function, argument):            ("sigmoid", "sA")
    - "loss":  args = (correct name, output) pairs:    (("correct", "f"),)
    - "slope": args = (output, correct name):          ("f", "correct")
    - "comment": args = (text,)
    """

    name: "str | None"
    kind: str
    args: tuple


def statements(network):
    """Every line of one sample's forward and backward pass, in the article's order."""
    correct = correct_names(network)
    lines = [Statement(None, "comment", ("forward: the sum into each node, then its activation",))]
    for node, (s, incoming, bias, act) in network.incoming.items():
        products = tuple((source, w) for w, source in incoming) + (((bias,),) if bias else ())
        lines += [Statement(s, "sum", products), Statement(node, "call", (act, s))]
    lines += [Statement(None, "comment", ("the loss of this sample, summed over the outputs",)),
              Statement("L", "loss", tuple((correct[o], o) for o in network.outputs)),
              Statement(None, "comment", ("backward: from the outputs back to the first layer",))]
    for layer in reversed(network.layers[1:]):
        for node in layer:
            s, incoming, bias, act = network.incoming[node]
            sent_back = network.outgoing.get(node, ())
            if sent_back:   # the errors this node sent on come back: SUM them (fan-out)
                error = Statement(f"dL_wrt_{node}", "sum",
                                  tuple((f"dL_wrt_{sum_name(t)}", w) for w, t in sent_back))
            else:           # an output: the slope of the loss at the forecast
                error = Statement(f"dL_wrt_{node}", "slope", (node, correct[node]))
            lines += [error,
                      Statement(f"d{node}_wrt_{s}", "call", (f"{act}_derivative", node)),
                      Statement(f"dL_wrt_{s}", "sum", ((f"dL_wrt_{node}", f"d{node}_wrt_{s}"),))]
            lines += [Statement(f"dL_wrt_{w}", "sum", ((f"dL_wrt_{s}", source),))
                      for w, source in incoming]                      # dsX_wrt_w_S_X = S
            if bias:
                lines.append(Statement(f"dL_wrt_{bias}", "sum", ((f"dL_wrt_{s}",),)))
    _check_names(network, lines)
    return tuple(lines)


def _check_names(network, lines):
    names = [*network.inputs, *network.weights, *correct_names(network).values(),
             *(line.name for line in lines if line.name)]
    bad = [n for n in names if not (n.isidentifier() and n.isascii()) or keyword.iskeyword(n)]
    if bad:
        raise CourseInputError(f"these names cannot be variables in Python and C: {bad}; "
                               "use letters, digits and '_' for node names.")


def value_names(network):
    """The names the generated code returns (Python) or prints (C), in order."""
    return (*network.inputs, *(line.name for line in statements(network) if line.name))


# --- Python ------------------------------------------------------------------------------

_PY_HELPERS = {
    "sigmoid": ("def sigmoid(s):\n"
                "    \"\"\"1 / (1 + e^-s), the exponent clipped at 700 so exp never overflows.\"\"\"\n"
                "    return 1.0 / (1.0 + math.exp(min(-s, 700.0)))\n",
                "def sigmoid_derivative(A):\n"
                "    \"\"\"dA_wrt_sA from the output A, like activation_function_derivative(A).\"\"\"\n"
                "    return A * (1.0 - A)\n"),
    "tanh": ("def tanh(s):\n    return math.tanh(s)\n",
             "def tanh_derivative(A):\n    return 1.0 - A * A\n"),
    "relu": ("def relu(s):\n    return s if s > 0.0 else 0.0\n",
             "def relu_derivative(A):\n    return 1.0 if A > 0.0 else 0.0\n"),
    "linear": ("def linear(s):\n    return s\n",
               "def linear_derivative(A):\n    return 1.0\n"),
}


def _python_expression(line):
    if line.kind == "sum":   # tight products inside a longer sum, as PEP 8 suggests
        times = " * " if len(line.args) == 1 else "*"
        return " + ".join(times.join(product) for product in line.args)
    if line.kind == "call":
        return f"{line.args[0]}({line.args[1]})"
    if line.kind == "loss":
        return " + ".join(f"({c} - {o})**2" for c, o in line.args)
    if line.kind == "slope":
        return f"2*({line.args[0]} - {line.args[1]})"
    raise ValueError(line.kind)


def python_source(network, inputs=None, correct=None, function_name="forward_backward"):
    """Python source of a function computing every named value of one sample.

    The function takes the inputs, the correct answer(s) and, as keyword arguments, the
    weights (defaults: the network's weights, written with repr() so they round-trip).
    Give `inputs` and `correct` to make the sample the default too. It returns a dict
    {name: value} of every value, in the order computed.
    """
    if (inputs is None) != (correct is None):
        raise CourseInputError("give both inputs and correct (a sample), or neither.")
    samples = {}
    if inputs is not None:
        samples = {**read_inputs(network, inputs),
                   **{correct_names(network)[o]: v
                      for o, v in read_correct(network, correct).items()}}
    lines = statements(network)
    head = [n + (f"={samples[n]!r}" if n in samples else "")
            for n in (*network.inputs, *correct_names(network).values())]
    params = ", ".join(head + ["*"] + [f"{n}={v!r}" for n, v in network.weights.items()])
    body = [f"    # {line.args[0]}" if line.kind == "comment"
            else f"    {line.name} = {_python_expression(line)}" for line in lines]
    returned = ", ".join(f'"{n}": {n}' for n in value_names(network))
    helpers = [_PY_HELPERS[a][i] for a in dict.fromkeys(network.activations) for i in (0, 1)]
    return "\n".join([
        f'"""Forward and backward pass of {network!r} for one sample.',
        "",
        "Generated by course_lib.codegen; the names are the article's names.",
        '"""',
        "import math",
        "", "",
        "\n\n".join(helpers),
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


# --- C99 -----------------------------------------------------------------------------------

_C_HELPERS = {
    "sigmoid": ("double sigmoid(double s)\n{\n"
                "   /* 1/(1+e^-s); the exponent is clipped at 700 so exp never overflows */\n"
                "   return 1.0/(1.0+exp(fmin(-s,700.0)));\n}\n",
                "double sigmoid_derivative(double A)\n{\n"
                "   /* dA_wrt_sA from the output A, like activation_function_derivative(A) */\n"
                "   return A*(1.0-A);\n}\n"),
    "tanh": ("",  # tanh itself comes from math.h
             "double tanh_derivative(double A)\n{\n   return 1.0-A*A;\n}\n"),
    "relu": ("double relu(double s)\n{\n   return s>0.0 ? s : 0.0;\n}\n",
             "double relu_derivative(double A)\n{\n   return A>0.0 ? 1.0 : 0.0;\n}\n"),
    "linear": ("double linear(double s)\n{\n   return s;\n}\n",
               "double linear_derivative(double A)\n{\n   return 1.0;\n}\n"),
}


def _c_expression(line):
    if line.kind == "sum":
        return "+".join("*".join(product) for product in line.args)
    if line.kind == "call":
        return f"{line.args[0]}({line.args[1]})"
    if line.kind == "loss":  # the article's MathPow((correct-forecast),2.0)
        return "+".join(f"pow({c}-{o},2.0)" for c, o in line.args)
    if line.kind == "slope":
        return f"2*({line.args[0]}-{line.args[1]})"
    raise ValueError(line.kind)


def c_source(network, inputs, correct):
    """A complete C99 program: the sample and weights as `const double`, the whole pass,
    then `printf("name %.17g\\n", name)` for every named value.

    Build and run:  cc -std=c99 program.c -lm && ./a.out
    """
    sample = {**read_inputs(network, inputs),
              **{correct_names(network)[o]: v for o, v in read_correct(network, correct).items()}}
    constants = [f"   const double {n}={v:.17g};" for n, v in sample.items()]
    weights = [f"   const double {n}={v:.17g};" for n, v in network.weights.items()]
    body = [f"   // {line.args[0]}" if line.kind == "comment"
            else f"   double {line.name}={_c_expression(line)};" for line in statements(network)]
    prints = [f'   printf("{n} %.17g\\n", {n});' for n in value_names(network)]
    helpers = [_C_HELPERS[a][i] for a in dict.fromkeys(network.activations) for i in (0, 1)]
    return "\n".join([
        f"/* Forward and backward pass of {network!r} for one sample.",
        "   Generated by course_lib.codegen; the names are the article's names.",
        "   Build and run: cc -std=c99 -Wall program.c -lm && ./a.out */",
        "#include <math.h>",
        "#include <stdio.h>",
        "",
        "\n".join(h for h in helpers if h),
        "int main(void)",
        "{",
        "   // the sample",
        *constants,
        "   // the weights",
        *weights,
        *body,
        "   // every named value, one per line",
        *prints,
        "   return 0;",
        "}",
        "",
    ])


def find_c_compiler():
    """Path of the system C compiler (cc, gcc or clang), or None when there is none."""
    return next(filter(None, map(shutil.which, ("cc", "gcc", "clang"))), None)


def run_c(source, compiler=None, flags=("-std=c99", "-O0", "-Wall", "-Werror")):
    """Compile `source` with the system C compiler, run it, return {name: value}.

    Raises CourseInputError if no compiler is found, CalledProcessError if the
    compiler or the program fails (with the compiler's messages in .stderr).
    """
    compiler = compiler or find_c_compiler()
    if compiler is None:
        raise CourseInputError("no C compiler found (looked for cc, gcc, clang).")
    with tempfile.TemporaryDirectory() as folder:
        program, binary = os.path.join(folder, "pass.c"), os.path.join(folder, "pass")
        with open(program, "w") as file:
            file.write(source)
        subprocess.run([compiler, *flags, program, "-o", binary, "-lm"],
                       check=True, capture_output=True, text=True)
        out = subprocess.run([binary], check=True, capture_output=True, text=True).stdout
    return {name: float(value) for name, value in (line.split() for line in out.splitlines())}


def course_values(network, inputs, correct):
    """The same named values from course_lib itself: Trace values and slopes, L, Gradients."""
    trace = forward(network, inputs)
    grads = backward(trace, correct)
    return {**trace.values, **trace.slopes, "L": grads.loss, **grads.values}
