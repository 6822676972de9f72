"""The network drawn as SVG, with the article's labels and whatever numbers are known.

    network_diagram(net, values=trace.values, highlight=path_of(net, "w_A_C"))

An SVG string costs well under a millisecond to build, so the stepper redraws on
every click. Signs are shown by colour (Okabe-Ito blue / vermillion, safe for
colour-blind readers) AND by glyph (+ / −). Every diagram carries a text alternative.
"""
import math
from dataclasses import dataclass, field
from html import escape
from typing import NamedTuple

from ..core.errors import check_name
from ..core.names import error_name
from ..core.plan import plan_of
from .style import (CURRENT, FAINT, HIGHLIGHT, INK, NEGATIVE, NEUTRAL, POSITIVE, colour_of,
                    signed)

__all__ = ["Diagram", "network_diagram", "path_of", "signed", "POSITIVE", "NEGATIVE", "NEUTRAL",
           "HIGHLIGHT", "CURRENT"]

_DX, _DY, _W, _H, _MARGIN = 320, 150, 112, 74, 50
_MAX_LABELLED_EDGES = 24  # beyond this, only highlighted edges carry labels


def path_of(network, weight):
    """Names along what `weight` goes through: its edge, its node, and every edge
    and node from there to the outputs (for highlighting). Each node is visited once."""
    check_name("weight", weight, network.weights)
    target = plan_of(network).step(error_name(weight)).node   # C for w_A_C
    names, todo = {weight, target}, [target]
    while todo:
        for w, t in network.outgoing.get(todo.pop(), ()):
            names.add(w)
            if t not in names:
                names.add(t)
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


class _Row(NamedTuple):
    """One number drawn: its article name, how it is labelled, its value."""
    name: str
    label: str
    value: float


def _node_rows(network, node, values, errors):
    """The _Rows of every known number written in `node`'s box: its sum sX, its value X,
    its error dL_wrt_X (labelled ∂L/∂X) and its bias b_X."""
    incoming = network.incoming.get(node)          # None for an input
    names = (incoming.sum, node) if incoming else (node,)
    rows = [_Row(name, name, values[name]) for name in names if name in values]
    if error_name(node) in errors:
        rows.append(_Row(error_name(node), f"∂L/∂{node}", errors[error_name(node)]))
    if incoming and incoming.bias:
        rows.append(_Row(incoming.bias, incoming.bias, network.weights[incoming.bias]))
    return rows


def _edge(parts, w, start, end, lines, stroke, thick):
    """A weight's line, with its label above and its gradient below, written along it."""
    (x1, y1), (x2, y2) = (start[0] + _W / 2, start[1]), (end[0] - _W / 2, end[1])
    parts.append(f'<line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}" '
                 f'stroke="{stroke}" stroke-width="{4 if thick else 1.5}"><title>{w}</title></line>')
    t = 0.5 if y1 == y2 else (0.25 if y2 > y1 else 0.75)  # crossing edges keep their labels apart
    tx, ty = x1 + t * (x2 - x1), y1 + t * (y2 - y1)
    angle = math.degrees(math.atan2(y2 - y1, x2 - x1))
    parts.append(f'<g transform="translate({tx:.0f},{ty:.0f}) rotate({angle:.1f})">')
    for row, dy in zip(lines, (-5, 14)):
        parts.append(f'<text y="{dy}" font-size="11" text-anchor="middle" '
                     f'fill="{colour_of(row.value)}" data-name="{row.name}">'
                     f'{escape(row.label)} = {signed(row.value)}</text>')
    parts.append("</g>")


def _node(parts, node, xy, rows, on, now):
    """A node's box: its name, then one line per known number (rows)."""
    x, y = xy
    ring = CURRENT if now else (HIGHLIGHT if on else INK)
    parts.append(f'<rect x="{x - _W / 2:.0f}" y="{y - _H / 2:.0f}" width="{_W}" height="{_H}" '
                 f'rx="10" fill="white" stroke="{ring}" stroke-width="{4 if on or now else 1.5}"/>')
    parts.append(f'<text x="{x:.0f}" y="{y - _H / 2 + 16:.0f}" font-size="15" '
                 f'font-weight="bold" text-anchor="middle">{node}</text>')
    for k, row in enumerate(rows):
        parts.append(f'<text x="{x:.0f}" y="{y - _H / 2 + 31 + 13 * k:.0f}" font-size="11" '
                     f'text-anchor="middle" fill="{colour_of(row.value)}" data-name="{row.name}">'
                     f'{escape(row.label)} = {signed(row.value)}</text>')


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
    for target, incoming in network.incoming.items():
        for w, source in incoming.sources:
            on = w in highlight or w == current
            lines = [_Row(w, w, weights[w])] + (
                [_Row(error_name(w), "∂L/∂w", gradients[w])] if w in gradients else [])
            shown.update((row.name, row.value) for row in lines)
            alt.append(", ".join(f"{row.name} = {signed(row.value)}" for row in lines))
            _edge(parts, w, where[source], where[target],
                  lines if on or len(weights) <= _MAX_LABELLED_EDGES else [],
                  CURRENT if w == current else (HIGHLIGHT if on else FAINT), on)
    for node, xy in where.items():
        rows = _node_rows(network, node, values, errors)
        shown.update((row.name, row.value) for row in rows)
        _node(parts, node, xy, rows, node in highlight, node == current)
        alt.append(f"node {node}: " + (", ".join(f"{row.name} = {signed(row.value)}"
                                                 for row in rows) or "not computed yet"))
    alt_text = (f"{title}: layers " + " | ".join(" ".join(layer) for layer in network.layers)
                + ". " + "; ".join(alt) + ".")
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
           f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" font-family="sans-serif">'
           f'<title>{escape(title)}</title><desc>{escape(alt_text)}</desc>'
           + "".join(parts) + "</svg>")
    return Diagram(svg, shown, alt_text)
