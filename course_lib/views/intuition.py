"""Three pictures for intuition, as plain SVG drawn from the core's numbers (no numpy).

    loss_over_weight(net, inputs, correct, "w_C_f", slope)  # L over one weight, and its tangent
    composed_slopes(net, inputs, correct, "w_A_C")          # a nudge passed along the chain
    loss_surface(net, inputs, correct, "w_C_f", "w_D_f")    # L over two weights, a descent path

Each returns a Picture: the SVG, `shown` (every number drawn, by name, for the tests) and
`alt`, a text alternative that is also its plain-text view. The curve, the moves and the
surface are the core's own forward pass and loss (`loss_of`, `forward`, `backward`, `update`)
run with the weights moved; a view draws them and computes nothing else.
"""
from dataclasses import dataclass, field
from html import escape

from ..core import backward, forward, update
from ..core.gradcheck import loss_of
from ..core.names import slope_name, sum_name
from .style import BLUE, FONT, INK, NEGATIVE, NEUTRAL, POSITIVE, REDDISH_PURPLE, VERMILLION, number

__all__ = ["Picture", "loss_over_weight", "composed_slopes", "loss_surface"]

_W, _H, _M = 520, 300, 48       # px: picture size, margin for the axes


@dataclass(frozen=True)
class Picture:
    """An SVG picture, the numbers it shows, and its text alternative."""

    svg: str
    shown: dict = field(default_factory=dict)
    alt: str = ""

    def _repr_svg_(self):
        return self.svg

    def __repr__(self):
        return self.alt


def _svg(body, alt, width=_W, height=_H):
    title = alt.split(":")[0]
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'width="100%" style="max-width:{width}px" role="img" font-family="{FONT}" '
            f'font-size="14"><title>{escape(title)}</title><desc>{escape(alt)}</desc>'
            f'{"".join(body)}</svg>')


def _text(x, y, s, anchor="start", colour=INK, weight="normal"):
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{colour}" '
            f'font-weight="{weight}">{escape(s)}</text>')


def _scale(lo, hi, a, b):
    return lambda v: a + (v - lo) * (b - a) / ((hi - lo) or 1.0)


def loss_over_weight(network, inputs, correct, weight, slope, span=1.5, points=61):
    """L as a curve over `weight` (the others fixed) and the tangent at the weight's value,
    drawn with `slope` (pass the gradient from backward: the picture shows it is the tangent)."""
    w0 = network.weights[weight]
    ws = [w0 - span + 2 * span * i / (points - 1) for i in range(points)]
    Ls = [loss_of(network.with_weights({weight: w}), inputs, correct) for w in ws]
    L0 = loss_of(network, inputs, correct)
    top, bottom = max(Ls) * 1.05, min(0.0, min(Ls))
    x, y = _scale(ws[0], ws[-1], _M, _W - 16), _scale(bottom, top, _H - _M, 16)
    curve = " ".join(f"{x(w):.1f},{y(L):.1f}" for w, L in zip(ws, Ls))
    half = span * 0.6                 # the tangent is drawn over half the span on each side
    t0, t1 = (w0 - half, L0 - slope * half), (w0 + half, L0 + slope * half)
    body = [f'<line x1="{_M}" y1="{_H - _M}" x2="{_W - 16}" y2="{_H - _M}" stroke="{INK}"/>',
            f'<line x1="{_M}" y1="16" x2="{_M}" y2="{_H - _M}" stroke="{INK}"/>',
            f'<polyline points="{curve}" fill="none" stroke="{BLUE}" stroke-width="3"/>',
            f'<line x1="{x(t0[0]):.1f}" y1="{y(t0[1]):.1f}" x2="{x(t1[0]):.1f}" y2="{y(t1[1]):.1f}" '
            f'stroke="{VERMILLION}" stroke-width="2" stroke-dasharray="8 5"/>',
            f'<circle cx="{x(w0):.1f}" cy="{y(L0):.1f}" r="6" fill="{REDDISH_PURPLE}"/>',
            _text((_M + _W) / 2, _H - 14, weight, "middle"), _text(8, 24, "L"),
            _text(x(w0) + 10, y(L0) - 12, f"{weight} = {number(w0)}, L = {number(L0)}"),
            _text(_W - 20, 36, f"dashed: slope {number(slope)}", "end", NEGATIVE if slope < 0 else POSITIVE)]
    alt = (f"L over {weight} from {number(ws[0])} to {number(ws[-1])}, the other weights fixed: a "
           f"smooth curve, {'falling' if Ls[-1] < Ls[0] else 'rising'} from L = {number(Ls[0])} to "
           f"L = {number(Ls[-1])}. At {weight} = {number(w0)} (L = {number(L0)}) a dashed line "
           f"touches the curve with slope {number(slope)}, the gradient dL_wrt_{weight}.")
    shown = {"weights": ws, "losses": Ls, "w": w0, "L": L0, "slope": slope}
    return Picture(_svg(body, alt), shown, alt)


def _chain_steps(network, trace, weight):
    """The stops of `weight` while each node has one way out: (what moves, factor, factor's name)."""
    source, node = next((s, t.target) for s, out in network.outgoing.items() for t in out
                        if t.weight == weight)
    steps = [(sum_name(node), trace[source], source)]
    while True:
        steps.append((node, trace[slope_name(node)], slope_name(node)))
        out = network.outgoing.get(node, ())
        if len(out) != 1:
            return steps
        w, node = out[0].weight, out[0].target
        steps.append((sum_name(node), network.weights[w], w))


def composed_slopes(network, inputs, correct, weight, h=0.01):
    """Nudge `weight` by h and pass the move along its stops: each stop moves by its slope times
    the move before it; the last, L, by dL_wrt_f times that. Shows the product and the real move."""
    trace = forward(network, inputs)
    grads = backward(trace, correct)
    moved = forward(network.with_weights({weight: network.weights[weight] + h}), inputs)
    rows, move = [], h
    for name, factor, label in _chain_steps(network, trace, weight):
        move *= factor
        rows.append((name, label, factor, move, moved[name] - trace[name]))
    move *= grads["dL_wrt_f"]
    real = loss_of(network.with_weights({weight: network.weights[weight] + h}), inputs,
                   correct) - grads.loss
    rows.append(("L", "dL_wrt_f", grads["dL_wrt_f"], move, real))
    height = 60 + 34 * len(rows) + 40
    body = [_text(12, 26, f"nudge {weight} by h = {number(h)}", weight="bold")]
    for i, (name, label, factor, predicted, actual) in enumerate(rows):
        y = 60 + 34 * i
        body += [f'<rect x="8" y="{y - 20}" width="{_W + 150}" height="28" rx="4" fill="none" '
                 f'stroke="{NEUTRAL}"/>', _text(16, y, f"{name} moves by", weight="bold"),
                 _text(150, y, f"{label} × that = {number(factor)} × …"),
                 _text(420, y, f"= {number(predicted)}", colour=POSITIVE if predicted > 0 else NEGATIVE),
                 _text(540, y, f"(real {number(actual)})", colour=NEUTRAL)]
    product = " × ".join(["h"] + [label for _, label, *_ in rows])
    body.append(_text(12, height - 16, f"L moves by {product} = {number(move)}", weight="bold"))
    alt = (f"A nudge of {weight} by h = {number(h)}, passed along its stops: "
           + "; ".join(f"{n} moves by {label} times the move before = {number(p)} (really "
                       f"{number(a)})" for n, label, _, p, a in rows)
           + f". So L moves by {product} = {number(move)}: the chain rule multiplies the slopes.")
    shown = {"h": h, "rows": rows, "product": move, "gradient": grads[f"dL_wrt_{weight}"]}
    return Picture(_svg(body, alt, _W + 170, height), shown, alt)


def _descent_path(network, inputs, correct, pair, learning_rate, steps):
    path = [tuple(network.weights[w] for w in pair)]
    for _ in range(steps):
        grads = backward(forward(network, inputs), correct)
        network = update(network, grads, learning_rate)
        path.append(tuple(network.weights[w] for w in pair))
    return path


def loss_surface(network, inputs, correct, first, second, learning_rate=2.0, steps=12,
                 span=2.5, cells=24):
    """L over two weights (a shaded grid, darker = lower) and the path gradient descent takes
    from the network's weights (only these two are shown; all weights are updated)."""
    w1, w2 = network.weights[first], network.weights[second]
    path = _descent_path(network, inputs, correct, (first, second), learning_rate, steps)
    xs = [w1 - span + 2 * span * (i + 0.5) / cells for i in range(cells)]
    ys = [w2 - span + 2 * span * (j + 0.5) / cells for j in range(cells)]
    grid = [[loss_of(network.with_weights({first: a, second: b}), inputs, correct) for a in xs]
            for b in ys]
    lo, hi = min(map(min, grid)), max(map(max, grid))
    size = _H - _M - 16
    x, y = _scale(w1 - span, w1 + span, _M, _M + size), _scale(w2 - span, w2 + span, _H - _M, 16)
    cell = size / cells
    body = []
    for j, row in enumerate(grid):
        for i, L in enumerate(row):
            grey = int(70 + 180 * (L - lo) / ((hi - lo) or 1.0))   # darker = lower loss
            body.append(f'<rect x="{x(xs[i]) - cell / 2:.1f}" y="{y(ys[j]) - cell / 2:.1f}" '
                        f'width="{cell + 0.5:.1f}" height="{cell + 0.5:.1f}" '
                        f'fill="rgb({grey},{grey},{grey})"/>')
    line = " ".join(f"{x(a):.1f},{y(b):.1f}" for a, b in path)
    body += [f'<polyline points="{line}" fill="none" stroke="{REDDISH_PURPLE}" stroke-width="3"/>',
             *(f'<circle cx="{x(a):.1f}" cy="{y(b):.1f}" r="4" fill="{REDDISH_PURPLE}"/>'
               for a, b in path),
             _text(_M + size / 2, _H - 14, first, "middle"), _text(4, 12, second),
             _text(_M + size + 16, 40, f"start: {number(path[0][0])}, {number(path[0][1])}"),
             _text(_M + size + 16, 64, f"after {steps} steps: {number(path[-1][0])}, "
                                       f"{number(path[-1][1])}"),
             _text(_M + size + 16, 88, f"L from {number(lo)} (dark) to {number(hi)} (light)")]
    alt = (f"The loss over {first} (across) and {second} (up), shaded from dark (L = {number(lo)}) "
           f"to light (L = {number(hi)}). Gradient descent with learning rate "
           f"{number(learning_rate)} walks {steps} steps from ({number(path[0][0])}, "
           f"{number(path[0][1])}) to ({number(path[-1][0])}, {number(path[-1][1])}), downhill.")
    shown = {"path": path, "grid": grid, "xs": xs, "ys": ys}
    return Picture(_svg(body, alt, _W + 180), shown, alt)
