"""The self-check quiz's 8 questions and their check (the quiz's state is quiz.QuizState).

    questions()                  # 8 Questions: multiple choice, or a number to type
    check(questions()[0], "b")   # a QuizVerdict: right, a named misconception, wrong, or invalid

Each has its right answer, a one-line explanation shown once answered, and for each wrong choice
(or likely wrong number) the misconception it reveals. Numbers come from the library.
"""
import math
from dataclasses import dataclass
from functools import lru_cache

from ..core.activations import activation_function_derivative
from ..core.backward import backward
from ..core.build import SEED_SAMPLE, seed_network
from ..core.errors import read_number
from ..core.forward import forward

REL_TOL, ABS_TOL = 1e-3, 1e-6     # as the exercises: a typed number this close is the number


@dataclass(frozen=True)
class Choice:
    key: str                 # "a", "b", ...
    text: str
    misconception: str = ""  # empty for the right choice


@dataclass(frozen=True)
class Question:
    id: str
    topic: str               # a few words, for the table of scores
    prompt: str
    explanation: str
    choices: tuple = ()      # Choices; empty for a number to type
    right: float = math.nan  # the number, for a question without choices
    mistakes: tuple = ()     # (value, misconception) for a number to type


@dataclass(frozen=True)
class QuizVerdict:
    """status: 'correct', 'mistake' (a named misconception), 'wrong', 'invalid' (junk) or
    'not attempted' (nothing chosen). value: the answer as kept (a choice's key or a float)."""

    question: str
    status: str
    message: str
    misconception: str = ""
    value: object = None

    @property
    def correct(self):
        return self.status == "correct"

    @property
    def counts(self):
        """True for an answer that is scored (right or wrong), False for junk or nothing."""
        return self.status in ("correct", "mistake", "wrong")

    def __str__(self):
        return self.message


def _choices(*pairs):
    return tuple(Choice("abcdefgh"[i], text, wrong) for i, (text, wrong) in enumerate(pairs))


def _judged(question, value, misconception):
    """The verdict on a readable answer: right (None), a named misconception, or wrong ("")."""
    status = "correct" if misconception is None else "mistake" if misconception else "wrong"
    opening = {"correct": "✓ Right.", "mistake": f"✗ Not quite: {misconception}.",
               "wrong": "✗ Not quite."}[status]
    return QuizVerdict(question.id, status, f"{opening} {question.explanation}",
                       misconception or "", value)


def _close(a, b):
    return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=ABS_TOL)


def _check_choice(question, value):
    keys = ", ".join(c.key for c in question.choices)
    if value is None or (isinstance(value, str) and not value.strip()):
        return QuizVerdict(question.id, "not attempted", f"Pick one of {keys}, then press Check.")
    text = value.strip().strip("()").strip().lower() if isinstance(value, str) else None
    for choice in question.choices:
        if text in (choice.key, f"{choice.key})", choice.text.lower()):
            return _judged(question, choice.key, choice.misconception or None)
    got = (repr(value.strip()[:20]) if text is not None
           else f"an object of type {type(value).__name__}")
    return QuizVerdict(question.id, "invalid",
                       f"✗ Expected a choice's letter ({keys}), got {got}.")


def _check_number(question, value):
    if value is None or (isinstance(value, str) and not value.strip()):
        return QuizVerdict(question.id, "not attempted", "Type a number, then press Check.")
    if isinstance(value, str) and "," in value and "." not in value:
        value = value.replace(",", ".", 1)     # 0,522 is 0.522 in much of the world
    number, problem = read_number("your answer", value)
    if problem:
        return QuizVerdict(question.id, "invalid", f"✗ {problem}")
    if _close(number, question.right):
        return _judged(question, number, None)
    named = [wrong for mistaken, wrong in question.mistakes if _close(number, mistaken)]
    return _judged(question, number, named[0] if named else "")


def check(question, value):
    """The verdict on `value` as the answer to `question`. Never raises on junk."""
    return (_check_choice if question.choices else _check_number)(question, value)


# --- the questions -------------------------------------------------------------------------------

def _sign_chain_fan_out(net, grads):
    w_C_f, w_A_C, w_A_D = (net.weights[w] for w in ("w_C_f", "w_A_C", "w_A_D"))
    chain = grads.explain("w_A_C").symbolic.split(" = ", 1)[1].split(" * ")
    last_chain = grads.explain("w_C_f").symbolic.split(" = ", 1)[1]
    from_C, from_D = grads["dL_wrt_sC"] * w_A_C, grads["dL_wrt_sD"] * w_A_D
    return (
        Question("sign", "the sign of a gradient",
                 f"On the seed sample dL_wrt_w_C_f = {grads['dL_wrt_w_C_f']:.3f}: a negative "
                 "gradient. Which way should w_C_f move to make the loss smaller?",
                 "w = w - learning_rate * dL_wrt_w: a negative gradient means the loss falls as "
                 "w_C_f grows, so the step moves w_C_f up.",
                 _choices(("down: make w_C_f smaller", "you moved with the gradient, but it "
                           "points uphill, toward a bigger loss: step against it"),
                          ("up: make w_C_f bigger", ""),
                          ("nowhere: a negative gradient means the loss is already below zero",
                           "the sign belongs to the slope, not to the loss, and "
                           "L = (correct - f)**2 is never negative"),
                          ("it cannot be told without the learning rate", "the learning rate "
                           "sets the size of the step, never its direction"))),
        Question("chain", "which factors a weight's chain has",
                 "Which product is dL_wrt_w_A_C, the chain of the weight from A to C?",
                 "Ask what w_A_C goes through: sC, C, sF, f, then L. One local slope per stop, "
                 "from the loss back: " + " * ".join(chain) + ".",
                 _choices((" * ".join(f for f in chain if f != "dC_wrt_sC"),
                           "you skipped C's activation: the path goes through C, so its slope "
                           "dC_wrt_sC is a stop"),
                          (last_chain, "that is w_C_f's chain: you stopped one layer early, but "
                           "w_A_C's path also goes through dsF_wrt_C and dC_wrt_sC"),
                          (" * ".join(chain), ""),
                          (" * ".join(chain[:-1] + ["w_A_C"]), "you used the weight where the "
                           "node value belongs: the slope of sC with respect to w_A_C is A"))),
        Question("fan_out", "sum or average at a fan-out",
                 "Node A feeds both C and D. On the way back, the error at A, dL_wrt_A, is ...",
                 f"dL_wrt_A = dL_wrt_sC * w_A_C + dL_wrt_sD * w_A_D = ({from_C:.4g}) + "
                 f"({from_D:.4g}) = {from_C + from_D:.4g}: a nudge to A moves the loss through "
                 "C and through D, and the two changes add up.",
                 _choices(("the sum of what C and D send back", ""),
                          ("the average of what C and D send back", "averaging divides A's "
                           "error by the number of listeners, but each path changes the loss "
                           "in full"),
                          ("only what C sends back: the first path", "every path from A to the "
                           "loss counts, not only the first"),
                          ("the larger of the two", "the loss feels both paths, not only the "
                           "louder one"))),
    )


def _two_and_learning_rate():
    return (
        Question("two", "what the 2 in 2*(f - correct) is for",
                 "In dL_wrt_f = 2*(f - correct), what is the 2 for?",
                 "The power rule: the slope of (f - correct)**2 is 2*(f - correct). Textbooks "
                 "write L = ½(correct - f)² so that dL_wrt_f = f - correct: the same direction, "
                 "half the size. The article keeps the 2.",
                 _choices(("a step size hidden in the formula, to learn twice as fast",
                           "the 2 comes from the derivative, not from a choice: the size of the "
                           "step is the learning rate, kept apart"),
                          ("it is the slope of the square: the power 2 comes down", ""),
                          ("it counts the two inputs I1 and I2", "the loss sees only f and "
                           "correct: the number of inputs never enters it"),
                          ("it is a mistake: the slope is f - correct", "that is the textbook's "
                           "½ convention, where L = ½(correct - f)² and the 2 cancels; with the "
                           "article's L = (correct - f)² the 2 stays"))),
        Question("learning_rate", "a learning rate too large",
                 "What does a learning rate that is too large do?",
                 "w = w - learning_rate * dL_wrt_w: a step too big lands on the far side of the "
                 "valley, higher than it started, and the next one further still (notebook 02).",
                 _choices(("training gets faster, with no downside", "faster only up to a point: "
                           "past it each step overshoots the bottom"),
                          ("nothing much: near the bottom the gradient is small and cancels it",
                           "the step is learning_rate * dL_wrt_w: a huge rate turns even a "
                           "small gradient into a big jump"),
                          ("training gets slow: tiny, careful steps",
                           "that is a learning rate too small"),
                          ("each step jumps over the valley: the loss bounces or grows", ""))),
    )


def _slopes_and_reuse(net, trace):
    C, D, sC = trace["C"], trace["D"], trace["sC"]
    w_C_f, w_D_f = net.weights["w_C_f"], net.weights["w_D_f"]
    dC_wrt_sC = activation_function_derivative(net.incoming["C"].activation, C)
    return (
        Question("dsF_wrt_w_C_f", "dsF_wrt_w_C_f is the node value C",
                 f"sF = C*w_C_f + D*w_D_f. On the seed sample C = {C:.4g}, D = {D:.4g}, "
                 f"w_C_f = {w_C_f:g}, w_D_f = {w_D_f:g}. Type the value of dsF_wrt_w_C_f.",
                 f"Grow w_C_f by 1 and sF grows by C: dsF_wrt_w_C_f = C = {C:.4g}. (And "
                 "dsF_wrt_C = w_C_f: the weight and the value swap roles.)",
                 right=C,
                 mistakes=((w_C_f, "that is the weight, dsF_wrt_C, the slope with respect to "
                                   "the node; with respect to the weight it is the node value"),
                           (C * w_C_f, "that is the term C*w_C_f itself, not its slope"),
                           (1.0, "a sum's slope is 1 with respect to itself; with respect to "
                                 "w_C_f it is what w_C_f multiplies"),
                           (dC_wrt_sC, "that is C's activation slope, C*(1 - C), but sF is a "
                                       "plain sum"),
                           (D, "that is D: w_C_f multiplies C"))),
        Question("dC_wrt_sC", "dC_wrt_sC is computed from C",
                 "With sigmoid, dC_wrt_sC (the slope of C's activation) is computed from ...",
                 f"sigmoid's slope can be written in its output: dC_wrt_sC = C * (1 - C) = "
                 f"{dC_wrt_sC:.4g} on the seed sample. That is why the article's "
                 "activation_function_derivative takes C.",
                 _choices(("sC, the sum: sC * (1 - sC)", "that formula takes the output; fed "
                           f"the sum it gives the wrong slope ({sC * (1 - sC):.4g}, not "
                           f"{dC_wrt_sC:.4g})"),
                          ("w_C_f, the weight that leaves C", "that weight belongs to the next "
                           "sum: it is dsF_wrt_C, not C's own slope"),
                          ("C, the output: C * (1 - C)", ""),
                          ("C itself: dC_wrt_sC = C", "C is the activation's value; its slope "
                           "is C * (1 - C)"))),
        Question("reuse", "why backprop can be automated",
                 "Why can backprop be automated, one loop for any network?",
                 "dL_wrt_w_A_C = dL_wrt_sC * A: the error at sC, sent back once, serves every "
                 "weight into C and the next step back, so the same few lines repeat layer by "
                 "layer.",
                 _choices(("each layer reuses the error already sent back to it", ""),
                          ("the computer nudges each weight a little and watches the loss",
                           "nudging checks a gradient, one forward pass per weight; backprop "
                           "gets every gradient in one pass back"),
                          ("every weight's full chain is written out and multiplied", "written "
                           "out, the chains repeat the same products and multiply in number "
                           "with every layer; backprop never writes them out"),
                          ("only the last layer needs the chain rule", "every weight gets a "
                           "gradient: the last layer's error is where the way back starts"))),
    )


@lru_cache(maxsize=1)
def questions():
    """The 8 questions, with the seed sample's numbers computed by the library."""
    net = seed_network()
    trace = forward(net, [SEED_SAMPLE["I1"], SEED_SAMPLE["I2"]])
    grads = backward(trace, SEED_SAMPLE["correct"])
    return (*_sign_chain_fan_out(net, grads), *_two_and_learning_rate(),
            *_slopes_and_reuse(net, trace))
