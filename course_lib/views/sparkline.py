"""The loss so far as a small SVG line, cheap enough to redraw every few epochs.

    loss_sparkline(losses, epochs)    an <svg role="img"> with a <title> that says the numbers
"""
from html import escape

import numpy as np

from .style import BLUE, FAINT

#: At most this many points are drawn, however many epochs there are.
MAX_POINTS = 300


def loss_sparkline(losses, epochs, width=360, height=110):
    """The loss so far as an SVG line (log scale) on an x axis of `epochs` epochs.

    Cheap (well under a millisecond), so a live view can replace it every few epochs.
    """
    losses = np.asarray(losses, dtype=float)
    done = len(losses)
    label = (f"Loss curve: {done} of {epochs} epochs" +
             (f", loss {losses[0]:.4g} at the start and {losses[-1]:.4g} now." if done else "."))
    left, right, top, bottom = 52, 8, 8, 20
    parts = [f'<svg width="{width}" height="{height}" role="img" aria-label="{escape(label)}" '
             f'xmlns="http://www.w3.org/2000/svg"><title>{escape(label)}</title>',
             f'<rect x="{left}" y="{top}" width="{width - left - right}" '
             f'height="{height - top - bottom}" fill="none" stroke="{FAINT}"/>']
    if done:
        logs = np.log10(np.maximum(losses, 1e-12))
        high, low = float(logs.max()), float(logs.min())
        span = (high - low) or 1.0
        keep = np.unique(np.linspace(0, done - 1, min(done, MAX_POINTS)).round().astype(int))
        xs = left + keep / max(epochs - 1, 1) * (width - left - right)
        ys = top + (high - logs[keep]) / span * (height - top - bottom)
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys))
        parts += [f'<polyline points="{points}" fill="none" stroke="{BLUE}" stroke-width="2"/>',
                  f'<text x="{left - 4}" y="{top + 9}" text-anchor="end" font-size="10">'
                  f'{10 ** high:.3g}</text>',
                  f'<text x="{left - 4}" y="{height - bottom}" text-anchor="end" '
                  f'font-size="10">{10 ** low:.3g}</text>']
    parts += [f'<text x="{left}" y="{height - 5}" font-size="10">epoch 0</text>',
              f'<text x="{width - right}" y="{height - 5}" text-anchor="end" font-size="10">'
              f'{epochs}</text>',
              f'<text x="{(left + width) / 2}" y="{height - 5}" text-anchor="middle" '
              f'font-size="10">loss (log scale)</text></svg>']
    return "".join(parts)
