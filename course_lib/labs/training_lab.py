"""The training lab's state, played like TensorFlow Playground: play, pause, one epoch,
reset, speed; every choice kept valid.

    state = TrainingLabState()              # XOR, the article's network with biases, sigmoid
    state.set_learning_rate("0.5")          # True; junk is refused with a message
    state.play()                            # frames of `speed` epochs on the kernel's event loop
    state.pause(); state.step()             # stop; then exactly one epoch
    state.reset()                           # epoch 0, the starting weights
    state.run()                             # from epoch 0 to the end at once: a Training

Playing never blocks the kernel: a frame trains `speed` epochs (milliseconds), then asks
`scheduler` to call it again in `frame_seconds`; in Jupyter that is the kernel's asyncio
loop, which handles clicks (Pause) between frames. Views redraw when `frames` moves. Tests
pass their own scheduler; with no event loop (plain Python) play() trains to the end at once.
No widgets here: training_view.TrainingLab is the thin view; the networks and measurements
are topics.training_presets, the pictures views.boundary and views.sparkline.
"""
import asyncio
import math

import numpy as np
import traitlets

from ..core.errors import CourseInputError
from ..matrices.training import Training, train
from ..topics.datasets import DATASETS, load_dataset
from ..topics.training_presets import (HIDDEN_ACTIVATIONS, NETWORKS, SPEEDS, accuracy,
                                       boundary_summary, decision_grid, lab_network, loss_now,
                                       parse_epochs, parse_learning_rate, parse_speed)

#: The pause between two frames while playing: about eight redraws a second.
FRAME_SECONDS = 0.1
#: The decision boundary is computed on a GRID_STEPS x GRID_STEPS grid.
GRID_STEPS = 41


def event_loop_later(delay, callback):
    """Call `callback` after `delay` seconds on the running asyncio loop (the kernel's, in
    Jupyter) and return its handle (it has .cancel()); None when no loop is running."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return None
    return loop.call_later(delay, callback)


class TrainingLabState(traitlets.HasTraits):
    """The lab's choices and where training stands. Every action leaves the state valid: a
    bad value is refused with a message naming what is allowed and the previous value is
    kept; an epoch that diverges pauses training and keeps the last good network.

    `losses[i]` is the mean loss at epoch i, for i = 0 .. progress; `current` is the network
    at epoch `progress`. A new data set, network or activation starts again at epoch 0.
    """

    dataset = traitlets.Enum(tuple(DATASETS), default_value="xor")
    network_name = traitlets.Enum(tuple(NETWORKS), default_value="seed + biases")
    activation = traitlets.Enum(HIDDEN_ACTIVATIONS, default_value="sigmoid")
    learning_rate = traitlets.Float(2.0)
    epochs = traitlets.Int(2000)
    speed = traitlets.Int(20, help="epochs trained per frame while playing")
    frame_seconds = traitlets.Float(FRAME_SECONDS, help="the pause between two frames")
    progress = traitlets.Int(0, help="epochs trained so far")
    losses = traitlets.List(help="the mean loss at epoch 0, 1, ..., progress")
    current = traitlets.Any(None, help="the network at epoch `progress`")
    accuracy = traitlets.Float(math.nan)
    playing = traitlets.Bool(False)
    frames = traitlets.Int(0, help="moves each time the pictures change: views redraw then")
    message = traitlets.Unicode("")

    def __init__(self, scheduler=event_loop_later, **kwargs):
        self.scheduler, self._pending, self._data = scheduler, None, None
        super().__init__(**kwargs)
        self.reset()
        self.message = ""

    @traitlets.validate("learning_rate")
    def _valid_learning_rate(self, proposal):
        return parse_learning_rate(proposal["value"])

    @traitlets.validate("epochs")
    def _valid_epochs(self, proposal):
        return parse_epochs(proposal["value"], self.progress)

    @traitlets.validate("speed")
    def _valid_speed(self, proposal):
        return parse_speed(proposal["value"])

    @traitlets.observe("dataset", "network_name", "activation")
    def _start_again(self, change):
        self.reset()

    def data(self):
        """(X, Y) of the chosen data set."""
        if self._data is None or self._data[0] != self.dataset:
            self._data = (self.dataset, *load_dataset(self.dataset))
        return self._data[1:]

    def network(self):
        """The chosen network with its starting weights."""
        return lab_network(self.network_name, self.activation)

    # --- the boxes: text in, a message out -----------------------------------------------------
    def set_learning_rate(self, text):
        """Take a learning rate typed in a box. True if taken; otherwise the message says
        why and what is allowed, and the previous learning rate is kept."""
        return self._set("learning_rate", parse_learning_rate, text)

    def set_epochs(self, text):
        """Take a number of epochs typed in a box (not fewer than those already done); like
        set_learning_rate."""
        return self._set("epochs", lambda value: parse_epochs(value, self.progress), text)

    def set_speed(self, text):
        """Take a speed (epochs per frame, one of SPEEDS); like set_learning_rate."""
        return self._set("speed", parse_speed, text)

    def _set(self, name, parse, text):
        words = name.replace("_", " ")
        try:
            value = parse(text)
        except CourseInputError as error:
            self.message = f"{error} Kept {words} = {getattr(self, name):g}."
            return False
        setattr(self, name, value)
        self.message = f"{words} = {value:g}."
        return True

    # --- play, pause, one epoch, reset -----------------------------------------------------------
    def play(self):
        """Train `speed` epochs per frame, one frame every `frame_seconds`, until the last
        epoch or pause(). At the last epoch already, start again from epoch 0."""
        if self.playing:
            return
        if self.progress >= self.epochs:
            self.reset()
        self.playing = True
        self.message = f"Playing: {self.speed} epochs per frame."
        self._schedule()

    def pause(self):
        """Stop after the frame that is running (none is half done: frames run one at a time)."""
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None
        if self.playing:
            self.playing = False
            self.message = f"Paused at epoch {self.progress} of {self.epochs}."

    def step(self):
        """Pause, then train exactly one epoch. True if it did."""
        self.pause()
        if self.progress >= self.epochs:
            self.message = (f"All {self.epochs} epochs are done: raise epochs to go on, "
                            f"or press Reset.")
            return False
        if not self._advance(1):
            return False
        self.message = f"One epoch: now at epoch {self.progress}, loss {self.losses[-1]:.4g}."
        if self.progress >= self.epochs:
            self._finish()
        return True

    def reset(self):
        """Pause and go back to epoch 0: the chosen network's starting weights."""
        self.pause()
        X, Y = self.data()
        start = self.network()
        self.current, self.progress = start, 0
        self.losses = [loss_now(start, X, Y)]
        self.accuracy = accuracy(start, X, Y)
        self.message = "Epoch 0: the network's starting weights. Press Play or Step."
        self.frames += 1

    def tick(self):
        """One frame: train `speed` epochs (fewer before the last epoch) and redraw."""
        todo = min(self.speed, self.epochs - self.progress)
        if todo > 0 and self._advance(todo) and self.progress >= self.epochs:
            self._finish()

    def run_to_end(self):
        """Pause, then train the remaining epochs at once."""
        self.pause()
        if self.progress < self.epochs and self._advance(self.epochs - self.progress):
            self._finish()

    def run(self):
        """Train from epoch 0 to the end at once. Returns the Training (losses: the loss
        before each step, as train gives them), or None if it diverged (the message says so)."""
        self.reset()
        self.run_to_end()
        if self.progress < self.epochs:
            return None
        return Training(self.current, np.array(self.losses[:-1]))

    # --- inside ------------------------------------------------------------------------------------
    def _schedule(self):
        self._pending = self.scheduler(self.frame_seconds, self._frame_due)
        if self._pending is None:           # no event loop (plain Python): play to the end now
            self.run_to_end()

    def _frame_due(self):
        self._pending = None
        if self.playing:
            self.tick()
        if self.playing:
            self._schedule()

    def _advance(self, count):
        """Train `count` epochs from `current`. False (and paused) if they diverge."""
        X, Y = self.data()
        try:
            result = train(self.current, X, Y, self.learning_rate, count)
            now = loss_now(result.network, X, Y)
        except CourseInputError:
            now = math.nan
        if not math.isfinite(now):
            self.pause()
            self.message = (f"Training diverged within epochs {self.progress + 1} to "
                            f"{self.progress + count}: the numbers overflowed. Kept epoch "
                            f"{self.progress}. Use a learning rate smaller than "
                            f"{self.learning_rate:g}, or press Reset.")
            return False
        self.current = result.network
        self.losses = self.losses + result.losses[1:].tolist() + [now]
        self.progress += count
        self.accuracy = accuracy(result.network, X, Y)
        self.frames += 1
        return True

    def _finish(self):
        self.pause()
        X = self.data()[0]
        self.message = (f"Trained {self.epochs} epochs: loss {self.losses[0]:.4g} -> "
                        f"{self.losses[-1]:.4g}; {self.accuracy:.0%} of the {len(X)} samples "
                        f"on the right side of f = 0.5.")

    def boundary(self, steps=GRID_STEPS):
        """(DecisionGrid, BoundarySummary) of the network at the current epoch: what to draw."""
        X, Y = self.data()
        grid = decision_grid(self.current, X, steps)
        return grid, boundary_summary(self.current, X, Y, grid)
