"""Write it yourself: check a learner's whole forward and backward pass, node by node.

The learner writes a plain function, dicts by the course's names in, a dict out:

    def my_pass(weights, inputs, correct):
        # weights {'w_I1_A': 0.4, ..., 'b_C': 0.0}, inputs {'I1': 1.0, 'I2': 0.5},
        # correct {'correct': 1.0} (several outputs: {'correct_f1': .., 'correct_f2': ..})
        ...
        return {"dL_wrt_w_C_f": ..., ..., "dL_wrt_w_I1_A": ...}   # also sA, A, L, dL_wrt_sC ...

    check_backprop(my_pass)                      # the seed network; or check_backprop(f, net)

It must return every dL_wrt_w_* and dL_wrt_b_*; any of sX, X, dX_wrt_sX, L, dL_wrt_X,
dL_wrt_sX it adds make the diagnosis finer. The pass runs on the network's own weights with
the seed sample and on RANDOM_CASES fresh random cases (each call gets copies of the dicts),
and each value is compared with the course's in the order of the pass (own_pass_cases).
The verdict names the FIRST value that differs, the learner's number beside the right one,
and the course's mistake whose own pass reproduces every value returned (own_pass_diagnosis),
if there is one. It never raises: crashes, junk, a pass over 2 s (own_pass_run) are verdicts.
"""
import random
from dataclasses import dataclass, field

from ..core.build import seed_network
from ..core.errors import CourseInputError, UnknownNameError
from ..core.network import Network
from ..topics.misconceptions import ALL_MISCONCEPTIONS
from .own_pass_cases import (RANDOM_CASES, highlight_of, make_cases, pass_order, reference,
                             required_names, right_line)
from .own_pass_diagnosis import diagnose, first_difference
from .own_pass_run import call_pass
from .checking import Shown, shown


@dataclass(frozen=True, repr=False)   # IPython shows Shown._repr_pretty_: the message
class BackpropVerdict(Shown):
    """What check_backprop found.

    - passed: every value right on every case; first_wrong: the first name (in the order of
      the pass) that is wrong or missing, or None; mistake: a key of ALL_MISCONCEPTIONS
      (course_lib.topics.misconceptions) that reproduces the learner's values, or None;
    - message: plain words, the learner's number beside the right one, and on which case;
    - status: 'correct', 'mistake', 'wrong', 'invalid' or 'not attempted';
    - case: the Case it happened on (its .weights, .inputs, .correct), or None;
    - highlight: the nodes or weights the first wrong value belongs to (for the diagram).
    """

    passed: bool
    first_wrong: "str | None"
    mistake: "str | None"
    message: str
    status: str
    case: object = field(default=None, repr=False)
    highlight: tuple = ()
    network: object = field(default=None, repr=False, compare=False)

    @property
    def correct(self):
        return self.passed


def _invalid(message, status="invalid", case=None, network=None):
    return BackpropVerdict(False, None, None, message, status, case, (), network)


def _number(x):
    return f"{x:.10g}"


def _network_problem(network):
    if not isinstance(network, Network):
        return (f"✗ check_backprop(my_pass, network): network must be a course network "
                f"(seed_network(), make_network(...)), got {shown(network, 60)}.")
    return ""


def _unknown(values, order):
    """A message listing every name the course does not know, each with 'did you mean'."""
    unknown = [name for name in values if name not in order]
    if not unknown:
        return ""
    lines = [str(UnknownNameError("name", name, order)) for name in unknown[:5]]
    return ("✗ Your pass returned names the course does not use. Return values by the course's "
            "names (README, 'Notation'):\n  " + "\n  ".join(lines))


def _mistake_words(mistake):
    if mistake is None:
        return ("\nThe mistake is not one the course knows: compare your line for it with the "
                "course's, and check what it is made of.")
    return (f"\nIt looks like {ALL_MISCONCEPTIONS[mistake]} ({mistake}): the course's pass with "
            f"that mistake gives every value you returned, on all {RANDOM_CASES + 1} cases.")


def _wrong_message(first, case, network, mistake, calls):
    yours = ("missing: your pass does not return it" if first.yours is None
             else _number(first.yours))
    text = (f"✗ Your pass first goes wrong at {first.name}, on {case.label}:\n"
            f"    yours: {yours}\n    right: {_number(first.right)}")
    line = right_line(network, first.name)
    if line:
        text += f"\n    the course's line: {line}"
    if first.yours is not None or mistake is not None:
        text += _mistake_words(mistake)
    if len(calls) > 1 and all(c.values == calls[0].values for c in calls):
        text += ("\nYour pass returns the same numbers for every case: typed-in numbers cannot "
                 "follow new weights and inputs. Compute each value from the dicts.")
    return text + _changes_words(next((c.changes for c in calls if c.changes), ()))


def _changes_words(changes, lead="\nYour pass also changed"):
    if not changes:
        return ""
    listed = ", ".join(f"{c.name} {c.before:g} -> {shown(c.after, 12)}" for c in changes[:4])
    listed += f" and {len(changes) - 4} more" if len(changes) > 4 else ""
    return (f"{lead} the weights it was given ({listed}): a pass computes the gradients and "
            "leaves the update (w - learning_rate*dL_wrt_w) to the training loop.")


def _run(my_pass, network, rng):
    """Every verdict but the one about check_backprop's own arguments."""
    order = pass_order(network)
    cases = make_cases(network, rng)
    calls = []
    for case in cases:
        call = call_pass(my_pass, case)
        if call.problem:
            return _invalid(f"✗ On {case.label}: {call.problem}", call.status, case, network)
        unknown = _unknown(call.values, order)
        if unknown:
            return _invalid(unknown, "wrong", case, network)
        calls.append(call)
    references = [reference(case, order) for case in cases]
    returned = [call.values for call in calls]
    required = required_names(network)
    first = first_difference(order, required, returned, references)
    changed = next((k for k, call in enumerate(calls) if call.changes), None)
    if first is None and changed is None:
        return BackpropVerdict(True, None, None, _passed_message(returned[0], required, cases),
                               "correct", None, (), network)
    if first is None:                         # right values, but the weights were changed
        changes = calls[changed].changes
        message = _changes_words(changes, "✗ Every value is right, but your pass changed")
        return BackpropVerdict(False, changes[0].name, None, message, "wrong", cases[changed],
                               highlight_of(network, changes[0].name), network)
    missing = [n for n in required if any(n not in got for got in returned)]
    bias_gradients = [n for n, p in zip(required, network.parameter_names)
                      if network.ends(p)[0] is None]
    mistake = diagnose(cases, order, returned, references, first, missing, bias_gradients,
                       calls[0].changes)
    case = cases[first.case]
    return BackpropVerdict(False, first.name, mistake,
                           _wrong_message(first, case, case.network, mistake, calls),
                           "mistake" if mistake else "wrong", case,
                           highlight_of(network, first.name), case.network)


def _passed_message(values, required, cases):
    return (f"✓ Your pass is right: all {len(values)} values it returns (the {len(required)} "
            f"weight and bias gradients among them) match the course's, on {cases[0].label} "
            f"and {len(cases) - 1} random cases.")


def check_backprop(my_pass, network=None, *, seed=None):
    """Check the learner's my_pass(weights, inputs, correct) on `network` (default: the seed
    network) with the seed sample and RANDOM_CASES random cases; returns a BackpropVerdict.

    seed: None draws fresh random cases on every call (so typed-in answers fail); a number
    draws the same cases every time (for tests and benchmarks). Never raises.
    Each call of my_pass is stopped after 2 s (TIME_LIMIT) in the main thread of CPython on
    Linux or macOS; in another thread, on Windows or in a browser Python it runs unlimited.
    """
    if my_pass is Ellipsis:
        return _invalid("⏳ check_backprop: not attempted yet. Write my_pass(weights, inputs, "
                        "correct) and pass the function itself: check_backprop(my_pass).",
                        "not attempted")
    if not callable(my_pass):
        return _invalid(f"✗ check_backprop(my_pass): expected your function itself (its name, "
                        f"without brackets), got {shown(my_pass, 60)} ({type(my_pass).__name__}).")
    network = seed_network() if network is None else network
    problem = _network_problem(network)
    if problem:
        return _invalid(problem)
    rng = random.Random() if seed is None else random.Random(f"check_backprop {seed}")
    try:
        return _run(my_pass, network, rng)
    except (CourseInputError, ArithmeticError) as error:   # the course's own pass refused
        return _invalid(f"✗ The course cannot compute this network's pass: {error}")
