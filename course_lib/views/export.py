"""The course's figures as SVG files, for slides, a handout or a web page.

    from course_lib.views.export import save_svg
    save_svg(network_diagram(net, values=trace.values), "network.svg")    # force=True replaces

    python -m course_lib.views.export OUT [--force]    # the course's main figures, one .svg each

A saved file is the diagram's own SVG, with an XML declaration and its size in pixels (in a
notebook it is drawn at 100 % of the output's width), so Inkscape, PowerPoint, Keynote,
LibreOffice and every browser open it at the size it was drawn; its <title> and <desc>
carry the text alternative. FIGURES lists the main figures, each drawn as its notebook draws
it, on the seed network and the seed sample.
"""
import argparse
import sys
from pathlib import Path

from ..core.backward import backward
from ..core.build import SEED_SAMPLE, seed_network
from ..core.errors import CourseInputError, shown
from ..core.forward import forward
from ..topics.several_outputs import TWO_OUTPUT_CORRECT, two_output_sample_network
from .diagram import Diagram, network_diagram, path_of

__all__ = ["FIGURES", "export_figures", "figure", "save_svg"]

_XML = '<?xml version="1.0" encoding="UTF-8"?>\n'


def save_svg(diagram, path, force=False):
    """Write `diagram` (what network_diagram returns) to `path`, a file name ending in .svg.

    An existing file is replaced only with force=True. Returns the Path written; bad input
    (not a Diagram, another suffix, a missing folder, a file already there): CourseInputError.
    """
    if not isinstance(diagram, Diagram):
        raise CourseInputError(f"save_svg draws a Diagram (what network_diagram returns), not "
                               f"{type(diagram).__name__} {shown(diagram)}.")
    if not isinstance(path, (str, Path)) or not str(path).strip():
        raise CourseInputError(f"path must be a file name ending in .svg, not {shown(path)}.")
    path = Path(path)
    if path.suffix.lower() != ".svg":
        raise CourseInputError(f"path must end in .svg (an SVG file), not {str(path)!r}.")
    if not path.parent.is_dir():
        raise CourseInputError(f"the folder {str(path.parent)!r} does not exist: make it "
                               "first, or choose another path.")
    if path.exists() and not force:
        raise CourseInputError(f"{str(path)!r} already exists: choose another name, or pass "
                               "force=True to replace it.")
    sized = diagram.svg.replace('width="100%"',
                                f'width="{diagram.width}" height="{diagram.height}"', 1)
    path.write_text(_XML + sized + "\n", encoding="utf-8")
    return path


def _seed():
    net = seed_network()
    trace = forward(net, [SEED_SAMPLE["I1"], SEED_SAMPLE["I2"]])
    return net, trace, backward(trace, SEED_SAMPLE["correct"])


def _network():
    net, trace, _ = _seed()
    return network_diagram(net, values=trace.values,
                           title="The article's network on the seed sample")


def _path(weight, stops):
    def draw():
        net, trace, _ = _seed()
        return network_diagram(net, values=trace.values, highlight=path_of(net, weight),
                               current=weight, title=f"What {weight} goes through: {stops}")
    return draw


def _gradient_w_C_f():
    net, trace, grads = _seed()
    return network_diagram(net, values=trace.values, errors={"dL_wrt_f": grads["dL_wrt_f"]},
                           gradients={"w_C_f": grads.weights["w_C_f"]},
                           highlight=path_of(net, "w_C_f"), current="w_C_f",
                           title="The gradient of w_C_f")


def _gradient_w_A_C():
    net, trace, grads = _seed()
    return network_diagram(net, values=trace.values,
                           errors={"dL_wrt_f": grads["dL_wrt_f"], "dL_wrt_C": grads["dL_wrt_C"]},
                           gradients={w: grads.weights[w] for w in ("w_C_f", "w_A_C")},
                           highlight=path_of(net, "w_A_C"),
                           title="The error at C, reused for w_A_C")


def _fan_out():
    net, trace, _ = _seed()
    return network_diagram(net, values=trace.values, highlight=_roads_from_A(net), current="A",
                           title="What A goes through: two roads to f")


def _roads_from_A(net):
    return path_of(net, "w_I1_A") - {"w_I1_A"}


def _backward_pass():
    net, trace, grads = _seed()
    return network_diagram(net, values=trace.values, errors=grads.values,
                           gradients=grads.weights, highlight=_roads_from_A(net),
                           title="Every gradient, with the errors summed at A and B")


def _two_outputs():
    net2 = two_output_sample_network()
    trace2 = forward(net2, [SEED_SAMPLE["I1"], SEED_SAMPLE["I2"]])
    grads2 = backward(trace2, TWO_OUTPUT_CORRECT)
    return network_diagram(net2, values=trace2.values, errors=grads2.values,
                           gradients=grads2.weights, highlight=path_of(net2, "w_A_C"),
                           title="Two outputs: every error and gradient")


#: file name (without .svg) -> (the notebook that draws it, how to draw it)
FIGURES = {
    "01_network": ("00", _network),
    "02_path_w_C_f": ("03", _path("w_C_f", "sF, then f")),
    "03_gradient_w_C_f": ("03", _gradient_w_C_f),
    "04_path_w_A_C": ("05", _path("w_A_C", "sC, C, sF, f")),
    "05_gradient_w_A_C": ("05", _gradient_w_A_C),
    "06_fan_out_A": ("06", _fan_out),
    "07_backward_pass": ("06", _backward_pass),
    "08_two_outputs": ("08", _two_outputs),
}


def figure(name):
    """The Diagram of one of FIGURES, by its file name without .svg."""
    if name not in FIGURES:
        raise CourseInputError(f"unknown figure {shown(name)}: the figures are "
                               f"{', '.join(FIGURES)}.")
    return FIGURES[name][1]()


def export_figures(out_dir, force=False):
    """Write every figure of FIGURES into out_dir as <name>.svg; return the paths.

    out_dir must be new or empty; with force=True an existing folder's same-named files are
    replaced (others are left alone). Bad input: CourseInputError, before anything is written.
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise CourseInputError(f"{str(out)!r} is a file, not a folder for the figures.")
    if out.exists() and any(out.iterdir()) and not force:
        raise CourseInputError(f"{str(out)!r} is not empty: choose a new folder, or add "
                               "--force (force=True) to replace its same-named figures.")
    drawn = {name: figure(name) for name in FIGURES}
    out.mkdir(parents=True, exist_ok=True)
    return [save_svg(diagram, out / f"{name}.svg", force=force) for name, diagram in drawn.items()]


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m course_lib.views.export",
                                     description="Write the course's main figures as .svg files.")
    parser.add_argument("out_dir", help="a new or empty folder for the figures")
    parser.add_argument("--force", action="store_true",
                        help="write into a folder that is not empty, replacing same-named figures")
    args = parser.parse_args(argv)
    try:
        paths = export_figures(args.out_dir, force=args.force)
    except CourseInputError as why:
        print(f"export: refused: {why}", file=sys.stderr)
        return 2
    for path in paths:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
