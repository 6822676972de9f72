"""The network diagram's labels never overlap: read back from the SVG it draws.

Every label of course_lib.views.diagram sits in a box: a node's box (its name and numbers)
or a weight's chip (name, value, gradient). The geometry is read from the SVG text itself
(the <rect>, <line> and <text> elements), not from the module's layout code, and checked
against rules written here:

- test_no_two_label_boxes_overlap: no two boxes (nodes and chips) intersect, with at least
  2 px between them; in particular the chips where the I1/I2 -> A/B lines cross;
- test_no_line_runs_through_a_label: a weight's line touches only its own source box and its
  own chip, so a crossing of two lines is never under a label;
- test_every_label_fits_inside_its_box: each text, measured in the diagram's font
  (Liberation Sans, the metrics of Arial) by matplotlib's own font reader, lies inside its box.

The diagrams: the seed network with every number (as notebook 06 draws it), the stepper's
version (one more row per node: the error at its sum), the two-output network of notebook 08,
and a 2-3-1 tanh network with biases (notebook 12). Together well under a second.
"""
import itertools
import xml.etree.ElementTree as ET

import pytest

from course_lib import backward, forward, make_network, seed_network
from course_lib.topics.several_outputs import TWO_OUTPUT_CORRECT, two_output_sample_network
from course_lib.views.diagram import network_diagram

SVG = "{http://www.w3.org/2000/svg}"
MIN_GAP = 2.0        # px between two boxes
INSIDE = 1.0         # px: a text must end at least this far inside its box's border


def full_diagram(network, inputs, correct, stepper=False):
    trace = forward(network, inputs)
    grads = backward(trace, correct)
    known_at = None
    if stepper:   # every number known at step 0: the stepper's SVG with every row drawn
        known_at = dict.fromkeys([*trace.values, *grads.values, *network.weights], 0)
    return network_diagram(network, values=trace.values, errors=grads.values,
                           gradients=grads.weights, known_at=known_at)


DIAGRAMS = {
    "seed network, every number": lambda: full_diagram(seed_network(), [1.0, 0.5], 1.0),
    "seed network, stepper rows": lambda: full_diagram(seed_network(), [1.0, 0.5], 1.0, True),
    "two outputs": lambda: full_diagram(two_output_sample_network(), [1.0, 0.5],
                                        TWO_OUTPUT_CORRECT),
    "2-3-1 tanh with biases": lambda: full_diagram(
        make_network((2, 3, 1), activation="tanh", biases=True, seed=3), [1.0, 0.5], 1.0),
}


def groups(diagram):
    """[(kind, name, (left, top, right, bottom), line or None, group element)] from the SVG."""
    root = ET.fromstring(diagram.svg)
    found = []
    for g in root.iter(f"{SVG}g"):
        rect = g.find(f"{SVG}rect")
        x, y = float(rect.get("x")), float(rect.get("y"))
        box = (x, y, x + float(rect.get("width")), y + float(rect.get("height")))
        line = next((tuple(float(l.get(k)) for k in ("x1", "y1", "x2", "y2"))
                     for l in g.iter(f"{SVG}line") if l.get("class") != "hit"), None)
        found.append((g.get("class"), g.get("data-name"), box, line, g))
    return found


def gap(a, b):
    """The distance between two boxes along the axis that separates them (< 0: overlap)."""
    return max(b[0] - a[2], a[0] - b[2], b[1] - a[3], a[1] - b[3])


def segment_enters(segment, box, shrink=0.5):
    """Whether the segment passes through the inside of box (shrunk by `shrink` px)."""
    x1, y1, x2, y2 = segment
    left, top, right, bottom = box[0] + shrink, box[1] + shrink, box[2] - shrink, box[3] - shrink
    t0, t1, dx, dy = 0.0, 1.0, x2 - x1, y2 - y1
    for p, q in ((-dx, x1 - left), (dx, right - x1), (-dy, y1 - top), (dy, bottom - y1)):
        if p == 0:
            if q < 0:
                return False
        elif p < 0:
            t0 = max(t0, q / p)
        else:
            t1 = min(t1, q / p)
    return t0 < t1


@pytest.mark.parametrize("name", DIAGRAMS)
def test_no_two_label_boxes_overlap(name):
    diagram = DIAGRAMS[name]()
    found = groups(diagram)
    nodes = diagram.alt.count("node ")      # the text alternative names every node once
    assert len([g for g in found if g[0] == "node"]) == nodes >= 4
    assert len([g for g in found if g[0] == "edge"]) >= nodes   # a chip for every weight
    closest = min(((gap(a[2], b[2]), a[1], b[1]) for a, b in itertools.combinations(found, 2)))
    assert closest[0] >= MIN_GAP, f"{name}: the boxes of {closest[1]} and {closest[2]} are " \
                                  f"{closest[0]:.1f} px apart"


def test_the_oracle_sees_an_overlap():
    assert gap((0, 0, 10, 10), (5, 5, 20, 20)) < 0 < gap((0, 0, 10, 10), (12, 0, 20, 10))
    assert segment_enters((0, 5, 30, 5), (10, 0, 20, 10))
    assert not segment_enters((0, 15, 30, 15), (10, 0, 20, 10))
    assert not segment_enters((0, 0, 10, 5), (10, 0, 20, 10))   # ends on the border: a touch


@pytest.mark.parametrize("name", DIAGRAMS)
def test_no_line_runs_through_a_label(name):
    found = groups(DIAGRAMS[name]())
    boxes = {g[1]: g[2] for g in found}
    network_lines = [(g[1], g[3]) for g in found if g[0] == "edge"]
    assert network_lines
    for weight, segment in network_lines:
        source = weight.split("_")[1] if weight.count("_") == 2 else None
        for other, box in boxes.items():
            if other in (weight, source):
                continue
            assert not segment_enters(segment, box), f"{name}: the line of {weight} runs " \
                                                     f"through the box of {other}"


def _font():
    from matplotlib.font_manager import FontProperties, findfont
    try:
        findfont(FontProperties(family="Liberation Sans"), fallback_to_default=False)
    except ValueError:
        return None
    return "Liberation Sans"


def _width(text, size, bold=False):
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath
    props = FontProperties(family="Liberation Sans", size=size,
                           weight="bold" if bold else "normal")
    return TextToPath().get_text_width_height_descent(text, props, ismath=False)[0]


def text_extents(text, font_size):
    """(left, right) of a <text> of the diagram, from its anchors and the measured widths."""
    tspans = list(text.iter(f"{SVG}tspan"))
    if not tspans:   # a chip's line, or a node's name (bold, centred)
        x, whole = float(text.get("x")), "".join(text.itertext())
        bold = text.get("font-weight") == "bold"
        width = _width(whole, float(text.get("font-size", font_size)), bold)
        return (x - width / 2, x + width / 2) if text.get("text-anchor") == "middle" \
            else (x, x + width)
    label, value = tspans   # 'sC' right-aligned on the '=', then ' = +0.08818' from there
    eq = float(label.get("x"))
    return eq - _width(label.text or "", font_size), eq + _width(value.text, font_size)


@pytest.mark.parametrize("name", DIAGRAMS)
def test_every_label_fits_inside_its_box(name):
    if _font() is None:
        pytest.skip("the diagram's font, Liberation Sans, is not installed "
                    "(apt-get install fonts-liberation)")
    diagram = DIAGRAMS[name]()
    size = float(ET.fromstring(diagram.svg).get("font-size"))
    for kind, owner, box, _, g in groups(diagram):
        for text in g.iter(f"{SVG}text"):
            left, right = text_extents(text, size)
            assert box[0] + INSIDE <= left and right <= box[2] - INSIDE, (
                f"{name}: {''.join(text.itertext())!r} in the {kind} {owner} runs from "
                f"{left:.1f} to {right:.1f} px, its box from {box[0]:.1f} to {box[2]:.1f} px")
