"""The network drawn as SVG, with the article's labels and whatever numbers are known.

    network_diagram(net, values=trace.values, highlight=path_of(net, "w_A_C"))

Left to right, one column per layer. A node is a box: its name, then one row per known
number (sX, X, ∂L/∂X, b_X), lined up on the "=". A weight is a chip at the left of the
node it feeds: its name, its value, and "∂" (its gradient dL_wrt_w) once known; its line
runs from the source box to that chip, so no label ever sits on a crossing of lines.
Every size comes from the text (style.text_width, 14 px), so nothing overlaps and no
number is cut; the SVG has a viewBox and width 100 %, so it scales to the output width.

Signs are shown by colour (Okabe-Ito blue, darkened vermillion: 4.5:1 on white) AND by
glyph (+ / −). Every diagram carries a text alternative. Nodes and edges are <g data-name=
"C"> / <g data-name="w_A_C">, numbers <text data-name="sC">: the stepper finds them so.
"""
import math
from dataclasses import dataclass, field
from html import escape
from typing import NamedTuple

from ..core.names import error_name
from ..core.plan import plan_of
from .checks import check_name, check_network, diagram_arguments
from .style import (CURRENT, FAINT, FONT, HIGHLIGHT, INK, NEGATIVE, NEUTRAL, POSITIVE,
                    colour_of, signed, text_width)

__all__ = ["Diagram", "network_diagram", "path_of", "signed", "POSITIVE", "NEGATIVE", "NEUTRAL",
           "HIGHLIGHT", "CURRENT", "SIZE"]

SIZE = 14                  # px: every label (node names 16 px, bold)
_LINE, _PAD, _GAP, _CROSS, _MARGIN, _ROW_GAP = 18, 5, 4, 28, 4, 18   # px
_RESERVE, _RESERVE_INPUT = "−0.06373", "+0.5"   # room made for a number (an input's), or more
_SLACK = 1.02              # fonts differ a little from the metrics


def path_of(network, weight):
    """Names along what `weight` goes through: its edge, its node, and every edge
    and node from there to the outputs (for highlighting). Each node is visited once."""
    check_name("weight", weight, check_network(network).weights)
    target = plan_of(network).step(error_name(weight)).node   # C for w_A_C
    names, todo = {weight, target}, [target]
    while todo:
        for w, t in network.outgoing.get(todo.pop(), ()):
            todo += [] if t in names else [t]
            names |= {w, t}
    return names


@dataclass(frozen=True)
class Diagram:
    """An SVG picture of the network, the numbers it shows, a text alternative, its size."""

    svg: str
    shown: dict = field(default_factory=dict)  # every number drawn, by article name
    alt: str = ""
    width: float = 0     # px: the size of its viewBox, the size it has at 100 %
    height: float = 0

    def _repr_svg_(self):
        return self.svg

    def __repr__(self):
        return self.alt  # the plain-text view of a diagram is its text alternative


class _Row(NamedTuple):      # one number drawn: its article name, its label, its value
    name: str
    label: str
    value: float


def _node_rows(network, node, values, errors, sums):
    """The _Rows of every known number in `node`'s box: its sum sX, its value X, its error
    dL_wrt_X (labelled ∂L/∂X), with `sums` the error at its sum dL_wrt_sX, its bias b_X."""
    incoming = network.incoming.get(node)          # None for an input
    names = (incoming.sum, node) if incoming else (node,)
    rows = [_Row(name, name, values[name]) for name in names if name in values]
    rows += [_Row(error_name(n), f"∂L/∂{n}", errors[error_name(n)])
             for n in (node, incoming.sum if sums and incoming else None) if error_name(n) in errors]
    if incoming and incoming.bias:
        rows.append(_Row(incoming.bias, incoming.bias, network.weights[incoming.bias]))
    return rows


def _chip_rows(network, w, gradients):
    """A weight's chip: its value, then its gradient once known (labelled ∂)."""
    rows = [_Row(w, "", network.weights[w])]
    if w in gradients:
        rows.append(_Row(error_name(w), "∂ ", gradients[w]))
    return rows


def _wide(text):
    return text_width(text, SIZE) * _SLACK   # px, with room for a font a little wider


def _room(value, reserve):
    """The text of `value`, or `reserve` when that is wider: what a box makes room for."""
    text = signed(value)
    return text if len(text) > len(reserve) or _wide(text) > _wide(reserve) else reserve


class _Layout(NamedTuple):
    boxes: dict    # node -> (left, top, width, height, x of the "=")
    chips: dict    # weight -> (left, top, width, height)
    width: float
    height: float


def _layout(network, rows, chip_rows):
    """Where every box and chip goes: columns as wide as their widest text, rows as tall
    as the tallest box or stack of chips, so that no two labels can meet."""
    chip_h = _PAD + _LINE * 3
    heights, columns, x = {}, [], _MARGIN
    for l, layer in enumerate(network.layers):
        names = max((_wide(r.label) for n in layer for r in rows[n]), default=0)
        reserve = _RESERVE if l else _RESERVE_INPUT
        numbers = max((_wide(" = " + _room(r.value, reserve))
                       for n in layer for r in rows[n]), default=0)
        box_w = max(2 * _PAD + names + numbers, 2 * _PAD + max(
            text_width(n, SIZE + 2, bold=True) for n in layer))
        chip_w = 0
        if l:
            x += _CROSS
            chip_w = max(_wide(t) for n in layer for w, _ in network.incoming[n].sources
                         for t in [w] + [r.label + _room(r.value, _RESERVE)
                                         for r in chip_rows[w]]) + 2 * _PAD
        columns.append((x, chip_w, x + chip_w + (_GAP if l else 0), box_w, names))
        x += chip_w + (_GAP if l else 0) + box_w
        for n in layer:
            stack = len(network.incoming[n].sources) * (chip_h + _GAP) - _GAP if l else 0
            heights[n] = max(_PAD * 2 + _LINE * (1 + len(rows[n])), stack)
    step = max(heights.values()) + _ROW_GAP
    tallest = max(len(layer) for layer in network.layers)
    boxes, chips = {}, {}
    for (chip_x, chip_w, box_x, box_w, names), layer in zip(columns, network.layers):
        for k, n in enumerate(layer):
            y = _MARGIN + step / 2 - _ROW_GAP / 2 + ((tallest - len(layer)) / 2 + k) * step
            h = _PAD * 2 + _LINE * (1 + len(rows[n]))
            boxes[n] = (box_x, y - h / 2, box_w, h, box_x + _PAD + names)
            sources = network.incoming[n].sources if n in network.incoming else ()
            top = y - (len(sources) * (chip_h + _GAP) - _GAP) / 2
            for j, (w, _) in enumerate(sources):
                chips[w] = (chip_x, top + j * (chip_h + _GAP), chip_w, chip_h)
    return _Layout(boxes, chips, x + _MARGIN, _MARGIN * 2 + tallest * step - _ROW_GAP)


def _stroke(colour, width):
    """The current step's ring and line are also dashed: told from the path without colour."""
    dash = ' stroke-dasharray="9 4"' if colour == CURRENT else ""
    return f'stroke="{colour}" stroke-width="{width}"{dash}'


def _at(row, known_at):
    """data-at="k" (k steps done when the number is known), for the stepper only."""
    return f' data-at="{known_at[row.name]}"' if known_at is not None else ""


def _node(parts, node, box, rows, ring, thick, known_at):
    """A node's box: its name, then one row per known number, lined up on the '='."""
    left, top, w, h, eq = box
    parts.append(f'<g class="node" data-name="{node}"><rect x="{left:.1f}" y="{top:.1f}" '
                 f'width="{w:.1f}" height="{h:.1f}" rx="8" fill="white" {_stroke(ring, 4 if thick else 1.5)}/>'
                 f'<text x="{left + w / 2:.1f}" y="{top + _PAD + 14:.1f}" font-size="{SIZE + 2}" '
                 f'font-weight="bold" text-anchor="middle">{node}</text>')
    for k, row in enumerate(rows):
        y = top + _PAD + 14 + _LINE * (k + 1)
        parts.append(f'<text y="{y:.1f}" fill="{colour_of(row.value)}" data-name="{row.name}"'
                     f'{_at(row, known_at)}><tspan x="{eq:.1f}" text-anchor="end">{escape(row.label)}</tspan>'
                     f'<tspan x="{eq:.1f}"> = {signed(row.value)}</tspan></text>')
    parts.append("</g>")


def _edge(parts, w, start, chip, rows, stroke, thick, known_at):
    """A weight's line from its source box to its chip, and the chip: name, value, ∂."""
    (x1, y1), (left, top, cw, ch) = start, chip
    x2, y2 = left, top + ch / 2
    parts.append(f'<g class="edge" data-name="{w}"><line x1="{x1:.1f}" y1="{y1:.1f}" '
                 f'x2="{x2:.1f}" y2="{y2:.1f}" {_stroke(stroke, 4 if thick else 1.5)}>'
                 f'<title>{w}</title></line><line class="hit" x1="{x1:.1f}" y1="{y1:.1f}" '
                 f'x2="{x2:.1f}" y2="{y2:.1f}" stroke="white" stroke-opacity="0" stroke-width="14"/>'
                 f'<rect x="{left:.1f}" y="{top:.1f}" width="{cw:.1f}" height="{ch:.1f}" rx="5" '
                 f'fill="white" {_stroke(stroke, 2.5 if thick else 1)}/>'
                 f'<text x="{left + _PAD:.1f}" y="{top + _PAD / 2 + 14:.1f}" fill="{INK}">{w}</text>')
    for k, row in enumerate(rows):
        parts.append(f'<text x="{left + _PAD:.1f}" y="{top + _PAD / 2 + 14 + _LINE * (k + 1):.1f}" '
                     f'fill="{colour_of(row.value)}" data-name="{row.name}"{_at(row, known_at)}>'
                     f'{row.label}{signed(row.value)}</text>')
    parts.append("</g>")


def _exits(network, layout):
    """Where each weight's line leaves its source box: spread a little along its right side."""
    found = {}
    for source, (left, top, w, h, _) in layout.boxes.items():
        targets = network.outgoing.get(source, ())
        gap = min(9, (h - 2 * _PAD) / max(len(targets), 1))
        for j, (weight, _) in enumerate(targets):
            found[weight] = (left + w, top + h / 2 + (j - (len(targets) - 1) / 2) * gap)
    return found


def network_diagram(network, values=None, errors=None, gradients=None,
                    highlight=(), current=None, title="The network", known_at=None):
    """Draw `network` as SVG.

    Inputs (all optional, partial dicts are fine: only known numbers are drawn):
    - values: {'I1': .., 'sA': .., 'A': ..} from a Trace;
    - errors: {'dL_wrt_A': .., ...} from Gradients.values;
    - gradients: {'w_A_C': dL/dw_A_C, ...};
    - highlight: names of nodes and weights to emphasise (e.g. path_of(net, 'w_A_C'));
    - current: the one node or weight being computed right now;
    - known_at: {name: how many steps are done when that number is known}, for the
      stepper: every number drawn then carries data-at (its front end hides the ones not
      known yet), and a box also shows the error at its sum, dL_wrt_sX (labelled ∂L/∂sX).
    Returns a Diagram (svg, shown numbers, alt text, width, height); bad input: CourseInputError.
    """
    values, errors, gradients, highlight, title, known_at = diagram_arguments(
        network, values, errors, gradients, highlight, current, title, known_at)
    rows = {n: _node_rows(network, n, values, errors, known_at is not None)
            for n in network.nodes}
    chip_rows = {w: _chip_rows(network, w, gradients)
                 for incoming in network.incoming.values() for w, _ in incoming.sources}
    layout = _layout(network, rows, chip_rows)
    exits = _exits(network, layout)
    parts, shown, alt = [], {}, []
    for target, incoming in network.incoming.items():
        for w, source in incoming.sources:
            on = w in highlight or w == current
            lines = [_Row(w, w, network.weights[w])] + (
                [_Row(error_name(w), "∂L/∂w", gradients[w])] if w in gradients else [])
            shown.update((row.name, row.value) for row in lines)
            alt.append(", ".join(f"{row.name} = {signed(row.value)}" for row in lines))
            _edge(parts, w, exits[w], layout.chips[w], chip_rows[w],
                  CURRENT if w == current else (HIGHLIGHT if on else FAINT), on, known_at)
    for node in (n for layer in network.layers for n in layer):
        on, now = node in highlight, node == current
        shown.update((row.name, row.value) for row in rows[node])
        _node(parts, node, layout.boxes[node], rows[node],
              CURRENT if now else (HIGHLIGHT if on else INK), on or now, known_at)
        alt.append(f"node {node}: " + (", ".join(f"{row.name} = {signed(row.value)}"
                                                 for row in rows[node]) or "no number shown"))
    alt_text = (f"{title}: layers " + " | ".join(" ".join(layer) for layer in network.layers)
                + ". " + "; ".join(alt) + ".")
    width, height = math.ceil(layout.width), math.ceil(layout.height)
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0 0 {width} {height}" '
           f'role="img" font-family="{FONT}" font-size="{SIZE}" class="course-diagram">'
           f'<title>{escape(title)}</title><desc>{escape(alt_text)}</desc>'
           + "".join(parts) + "</svg>")
    return Diagram(svg, shown, alt_text, width, height)
