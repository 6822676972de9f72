"""Small built-in data sets, made with numpy on the spot: nothing is downloaded.

Each function returns (X, Y): X has shape (n, 2), one row (I1, I2) per sample, and
Y has shape (n, 1), the correct answer of each sample, 0.0 or 1.0.

    X, Y = xor()                      # the 4 corners of the unit square, answer I1 XOR I2
    X, Y = moons(200, seed=0)         # two interleaved half circles, 100 points each

The same seed always gives the same points, so every number in the course can be found again.
"""
import inspect
import math
import numbers

import numpy as np

from ..core.errors import CourseInputError, check_name, check_number, whole_number


def xor():
    """The XOR table: inputs (0,0), (0,1), (1,0), (1,1) with answers 0, 1, 1, 0."""
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    Y = np.array([[0.0], [1.0], [1.0], [0.0]])
    return X, Y


def moons(n=200, noise=0.1, seed=0):
    """Two interleaved half circles of radius 1, with Gaussian noise of size `noise`.

    Answer 0: the upper half circle centred at (0, 0), points (cos t, sin t).
    Answer 1: the lower half circle centred at (1, 0.5), points (1 - cos t, 0.5 - sin t).
    t runs evenly over [0, pi]; the lower moon gets n // 2 points, the upper one the rest,
    so the two answers differ in count by at most one. No straight line separates them.
    """
    if isinstance(n, bool) or not isinstance(n, numbers.Integral) or not 2 <= n <= 100_000:
        raise CourseInputError(f"n must be a whole number of points from 2 to 100000, got {n!r}.")
    noise = check_number("noise", noise, limit=10.0)
    if noise < 0:
        raise CourseInputError(f"noise must be 0 or more, got {noise:g}.")
    seed = whole_number("seed", seed, 0)          # numpy's generator takes no negative seed
    n_lower = n // 2
    n_upper = n - n_lower
    t_upper = np.linspace(0.0, math.pi, n_upper)
    t_lower = np.linspace(0.0, math.pi, n_lower)
    upper = np.column_stack([np.cos(t_upper), np.sin(t_upper)])
    lower = np.column_stack([1.0 - np.cos(t_lower), 0.5 - np.sin(t_lower)])
    X = np.vstack([upper, lower])
    X = X + np.random.default_rng(seed).normal(0.0, noise, X.shape)
    Y = np.concatenate([np.zeros(n_upper), np.ones(n_lower)])[:, None]
    return X, Y


#: The data sets by name, for menus: name -> function returning (X, Y).
DATASETS = {"xor": xor, "moons": moons}


def load_dataset(name, **options):
    """(X, Y) of the data set called `name` ('xor' or 'moons'); options go to its function."""
    make = DATASETS[check_name("data set", name, DATASETS)]
    allowed = inspect.signature(make).parameters
    unknown = [option for option in options if option not in allowed]
    if unknown:
        raise CourseInputError(f"the data set {name!r} has no option {unknown[0]!r}; its options: "
                               f"{', '.join(allowed) or 'none'}.")
    return make(**options)
