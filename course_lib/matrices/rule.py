"""The local moves of the batch backward pass (matrices.batch._backward), as a class.

A MatrixRule holds ChainRule's moves (core.backward) for a whole layer at once, on arrays with
one row per sample, named in the plural. Each classic mistake (course_lib.topics.mistaken_rules)
changes one of them. This module imports no numpy when it is loaded: a rule is built for one
sample too (in a browser Python without numpy), and only the batch walk, which has numpy
already, calls the moves below.
"""


def filled_like(Y, value):
    """`value` if it is an array already, else an array shaped like Y holding `value`
    everywhere (np.full_like)."""
    import numpy as np      # only the batch walk calls this, with arrays: numpy is loaded

    return value if isinstance(value, np.ndarray) else np.full_like(Y, value)


class MatrixRule:
    """The local moves of the batch backward pass, on arrays with one row per sample:
    ChainRule's moves (core.backward) for a whole layer at once, named in the plural."""

    #: True when weights_used changes the weights while going back (see stale weights).
    changes_weights = False

    def output_errors(self, F, Y, loss):
        """dL_wrt_F: the Loss row's slope at every forecast."""
        return filled_like(Y, loss.slope(F, Y))

    def slopes(self, activation, A):
        """dA_wrt_S of a layer, from its values A (an ArrayActivation's slope)."""
        return activation.derivative_from_output(A)

    def node_errors(self, dS, W):
        """dL_wrt_A of the layer before: each node's errors sent back, SUMMED (a product)."""
        return dS @ W.T

    def weights_used(self, l, dW, db, matrices, biases):
        """Called after layer l's gradients; the correct pass leaves the weights alone."""
