"""The stepper's view: `Stepper`, an anywidget on StepperState (course_lib.labs.stepper_widget).

    Stepper()                        # the article's network and sample
    Stepper(two_output_network())    # the article's open question: outputs f1 and f2

The widget sends the whole pass to the browser once and steps there (static/stepper.js);
the Python state follows every step. `course_lib.Stepper` is this name.
"""
from .stepper_widget import Stepper

__all__ = ["Stepper"]
