"""The training lab's state: train the article's network (and a wider one) on XOR or the
moons, watch the loss fall, and keep every choice valid.

    state = TrainingLabState()              # XOR, the article's network with biases, sigmoid
    state.set_learning_rate("0.5")          # True; junk is refused with a message
    state.run()                             # a Training; state.losses, .accuracy, .message

TrainingLabState is the lab's state and logic, with no widgets: set its traits, call its
methods, read its message. training_view.TrainingLab is the thin ipywidgets view on it.
The networks and measurements are course_lib.topics.training_presets; the pictures are
course_lib.views.training_plots and course_lib.views.sparkline.
"""
import math

import traitlets

from ..core.errors import CourseInputError, read_number
from ..matrices.training import train
from ..topics.datasets import DATASETS, load_dataset
from ..topics.training_presets import HIDDEN_ACTIVATIONS, NETWORKS, accuracy, lab_network

MAX_EPOCHS = 20_000
MAX_LEARNING_RATE = 100.0


def parse_learning_rate(text):
    """A learning rate from a number or the text of a box: a finite number > 0 and <= 100
    (steps bigger than that jump right over the valley), else CourseInputError."""
    value, problem = read_number("learning rate", text, positive=True, limit=MAX_LEARNING_RATE)
    if problem:
        raise CourseInputError(problem)
    return value


def parse_epochs(text):
    """A number of epochs from a number or the text of a box: a whole number from 1 to
    MAX_EPOCHS, else CourseInputError."""
    allowed = f"a whole number from 1 to {MAX_EPOCHS}"
    value, problem = read_number("epochs", text, allowed, positive=True, limit=MAX_EPOCHS)
    if not problem and value != int(value):
        problem = f"epochs: {value:g} is not whole. Allowed: {allowed}."
    if problem:
        raise CourseInputError(problem)
    return int(value)


class TrainingLabState(traitlets.HasTraits):
    """The lab's choices and results. Every action leaves the state valid: a bad value is
    refused with a message and the previous value is kept; training that diverges keeps the
    previous result.

    Each training starts again from the chosen network's initial weights, so the same choices
    always give the same curve.
    """

    dataset = traitlets.Enum(tuple(DATASETS), default_value="xor")
    network_name = traitlets.Enum(tuple(NETWORKS), default_value="seed + biases")
    activation = traitlets.Enum(HIDDEN_ACTIVATIONS, default_value="sigmoid")
    learning_rate = traitlets.Float(2.0)
    epochs = traitlets.Int(2000)
    every = traitlets.Int(50, help="update progress and losses every `every` epochs")
    progress = traitlets.Int(0, help="epochs done in the current or last training")
    losses = traitlets.List(help="the mean loss before each step so far")
    message = traitlets.Unicode("")
    accuracy = traitlets.Float(math.nan)
    trained = traitlets.Any(None, help="the trained Network of the last training, or None")

    @traitlets.validate("learning_rate")
    def _valid_learning_rate(self, proposal):
        return parse_learning_rate(proposal["value"])

    @traitlets.validate("epochs")
    def _valid_epochs(self, proposal):
        return parse_epochs(proposal["value"])

    @traitlets.observe("dataset", "network_name", "activation")
    def _forget_result(self, change):
        self.trained, self.accuracy, self.progress, self.losses = None, math.nan, 0, []

    def data(self):
        """(X, Y) of the chosen data set."""
        return load_dataset(self.dataset)

    def network(self):
        """The chosen network with its initial weights."""
        return lab_network(self.network_name, self.activation)

    def set_learning_rate(self, text):
        """Take a learning rate typed in a box. True if taken; otherwise the message says
        why, and the previous learning rate is kept."""
        return self._set("learning_rate", parse_learning_rate, text)

    def set_epochs(self, text):
        """Take a number of epochs typed in a box; like set_learning_rate."""
        return self._set("epochs", parse_epochs, text)

    def _set(self, name, parse, text):
        try:
            value = parse(text)
        except CourseInputError as error:
            self.message = f"{error} Kept {name.replace('_', ' ')} = {getattr(self, name):g}."
            return False
        setattr(self, name, value)
        self.message = f"{name.replace('_', ' ')} = {value:g}."
        return True

    def run(self):
        """Train the chosen network on the chosen data; update progress and losses every
        `every` epochs (observers redraw), then the result, accuracy and message.
        Returns the Training, or None if it diverged (the message says so)."""
        X, Y = self.data()
        start = self.network()
        self.progress, self.losses = 0, []

        def report(epoch, losses):
            self.losses = list(losses)
            self.progress = epoch

        try:
            result = train(start, X, Y, self.learning_rate, self.epochs, callback=report,
                           every=self.every)
        except CourseInputError as error:
            self.message = f"{error} The previous result is kept."
            return None
        self.losses, self.progress = result.losses.tolist(), self.epochs
        self.trained = result.network
        self.accuracy = accuracy(result.network, X, Y)
        self.message = (f"Trained {self.epochs} epochs: loss {result.losses[0]:.4g} -> "
                        f"{result.losses[-1]:.4g}; {self.accuracy:.0%} of the "
                        f"{len(X)} samples on the right side of f = 0.5.")
        return result
