"""course_lib.views.training_plots: the numbers drawn are the numbers returned."""
import math

import matplotlib
import numpy as np
import pytest

from course_lib import backward, forward, seed_network
from course_lib.views.training_plots import (gradient_sizes, plot_gradient_sizes,
                                             plot_training_loss)

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_loss_curve_returns_what_it_drew():
    losses = [0.3, 0.2, 0.05, 0.01]
    curve = plot_training_loss(losses)
    line = plt.gca().get_lines()[0]
    assert list(line.get_ydata()) == losses and list(line.get_xdata()) == [0, 1, 2, 3]
    assert (curve.first, curve.last, curve.epochs) == (0.3, 0.01, 4)
    assert plt.gca().get_yscale() == "log"
    assert "4 epochs" in repr(curve)


def test_gradient_sizes_by_hand_and_drawn():
    grads = backward(forward(seed_network(), [1.0, 0.5]), 1.0)
    w = grads.weights
    front = np.mean([abs(w[n]) for n in ("w_I1_A", "w_I2_A", "w_I1_B", "w_I2_B")])
    middle = np.mean([abs(w[n]) for n in ("w_A_C", "w_B_C", "w_A_D", "w_B_D")])
    back = (abs(w["w_C_f"]) + abs(w["w_D_f"])) / 2
    sizes = gradient_sizes(grads)
    assert list(sizes) == ["I1,I2 → A,B", "A,B → C,D", "C,D → f"]
    assert np.allclose(list(sizes.values()), [front, middle, back], rtol=1e-12)
    fig, ax = plt.subplots()
    drawn = plot_gradient_sizes(grads, ax=ax)
    assert drawn == sizes
    heights = [bar.get_height() for bar in ax.patches]
    assert all(math.isclose(h, v) for h, v in zip(heights, sizes.values()))


def test_the_old_names_still_work():
    """README "Changes": plot_loss_curve and plot_loss_curves are the renamed plots."""
    import course_lib
    from course_lib.views import training_plots

    assert training_plots.plot_loss_curve is plot_training_loss
    assert training_plots.plot_loss_curves is training_plots.plot_training_losses
    assert course_lib.plot_loss_curves is training_plots.plot_training_losses
