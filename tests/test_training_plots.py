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
    assert len(heights) == 3                                     # one bar per layer of weights
    assert np.allclose(heights, [front, middle, back], rtol=1e-12)
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels == ["I1,I2 → A,B", "A,B → C,D", "C,D → f"]


def test_the_old_names_still_work():
    """README "Changes": plot_loss_curve and plot_loss_curves are the renamed plots."""
    import course_lib
    from course_lib.views import training_plots

    assert training_plots.plot_loss_curve is plot_training_loss
    assert training_plots.plot_loss_curves is training_plots.plot_training_losses
    assert course_lib.plot_loss_curves is training_plots.plot_training_losses


# --- the live pictures of the training lab: SVG, no PNG --------------------------------------------

def test_plot_decision_boundary_titles_the_network_in_words_not_as_a_repr():
    from course_lib import lab_network, plot_decision_boundary, xor

    X, Y = xor()
    fig, ax = plt.subplots()
    plot_decision_boundary(lab_network("seed + biases"), X, Y, ax=ax)
    title = ax.get_title(loc="left")
    assert "Network(" not in title and "2-2-2-1, sigmoid hidden layers, with biases" in title


def test_loss_sparkline_draws_at_most_300_points_and_has_a_text_alternative():
    from course_lib.views.sparkline import loss_sparkline

    losses = np.linspace(0.3, 0.01, 2001)                  # epochs 0 .. 2000
    svg = loss_sparkline(losses, 2000)
    points = svg.split('points="')[1].split('"')[0].split()
    assert 2 <= len(points) <= 300
    assert 'role="img"' in svg and "<title>Loss curve over 2000 epochs" in svg
    assert "0.3 at the start and 0.01 at epoch 2000" in svg
    assert "<polyline" not in loss_sparkline([], 100)


def test_loss_sparkline_puts_loss_i_at_epoch_i_and_can_count_updates():
    from course_lib.views.sparkline import loss_sparkline

    half = loss_sparkline([0.4, 0.3, 0.2], 4, width=100, height=130)   # epochs 0, 1, 2 of 4
    xs = [float(p.split(",")[0]) for p in half.split('points="')[1].split('"')[0].split()]
    assert xs[0] == 64 and xs[-1] == 64 + (100 - 64 - 12) / 2           # halfway along
    one = loss_sparkline([0.4, 0.3], 1, unit="update")       # before, and after one update
    assert "over 1 update:" in one and ">update<" in one and "epoch" not in one


def test_the_x_axis_grows_with_training_in_steps_of_1_2_5():
    from course_lib.views.sparkline import axis_end

    assert [axis_end(d, 3000) for d in (0, 10, 11, 21, 130, 340, 1001, 2001, 3000)] == [
        10, 10, 20, 50, 200, 500, 2000, 3000, 3000]
    assert axis_end(5, 4) == 4 and axis_end(0, 0) == 1


def test_progress_bar_shows_the_count_and_exposes_its_value():
    from course_lib.views.sparkline import progress_bar

    bar = progress_bar(340, 2000)
    assert "epoch 340 / 2000" in bar and 'role="progressbar"' in bar
    assert 'aria-valuenow="340"' in bar and 'aria-valuemax="2000"' in bar
    assert "width: 17.00%" in bar
    assert "width: 0.00%" in progress_bar(0, 0)


def _trained_boundary(epochs):
    from course_lib import lab_network, moons, train
    from course_lib.topics.training_presets import boundary_summary, decision_grid

    X, Y = moons()
    net = train(lab_network("wider 2-8-8-1", "tanh"), X, Y, 1.0, epochs).network
    grid = decision_grid(net, X, 41)
    return grid, X, Y, boundary_summary(net, X, Y, grid)


def test_boundary_svg_draws_cells_the_line_and_every_sample_with_a_text_alternative():
    from course_lib.views.boundary import boundary_svg, boundary_text

    grid, X, Y, summary = _trained_boundary(300)
    svg = boundary_svg(grid, X, Y, summary, when=" at epoch 300")
    text = boundary_text(summary, " at epoch 300")
    assert svg.startswith("<svg") and 'role="img"' in svg.split(">", 1)[0]
    assert f"<title>{text.replace(chr(39), '&#x27;')}</title>" in svg
    cells = svg.count("<rect") - 1                           # less the frame
    assert 41 <= cells < 41 * 41 / 2                         # runs of one colour are merged
    assert svg.count("<circle") == summary.zeros + 1         # + the legend's
    assert svg.count("l5.5,9.5h-11z") == summary.ones + 1
    assert 'stroke-width="2.5"' in svg and "<image" not in svg
    assert text.startswith("Decision boundary at epoch 300: accuracy ")
    assert f"{summary.ones_right} of 100 answer-1 samples" in text


def test_boundary_text_says_when_there_is_no_boundary_yet():
    from course_lib.topics.training_presets import BoundarySummary
    from course_lib.views.boundary import boundary_text

    text = boundary_text(BoundarySummary(2, 2, 2, 0, 1.0, 0.52, 0.55))
    assert "accuracy 0.50 (2 of 4 samples" in text
    assert "No boundary yet: f is above 0.5 everywhere (0.52 to 0.55)" in text
    assert "answered 1" in text


def test_contour_segments_find_the_line_where_f_crosses_one_half():
    from course_lib.views.boundary import contour_segments

    f = np.tile(np.linspace(0.0, 1.0, 5), (4, 1))          # f = column / 4: 0.5 at column 2
    segments = contour_segments(f + 1e-9)
    assert len(segments) == 3 and all(len(seg) == 2 for seg in segments)
    assert sorted(r for seg in segments for r, _ in seg) == [0, 1, 1, 2, 2, 3]   # rows 0 to 3
    assert all(math.isclose(c, 2.0, abs_tol=1e-6) for seg in segments for _, c in seg)
    assert contour_segments(np.full((4, 4), 0.7)) == []
