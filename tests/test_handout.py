"""HANDOUT.md: every number it prints is the library's and the hand computation's, every
product it writes out multiplies to its result, and its loop is a correct backward pass."""
import math
import re
from pathlib import Path

import pytest

import seed_by_hand as hand
from course_lib.core import SEED_SAMPLE, backward, forward, seed_network
from course_lib.core.names import error_name, slope_name

HANDOUT = Path(__file__).resolve().parent.parent / "HANDOUT.md"
TEXT = HANDOUT.read_text(encoding="utf-8")
BLOCKS = re.findall(r"```(\w*)\n(.*?)```", TEXT, re.S)
_SEGMENT = re.compile(r"\s{4,}(?=[A-Za-z_]\w*\s+=)")     # "sA = ... = 0.05      A = 0.5125"


def library_values():
    net = seed_network()
    trace = forward(net, [SEED_SAMPLE["I1"], SEED_SAMPLE["I2"]])
    grads = backward(trace, SEED_SAMPLE["correct"])
    return net, trace, grads, {**trace.values, **trace.slopes, **grads.values, "L": grads.loss}


def printed_results():
    """(name, the expression after the name, the number after the last '=') of every line."""
    found, name = [], None
    for language, block in BLOCKS:
        if language == "python":
            continue
        for line in block.splitlines():
            for segment in _SEGMENT.split(line.strip()):
                head, _, rest = segment.partition("=")
                if head.strip():
                    name = head.strip()
                number = rest.rsplit("=", 1)[-1].strip()
                if re.fullmatch(r"-?\d+(\.\d+)?", number):
                    found.append((name, rest, number))
    return found


def test_every_printed_number_is_the_hand_computations_and_the_librarys():
    *_, library = library_values()
    results = printed_results()
    for name, _, number in results:
        by_hand = getattr(hand, name) if name != "df_wrt_sF" else hand.f * (1 - hand.f)
        assert float(number) == float(f"{by_hand:.4g}"), (name, number, by_hand)
        assert float(number) == float(f"{library[name]:.4g}"), (name, number, library[name])
    names = {name for name, *_ in results}
    assert {"f", "L", "dL_wrt_w_C_f", "dL_wrt_w_A_C", "dL_wrt_C", "dL_wrt_A"} <= names
    assert len(results) >= 20


def test_every_written_out_product_gives_its_result():
    checked = 0
    for name, rest, number in printed_results():
        parts = rest.split("=")
        if len(parts) < 2 or "×" not in parts[-2]:
            continue
        expression = parts[-2].replace("×", "*")
        assert re.fullmatch(r"[\d.()+\-* ]+", expression), expression
        value = eval(expression, {"__builtins__": {}})          # numbers and + - * only
        assert math.isclose(value, float(number), rel_tol=2e-3), (name, expression, number)
        checked += 1
    assert checked >= 6


def test_the_weight_table_is_the_seed_network():
    header, _, values = [line for line in TEXT.splitlines() if "w_I1_A |" in line
                         or line.startswith("|---:") or line.startswith("| 0.4 |")][:3]
    names = [cell.strip() for cell in header.strip("|").split("|")]
    numbers = [float(cell) for cell in values.strip("|").split("|")]
    assert dict(zip(names, numbers)) == seed_network().weights
    assert numbers[names.index("w_A_C")] == hand.w_A_C and numbers[-1] == hand.w_D_f


def test_the_average_it_warns_against_is_half_the_sum():
    assert f"({hand.dL_wrt_A / 2:.4g})" in TEXT


def test_the_loop_on_the_handout_is_a_correct_backward_pass():
    (code,) = [block for language, block in BLOCKS if language == "python"]
    space = {"error_name": error_name, "slope_name": slope_name}
    exec(code, space)
    net, trace, grads, _ = library_values()
    d = space["backward_loop"](net, trace, SEED_SAMPLE["correct"])
    assert d.keys() == grads.values.keys()
    assert all(math.isclose(d[name], grads.values[name], rel_tol=1e-12) for name in d)
    for name in ("dL_wrt_w_C_f", "dL_wrt_w_A_C", "dL_wrt_A", "dL_wrt_w_I1_A"):
        assert math.isclose(d[name], getattr(hand, name), rel_tol=1e-9), name


@pytest.mark.parametrize("words", [
    "The chain rule in back propagation from a coder's perspective", "Lorentzos Roussos",
    "MQL5 community blog", "20 March 2023", "CC BY 4.0", "python -m course_lib.views.export"])
def test_it_credits_the_article_and_says_how_to_get_the_figures(words):
    assert words in TEXT


def test_it_fits_on_two_printed_pages():
    lines = TEXT.splitlines()
    assert len(lines) <= 120 and max(len(line) for line in lines) <= 100
