"""The loss plots and the one-weight descent: the numbers drawn match independent formulas."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from hypothesis import given, strategies as st  # noqa: E402

from course_lib.views.loss_plots import loss_curves, plot_loss_vs_forecast  # noqa: E402
from course_lib.topics.step_size import one_weight_descent  # noqa: E402
from course_lib.views.step_size_plots import plot_descents  # noqa: E402


@given(correct=st.floats(-2, 2))
def test_loss_curves_match_the_formulas(correct):
    c = loss_curves(correct, -1.0, 3.0, 41)
    f = np.linspace(-1.0, 3.0, 41)
    np.testing.assert_allclose(c.forecasts, f)
    np.testing.assert_allclose(c.naive, correct - f, atol=1e-12)
    np.testing.assert_allclose(c.squared, (correct - f) ** 2, atol=1e-12)
    np.testing.assert_array_equal(c.naive_slope, -np.ones_like(f))
    np.testing.assert_allclose(c.squared_slope, 2 * (f - correct), atol=1e-12)


def test_squared_slope_is_the_centred_difference_of_the_squared_loss():
    c = loss_curves(1.0, -0.5, 2.5, 301)
    numeric = np.gradient(c.squared, c.forecasts)[1:-1]  # centred differences inside
    np.testing.assert_allclose(numeric, c.squared_slope[1:-1], atol=1e-9)


def curves(ax):
    """The labelled lines of `ax` (what its legend lists): not the bar, the axes, the dots."""
    return [line for line in ax.lines if not line.get_label().startswith("_")]


def test_plot_loss_vs_forecast_draws_what_it_returns():
    plt.close("all")
    c = plot_loss_vs_forecast(1.0, forecast=0.5)
    left, right = plt.gcf().axes
    assert [line.get_label() for line in curves(left)] == [
        "naive: L = correct - f", "squared: L = (correct - f)**2"]
    assert [line.get_label() for line in curves(right)] == [
        "naive: dL_wrt_f = -1", "squared: dL_wrt_f = 2*(f - correct)"]
    assert [t.get_text() for t in left.get_legend().get_texts()] == [
        line.get_label() for line in curves(left)]
    for ax, (naive, squared) in ((left, (c.naive, c.squared)),
                                 (right, (c.naive_slope, c.squared_slope))):
        np.testing.assert_allclose(curves(ax)[0].get_xdata(), np.linspace(-0.5, 2.5, 61))
        np.testing.assert_allclose(curves(ax)[0].get_ydata(), naive)
        np.testing.assert_allclose(curves(ax)[1].get_ydata(), squared)
    # the forecast f = 0.5, a dot on every curve: L = 0.5 and 0.25; slopes -1 and 2*(0.5 - 1)
    dots = [line for ax in (left, right) for line in ax.lines if line.get_marker() == "o"]
    assert len(dots) == 2
    np.testing.assert_allclose(dots[0].get_ydata(), [0.5, 0.25])
    np.testing.assert_allclose(dots[1].get_ydata(), [-1.0, -1.0])
    plt.close("all")


@pytest.mark.parametrize("learning_rate", [0.02, 0.3, 0.5, 0.9, 1.1])
def test_one_weight_descent_matches_the_closed_form(learning_rate):
    run = one_weight_descent(learning_rate, steps=15, w=0.2)
    steps = np.arange(16)
    error = (1.0 - 0.2) * (1 - 2 * learning_rate) ** steps   # correct - f after each step
    np.testing.assert_allclose(1.0 - run.forecasts, error, atol=1e-12)
    np.testing.assert_allclose(run.losses, error ** 2, atol=1e-12)
    np.testing.assert_allclose(run.slopes, -2 * error, atol=1e-12)
    assert run.overshoots == (15 if learning_rate > 0.5 else 0)


def test_one_weight_descent_with_an_input_other_than_one():
    run = one_weight_descent(0.1, steps=5, w=0.0, I1=2.0, correct=1.0)
    error = 1.0 * (1 - 2 * 0.1 * 2.0 ** 2) ** np.arange(6)
    np.testing.assert_allclose(1.0 - run.forecasts, error, atol=1e-12)


def test_naive_descent_walks_past_the_bar_in_equal_steps():
    run = one_weight_descent(0.3, steps=10, w=0.2, loss="naive")
    np.testing.assert_allclose(run.forecasts, 0.2 + 0.3 * np.arange(11), atol=1e-12)
    np.testing.assert_allclose(run.losses, 1.0 - run.forecasts, atol=1e-12)
    assert set(run.slopes) == {-1.0}


def test_plot_descents_draws_what_it_returns():
    plt.close("all")
    runs = plot_descents([one_weight_descent(lr) for lr in (0.02, 0.3)])
    fig = plt.gcf()
    left, right = fig.axes
    labels = ["learning_rate = 0.02 (squared loss)", "learning_rate = 0.3 (squared loss)"]
    assert [line.get_label() for line in curves(left)] == labels
    assert [t.get_text() for t in fig.legends[0].get_texts()] == labels
    assert len(right.lines) == 2                                  # one distance curve per run
    bar = [line for line in left.lines if line not in curves(left)]
    assert len(bar) == 1 and list(bar[0].get_ydata()) == [1.0, 1.0]   # the bar: correct = 1
    for k, run in enumerate(runs):
        np.testing.assert_array_equal(curves(left)[k].get_xdata(), np.arange(21))
        np.testing.assert_allclose(curves(left)[k].get_ydata(), run.forecasts)
        np.testing.assert_allclose(right.lines[k].get_ydata(), run.distances)
        # and the forecasts are the closed form's: f = 1 - 0.8 * (1 - 2 * lr)**step
        lr = (0.02, 0.3)[k]
        np.testing.assert_allclose(run.forecasts, 1 - 0.8 * (1 - 2 * lr) ** np.arange(21),
                                   atol=1e-12)
    assert [left.get_title(), right.get_title()] == ["where the forecast lands",
                                                     "distance to the bar"]
    plt.close("all")


def test_the_old_name_still_works():
    """README "Changes": plot_loss_curves of loss_plots is now plot_loss_vs_forecast."""
    from course_lib.views import loss_plots

    assert loss_plots.plot_loss_curves is plot_loss_vs_forecast
