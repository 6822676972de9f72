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
]

# The stepper (issue 4): a state model, and its ipywidgets view imported only when asked
# for, so that `import course_lib` does not pay for importing ipywidgets (~0.9 s).
from .stepper_state import StepperState  # noqa: E402

__all__ += ["Stepper", "StepperState"]


def __getattr__(name):
    if name == "Stepper":
        from .stepper_view import Stepper
        return Stepper
    raise AttributeError(f"module 'course_lib' has no attribute {name!r}")

# Code generation (issue 5): the whole pass as straight-line Python or C99.
from .codegen import (c_source, course_values, find_c_compiler, python_source,  # noqa: E402
                      run_c, statements)

__all__ += ["c_source", "course_values", "find_c_compiler", "python_source", "run_c", "statements"]

# The misconception lab (issue 5): the classic mistakes as switches on a backward pass.
from .misconception_plots import plot_mistake_curves  # noqa: E402
from .misconceptions import (MISCONCEPTIONS, backward_with, compare_training,  # noqa: E402
                             epochs_to_reach, mistake_verdict, train_with)

__all__ += ["MISCONCEPTIONS", "backward_with", "compare_training", "epochs_to_reach",
            "mistake_verdict", "train_with", "plot_mistake_curves"]

# The training lab (issue 5): built-in data sets, the lab's logic and pictures; its ipywidgets
# view TrainingLab is imported only when asked for (no ipywidgets cost on import course_lib).
from .datasets import DATASETS, load_dataset, moons, xor  # noqa: E402
from .training_lab import (NETWORKS, DecisionGrid, TrainingLabState, accuracy,  # noqa: E402
                           decision_grid, deep_network, forecasts, front_to_last,
                           gradient_sizes_by_activation, lab_network, loss_sparkline,
                           plot_decision_boundary, plot_gradient_sizes_over_training,
                           plot_loss_curves)

__all__ += ["DATASETS", "load_dataset", "moons", "xor",
            "NETWORKS", "DecisionGrid", "TrainingLabState", "accuracy", "decision_grid",
            "deep_network", "forecasts", "front_to_last", "gradient_sizes_by_activation",
            "lab_network", "loss_sparkline", "plot_decision_boundary",
            "plot_gradient_sizes_over_training", "plot_loss_curves", "TrainingLab"]

_getattr_before_training_lab = __getattr__


def __getattr__(name):  # noqa: F811  (extends the lazy lookup above)
    if name == "TrainingLab":
        from .training_view import TrainingLab
        return TrainingLab
    return _getattr_before_training_lab(name)
