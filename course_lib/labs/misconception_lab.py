"""The misconception lab's state model (traitlets, no display); the view is misconception_view.

    lab = MisconceptionLab(seed_network(), [1.0, 0.5], 1.0, net_to_train, X, Y, 2.0, 2000)
    lab.mistake = "naive_loss"          # what the toggle buttons set
    lab.verdict_text, lab.summary_text  # what the view shows, testable without a browser
    MisconceptionLabView(lab)           # course_lib.labs.misconception_view (also importable
                                        # from here, as before)
"""
from importlib import import_module
from typing import NamedTuple

import traitlets

from ..views.misconception_plots import curves_svg
from ..topics.misconceptions import MISCONCEPTIONS, epochs_to_reach, mistake_verdict, train_with


class Sample(NamedTuple):
    """The one sample whose gradients are checked."""
    network: object
    inputs: object
    correct: object


class TrainingSetup(NamedTuple):
    """What every training run of the lab starts from (train_with's arguments, in order)."""
    network: object
    X: object
    Y: object
    learning_rate: float
    epochs: int


class MisconceptionLab(traitlets.HasTraits):
    """Which mistake is on, and what it does: its gradient check and its training curve."""

    mistake = traitlets.Enum(tuple(MISCONCEPTIONS), default_value="average_fan_out")
    verdict_text = traitlets.Unicode(read_only=True)
    summary_text = traitlets.Unicode(read_only=True)
    svg = traitlets.Unicode(read_only=True)

    def __init__(self, network, inputs, correct, train_network, X, Y, learning_rate, epochs,
                 **kwargs):
        super().__init__(**kwargs)
        self._sample = Sample(network, inputs, correct)
        self._training = TrainingSetup(train_network, X, Y, learning_rate, epochs)
        self._runs = {}
        self._show(self.mistake)

    def run(self, mistake):
        """The training run with `mistake` on ('correct': none), computed once, then cached."""
        if mistake not in self._runs:
            t = self._training
            self._runs[mistake] = train_with(t.network, t.X, t.Y, t.learning_rate, t.epochs,
                                             None if mistake == "correct" else mistake)
        return self._runs[mistake]

    @traitlets.observe("mistake")
    def _on_mistake(self, change):
        self._show(change["new"])

    def _show(self, mistake):
        sample = self._sample
        check = mistake_verdict(sample.network, sample.inputs, sample.correct, mistake,
                                learning_rate=self._training.learning_rate)
        right, wrong = self.run("correct"), self.run(mistake)
        end = "diverged" if wrong.diverged_at is not None else f"{wrong.final_loss:.4f}"
        self.set_trait("verdict_text", f"{MISCONCEPTIONS[mistake]}. {check}")
        self.set_trait("summary_text",
                       f"final true loss: correct {right.final_loss:.4f}, mistaken {end}; "
                       f"loss below 0.01: correct {_reached(right)}, mistaken {_reached(wrong)}")
        self.set_trait("svg", curves_svg(right.losses, wrong.losses))


def _reached(run):
    """'epoch 123' when the run's loss first fell below 0.01, else 'never'."""
    epoch = epochs_to_reach(run.losses)
    return "never" if epoch is None else f"epoch {epoch}"


def __getattr__(name):
    """MisconceptionLabView, still importable from here (it lives in misconception_view)."""
    if name == "MisconceptionLabView":
        return import_module(".misconception_view", __package__).MisconceptionLabView
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
