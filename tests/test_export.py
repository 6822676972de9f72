"""The figures as SVG files: save_svg and `python -m course_lib.views.export OUT`.

A saved file must be a standalone SVG (it parses as XML, has its size in pixels, its title
and its text alternative) showing the article's numbers, which come from the hand
computation in seed_by_hand; nothing a person made is replaced without force.
"""
import hashlib
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

import seed_by_hand as hand
from course_lib.core import CourseInputError, forward, seed_network
from course_lib.views.diagram import network_diagram
from course_lib.views.export import FIGURES, export_figures, figure, main, save_svg

SVG = "{http://www.w3.org/2000/svg}"


def minus(text):
    return text.replace("\u2212", "-")              # the diagram writes a real minus sign


def parsed(path):
    root = ET.parse(path).getroot()
    return root, root.find(f"{SVG}title").text, minus(root.find(f"{SVG}desc").text)


@pytest.fixture
def diagram():
    net = seed_network()
    return network_diagram(net, values=forward(net, [hand.I1, hand.I2]).values, title="Seed")


def test_save_svg_writes_a_standalone_svg_with_the_hand_computed_numbers(diagram, tmp_path):
    path = save_svg(diagram, tmp_path / "seed.svg")
    assert path == tmp_path / "seed.svg"
    text = path.read_text(encoding="utf-8")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')
    root, title, desc = parsed(path)
    assert root.tag == f"{SVG}svg" and title == "Seed"
    assert float(root.get("width")) > 300 and float(root.get("height")) > 100  # pixels, not %
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    for name, value in (("f", hand.f), ("C", hand.C), ("sD", hand.sD), ("A", hand.A)):
        assert f"{name} = {value:+.4g}" in desc, name


def test_an_existing_file_is_replaced_only_with_force(diagram, tmp_path):
    path = tmp_path / "mine.svg"
    path.write_text("my own drawing")
    with pytest.raises(CourseInputError, match="already exists.*force=True"):
        save_svg(diagram, path)
    assert path.read_text() == "my own drawing"
    save_svg(diagram, path, force=True)
    assert parsed(path)[1] == "Seed"


@pytest.mark.parametrize("thing, words", [
    ("<svg></svg>", "a Diagram .*not str"),
    (None, "a Diagram .*not NoneType"),
    (seed_network(), "a Diagram .*not Network"),
])
def test_anything_but_a_diagram_is_refused_by_name(thing, words, tmp_path):
    with pytest.raises(CourseInputError, match=words):
        save_svg(thing, tmp_path / "x.svg")
    assert not (tmp_path / "x.svg").exists()


@pytest.mark.parametrize("where, words", [
    ("x.png", "must end in .svg"), ("no_folder/x.svg", "does not exist"), ("", "file name")])
def test_a_bad_path_is_refused_by_name(diagram, tmp_path, where, words):
    with pytest.raises(CourseInputError, match=words):
        save_svg(diagram, str(tmp_path / where) if where else where)


def test_the_gradient_figures_show_the_chains_hand_computed_values():
    desc = minus(figure("05_gradient_w_A_C").alt)
    assert f"dL_wrt_w_A_C = {hand.dL_wrt_w_A_C:+.4g}" in desc
    assert f"dL_wrt_w_C_f = {hand.dL_wrt_w_C_f:+.4g}" in desc
    every = minus(figure("07_backward_pass").alt)
    assert f"dL_wrt_A = {hand.dL_wrt_A:+.4g}" in every      # the summed error at A
    with pytest.raises(CourseInputError, match="unknown figure .*01_network"):
        figure("network")


def test_export_figures_writes_every_figure_and_refuses_a_folder_that_is_not_empty(tmp_path):
    out = tmp_path / "figures"
    paths = export_figures(out)
    assert sorted(p.name for p in paths) == sorted(f"{name}.svg" for name in FIGURES)
    assert len(paths) >= 8
    titles = {parsed(p)[1] for p in paths}
    assert len(titles) == len(paths)                # eight different pictures
    (out / "notes.txt").write_text("mine")
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in out.iterdir()}
    with pytest.raises(CourseInputError, match="not empty"):
        export_figures(out)
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in out.iterdir()} == before
    assert len(export_figures(out, force=True)) == len(paths)
    assert (out / "notes.txt").read_text() == "mine"
    (tmp_path / "file").write_text("x")
    with pytest.raises(CourseInputError, match="is a file"):
        export_figures(tmp_path / "file", force=True)


def test_the_command_says_refused_in_one_line_and_exits_2(tmp_path, capsys):
    out = tmp_path / "figures"
    assert main([str(out)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == len(FIGURES)
    done = subprocess.run([sys.executable, "-m", "course_lib.views.export", str(out)],
                          capture_output=True, text=True)
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert done.stderr.startswith("export: refused:") and "--force" in done.stderr
