"""Accessibility, headless (no browser): issue 6, point 4.

1. Widget controls. For the TrainingLab and the misconception lab's view, walk the whole
   widget tree and check:
   - every Button has a non-empty description (its visible name) and tooltip;
   - every ToggleButtons has a description and one non-empty tooltip per option;
   - every input widget (text box, menu, slider, check box, ...) has a description, which
     ipywidgets renders as the input's <label>, and a tooltip;
   - display widgets that carry a value (progress bars) have a description.
   The Stepper is an anywidget whose controls are HTML made in the browser: their labels,
   tooltips, focus rings and keyboard reach are tested there (tests/test_voila_app.py,
   tests/test_stepper_browser.py).
2. Text alternatives. Every SVG a view shows has role="img" and a <title> (the stepper's diagram
   also a <desc> naming every number it draws); the stepper's table lists every known number.
3. Colour. The diagram's colours are Okabe-Ito (the negative colour, used for text, is the
   Okabe-Ito vermillion darkened, same hue); every text colour is at least 4.5:1 on white; every
   coloured number on the diagram, in the table and in the chain panel carries its sign as a
   glyph (+ or −), so colour is never the only cue; the misconception curves differ by dash as
   well as colour.
4. Figures in the notebooks (FIGURE CONVENTION, as notebooks 00-09 and 11 already do it):
   every code cell whose saved outputs contain an image (image/png or image/svg+xml) has a
   caption in the nearest markdown cell before it or the nearest one after it (only code cells
   in between). A caption is one markdown paragraph, in italics, that starts with "*Figure"
   (e.g. "*Figure:", "*Figure 3.", "*Figure, alt text:"), contains "alt text" or
   "text alternative", and has at least MIN_ALT_WORDS words of description besides those
   markers (before the marker, as in "*Figure: <what it shows>. (Text alternative: <where the
   numbers are>.)*", or after it, as in "*Figure 2. Alt text: <what it shows>.*"). One caption
   describes one figure. An SVG output must also carry its own <title>/<desc> and a text/plain
   output that is the text alternative (not an object repr).
"""
from __future__ import annotations

import re
from pathlib import Path

import ipywidgets as widgets
import nbformat
import numpy as np
import pytest

from course_lib import make_network, seed_network, two_output_network
from course_lib.views.diagram import CURRENT, HIGHLIGHT, NEGATIVE, NEUTRAL, POSITIVE, signed
from course_lib.views.style import INK, VERMILLION, contrast
from course_lib.labs.stepper_view import Stepper
from test_stepper_widget import Browser

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
OKABE_ITO = {"#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00",
             "#CC79A7"}
MIN_ALT_WORDS = 8

# Widgets that show something but take no input.
DISPLAY_ONLY = (widgets.HTML, widgets.HTMLMath, widgets.Label, widgets.Image, widgets.Output,
                widgets.Valid)
PROGRESS = (widgets.IntProgress, widgets.FloatProgress)


# --- the views -----------------------------------------------------------------------------------


def misconception_view():
    from course_lib.labs.misconception_lab import MisconceptionLab, MisconceptionLabView

    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    Y = np.array([[0.0], [1.0], [1.0], [0.0]])
    to_train = make_network((2, 2, 2, 1), biases=True, seed=2)
    lab = MisconceptionLab(seed_network(), [1.0, 0.5], 1.0, to_train, X, Y, learning_rate=2.0,
                           epochs=50)
    return MisconceptionLabView(lab)


def training_lab():
    from course_lib.labs.training_view import TrainingLab

    lab = TrainingLab()
    lab.epochs_box.value = "30"
    lab.train_button.click()          # so the decision boundary and its alt text are shown too
    return lab


VIEWS = {
    "TrainingLab": training_lab,
    "MisconceptionLabView": misconception_view,
}


def walk(widget):
    """Every widget in the tree under ``widget`` (itself included), depth first."""
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def label(widget) -> str:
    classes = " ".join(getattr(widget, "_dom_classes", ()))
    return f"{type(widget).__name__}({widget.description!r}, classes={classes!r})"


@pytest.fixture(scope="module", params=list(VIEWS))
def view(request):
    return request.param, VIEWS[request.param]()


def test_every_control_has_a_description_and_a_tooltip(view):
    name, root = view
    problems, controls = [], 0
    for widget in walk(root):
        if isinstance(widget, widgets.Button):
            controls += 1
            if not widget.description.strip():
                problems.append(f"{label(widget)}: a Button without a description")
            if not (widget.tooltip or "").strip():
                problems.append(f"{label(widget)}: a Button without a tooltip")
        elif isinstance(widget, (widgets.ToggleButtons,)):
            controls += 1
            if not widget.description.strip():
                problems.append(f"{label(widget)}: no description")
            tips = list(widget.tooltips)
            if len(tips) != len(widget.options) or not all(t.strip() for t in tips):
                problems.append(f"{label(widget)}: options without a tooltip: {tips}")
        elif isinstance(widget, PROGRESS):
            if not widget.description.strip():
                problems.append(f"{label(widget)}: a progress bar without a description")
        elif isinstance(widget, widgets.ValueWidget) and not isinstance(widget, DISPLAY_ONLY):
            controls += 1
            if not widget.description.strip():
                problems.append(f"{label(widget)}: an input without a description (its label)")
            if not (widget.tooltip or "").strip():
                problems.append(f"{label(widget)}: an input without a tooltip")
    assert controls > 0, f"{name}: no controls found"
    assert not problems, f"{name}:\n" + "\n".join(problems)


def svgs(html: str) -> list[str]:
    return re.findall(r"<svg\b.*?</svg>", html, flags=re.S)


def test_every_picture_has_a_text_alternative(view):
    name, root = view
    pictures = [svg for w in walk(root) if isinstance(w, widgets.HTML) for svg in svgs(w.value)]
    assert pictures, f"{name}: no SVG found"
    for svg in pictures:
        opening = svg.split(">", 1)[0]
        assert 'role="img"' in opening, opening
        title = re.search(r"<title>(.+?)</title>", svg, flags=re.S)
        assert title and len(title.group(1).split()) >= 3, f"{name}: SVG without a <title>"
    images = [w for w in walk(root) if isinstance(w, widgets.Image) and w.value]
    if images:  # a PNG (TrainingLab's decision boundary) comes with an HTML text alternative
        assert name == "TrainingLab"
        assert len(root.boundary_alt.value.split()) >= MIN_ALT_WORDS


def driven_steppers():
    """A stepper (and the fake front end showing it) at several points: before the first step,
    mid-forward, after a full step with a chosen first-layer weight (fan-out on the chain),
    after an update, and with two outputs."""
    stepper = Stepper()
    browser = Browser(stepper)
    yield "start", stepper, browser
    for _ in range(5):
        browser.press("forward")
    yield "5 forward", stepper, browser
    browser.choose("w_I2_A")
    browser.press("full-step")
    yield "full step", stepper, browser
    browser.press("update")
    browser.press("full-step")
    yield "update + full step", stepper, browser
    two = Stepper(two_output_network(), correct={"f1": 1.0, "f2": 0.0})
    two_browser = Browser(two)
    two_browser.press("full-step")
    yield "two outputs", two, two_browser


def test_the_stepper_diagram_has_a_title_a_desc_and_a_table_of_every_number():
    for when, stepper, browser in driven_steppers():
        svg = svgs(browser.plan["svg"])[0]
        opening = svg.split(">", 1)[0]
        assert 'role="img"' in opening, opening
        title = re.search(r"<title>(.+?)</title>", svg, flags=re.S).group(1)
        assert len(title.split()) >= 3
        desc = re.search(r"<desc>(.+?)</desc>", svg, flags=re.S).group(1)
        drawn = browser.diagram()
        assert drawn, when
        for name, text in drawn.items():
            assert f"{name} = {text.split(' = ')[-1].removeprefix('∂ ')}" in desc, (when, name)
        rows = browser.table()
        assert [row[0] for row in rows] == list(stepper.state.known), when
        assert set(drawn) <= set(stepper.state.known) | {
            n for n in drawn if n.startswith("dL_wrt_w_") or n.startswith("b_")}


_TEXT = re.compile(r'<text [^>]*fill="(#[0-9A-Fa-f]{6})"[^>]*data-name="([^"]+)" data-at="(\d+)">'
                   r'(.*?)</text>')


def test_text_colours_are_readable_and_keep_the_okabe_ito_hues():
    assert {POSITIVE, HIGHLIGHT, CURRENT} <= OKABE_ITO and VERMILLION in OKABE_ITO
    for colour in (POSITIVE, NEGATIVE, NEUTRAL, INK):
        assert contrast(colour) >= 4.5, colour
    assert contrast(VERMILLION) < 4.5 <= contrast(NEGATIVE)   # why the text is darkened

    def hue(colour):
        import colorsys
        return colorsys.rgb_to_hsv(*(int(colour[k:k + 2], 16) / 255 for k in (1, 3, 5)))[0]
    assert abs(hue(NEGATIVE) - hue(VERMILLION)) < 0.005


def test_signs_are_glyphs_as_well_as_colours():
    signs_seen, chain_numbers = set(), 0
    for when, stepper, browser in driven_steppers():
        # the diagram: every coloured number shown starts with its sign
        texts = [(colour, name, re.sub(r"<[^>]+>", "", text))
                 for colour, name, at, text in _TEXT.findall(browser.plan["svg"])
                 if int(at) <= browser.position]
        assert texts, when
        values = dict(stepper.state.known)
        values.update(stepper.state.network.weights)
        for colour, name, text in texts:
            number = text.rsplit(" = ", 1)[-1].removeprefix("∂ ")
            value = values[name]
            if colour == POSITIVE:
                assert value > 0 and number.startswith("+"), (when, name, text)
            elif colour == NEGATIVE:
                assert value < 0 and number.startswith("−"), (when, name, text)
            else:
                assert colour == NEUTRAL and value == 0, (when, name, colour, text)
            signs_seen.add(number[0])
        # the table: every value written with its sign
        for name, value, text in browser.table():
            assert text == signed(value, 6), (when, name, text)
        # the chain panel: the result and every fan-out share carry their sign
        chain = browser.plan["chains"][stepper.state.weight]
        numbers = [chain["text"]] + [f["text"] for f in chain["fan_outs"]] + [
            part[2] for f in chain["fan_outs"] for part in f["parts"]]
        for number in numbers:
            assert number[0] in "+−", (when, number)
            chain_numbers += 1
    assert signs_seen == {"+", "−"}
    assert chain_numbers >= 8  # the results and the fan-out shares were really checked


def test_misconception_curves_differ_by_dash_as_well_as_colour():
    view = misconception_view()
    svg = svgs(view.curves.value)[0]
    lines = re.findall(r"<polyline [^>]*>", svg)
    assert len(lines) == 2
    assert ("stroke-dasharray" in lines[0]) != ("stroke-dasharray" in lines[1])
    assert "solid" in svg and "dashed" in svg  # the text alternative says which is which


# --- figures in the notebooks --------------------------------------------------------------------

_CAPTION_START = re.compile(r"^\*Figure\b")
_ALT_MARKER = re.compile(r"(alt text|text alternative)\s*:?\s*", re.I)


def captions(markdown: str) -> list[str]:
    """The figure captions in one markdown cell (see FIGURE CONVENTION in the docstring)."""
    found = []
    for paragraph in re.split(r"\n\s*\n", markdown.strip()):
        text = " ".join(paragraph.split())
        if not (_CAPTION_START.match(text) and text.endswith("*") and not text.startswith("**")):
            continue
        if not _ALT_MARKER.search(text):
            continue
        description = _ALT_MARKER.sub(" ", _CAPTION_START.sub("", text))
        words = [w for w in description.split() if re.search(r"[A-Za-z0-9]", w)]
        if len(words) - bool(words and re.fullmatch(r"\d+\.?", words[0])) >= MIN_ALT_WORDS:
            found.append(text)
    return found


def image_kinds(cell) -> set[str]:
    return {kind for output in cell.get("outputs", []) for kind in output.get("data", {})
            if kind in ("image/png", "image/svg+xml")}


def missing_figure_captions(nb) -> list[str]:
    """Problems with the notebook's figures: one sentence per figure without a caption."""
    cells = nb.cells
    unused = {i: len(captions(c.source)) for i, c in enumerate(cells) if c.cell_type == "markdown"}
    problems = []
    for i, cell in enumerate(cells):
        if cell.cell_type != "code" or not image_kinds(cell):
            continue
        before = next((j for j in range(i - 1, -1, -1) if cells[j].cell_type == "markdown"), None)
        after = next((j for j in range(i + 1, len(cells)) if cells[j].cell_type == "markdown"),
                     None)
        for j in (before, after):
            if j is not None and unused[j] > 0:
                unused[j] -= 1
                break
        else:
            first = cell.source.strip().splitlines()[0][:60]
            problems.append(f"cell {i} ({first!r}) shows an image but neither markdown cell "
                            f"{before} nor {after} has an unused '*Figure ... alt text: ...*' "
                            "caption")
        if "image/svg+xml" in image_kinds(cell):
            for output in cell.outputs:
                data = output.get("data", {})
                if "image/svg+xml" not in data:
                    continue
                svg, plain = "".join(data["image/svg+xml"]), "".join(data.get("text/plain", ""))
                if "<title>" not in svg or "<desc>" not in svg:
                    problems.append(f"cell {i}: SVG output without <title> and <desc>")
                if plain.startswith("<") or len(plain.split()) < MIN_ALT_WORDS:
                    problems.append(f"cell {i}: SVG output whose text/plain is not a text "
                                    f"alternative: {plain[:60]!r}")
    return problems


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_every_figure_in_the_notebooks_has_alt_text(path):
    nb = nbformat.read(str(path), as_version=4)
    problems = missing_figure_captions(nb)
    assert not problems, f"{path.name}:\n" + "\n".join(problems)


def test_the_figure_convention_check_itself():
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

    def figure(source="plot()"):
        cell = new_code_cell(source, execution_count=1)
        cell.outputs = [new_output("display_data", data={"image/png": "iVBOR",
                                                         "text/plain": "<Figure>"})]
        return cell

    good = "*Figure 1. Alt text: two curves, the grey one falls to zero and the red one stays up.*"
    before = "*Figure: a bar chart, one bar per layer. (Text alternative: the sizes are printed " \
             "below the chart, one line per layer.)*"
    assert missing_figure_captions(new_notebook(cells=[figure(), new_markdown_cell(good)])) == []
    assert missing_figure_captions(new_notebook(cells=[new_markdown_cell("Intro.\n\n" + before),
                                                       figure(), new_code_cell("x")])) == []
    # no caption, a caption without alt text, a caption too short, bold instead of italics
    for text in ("Here is a plot.", "*Figure 1: two curves.*", "*Figure 1. Alt text: curves.*",
                 "**Figure 1. Alt text: two curves, the grey one falls and the red one stays.**"):
        assert missing_figure_captions(new_notebook(cells=[new_markdown_cell(text), figure()]))
    # one caption cannot describe two figures
    assert len(missing_figure_captions(new_notebook(
        cells=[figure(), new_markdown_cell(good), figure()]))) == 1
    assert missing_figure_captions(new_notebook(
        cells=[figure(), new_markdown_cell(good + "\n\n" + good), figure()])) == []
