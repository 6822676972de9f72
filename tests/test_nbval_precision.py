"""nbval compares the committed notebook outputs at 10 significant digits (tests/nbval_sanitize.cfg):
a change in the 13th digit (another CPU or math library) passes, a change in the 6th fails."""
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
NOTEBOOK = REPO / "notebooks" / "01_forward_pass.ipynb"
LONG_FLOAT = re.compile(r"\b0\.[1-9]\d{14,}")   # a float printed with 15+ significant digits


def _perturbed_copy(folder, digit):
    """A copy of notebook 01 whose first long float output has its `digit`-th significant
    digit changed; returns (path, old text, new text)."""
    nb = json.loads(NOTEBOOK.read_text())
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            text = "".join(data.get("text/plain", output.get("text", "")))
            match = LONG_FLOAT.search(text)
            if match:
                old = match.group(0)
                position = 1 + digit          # "0." then the significant digits
                new = old[:position] + str((int(old[position]) + 1) % 10) + old[position + 1:]
                changed = text.replace(old, new, 1)
                key = "text/plain" if "text/plain" in data else None
                if key:
                    data[key] = changed
                else:
                    output["text"] = changed
                path = folder / NOTEBOOK.name
                path.write_text(json.dumps(nb))
                return path, old, new
    pytest.fail("notebook 01 has no float output with 15 significant digits to perturb")


def _nbval(path):
    (path.parent / "pytest.ini").write_text("[pytest]\n")
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "-c", str(path.parent / "pytest.ini"), "--nbval",
                           "--nbval-sanitize-with", str(REPO / "tests" / "nbval_sanitize.cfg"),
                           str(path)], cwd=path.parent, capture_output=True, text=True,
                          timeout=300)


@pytest.mark.parametrize("digit, passes", [(13, True), (6, False)])
def test_a_last_digit_change_passes_and_a_wrong_number_fails(tmp_path, digit, passes):
    path, old, new = _perturbed_copy(tmp_path, digit)
    assert old != new and len(old) == len(new)
    result = _nbval(path)
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr
    assert (result.returncode == 0) == passes, f"{old} -> {new}: {summary}"
    assert ("failed" in summary) != passes
