"""Exercises: check functions that accept the right answer and name likely mistakes.

Each name is imported from its module the first time it is used, so a notebook that needs
only the plain-Python checks (notebooks 00-06) loads no numpy: `from course_lib.exercises
import check_f` imports forward_pass alone. Every name below still imports from here.
"""
from importlib import import_module

# The one name that is also the name of its module: imported now, so that importing the module
# course_lib.exercises.broken_pass (which sets the attribute to the module) cannot hide it.
from .broken_pass import broken_pass

#: name -> the module of course_lib.exercises that defines it, imported on first use.
_LAZY = {
    **dict.fromkeys(["Verdict", "check_answer", "close"], "checking"),
    **dict.fromkeys(["chain_mistakes", "fan_out_mistakes", "sum_mistakes",
                     "weight_chain_mistakes"], "mistakes"),
    # notebooks 01-04: forward pass, loss and slope, the last weight, the error at a node
    **dict.fromkeys(["check_sB", "check_sC", "check_f"], "forward_pass"),
    **dict.fromkeys(["check_L", "check_dL_wrt_f", "check_learning_rate"], "loss_and_slope"),
    **dict.fromkeys(["check_df_wrt_sF", "check_dL_wrt_w_C_f"], "last_weight"),
    **dict.fromkeys(["check_dL_wrt_C", "check_dL_wrt_D"], "node_error"),
    # notebooks 05-08: a deeper weight, fan-out, automate it, the matrix form, two outputs
    **dict.fromkeys(["check_dC_wrt_sC", "check_dL_wrt_w_A_C"], "deeper_weight"),
    **dict.fromkeys(["check_dL_wrt_A", "check_dL_wrt_w_I2_B"], "fan_out"),
    **dict.fromkeys(["check_error_at_sum", "check_delta_AB"], "automate"),
    **dict.fromkeys(["check_dL_wrt_f2", "check_dL_wrt_C_two_outputs"], "two_outputs"),
    # write it yourself (notebook 12): the learner's whole pass, checked node by node
    **dict.fromkeys(["BackpropVerdict", "check_backprop"], "own_pass"),
    # notebooks 09-11: the training lab, code generation, the misconception lab
    **dict.fromkeys(["BrokenPass", "broken_pass", "check_broken_line"], "broken_pass"),
    **dict.fromkeys(["check_generated_line", "check_line_count"], "code_generation"),
    **dict.fromkeys(["check_curve_mistake", "mystery_runs"], "misconception_lab"),
    **dict.fromkeys(["LOSS_OUTCOMES", "check_dL_wrt_b_C", "check_large_learning_rate",
                     "check_smallest_layer"], "training_lab"),
}


def __getattr__(name):
    if name in _LAZY:
        module = import_module(f".{_LAZY[name]}", __name__)
        globals().update({n: getattr(module, n) for n, m in _LAZY.items() if m == _LAZY[name]})
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_LAZY))


__all__ = list(_LAZY)
