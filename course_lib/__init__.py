"""course_lib: the chain rule of the article, as code with the article's names.

    net = seed_network()                       # I1, I2 -> A, B -> C, D -> f
    trace = forward(net, [1.0, 0.5])           # sA, A, sB, B, ..., sF, f
    grads = backward(trace, correct=1.0)       # dL_wrt_f, dL_wrt_sF, ..., dL_wrt_w_I1_A
    print(grads.explain("w_A_C"))              # the chain as a line of code
"""
from .activations import ACTIVATIONS, activation_function, activation_function_derivative
from .backward import Chain, Contributions, Factor, Gradients, backward
from .batch import BatchGradients, BatchTrace, backward_batch, forward_batch
from .descent import Training, train, update
from .errors import CourseInputError, DivergedError, UnknownNameError
from .explain import Explanation, explain
from .forward import Trace, forward
from .gradcheck import GradientCheck, gradient_check, loss_of, nudge, relative_error
from .loss import loss_slope, loss_value
from .network import (SEED_SAMPLE, SEED_WEIGHTS, Network, make_network, seed_network,
                      two_output_network)

from .codegen import (c_source, course_values, find_c_compiler, python_source, run_c,
                      statements)
from .datasets import DATASETS, load_dataset, moons, xor
from .misconception_plots import plot_mistake_curves
from .misconceptions import (MISCONCEPTIONS, backward_with, compare_training, epochs_to_reach,
                             mistake_verdict, train_with)
from .stepper_state import StepperState
from .training_lab import (NETWORKS, DecisionGrid, TrainingLabState, accuracy, decision_grid,
                           deep_network, forecasts, front_to_last, gradient_sizes_by_activation,
                           lab_network, loss_sparkline, plot_decision_boundary,
                           plot_gradient_sizes_over_training, plot_loss_curves)

# The ipywidgets views are imported only when asked for, so that `import course_lib`
# does not pay for importing ipywidgets (~0.9 s).
_VIEWS = {"Stepper": "stepper_view", "TrainingLab": "training_view"}


def __getattr__(name):
    if name in _VIEWS:
        from importlib import import_module
        return getattr(import_module(f".{_VIEWS[name]}", __name__), name)
    raise AttributeError(f"module 'course_lib' has no attribute {name!r}")


__all__ = [
    "ACTIVATIONS", "activation_function", "activation_function_derivative",
    "Chain", "Contributions", "Factor", "Gradients", "backward",
    "BatchGradients", "BatchTrace", "backward_batch", "forward_batch",
    "Training", "train", "update",
    "CourseInputError", "DivergedError", "UnknownNameError",
    "Explanation", "explain", "Trace", "forward",
    "GradientCheck", "gradient_check", "loss_of", "nudge", "relative_error",
    "loss_slope", "loss_value",
    "SEED_SAMPLE", "SEED_WEIGHTS", "Network", "make_network", "seed_network",
    "two_output_network",
    "Stepper", "StepperState", "TrainingLab",
    "c_source", "course_values", "find_c_compiler", "python_source", "run_c", "statements",
    "MISCONCEPTIONS", "backward_with", "compare_training", "epochs_to_reach",
    "mistake_verdict", "train_with", "plot_mistake_curves",
    "DATASETS", "load_dataset", "moons", "xor",
    "NETWORKS", "DecisionGrid", "TrainingLabState", "accuracy", "decision_grid",
    "deep_network", "forecasts", "front_to_last", "gradient_sizes_by_activation",
    "lab_network", "loss_sparkline", "plot_decision_boundary",
    "plot_gradient_sizes_over_training", "plot_loss_curves",
]
