"""The decision boundary as SVG, cheap enough to redraw several times a second: the plane
coloured by the forecast f (cells of a DecisionGrid), the line f = 0.5, and the samples.

    grid = decision_grid(network, X, steps=31)          (course_lib.topics.training_presets)
    summary = boundary_summary(network, X, Y, grid)
    boundary_svg(grid, X, Y, summary)                   an <svg role="img"> with a <title>
    boundary_text(summary)                              its text alternative, in words

Colours: f < 0.5 is tinted orange (answered 0), f > 0.5 blue (answered 1), the stronger the
surer; samples with answer 0 are vermillion circles, answer 1 blue triangles, so shape and
colour both tell them apart. No matplotlib, no image file: nothing to wait for or to break.
"""
from html import escape

import numpy as np

from .sparkline import FONT
from .style import BLUE, INK, ORANGE, VERMILLION

#: Shades of each side: f is drawn in this many bands between 0 and 0.5 and between 0.5 and 1.
BANDS = 5
_WHITE = np.array([255, 255, 255])


def _rgb(hex_colour):
    return np.array([int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)])


def band_colours():
    """2 * BANDS fills, from f near 0 (strong orange) to f near 1 (strong blue)."""
    def mix(colour, strength):
        rgb = _WHITE + (_rgb(colour) - _WHITE) * strength
        return "#" + "".join(f"{int(round(c)):02x}" for c in rgb)

    zeros = [mix(ORANGE, 0.65 * (BANDS - k) / BANDS) for k in range(BANDS)]
    ones = [mix(BLUE, 0.6 * (k + 1) / BANDS) for k in range(BANDS)]
    return zeros + ones


def boundary_text(summary, when=""):
    """The text alternative: accuracy, and which samples the line f = 0.5 puts on which side."""
    s = summary
    head = (f"Decision boundary{when}: accuracy {s.accuracy:.2f} ({s.right} of {s.samples} "
            f"samples on their answer's side).")
    if not s.crosses:
        side, answer = ("above", 1) if s.low > 0.5 else ("at or below", 0)
        return (f"{head} No boundary yet: f is {side} 0.5 everywhere ({s.low:.2f} to "
                f"{s.high:.2f}), so every sample is answered {answer}.")
    return (f"{head} The line f = 0.5 separates the blue region, answered 1 "
            f"({s.share_one:.0%} of the plane), from the orange one, answered 0: "
            f"{s.ones_right} of {s.ones} answer-1 samples (triangles) lie in the blue region "
            f"and {s.zeros_right} of {s.zeros} answer-0 samples (circles) in the orange one. "
            f"f runs from {s.low:.2f} to {s.high:.2f}.")


def _cells(grid, x, y, size):
    """The coloured cells, one <rect> per run of equal colour along a row."""
    colours = band_colours()
    bands = np.clip((grid.forecast * 2 * BANDS).astype(int), 0, 2 * BANDS - 1)
    rows, columns = bands.shape
    w, h = size / columns, size / rows
    rects = []
    for i in range(rows):
        top = y + size - (i + 1) * h                  # row 0 is the lowest I2
        change = np.flatnonzero(np.diff(bands[i])) + 1
        for start, stop in zip(np.r_[0, change], np.r_[change, columns]):
            rects.append(f'<rect x="{x + start * w:.1f}" y="{top:.1f}" '
                         f'width="{(stop - start) * w + 0.6:.1f}" height="{h + 0.6:.1f}" '
                         f'fill="{colours[bands[i, start]]}"/>')
    return "".join(rects)


def contour_segments(forecast, level=0.5):
    """Marching squares: the line forecast = level as segments ((r0, c0), (r1, c1)) in grid
    coordinates (row, column), interpolated along the cells' edges."""
    above = forecast > level
    corners = above[:-1, :-1].astype(int) + above[:-1, 1:] + above[1:, :-1] + above[1:, 1:]
    segments = []
    for r, c in zip(*np.nonzero((corners > 0) & (corners < 4))):
        square = [(r, c), (r, c + 1), (r + 1, c + 1), (r + 1, c)]
        points = []
        for (r0, c0), (r1, c1) in zip(square, square[1:] + square[:1]):
            f0, f1 = forecast[r0, c0], forecast[r1, c1]
            if (f0 > level) != (f1 > level):
                t = (level - f0) / (f1 - f0)
                points.append((r0 + t * (r1 - r0), c0 + t * (c1 - c0)))
        segments += [(points[k], points[k + 1]) for k in range(0, len(points) - 1, 2)]
    return segments


def _line(grid, x, y, size):
    rows, columns = grid.forecast.shape
    w, h = size / columns, size / rows

    def at(point):
        r, c = point
        return f"{x + (c + 0.5) * w:.1f},{y + size - (r + 0.5) * h:.1f}"

    path = "".join(f"M{at(a)}L{at(b)}" for a, b in contour_segments(grid.forecast))
    return f'<path d="{path}" fill="none" stroke="{INK}" stroke-width="2.5"/>' if path else ""


def _samples(grid, X, Y, x, y, size):
    xs, ys = grid.xs, grid.ys
    step_x, step_y = (xs[-1] - xs[0]) / (len(xs) - 1), (ys[-1] - ys[0]) / (len(ys) - 1)
    low_x, low_y = xs[0] - step_x / 2, ys[0] - step_y / 2
    span_x, span_y = step_x * len(xs), step_y * len(ys)
    marks = []
    for (I1, I2), answer in zip(np.asarray(X, dtype=float), np.asarray(Y)[:, 0]):
        px, py = x + (I1 - low_x) / span_x * size, y + size - (I2 - low_y) / span_y * size
        if answer > 0.5:
            marks.append(f'<path d="M{px:.1f},{py - 6:.1f}l5.5,9.5h-11z" fill="{BLUE}"/>')
        else:
            marks.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4.5" fill="{VERMILLION}"/>')
    return f'<g stroke="white" stroke-width="1.2">{"".join(marks)}</g>'


def boundary_svg(grid, X, Y, summary, title="f over the plane; the line is f = 0.5",
                 when="", size=300):
    """The decision boundary as an <svg role="img">: coloured cells, the line f = 0.5, the
    samples, axes I1 and I2 with their ends, a title and a legend; its <title> and aria-label
    are boundary_text(summary, when)."""
    left, top, bottom = 44, 30, 62
    width, height = left + size + 16, top + size + bottom
    label = escape(boundary_text(summary, when))
    rows, columns = grid.forecast.shape
    half_w, half_h, base = size / columns / 2, size / rows / 2, top + size + FONT + 4
    legend = (f'<circle cx="{left + 6}" cy="{height - 12}" r="4.5" fill="{VERMILLION}"/>'
              f'<text x="{left + 16}" y="{height - 7}">answer 0</text>'
              f'<path d="M{left + 106},{height - 18}l5.5,9.5h-11z" fill="{BLUE}"/>'
              f'<text x="{left + 116}" y="{height - 7}">answer 1</text>'
              f'<line x1="{left + 196}" x2="{left + 222}" y1="{height - 12}" y2="{height - 12}" '
              f'stroke="{INK}" stroke-width="2.5"/><text x="{left + 228}" y="{height - 7}">'
              f'f = 0.5</text>')
    return (f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
            f'style="max-width: 100%; height: auto" role="img" aria-label="{label}" '
            f'font-size="{FONT}" fill="{INK}" xmlns="http://www.w3.org/2000/svg">'
            f'<title>{label}</title>'
            f'<text x="{left}" y="{top - 10}">{escape(title)}</text>'
            f'{_cells(grid, left, top, size)}{_line(grid, left, top, size)}'
            f'{_samples(grid, X, Y, left, top, size)}'
            f'<rect x="{left}" y="{top}" width="{size}" height="{size}" fill="none" '
            f'stroke="{INK}"/>'
            f'<g text-anchor="middle"><text x="{left + half_w:.1f}" y="{base}">'
            f'{grid.xs[0]:.1f}</text><text x="{left + size - half_w:.1f}" y="{base}">'
            f'{grid.xs[-1]:.1f}</text><text x="{left + size / 2}" y="{base}">I1</text></g>'
            f'<g text-anchor="end"><text x="{left - 5}" y="{top + size - half_h + 4:.1f}">'
            f'{grid.ys[0]:.1f}</text><text x="{left - 5}" y="{top + half_h + 4:.1f}">'
            f'{grid.ys[-1]:.1f}</text><text x="{left - 5}" y="{top + size / 2 + 4}">I2</text></g>'
            f'{legend}</svg>')
