"""Accessibility: headless (issue 6, point 4) and in Chromium with axe-core (issue 15, point 5).

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
5. WCAG 2.1 AA in a real browser (the last section; one JupyterLab server, which also
   renders the Voila app, one Chromium): axe-core's wcag2a, wcag2aa and wcag21aa rules find
   nothing in the Voila stepper app, the stepper in JupyterLab and the training lab, also
   after steps and mid-training; and what axe does not test: SVG text >= 4.5:1, lines, rings
   and focus rings >= 3:1, each step announced in a polite live region, the progress bar's
   value, the focus kept when Undo, Play or Pause becomes unavailable, the current step
   (dashed) and the path (solid) told apart without colour, two views of one stepper.
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
from course_lib.views.style import FAINT, INK, VERMILLION, contrast
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
    # lines and rings (WCAG 1.4.11): 3:1 on white; the grey of plain edges was #b0b0b0 (2.2:1)
    for colour in (FAINT, HIGHLIGHT, CURRENT, POSITIVE, INK):
        assert contrast(colour) >= 3, colour
    assert contrast("#b0b0b0") < 3

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


# --- in a real browser: axe-core and the checks axe does not make (issue 15, point 5) ---------
#
# axe-core (the PyPI package axe-playwright-python bundles it) with the rules tagged wcag2a,
# wcag2aa and wcag21aa, scoped to what the course draws (the stepper, the training lab), on
# three pages: the Voila stepper app, and the stepper and the training lab in JupyterLab (one
# notebook in tmp_path, one server, one page). 0 violations, also after steps (numbers shown,
# the current step and the path highlighted) and while training.
# Trap: in JupyterLab 4 the <body class="jp-ThemedContainer"> is 0 px tall with overflow
# hidden, so axe takes every text on the page for clipped and skips its colour-contrast check
# (the rule reports "inapplicable", not "passed"). AXE_SEES_TEXT lets the body show its
# overflow (nothing moves: the shell inside is absolutely positioned), and the tests assert
# that colour contrast was really checked on the course's text.
# axe leaves text inside SVG "incomplete" (it cannot find the background), and WCAG's 3:1 for
# lines, rings and focus indicators (1.4.11) is not an axe rule: both are measured here from
# the computed styles, as are the live region, the progress bar, the focus when a button
# becomes unavailable, and the current step told apart from the path without colour.

AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa"]}}
AXE_SEES_TEXT = ".jp-ThemedContainer { overflow: visible !important; }"

_LUMINANCE_JS = """
const lum = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number).map(v => v / 255)
  .map(v => v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
  .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
                          return (x + 0.05) / (y + 0.05); };
const painted = (c) => c && c !== 'none' && !/rgba\\(.*, 0\\)$/.test(c);
"""

# Every SVG text (>= 4.5:1 on the fill of its box, or on white) and every line and ring
# (>= 3:1 on white) the course draws inside `root`: [kind, what, ratio] of the weakest ones.
_SVG_CONTRAST_JS = """(root) => {""" + _LUMINANCE_JS + """
  const found = {text: [], line: []};
  for (const svg of root.querySelectorAll('svg')) {
    for (const t of svg.querySelectorAll('text')) {
      if (!t.textContent.trim() || t.closest('[visibility=hidden]')
          || getComputedStyle(t).visibility === 'hidden') continue;
      const box = t.closest('g[data-name]');
      const rect = box && box.querySelector(':scope > rect');
      const back = rect && painted(getComputedStyle(rect).fill) ? getComputedStyle(rect).fill
                                                                 : 'rgb(255, 255, 255)';
      found.text.push([t.textContent.trim().slice(0, 30), ratio(getComputedStyle(t).fill, back)]);
    }
    for (const s of svg.querySelectorAll('line, rect, polyline, path, circle')) {
      const style = getComputedStyle(s);
      if (!painted(style.stroke) || style.strokeOpacity === '0' || s.classList.contains('hit')
          || style.stroke === 'rgb(255, 255, 255)') continue;
      const g = s.closest('g[data-name]');
      found.line.push([`${s.tagName} ${g ? g.dataset.name : ''}`, ratio(style.stroke, 'rgb(255, 255, 255)')]);
    }
  }
  return found;
}"""

# The focused element's focus indicator: [outline width px, its contrast on white] (for a
# node or edge of the diagram: its ring, the stroke of its rect).
_FOCUS_RING_JS = """() => {""" + _LUMINANCE_JS + """
  const e = document.activeElement;
  const ring = e.matches('g[data-name]') ? e.querySelector(':scope > rect') : e;
  const style = getComputedStyle(ring);
  if (ring !== e) return [parseFloat(style.strokeWidth), ratio(style.stroke, 'rgb(255, 255, 255)')];
  if (style.outlineStyle === 'none') return [0, 1];
  return [parseFloat(style.outlineWidth), ratio(style.outlineColor, 'rgb(255, 255, 255)')];
}"""

_ACTIVE_CLASS_JS = "() => document.activeElement ? document.activeElement.className.toString() : ''"

LAB_NOTEBOOK = [
    "from course_lib import Stepper, TrainingLab\nstepper = Stepper()\nstepper",
    "stepper   # a second view of the same stepper, as JupyterLab's 'New View for Output' makes",
    'lab = TrainingLab()\nlab.epochs_box.value = "2000"\nlab.speed_menu.value = 5\nlab',
    'print("cells ran")',
]


def axe_violations(page, selector):
    """axe-core's violations inside `selector` (rules wcag2a, wcag2aa, wcag21aa), as lines to
    read, and how many nodes its colour-contrast rule really checked there."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context={"include": [[selector]]}, options=AXE_OPTIONS).response
    lines = [f"{v['id']} ({v['impact']}): {v['help']}: {n['target']} {n['failureSummary']}"
             for v in results["violations"] for n in v["nodes"]]
    checked = sum(len(r["nodes"]) for kind in ("passes", "violations") for r in results[kind]
                  if r["id"] == "color-contrast")
    return lines, checked


def svg_contrast_problems(page, root):
    found = page.evaluate(_SVG_CONTRAST_JS, root.element_handle())
    assert found["text"] and found["line"], "no SVG text or line found"
    return ([f"text {what!r}: {r:.2f}:1" for what, r in found["text"] if r < 4.5]
            + [f"{what}: {r:.2f}:1" for what, r in found["line"] if r < 3])


@pytest.fixture(scope="module")
def a11y_server(lab_server, tmp_path_factory, chromium_path):
    """One JupyterLab server for the module, on a folder (tmp_path) with a notebook holding a
    stepper shown twice and a training lab, and a copy of notebooks/stepper_app.ipynb, which
    the same server renders with Voila (its server extension: /voila/render/...)."""
    from nbformat.v4 import new_code_cell, new_notebook

    root = tmp_path_factory.mktemp("a11y")
    nb = new_notebook(cells=[new_code_cell(source) for source in LAB_NOTEBOOK])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, str(root / "a11y.ipynb"))
    (root / "stepper_app.ipynb").write_bytes((REPO / "notebooks" / "stepper_app.ipynb").read_bytes())
    server = lab_server(root)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def a11y_browser(_playwright, chromium_path):
    from conftest import CHROMIUM_ARGS

    browser = _playwright.chromium.launch(executable_path=chromium_path, headless=True,
                                          args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture(scope="module")
def jupyterlab_page(a11y_server, a11y_browser):
    """The notebook run in JupyterLab, in one page shared by the tests below."""
    from conftest import open_notebook, run_all_cells

    page = a11y_browser.new_page(viewport={"width": 1280, "height": 900})
    open_notebook(page, a11y_server, "a11y.ipynb")
    run_all_cells(page)
    page.locator(".jp-OutputArea-output", has_text="cells ran").wait_for(timeout=30_000)
    page.locator(".training-lab .training-boundary svg").wait_for(timeout=30_000)
    page.locator(".stepper-diagram svg").nth(1).wait_for(timeout=30_000)
    page.add_style_tag(content=AXE_SEES_TEXT)
    yield page
    page.close()


def test_axe_finds_nothing_in_the_stepper_in_jupyterlab(jupyterlab_page):
    """After three steps (numbers shown, the current step ringed), with w_I1_A chosen (its
    path ringed) and the table open. The start is checked in the Voila app."""
    page = jupyterlab_page
    stepper = page.locator(".stepper").first
    stepper.evaluate("e => e.scrollIntoView({block: 'start'})")
    stepper.locator('.stepper-diagram g.edge[data-name="w_I1_A"]').click()
    for _ in range(3):
        stepper.locator(".stepper-forward").click()
    stepper.locator(".stepper-table summary").click()
    problems, checked = axe_violations(page, ".stepper")
    assert problems == [], "\n".join(problems)
    assert checked >= 20, f"axe checked the colour of {checked} texts only"
    assert not svg_contrast_problems(page, stepper)
    stepper.locator(".stepper-table summary").click()          # fold the table again


def test_axe_finds_nothing_in_the_training_lab_in_jupyterlab(jupyterlab_page):
    """Mid-training: the count, the bar, the loss curve and the boundary all drawn."""
    page = jupyterlab_page
    lab = page.locator(".training-lab")
    lab.evaluate("e => e.scrollIntoView({block: 'start'})")
    lab.locator(".training-play").click()
    page.wait_for_function("(lab) => Number(lab.querySelector('[role=progressbar]')"
                           ".getAttribute('aria-valuenow')) > 0", arg=lab.element_handle(),
                           timeout=10_000)
    lab.locator(".training-pause").click()
    problems, checked = axe_violations(page, ".training-lab")
    assert problems == [], "\n".join(problems)
    assert checked >= 6, f"axe checked the colour of {checked} texts only"
    assert not svg_contrast_problems(page, lab)


def test_the_stepper_by_hand_live_region_rings_focus_and_two_views(jupyterlab_page):
    from test_stepper_browser import insert_and_run

    page = jupyterlab_page
    first, second = page.locator(".stepper").nth(0), page.locator(".stepper").nth(1)
    first.evaluate("e => e.scrollIntoView({block: 'start'})")
    first.locator(".stepper-forward").focus()
    page.keyboard.press("Home")
    # each step's result is announced in a polite live region, one per stepper
    live = first.locator(".stepper-live")
    assert (live.get_attribute("role"), live.get_attribute("aria-live")) == ("status", "polite")
    assert first.locator("[aria-live=polite], [role=status]").count() == 1
    announced = []
    for _ in range(3):
        page.keyboard.press("ArrowRight")
        announced.append(live.inner_text())
    assert [a.split(":")[0] for a in announced] == [
        "Step 1 of 34 (forward)", "Step 2 of 34 (forward)", "Step 3 of 34 (forward)"]
    assert announced[0].startswith("Step 1 of 34 (forward): sA. sA = ")   # the numbers too
    # the focus ring of every control: >= 2 px, >= 3:1 on white (a key press made the focus
    # a keyboard focus, so :focus-visible applies)
    for control in first.locator("button, input, select, summary").all():
        control.focus()
        width, ratio = page.evaluate(_FOCUS_RING_JS)
        assert width >= 2 and ratio >= 3, (control.evaluate("e => e.outerHTML.slice(0, 80)"),
                                           width, ratio)
    # the current step (dashed), the path (solid) and the focus (dotted) differ in pattern,
    # not only in colour; the rings and lines themselves are >= 3:1 (svg_contrast_problems)
    node = first.locator('.stepper-diagram g.node[data-name="f"]')     # not the current one
    node.focus()
    width, ratio = page.evaluate(_FOCUS_RING_JS)
    assert width >= 2 and ratio >= 3, (width, ratio)
    patterns = first.evaluate("""(root) => {
      const dash = (e) => getComputedStyle(e).strokeDasharray;
      const pick = (css) => [...root.querySelectorAll(css)].map(dash);
      return {current: pick('.is-current:not(:focus-visible) > rect, .edge.is-current > line:first-of-type'),
              path: pick('.on-path:not(.is-current):not(:focus-visible) > rect, '
                         + '.edge.on-path:not(.is-current) > line:first-of-type'),
              focus: pick('g[data-name]:focus-visible > rect')}; }""")
    assert patterns["current"] and patterns["path"] and patterns["focus"], patterns
    assert all(p == "none" for p in patterns["path"]), patterns
    assert all(p != "none" for p in patterns["current"] + patterns["focus"]), patterns
    assert not set(patterns["current"]) & set(patterns["focus"]), patterns
    assert not svg_contrast_problems(page, first)
    # Undo, pressed until there is nothing left to undo, keeps the focus (aria-disabled, so
    # the focus never drops to the page) and says it is unavailable
    first.locator(".stepper-full-step").click()
    first.locator(".stepper-update").click()
    undo = first.locator(".stepper-undo")
    undo.wait_for(timeout=10_000)
    page.wait_for_function("(b) => b.getAttribute('aria-disabled') === 'false'",
                           arg=undo.element_handle(), timeout=10_000)
    undo.focus()
    for _ in range(10):
        if undo.get_attribute("aria-disabled") == "true":
            break
        page.keyboard.press("Enter")
        page.wait_for_timeout(300)
    assert undo.get_attribute("aria-disabled") == "true"
    assert "stepper-undo" in page.evaluate(_ACTIVE_CLASS_JS).split()
    # two views of one stepper (issue 12): a step taken in the second view after steps in the
    # first is followed by Python (both count their steps on from the same model)
    first.locator(".stepper-forward").focus()
    page.keyboard.press("Home")
    for _ in range(3):
        first.locator(".stepper-forward").click()
    second.locator(".stepper-forward").click()
    insert_and_run(page, 'print("python at step", stepper.state.position, stepper.position)')
    output = page.locator(".jp-OutputArea-output", has_text="python at step")
    output.wait_for(timeout=30_000)
    assert output.inner_text().strip() == "python at step 4 4"
    for view in (first, second):
        assert view.locator(".stepper-status").inner_text() == "step 4 of 34"


def test_the_training_lab_by_hand_progress_focus_and_rings(jupyterlab_page):
    page = jupyterlab_page
    lab = page.locator(".training-lab")
    lab.evaluate("e => e.scrollIntoView({block: 'start'})")
    play, pause = lab.locator(".training-play"), lab.locator(".training-pause")
    # Play pressed by keyboard: the focus moves to Pause (Play is now disabled), and back
    play.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.classList.contains('training-pause')",
                           timeout=10_000)
    assert play.is_disabled()
    width, ratio = page.evaluate(_FOCUS_RING_JS)
    assert width >= 2 and ratio >= 3, (width, ratio)
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.classList.contains('training-play')",
                           timeout=10_000)
    assert pause.is_disabled()
    # the progress: a progressbar with its value, its range and the words for it
    bar = lab.locator("[role=progressbar]")
    epoch = int(bar.get_attribute("aria-valuenow"))
    assert 0 < epoch < 2000
    assert (bar.get_attribute("aria-valuemin"), bar.get_attribute("aria-valuemax")) == ("0", "2000")
    assert bar.get_attribute("aria-valuetext") == f"epoch {epoch} of 2000"
    assert bar.get_attribute("aria-label")
    assert lab.locator(".training-count").inner_text() == f"epoch {epoch} / 2000"
    # the message line is a polite live region; every control's focus ring is >= 3:1
    assert lab.locator(".training-message [role=status]").count() == 1
    for control in lab.locator("button:enabled, input, select").all():
        control.focus()
        width, ratio = page.evaluate(_FOCUS_RING_JS)
        assert width >= 2 and ratio >= 3, (control.evaluate("e => e.outerHTML.slice(0, 80)"),
                                           width, ratio)


def test_axe_finds_nothing_in_the_voila_stepper_app(a11y_server, a11y_browser):
    """notebooks/stepper_app.ipynb rendered by Voila (the module's server), large mode; the
    whole rendered notebook (its markdown too) at the start and after 12 steps."""
    from test_voila_app import keep_local

    page = a11y_browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        keep_local(page)
        page.goto(f"{a11y_server.base_url}voila/render/stepper_app.ipynb"
                  f"?token={a11y_server.token}", timeout=60_000)
        stepper = page.locator(".stepper.stepper-large")
        stepper.locator(".stepper-diagram svg").wait_for(timeout=60_000)
        for when in ("at the start", "after 12 steps and a chosen weight"):
            if when != "at the start":
                stepper.locator('.stepper-diagram g.edge[data-name="w_I2_B"]').click()
                stepper.locator(".stepper-forward").focus()
                for _ in range(12):
                    page.keyboard.press("ArrowRight")
            problems, checked = axe_violations(page, ".jp-Cell")
            assert problems == [], f"{when}:\n" + "\n".join(problems)
            assert checked >= 20, f"{when}: axe checked the colour of {checked} texts only"
            assert not svg_contrast_problems(page, stepper), when
    finally:
        page.close()
