"""Assertions shared by the exercise tests: where a check's tolerance ends, and that a check
takes the network and the sample. `right` is always the test's own hand-computed value."""
from course_lib import seed_network


def assert_the_tolerance_edge(check, right):
    """Within 0.1 % is right, just outside is not: an answer at the edge, on both sides."""
    for inside in (right * (1 + 0.99e-3), right * (1 - 0.99e-3), float(f"{right:.4g}")):
        assert check(inside).correct, check(inside).message
    for outside in (right * (1 + 1.01e-3), right * (1 - 1.01e-3)):
        assert not check(outside).correct, check(outside).message


def assert_the_network_and_sample_can_be_given(right_answers, sample):
    """Given as the defaults are, the same answers; another network, not."""
    for check, right in right_answers.items():
        assert check(right, network=seed_network(), sample=sample).correct
        assert check(right, sample=sample).correct and check(right, network=seed_network()).correct
        assert not check(right, network=seed_network("tanh")).correct   # another network
