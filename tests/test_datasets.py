"""The built-in data sets: shapes, answers, balance, determinism and geometry."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course_lib.topics.datasets import DATASETS, load_dataset, moons, xor
from course_lib.core.errors import CourseInputError, UnknownNameError


def test_xor_is_the_xor_table():
    X, Y = xor()
    assert X.shape == (4, 2) and Y.shape == (4, 1)
    assert [int(a) ^ int(b) for a, b in X] == Y.ravel().astype(int).tolist()


@settings(max_examples=40, deadline=None)
@given(n=st.integers(2, 600), noise=st.floats(0.0, 0.5), seed=st.integers(0, 2**31))
def test_moons_shapes_answers_and_balance(n, noise, seed):
    X, Y = moons(n, noise=noise, seed=seed)
    assert X.shape == (n, 2) and Y.shape == (n, 1)
    assert np.isfinite(X).all()
    assert set(np.unique(Y)) <= {0.0, 1.0}
    ones = int(Y.sum())
    assert ones == n // 2 and abs((n - ones) - ones) <= 1


@settings(max_examples=20, deadline=None)
@given(n=st.integers(2, 300), seed=st.integers(0, 2**31))
def test_moons_same_seed_same_points_other_seed_other_points(n, seed):
    X1, Y1 = moons(n, seed=seed)
    X2, Y2 = moons(n, seed=seed)
    assert np.array_equal(X1, X2) and np.array_equal(Y1, Y2)
    X3, _ = moons(n, seed=seed + 1)
    assert not np.array_equal(X1, X3)


@settings(max_examples=20, deadline=None)
@given(n=st.integers(4, 400))
def test_moons_without_noise_lie_on_their_half_circles(n):
    X, Y = moons(n, noise=0.0)
    upper, lower = X[Y[:, 0] == 0], X[Y[:, 0] == 1]
    # answer 0: radius 1 around (0, 0), upper half; answer 1: radius 1 around (1, 0.5), lower half
    assert np.allclose(np.hypot(upper[:, 0], upper[:, 1]), 1.0)
    assert (upper[:, 1] >= -1e-12).all()
    assert np.allclose(np.hypot(lower[:, 0] - 1.0, lower[:, 1] - 0.5), 1.0)
    assert (lower[:, 1] <= 0.5 + 1e-12).all()


def test_moons_are_not_separable_by_a_vertical_or_horizontal_line():
    """The moons interleave: each one reaches past the other's end in both directions."""
    X, Y = moons(200, noise=0.0)
    upper, lower = X[Y[:, 0] == 0], X[Y[:, 0] == 1]
    assert upper[:, 0].max() > lower[:, 0].min() and lower[:, 0].max() > upper[:, 0].max()
    assert upper[:, 1].max() > lower[:, 1].max() and lower[:, 1].min() < upper[:, 1].min()


def test_noise_moves_points_by_about_its_size():
    clean, _ = moons(2000, noise=0.0)
    noisy, _ = moons(2000, noise=0.1, seed=3)
    assert 0.09 < float(np.std(noisy - clean)) < 0.11


@pytest.mark.parametrize("bad", [dict(n=1), dict(n=2.5), dict(n="200"), dict(n=True),
                                 dict(noise=-0.1), dict(noise=float("nan")),
                                 dict(noise=float("inf")), dict(seed=1.5), dict(seed="x")])
def test_bad_options_raise_a_clear_error(bad):
    with pytest.raises(CourseInputError):
        moons(**bad)


def test_load_dataset_by_name():
    assert set(DATASETS) == {"xor", "moons"}
    assert np.array_equal(load_dataset("xor")[0], xor()[0])
    assert np.array_equal(load_dataset("moons", n=10, seed=4)[0], moons(10, seed=4)[0])
    with pytest.raises(UnknownNameError, match="moons"):
        load_dataset("moon")
