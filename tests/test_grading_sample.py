"""The hidden second sample of graded runs (COURSE_GRADING_SAMPLE), and the verdict as data.

Oracles: the samples written out by hand; sB worked out by hand on each sample
(I1*w_I1_B + I2*w_I2_B with w_I1_B = 0.9, w_I2_B = 0.2).
"""
import json
import os
import subprocess
import sys

import pytest

from course_lib.core.build import COURSE_SAMPLE, HIDDEN_SAMPLE
from course_lib.core.errors import CourseInputError
from course_lib.core.sample import GRADING_VARIABLE, sample_for_run
from course_lib.exercises import check_sB

COURSE = {"I1": 1.0, "I2": 0.5, "correct": 1.0}
HIDDEN = {"I1": 1.0, "I2": 0.2, "correct": 1.0}     # I1 stays 1: notebook 02 builds on it


def test_the_two_samples():
    assert COURSE_SAMPLE == COURSE and HIDDEN_SAMPLE == HIDDEN


@pytest.mark.parametrize("value, expected", [
    (None, COURSE), ("", COURSE), ("  ", COURSE), ("course", COURSE), ("hidden", HIDDEN),
    ("I2=0.3", {"I1": 1.0, "I2": 0.3, "correct": 1.0}),
    (" I2 = -0.25 , correct=0 ", {"I1": 1.0, "I2": -0.25, "correct": 0.0}),
])
def test_the_variable_chooses_the_sample(value, expected):
    environ = {} if value is None else {GRADING_VARIABLE: value}
    assert sample_for_run(COURSE, HIDDEN, environ) == expected


@pytest.mark.parametrize("value, message", [
    ("secret", "COURSE_GRADING_SAMPLE='secret': expected 'hidden', 'course' or name=number "
               "pairs separated by commas, names from ['I1', 'I2', 'correct']; got 'secret'."),
    ("I3=1", "got 'I3=1'."),
    ("I2=inf", "COURSE_GRADING_SAMPLE: I2 must be a finite number, got 'inf'."),
    ("I2=half", "COURSE_GRADING_SAMPLE: I2 must be a finite number, got 'half'."),
])
def test_a_bad_variable_is_one_clear_line(value, message):
    with pytest.raises(CourseInputError) as caught:
        sample_for_run(COURSE, HIDDEN, {GRADING_VARIABLE: value})
    assert str(caught.value).endswith(message)


def test_outside_a_graded_run_a_verdict_has_no_data_output():
    assert GRADING_VARIABLE not in os.environ
    assert check_sB(1.0)._repr_json_() is None          # the committed outputs stay the same


PROBE = """
import json
from course_lib import SEED_SAMPLE
from course_lib.exercises import check_sB
print(json.dumps({"sample": SEED_SAMPLE, "typed": check_sB(1.0)._repr_json_(),
                  "hidden": check_sB(0.94).correct, "course_sA": check_sB(0.05)._repr_json_(),
                  "hidden_sA": check_sB(0.26)._repr_json_()}))
"""


def probe(value):
    env = dict(os.environ, **{GRADING_VARIABLE: value})
    run = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True,
                         text=True, check=True)
    return json.loads(run.stdout)


def test_a_graded_run_checks_on_the_hidden_sample_and_says_so_as_data():
    seen = probe("hidden")
    assert seen["sample"] == HIDDEN
    typed = seen["typed"]["course_verdict"]             # 1.0: the course's sB, typed in
    assert typed["name"] == "sB" and typed["status"] == "wrong" and typed["correct"] is False
    assert seen["hidden"] is True                       # 1.0*0.9 + 0.2*0.2 = 0.94
    assert seen["course_sA"]["course_verdict"]["status"] == "wrong"
    assert seen["hidden_sA"]["course_verdict"]["mistake"] == (
        "you used the weights into A (w_I1_A, w_I2_A): that is sA")   # 0.4 - 0.2*0.7 = 0.26


def test_grading_on_the_course_sample_keeps_its_numbers():
    seen = probe("course")
    assert seen["sample"] == COURSE
    assert seen["typed"]["course_verdict"] == {
        "name": "sB", "status": "correct", "correct": True,
        "message": "✓ sB = 1. Correct!", "mistake": ""}
    assert seen["hidden"] is False
    assert seen["course_sA"]["course_verdict"]["mistake"] == (
        "you used the weights into A (w_I1_A, w_I2_A): that is sA")   # 0.4 - 0.5*0.7 = 0.05
