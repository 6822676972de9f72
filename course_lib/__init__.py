"""course_lib: the chain rule of the article, as code with the article's names.

    net = seed_network()                       # I1, I2 -> A, B -> C, D -> f
    trace = forward(net, [1.0, 0.5])           # sA, A, sB, B, ..., sF, f
    grads = backward(trace, correct=1.0)       # dL_wrt_f, dL_wrt_sF, ..., dL_wrt_w_I1_A
    print(grads.explain("w_A_C"))              # the chain as a line of code

The maths (course_lib.core) is plain Python and imported here; everything that needs
numpy, matplotlib or ipywidgets (matrices, topics, views, labs) is imported the first
time one of its names is used, so `import course_lib` stays light. activation_function
and activation_function_derivative compute a number in plain Python and import the
matrix form only when given a list or an array.
"""
import sys
from importlib import import_module

from .core import activations as _core_activations
from .core import (ACTIVATIONS, Chain, Contributions, CourseInputError, DivergedError,
                   Explanation, Factor, GradientCheck, Gradients, Network, SEED_SAMPLE,
                   SEED_WEIGHTS, Trace, UnknownNameError, backward, explain, forward,
                   gradient_check, loss_of, loss_slope, loss_value, make_network, nudge,
                   relative_error, seed_network, two_output_network, update)

_CORE = ["ACTIVATIONS", "Chain", "Contributions", "CourseInputError", "DivergedError",
         "Explanation", "Factor", "GradientCheck", "Gradients", "Network", "SEED_SAMPLE",
         "SEED_WEIGHTS", "Trace", "UnknownNameError", "backward", "explain", "forward",
         "gradient_check", "loss_of", "loss_slope", "loss_value", "make_network", "nudge",
         "relative_error", "seed_network", "two_output_network", "update"]

# name -> the module that defines it, imported on first use.
_LAZY = {
    **dict.fromkeys(["BatchGradients", "BatchTrace", "backward_batch", "forward_batch",
                     "Training", "train", "weight_matrices", "bias_vectors"], "matrices"),
    **dict.fromkeys(["c_source", "course_values", "find_c_compiler", "python_source", "run_c",
                     "statements"], "topics.codegen"),
    **dict.fromkeys(["DATASETS", "load_dataset", "moons", "xor"], "topics.datasets"),
    **dict.fromkeys(["MISCONCEPTIONS", "backward_with", "mistake_verdict"],
                    "topics.misconceptions"),
    **dict.fromkeys(["compare_training", "epochs_to_reach", "train_with"],
                    "topics.misconception_training"),
    **dict.fromkeys(["NETWORKS", "DecisionGrid", "accuracy", "decision_grid", "deep_network",
                     "forecasts", "front_to_last", "gradient_sizes_by_activation",
                     "lab_network"], "topics.training_presets"),
    **dict.fromkeys(["plot_mistake_curves"], "views.misconception_plots"),
    **dict.fromkeys(["loss_sparkline"], "views.sparkline"),
    **dict.fromkeys(["plot_decision_boundary", "plot_gradient_sizes_over_training",
                     "plot_loss_curves", "plot_training_losses"], "views.training_plots"),
    "network_diagram": "views.diagram",
    "StepperState": "labs.stepper_state",
    "TrainingLabState": "labs.training_lab",
    "Stepper": "labs.stepper_view",
    "TrainingLab": "labs.training_view",
    "check_backprop": "labs.own_pass_view",
    "QuizState": "labs.quiz",
    "Quiz": "labs.quiz_view",
    "quiz_scores": "labs.quiz_view",
}


def _activations_for(value):
    """The module that computes an activation of `value`: core.activations for a number (plain
    Python, no numpy), matrices.activations for a list, a tuple or a numpy array."""
    numpy = sys.modules.get("numpy")      # an array exists only once numpy has been imported
    if isinstance(value, (list, tuple)) or numpy is not None and isinstance(value, numpy.ndarray):
        return import_module(".matrices.activations", __name__)
    return _core_activations


def activation_function(name, s):
    """A = activation(sA), the article's `activation_function(sA)`, for one number or (with
    numpy) a list or an array of sums: activation_function("sigmoid", 0.5)."""
    return _activations_for(s).activation_function(name, s)


def activation_function_derivative(name, a):
    """dA_wrt_sA from the value A, the article's `activation_function_derivative(A)`, for one
    number or (with numpy) a list or an array of values."""
    return _activations_for(a).activation_function_derivative(name, a)


def __getattr__(name):
    if name in _LAZY:
        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'course_lib' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_LAZY))


__all__ = [*_CORE, "activation_function", "activation_function_derivative", *_LAZY]
