"""The classic mistakes, computed from their mistaken formulas.

Each function takes Gradients from course_lib.backward and returns
{description: the value that mistake gives}, for check_answer() to recognise.
"""
import math

from ..core.names import slope_name, sum_name


def chain_mistakes(gradients, weight):
    """Mistakes in dL_wrt_<weight>, by changing one thing in each path of its chain."""
    chain = gradients.chain(weight)
    values = gradients.trace.values
    source = gradients.network.ends(weight)[0]
    right = chain.value

    def along_paths(change):
        return math.fsum(math.prod(change(f) for f in path) for path in chain.paths)

    slopes = {slope_name(node) for node in gradients.network.incoming}   # every dX_wrt_sX
    found = {
        "the sign is flipped (f - correct vs correct - f)": -right,
        "you dropped the factor 2 of dL_wrt_f = 2*(f - correct)": right / 2,
        "you forgot an activation derivative (dX_wrt_sX = activation_function_derivative(X))":
            along_paths(lambda f: 1.0 if f.name in slopes else f.value),
    }
    if source is not None:
        last = chain.paths[0][-1]
        for name, value in ((f"the sum {sum_name(source)} instead of the activation {source}",
                             values.get(sum_name(source))),
                            (f"the weight {weight} instead of the node value {source}",
                             gradients.network.weights[weight])):
            if value is not None:
                found[f"you used {name}"] = along_paths(
                    lambda f, v=value: v if f is last else f.value)
    if len(chain.paths) > 1:
        found["you averaged the errors at a fan-out instead of summing them"] = right / len(chain.paths)
    return found


def fan_out_mistakes(gradients, node):
    """Mistakes in dL_wrt_<node> for a node that feeds several nodes."""
    parts = gradients.contributions(node).parts    # (target, 'dL_wrt_sC * w_A_C', value)
    total = math.fsum(value for _, _, value in parts)
    found = {"you averaged the incoming errors instead of summing them": total / len(parts),
             "the sign is flipped": -total}
    for target, label, value in parts:
        found[f"you kept only the error from {target} ({label})"] = value
    return found
