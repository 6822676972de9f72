"""The network drawn as SVG, with the article's labels and whatever numbers are known.

    network_diagram(net, values=trace.values, highlight=path_of(net, "w_A_C"))

An SVG string costs well under a millisecond to build, so the stepper redraws on
every click. Signs are shown by colour (Okabe-Ito blue / vermillion, safe for
colour-blind readers) AND by glyph (+ / −). Every diagram carries a text alternative.
"""
import math
from dataclasses import dataclass, field
from html import escape

from ..core.network import sum_name

POSITIVE, NEGATIVE, NEUTRAL, HIGHLIGHT, CURRENT = "#0072B2", "#D55E00", "#555555", "#009E73", "#CC79A7"
_DX, _DY, _W, _H, _MARGIN = 320, 150, 112, 74, 50
_MAX_LABELLED_EDGES = 24  # beyond this, only highlighted edges carry labels


def signed(value, digits=4):
    """+0.5125 or −0.08001: the sign always written, with a real minus sign."""
    text = f"{abs(value):.{digits}g}"
    return ("−" if value < 0 else "+") + text


def _colour(value):
    return NEUTRAL if value is None or value == 0 else (POSITIVE if value > 0 else NEGATIVE)


def path_of(network, weight):
    """Names along what `weight` goes through: its edge, its node, and every edge
    and node from there to the outputs (for highlighting)."""
    target = network.ends(weight)[1]
    names, todo = {weight}, [target]
    while todo:
        node = todo.pop()
        names.add(node)
        for w, t in network.outgoing.get(node, ()):
            names.add(w)
            todo.append(t)
    return names


@dataclass(frozen=True)
class Diagram:
    """An SVG picture of the network plus the numbers it shows and a text alternative."""

    svg: str
    shown: dict = field(default_factory=dict)  # every number drawn, by article name
    alt: str = ""

    def _repr_svg_(self):
        return self.svg

    def __repr__(self):
        return self.alt  # the plain-text view of a diagram is its text alternative


def _positions(network):
    tallest = max(len(layer) for layer in network.layers)
    where = {}
    for l, layer in enumerate(network.layers):
        top = _MARGIN + (tallest - len(layer)) * _DY / 2
        for k, node in enumerate(layer):
            where[node] = (_MARGIN + _W / 2 + l * _DX, top + k * _DY)
    width = 2 * _MARGIN + _W + (len(network.layers) - 1) * _DX
    return where, width, 2 * _MARGIN + (tallest - 1) * _DY


def _edge(parts, w, start, end, lines, stroke, thick):
    """A weight's line, with its label above and its gradient below, written along it."""
    (x1, y1), (x2, y2) = (start[0] + _W / 2, start[1]), (end[0] - _W / 2, end[1])
    parts.append(f'<line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}" '
                 f'stroke="{stroke}" stroke-width="{4 if thick else 1.5}"><title>{w}</title></line>')
    t = 0.5 if y1 == y2 else (0.25 if y2 > y1 else 0.75)  # crossing edges keep their labels apart
    tx, ty = x1 + t * (x2 - x1), y1 + t * (y2 - y1)
    angle = math.degrees(math.atan2(y2 - y1, x2 - x1))
    parts.append(f'<g transform="translate({tx:.0f},{ty:.0f}) rotate({angle:.1f})">')
    for (text, colour, name), dy in zip(lines, (-5, 14)):
        parts.append(f'<text y="{dy}" font-size="11" text-anchor="middle" fill="{colour}" '
                     f'data-name="{name}">{escape(text)}</text>')
    parts.append("</g>")


def network_diagram(network, values=None, errors=None, gradients=None,
                    highlight=(), current=None, title="The network"):
    """Draw `network` as SVG.

    Inputs (all optional, partial dicts are fine: only known numbers are drawn):
    - values: {'I1': .., 'sA': .., 'A': ..} from a Trace;
    - errors: {'dL_wrt_A': .., ...} from Gradients.values;
    - gradients: {'w_A_C': dL/dw_A_C, ...};
    - highlight: names of nodes and weights to emphasise (e.g. path_of(net, 'w_A_C'));
    - current: the one node or weight being computed right now.
    Returns a Diagram (svg, shown numbers, alt text).
    """
    values, errors, gradients = values or {}, errors or {}, gradients or {}
    highlight = set(highlight)
    where, width, height = _positions(network)
    parts, shown, alt = [], {}, []
    weights = network.weights
    for source, edges in network.outgoing.items():
        for w, target in edges:
            lines = [(f"{w} = {signed(weights[w])}", _colour(weights[w]), w)]
            shown[w] = weights[w]
            if w in gradients:
                shown[f"dL_wrt_{w}"] = gradients[w]
                lines.append((f"∂L/∂w = {signed(gradients[w])}", _colour(gradients[w]),
                              f"dL_wrt_{w}"))
            on = w in highlight or w == current
            if not (on or len(weights) <= _MAX_LABELLED_EDGES):
                lines = []
            _edge(parts, w, where[source], where[target], lines,
                  CURRENT if w == current else (HIGHLIGHT if on else "#b0b0b0"), on)
            alt.append(f"{w} = {signed(weights[w])}" + (
                f", dL_wrt_{w} = {signed(gradients[w])}" if w in gradients else ""))
    for node, (x, y) in where.items():
        rows = [(name, values[name]) for name in (sum_name(node), node)
                if name in values and not (name != node and node in network.inputs)]
        if f"dL_wrt_{node}" in errors:
            rows.append((f"dL_wrt_{node}", errors[f"dL_wrt_{node}"]))
        if network.biases is not None and f"b_{node}" in weights:
            rows.append((f"b_{node}", weights[f"b_{node}"]))
        on, now = node in highlight, node == current
        ring = CURRENT if now else (HIGHLIGHT if on else "#444444")
        parts.append(f'<rect x="{x - _W / 2:.0f}" y="{y - _H / 2:.0f}" width="{_W}" height="{_H}" '
                     f'rx="10" fill="white" stroke="{ring}" stroke-width="{4 if on or now else 1.5}"/>')
        parts.append(f'<text x="{x:.0f}" y="{y - _H / 2 + 16:.0f}" font-size="15" '
                     f'font-weight="bold" text-anchor="middle">{node}</text>')
        for k, (name, value) in enumerate(rows):
            shown[name] = value
            label = name.replace("dL_wrt_", "∂L/∂")
            parts.append(f'<text x="{x:.0f}" y="{y - _H / 2 + 31 + 13 * k:.0f}" font-size="11" '
                         f'text-anchor="middle" fill="{_colour(value)}" data-name="{name}">'
                         f'{escape(label)} = {signed(value)}</text>')
        alt.append(f"node {node}: " + (", ".join(f"{n} = {signed(v)}" for n, v in rows)
                                       or "not computed yet"))
    alt_text = (f"{title}: layers " + " | ".join(" ".join(layer) for layer in network.layers)
                + ". " + "; ".join(alt) + ".")
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
           f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" font-family="sans-serif">'
           f'<title>{escape(title)}</title><desc>{escape(alt_text)}</desc>'
           + "".join(parts) + "</svg>")
    return Diagram(svg, shown, alt_text)
