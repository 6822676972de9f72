"""The loss so far as a small SVG line, and a progress bar with its count: cheap enough to
redraw several times a second while training runs.

    loss_sparkline(losses, epochs)                  an <svg role="img"> with a <title> that says
                                                    the numbers; losses[i] is drawn at epoch i
    loss_sparkline(history, updates, unit="update") the same, counted in updates (the stepper)
    axis_end(340, 2000)                             500: an x axis that grows with training
    progress_bar(340, 2000)                         "epoch 340 / 2000" and a role="progressbar"
"""
from html import escape

import numpy as np

from ..core.errors import CourseInputError, shown, whole_number
from .checks import number_series
from .style import BLUE, FAINT, INK

#: At most this many points are drawn, however many epochs there are.
MAX_POINTS = 300
#: The size of every text on these pictures, in px at 100 % zoom.
FONT = 13


def _plural(count, unit):
    return f"{count} {unit}{'' if count == 1 else 's'}"


def axis_end(done, most):
    """Where an x axis should end so that `done` steps fill a good part of it: the smallest
    1, 2 or 5 times a power of ten that is >= done (at least 10), but never past `most`."""
    end = 10
    while end < done:
        end = end * 5 // 2 if str(end)[0] == "2" else end * 2
    return max(min(end, most), min(done, most), 1)


def sparkline_label(losses, unit="epoch"):
    """The text alternative of loss_sparkline: how far along, and the loss then and now."""
    done = len(losses)
    if not done:
        return "Loss curve: no loss yet."
    last = done - 1
    return (f"Loss curve over {_plural(last, unit)}: loss {losses[0]:.4g} at the start and "
            f"{losses[-1]:.4g} at {unit} {last}.")


def loss_sparkline(losses, epochs, width=360, height=130, unit="epoch"):
    """The loss so far as an SVG line (log scale) on an x axis from 0 to `epochs` (counted in
    `unit`s): losses[i] is the loss at `unit` i. Scales down to the width it is given.

    Cheap (well under a millisecond), so a live view can replace it every few epochs.
    """
    losses = np.asarray(number_series("losses", losses, f"a list of losses, one per {unit}"),
                        dtype=float)
    done, total = len(losses), whole_number("epochs", epochs, least=0)
    if not isinstance(unit, str):
        raise CourseInputError(f"unit must be text such as 'epoch', got {shown(unit)}.")
    label = escape(sparkline_label(losses, unit))
    left, right, top, bottom = 64, 12, 10, 40
    inner_w, inner_h = width - left - right, height - top - bottom
    parts = [f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'style="max-width: 100%; height: auto" role="img" aria-label="{label}" '
             f'font-size="{FONT}" fill="{INK}" xmlns="http://www.w3.org/2000/svg">'
             f'<title>{label}</title>',
             f'<rect x="{left}" y="{top}" width="{inner_w}" height="{inner_h}" fill="none" '
             f'stroke="{FAINT}"/>']
    if done:
        logs = np.log10(np.maximum(losses, 1e-12))
        high, low = float(logs.max()), float(logs.min())
        span = (high - low) or 1.0
        keep = np.unique(np.linspace(0, done - 1, min(done, MAX_POINTS)).round().astype(int))
        xs = left + np.minimum(keep / max(total, 1), 1.0) * inner_w
        ys = top + (high - logs[keep]) / span * inner_h
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys))
        parts += [f'<polyline points="{points}" fill="none" stroke="{BLUE}" stroke-width="2"/>',
                  f'<circle cx="{xs[-1]:.1f}" cy="{ys[-1]:.1f}" r="3.5" fill="{BLUE}"/>',
                  f'<text x="{left - 6}" y="{top + FONT - 2}" text-anchor="end">'
                  f'{10 ** high:.3g}</text>',
                  f'<text x="{left - 6}" y="{top + inner_h}" text-anchor="end">'
                  f'{10 ** low:.3g}</text>']
    base = top + inner_h + FONT + 4
    parts += [f'<text x="{left}" y="{base}">0</text>',
              f'<text x="{width - right}" y="{base}" text-anchor="end">{total}</text>',
              f'<text x="{left + inner_w / 2}" y="{base}" text-anchor="middle">{unit}</text>',
              f'<text x="{left + inner_w / 2}" y="{height - 4}" text-anchor="middle">'
              f'mean loss (log scale)</text></svg>']
    return "".join(parts)


def progress_bar(done, total, unit="epoch", width=360):
    """'epoch 340 / 2000' and a bar: a <div role="progressbar"> whose aria-valuenow is `done`."""
    share = min(max(done / total, 0.0), 1.0) if total else 0.0
    count = f"{unit} {done} / {total}"
    return (f'<div class="training-progress" style="display: flex; align-items: center; '
            f'gap: 10px; font-size: {FONT + 1}px">'
            f'<span class="training-count" style="white-space: nowrap; min-width: 10em">'
            f'{escape(count)}</span>'
            f'<div role="progressbar" aria-label="training progress, in {unit}s" '
            f'aria-valuemin="0" aria-valuemax="{total}" aria-valuenow="{done}" '
            f'aria-valuetext="{escape(f"{unit} {done} of {total}")}" '
            f'style="flex: 1 1 auto; max-width: {width}px; height: 12px; box-sizing: border-box; '
            f'border: 1px solid {FAINT}; border-radius: 6px; overflow: hidden; '
            f'background: #f3f3f3">'
            f'<div style="width: {100 * share:.2f}%; height: 100%; background: {BLUE}"></div>'
            f'</div></div>')
