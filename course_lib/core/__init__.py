"""The maths of the course in plain Python (standard library only).

    names       every naming rule: sX, w_X_Y, b_X, dL_wrt_X, dX_wrt_sX, ...
    network     the network as data; build: make_network, the article's network
    activations, losses: one table each
    plan        the ordered steps of forward and backward, as named records
    forward, backward, chains, explain, gradcheck, descent: the article's pass
"""
from .activations import (ACTIVATIONS, Activation, activation_function,
                          activation_function_derivative, get_activation)
from .backward import CHAIN_RULE, ChainRule, Gradients, backward, walk_backward
from .chains import Chain, Contributions, Factor
from .descent import update
from .errors import CourseInputError, DivergedError, UnknownNameError
from .explain import Explanation, explain, number
from .forward import Trace, forward
from .gradcheck import GradientCheck, gradient_check, loss_of, nudge, relative_error
from .losses import LOSSES, Loss, get_loss, loss_slope, loss_value
from .build import SEED_SAMPLE, SEED_WEIGHTS, make_network, seed_network, two_output_network
from .network import Network
from .plan import Plan, plan_of

__all__ = ["ACTIVATIONS", "Activation", "activation_function", "activation_function_derivative",
           "get_activation", "CHAIN_RULE", "ChainRule", "Gradients", "backward", "walk_backward",
           "Chain", "Contributions", "Factor", "update", "CourseInputError", "DivergedError",
           "UnknownNameError", "Explanation", "explain", "number", "Trace", "forward",
           "GradientCheck", "gradient_check", "loss_of", "nudge", "relative_error", "LOSSES",
           "Loss", "get_loss", "loss_slope", "loss_value", "SEED_SAMPLE", "SEED_WEIGHTS",
           "Network", "make_network", "seed_network", "two_output_network", "Plan", "plan_of"]
