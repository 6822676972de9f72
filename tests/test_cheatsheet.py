"""CHEATSHEET.md cannot drift (issue 10, item 6).

Every weight's chain on the sheet is the library's own line,
`backward(forward(seed_network(), [1, .5]), 1).explain(w).symbolic`, for each of the seed
network's 10 weights, in the network's order (a chain written over several lines, in
parentheses, with `# via C` comments, is read as one line); the reuse line, the fan-out sum,
the update rule, the ½-loss convention and the matrix form are there as the course writes them;
and the sheet stays one printable page.
"""
import re
from pathlib import Path

import pytest

from course_lib import backward, forward, seed_network

SHEET = Path(__file__).resolve().parent.parent / "CHEATSHEET.md"
CHAINS_HEADING = "## Every weight's chain"


def code_blocks(markdown):
    """[(heading above it, text)] for every fenced code block."""
    blocks, heading = [], ""
    for match in re.finditer(r"^(#+ [^\n]*)$|^```[a-z]*\n(.*?)^```$", markdown, re.M | re.S):
        if match.group(1):
            heading = match.group(1)
        else:
            blocks.append((heading, match.group(2)))
    return blocks


def statements(code):
    """{name: right-hand side} from `name = ...` statements; a statement goes on until its
    parentheses close; comments dropped, whitespace and one pair of outer parentheses removed."""
    found, pending = {}, ""
    for line in code.splitlines():
        pending += " " + line.split("#", 1)[0]
        if pending.strip() and pending.count("(") == pending.count(")"):
            name, right = (part.strip() for part in pending.split("=", 1))
            right = " ".join(right.split())
            if right.startswith("(") and right.endswith(")"):
                right = right[1:-1].strip()
            found[name] = right
            pending = ""
    assert not pending.strip(), f"unfinished statement: {pending!r}"
    return found


def library_chains():
    net = seed_network()
    grads = backward(forward(net, [1, .5]), 1)
    return dict(grads.explain(w).symbolic.split(" = ", 1) for w in net.weights)


def sheet_chains():
    blocks = [code for heading, code in code_blocks(SHEET.read_text(encoding="utf-8"))
              if heading.startswith(CHAINS_HEADING)]
    assert len(blocks) == 1, f"one code block under {CHAINS_HEADING!r} expected"
    return statements(blocks[0])


def test_the_reader_can_fail():
    assert statements("x = (a * b   # via C\n  + c)  # via D\ny = d") == {"x": "a * b + c",
                                                                           "y": "d"}
    with pytest.raises(AssertionError):
        statements("x = (a * b\n")


def test_every_chain_on_the_sheet_is_the_librarys():
    sheet, library = sheet_chains(), library_chains()
    assert list(sheet) == list(library), "the same 10 weights, in the network's order"
    wrong = {name: (sheet[name], library[name]) for name in library if sheet[name] != library[name]}
    assert not wrong, "\n".join(f"{n}:\n  sheet:   {s}\n  library: {l}"
                                for n, (s, l) in wrong.items())


def test_a_weight_behind_a_fan_out_is_a_sum_of_two_products():
    sheet = sheet_chains()
    for weight in ("w_I1_A", "w_I2_A", "w_I1_B", "w_I2_B"):
        assert sheet[f"dL_wrt_{weight}"].count(" + ") == 1
    assert all(" + " not in chain for name, chain in sheet.items()
               if name[len("dL_wrt_w_"):].split("_")[0] in "ABCD")


@pytest.mark.parametrize("line", [
    "`dL_wrt_f = 2*(f - correct)`",
    "`dL_wrt_C = dL_wrt_sF * w_C_f`",
    "`dL_wrt_sC = dL_wrt_C * dC_wrt_sC`",
    "`dC_wrt_sC = C * (1 - C)`",
    "`dL_wrt_w_A_C = dL_wrt_sC * A`",
    "`dL_wrt_w_I1_A = dL_wrt_sA * I1`",
    "`dL_wrt_A = dL_wrt_sC * w_A_C + dL_wrt_sD * w_A_D`",
    "`w = w - learning_rate * dL_wrt_w`",
    "`L = ½(correct − f)²`",
    "`dL_wrt_f = f - correct`",
    "delta = dA * act'(A)",
    "dW = A_prev.T @ delta",
    "dA_prev = delta @ W.T",
])
def test_the_sheet_says(line):
    assert line in SHEET.read_text(encoding="utf-8")


def test_the_reuse_line_is_the_librarys():
    grads = backward(forward(seed_network(), [1, .5]), 1)
    assert grads.explain("w_I1_A").reuse.startswith("dL_wrt_w_I1_A = dL_wrt_sA * I1")


def test_one_printable_page():
    text = SHEET.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 90
    in_code = [line for _, code in code_blocks(text) for line in code.splitlines()]
    assert in_code and max(map(len, in_code)) <= 90, "code lines that would run off the page"
