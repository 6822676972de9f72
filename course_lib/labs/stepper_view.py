"""The stepper in JupyterLab: a thin ipywidgets view on StepperState.

    Stepper()                        # the article's network and sample
    Stepper(two_output_network())    # the article's open question: outputs f1 and f2

Every click or edit calls one StepperState action and redraws from the state:
the diagram (an SVG string from course_lib.diagram, well under a millisecond),
the current step's code line, the chosen weight's chain (from explain), the loss
and its history, and a table of the same numbers for screen readers and copying.
No logic lives here; the view never computes a number.
"""
from html import escape

import ipywidgets as widgets

from ..core.activations import ACTIVATIONS
from ..views.diagram import NEGATIVE, POSITIVE, network_diagram, path_of, signed
from ..core.explain import number
from ..core.names import correct_names
from .stepper_state import StepperState
from .training_lab import loss_sparkline

_CSS = """<style>
.stepper-diagram svg {max-width: 100%; height: auto;}
.stepper pre {white-space: pre-wrap; margin: 2px 0; font-size: 12px;}
.stepper-message {color: #D55E00; font-weight: bold;}
.stepper-table table {border-collapse: collapse; font-size: 12px;}
.stepper-table th, .stepper-table td {border: 1px solid #ccc; padding: 1px 6px; text-align: left;}
.stepper-table td.num {font-family: monospace; text-align: right;}
.stepper button:focus-visible, .stepper input:focus-visible, .stepper select:focus-visible
  {outline: 3px solid #0072B2 !important; outline-offset: -3px;}
</style>"""

_BUTTONS = (
    ("forward", "Forward", "Compute the next node: its sum sX, then its activation X"),
    ("backward", "Backward", "Compute the next derivative, from dL_wrt_f back to the first layer"),
    ("full-step", "Full step", "Forward and backward to the end: every number of this sample"),
    ("update", "Update weights", "w = w - learning_rate * dL_wrt_w for every weight, then go again"),
    ("undo", "Undo", "Go back one action"),
    ("reset", "Reset", "Back to the network, sample and settings the stepper started with"),
)


class Stepper(widgets.VBox):
    """Step one sample forward and backward through `network` (default: the article's).

    Keyword arguments go to StepperState (inputs, correct, learning_rate, weight).
    The state is `stepper.state`; the widgets are attributes (forward_button, ...,
    diagram, table) carrying CSS classes stepper-forward, ..., stepper-diagram, stepper-table.
    """

    def __init__(self, network=None, **options):
        self.state = StepperState(network, **options)
        net = self.state.network
        self._syncing = False

        self.buttons = {}
        for key, description, tooltip in _BUTTONS:
            button = widgets.Button(description=description, tooltip=tooltip)
            button.add_class(f"stepper-{key}")
            button.on_click(lambda _, key=key: self._act(key))
            self.buttons[key] = button
        self.forward_button, self.backward_button = self.buttons["forward"], self.buttons["backward"]
        self.full_step_button, self.update_button = self.buttons["full-step"], self.buttons["update"]
        self.undo_button, self.reset_button = self.buttons["undo"], self.buttons["reset"]

        box = dict(continuous_update=False, layout=widgets.Layout(width="150px"),
                   style={"description_width": "70px"})
        self.input_boxes = {name: widgets.Text(description=name, tooltip=f"Input {name} of the "
                                               "sample: type a number, then Enter", **box)
                            for name in net.inputs}
        single = len(net.outputs) == 1
        self.correct_boxes = {o: widgets.Text(description="correct" if single else f"correct {o}",
                                              tooltip=f"The right answer for {o}: type a number, "
                                                      "then Enter", **box) for o in net.outputs}
        self.learning_rate_box = widgets.Text(description="learning rate",
                                              tooltip="The step size of Update weights: "
                                                      "w = w - learning_rate * dL_wrt_w",
                                              continuous_update=False,
                                              layout=widgets.Layout(width="190px"),
                                              style={"description_width": "90px"})
        self.activation_dropdown = widgets.Dropdown(options=list(ACTIVATIONS),
                                                    description="activation",
                                                    tooltip="The activation function of every "
                                                            "node (the steps start again)",
                                                    layout=widgets.Layout(width="190px"),
                                                    style={"description_width": "70px"})
        self.weight_dropdown = widgets.Dropdown(options=list(net.parameter_names),
                                                description="weight",
                                                tooltip="The weight whose chain is shown: what "
                                                        "it goes through, factor by factor",
                                                layout=widgets.Layout(width="190px"),
                                                style={"description_width": "60px"})
        for name, text in self.input_boxes.items():
            text.add_class(f"stepper-input-{name}")
            text.observe(lambda c, name=name: self._edit(self.state.set_input, name, c["new"]),
                       "value")
        for o, text in self.correct_boxes.items():
            text.add_class("stepper-correct" if single else f"stepper-correct-{o}")
            text.observe(lambda c, o=o: self._edit(self.state.set_correct, c["new"], o), "value")
        self.learning_rate_box.add_class("stepper-learning-rate")
        self.learning_rate_box.observe(lambda c: self._edit(self.state.set_learning_rate, c["new"]),
                                       "value")
        self.activation_dropdown.add_class("stepper-activation")
        self.activation_dropdown.observe(lambda c: self._edit(self.state.set_activation, c["new"]),
                                         "value")
        self.weight_dropdown.add_class("stepper-weight")
        self.weight_dropdown.observe(lambda c: self._edit(self.state.choose_weight, c["new"]),
                                     "value")
        self.message = widgets.HTML()
        self.message.add_class("stepper-message")

        self.diagram = widgets.HTML()
        self.step_panel = widgets.HTML(layout=widgets.Layout(width="50%"))
        self.chain_panel = widgets.HTML(layout=widgets.Layout(width="50%"))
        self.loss_panel = widgets.HTML()
        self.table = widgets.HTML()
        for widget, name in ((self.diagram, "diagram"), (self.step_panel, "step"),
                             (self.chain_panel, "chain"), (self.loss_panel, "loss"),
                             (self.table, "table")):
            widget.add_class(f"stepper-{name}")

        inputs = [*self.input_boxes.values(), *self.correct_boxes.values(), self.learning_rate_box,
                  self.activation_dropdown, self.weight_dropdown]
        super().__init__([
            widgets.HTML(_CSS),
            widgets.HBox(list(self.buttons.values()), layout=widgets.Layout(flex_flow="row wrap")),
            widgets.HBox(inputs + [self.message], layout=widgets.Layout(flex_flow="row wrap")),
            self.diagram,
            widgets.HBox([self.step_panel, self.chain_panel]),
            self.loss_panel,
            self.table,
        ])
        self.add_class("stepper")
        self.refresh()

    # --- events: one state action each, then redraw -----------------------------------
    def _act(self, key):
        action = {"forward": self.state.forward, "backward": self.state.backward,
                  "full-step": self.state.full_step, "update": self.state.update,
                  "undo": self.state.undo, "reset": self.state.reset}[key]
        action()
        self.refresh()

    def _edit(self, action, *args):
        if not self._syncing:
            action(*args)
            self.refresh()

    # --- drawing ------------------------------------------------------------------------
    def refresh(self):
        """Redraw everything from the state (the diagram first: it is what the eye watches)."""
        state = self.state
        net, step = state.network, state.step
        values, errors, gradients = state.diagram_numbers()
        title = (f"Step {state.position} of {len(state.steps)}: {step.name}" if step
                 else "Before the first step: only the inputs and the weights are known")
        picture = network_diagram(net, values=values, errors=errors, gradients=gradients,
                                  highlight=path_of(net, state.weight),
                                  current=step.current if step else None, title=title)
        self.shown = picture.shown
        self.diagram.value = (
            f'<div class="stepper-svg">{picture.svg}</div>'
            f'<div style="font-size:12px">Look at the pink box or edge: it is the step just '
            f'computed. The green path is what {state.weight} goes through. '
            f'<span style="color:{POSITIVE}">+ blue</span> is positive, '
            f'<span style="color:{NEGATIVE}">− vermillion</span> is negative.</div>')
        self.step_panel.value = self._step_html()
        self.chain_panel.value = self._chain_html()
        self.loss_panel.value = self._loss_html()
        self.table.value = self._table_html()
        self.message.value = (f'<span role="alert">{escape(state.message)}</span>'
                              if state.message else "")
        self._sync_controls()

    def _sync_controls(self):
        """Show the state's values in the boxes (reverting a refused edit)."""
        self._syncing = True
        try:
            state = self.state
            for name, text in self.input_boxes.items():
                text.value = f"{state.inputs[name]:.15g}"
            for o, text in self.correct_boxes.items():
                text.value = f"{state.correct[o]:.15g}"
            self.learning_rate_box.value = f"{state.learning_rate:.15g}"
            self.activation_dropdown.value = state.activation
            self.weight_dropdown.value = state.weight
            self.buttons["undo"].disabled = not state.can_undo
        finally:
            self._syncing = False

    def _step_html(self):
        state, step = self.state, self.state.step
        if step is None:
            return ("<b>Step 0 of {}</b>: nothing computed yet. Press <b>Forward</b>: "
                    "the first node's sum comes first.".format(len(state.steps)))
        symbolic, numeric = state.formula(step)
        extra = ""
        if step.kind == "activation":
            slope = f"d{step.node}_wrt_{state.network.incoming[step.node][0]}"
            extra = (f"\n{slope} = activation_function_derivative({step.node}) = "
                     f"{number(state.known[slope])}")
        return (f"<b>Step {state.position} of {len(state.steps)} ({step.phase})</b>: "
                f"{escape(step.name)}<pre>{escape(symbolic)}\n{escape(numeric)}{escape(extra)}</pre>")

    def _chain_html(self):
        state = self.state
        weight, stops = state.weight, state.stops()
        lines = [f"<b>What does {weight} go through?</b>"]
        lines += [" → ".join(path) for path in stops]
        chain = state.chain
        parts = [f"<pre>{escape(chain.symbolic)}</pre>"]
        if state.chain_known:
            parts.append(f"<pre>{escape(chain.numeric)}\n{escape(chain.reuse)}</pre>")
            parts.append(f"product: dL_wrt_{weight} = <b>{signed(chain.value)}</b>")
        else:
            parts.append(f"<i>The numbers appear when Backward reaches dL_wrt_{weight}.</i>")
        known = state.known
        for contributions in state.fan_out_on_path():
            node = contributions.node
            if f"dL_wrt_{node}" not in known:
                continue
            items = "".join(f"<li>from {t}: {escape(code)} = {signed(v)}</li>"
                            for t, code, v in contributions.parts)
            parts.append(f"<div>Fan-out: {node} feeds {len(contributions.parts)} nodes, so it "
                         f"receives {len(contributions.parts)} errors:<ul>{items}</ul>"
                         f"summed (not averaged): dL_wrt_{node} = "
                         f"<b>{signed(contributions.total)}</b></div>")
        return "<br>".join(lines) + "".join(parts)

    def _loss_html(self):
        state = self.state
        code = " + ".join(f"({c} - {o})**2" for o, c in correct_names(state.network).items())
        if state.loss is None:
            now = f"L = {escape(code)}: not known yet (press Forward until the output is known)."
        else:
            now = f"L = {escape(code)} = <b>{state.loss:.6g}</b>"
        history = state.loss_history
        if history:
            shown = ", ".join(f"{v:.4g}" for v in history[-8:])
            now += (f"<br>Loss history (before the first update, then after each of "
                    f"{len(history) - 1} update{'s' if len(history) > 2 else ''}): "
                    f"{'…, ' if len(history) > 8 else ''}{shown}<br>"
                    f"{loss_sparkline(history, len(history))}")
        return now

    def _table_html(self):
        state = self.state
        rows = []
        for name, value in state.known.items():
            how = state.code[name]
            rows.append(f'<tr><th scope="row">{escape(name)}</th>'
                        f'<td class="num" data-name="{escape(name)}" data-value="{value!r}">'
                        f'{signed(value, 6)}</td><td><code>{escape(how)}</code></td></tr>')
        return ('<table><caption>Every number known so far, by its name in the article '
                '(the same numbers as on the diagram)</caption><thead><tr>'
                '<th scope="col">name</th><th scope="col">value</th><th scope="col">code</th>'
                '</tr></thead><tbody>' + "".join(rows) + "</tbody></table>")

    def __repr__(self):
        return f"Stepper({self.state.network!r}): press Forward to step through it"
