"""The stepper's pass as data for its front end: every number and every line, once per pass.

    pass_data(state)      a dict of JSON values, sent to the browser as the Stepper's `plan`

No widget code and no arithmetic here: every number is the StepperState's (from forward()
and backward()), every code line the plan's (stepper_steps), every number written by the
course's formatters (views.style). A number carries `at`: how many steps are done when it
becomes known. The front end only chooses what to show for a position, so stepping,
highlighting and hover cards need no kernel.

    steps     [{name, kind, phase, node, current, code, numbers, extra, note}] in order
    svg       the diagram with every number, each <text data-name=... data-at=...>
    known     [[name, value, text, code, at]]: the table, in the order state.known lists it
    cards     {node or weight: {title, rows: [[label, text, at]], steps: [index, ...]}}
    chains    {weight: its chain (explain), stops, label, fan-outs on its way, path}
    receives  {node: {parts: [step index], total: step index}}: the errors it receives
    loss      {code, text, at, history, values}
"""
from ..core.explain import number
from ..core.names import error_name, slope_name
from ..core.plan import plan_of
from ..views.diagram import network_diagram, path_of
from ..views.style import signed
from .stepper_steps import loss_code, stops_of

#: Past this many weights and biases, only the chosen weight's chain is sent with a pass.
MAX_CHAINS = 64


def pass_data(state):
    """Everything the front end shows for the state's current pass (any position)."""
    dead, at = _dead(state), _known_at(state)
    steps = _steps(state, dead)
    by_name, numbers = {step["name"]: step for step in steps}, _numbers(state)
    svg = network_diagram(state.network, values=state.trace.values,
                          errors=state.gradients.values, gradients=state.gradients.weights,
                          title=f"The stepper's network, {state.network!r}", known_at=at)
    weights = (state.network.parameter_names if len(state.network.parameter_names) <= MAX_CHAINS
               else [state.weight])
    return {"steps": steps, "forward_count": state.forward_count, "svg": svg.svg,
            "width": svg.width, "height": svg.height, "known": _known(state, at, numbers),
            "cards": _cards(state, at, numbers),
            "chains": {w: _chain(state, w, at, by_name) for w in weights},
            "receives": _receives(state), "loss": _loss(state)}


def _known_at(state):
    """{name: steps done when it is known}, for every number the stepper can show."""
    at = dict.fromkeys([*state.network.inputs, *plan_of(state.network).correct.values(),
                        *state.network.weights], 0)
    for k, step in enumerate(state.steps, start=1):
        at[step.name] = k
        if step.kind == "activation":
            at[step.record.slope] = k
        if k == state.forward_count:
            at["L"] = k
    return at


def _numbers(state):
    """{name: the library's number} for everything the stepper can show: values, slopes,
    errors, weights, the correct answers, L, and the errors sent back to fan-out nodes."""
    numbers = {**state.trace.values, **state.trace.slopes, **state.gradients.values,
               **state.network.weights, "L": state.gradients.loss}
    numbers.update((name, state.correct[o]) for o, name in plan_of(state.network).correct.items())
    numbers.update((s.name, state.value_of(s)) for s in state.steps if s.kind == "contribution")
    return numbers


def _known(state, at, numbers):
    """The table's rows, [name, value, text, code, at], in the order state.known lists them."""
    return [[name, numbers[name], signed(numbers[name], 6), state.code[name], k]
            for name, k in at.items()]


def _steps(state, dead):
    """Each step: its code line, symbolic and with the numbers, and a word when it puzzles."""
    rows = []
    for step in state.steps:
        code, numbers = state.formula(step)
        extra = ""
        if step.kind == "activation":
            slope = step.record.slope
            extra = f"{slope} = {state.code[slope]} = {number(state.trace.slopes[slope])}"
        rows.append({"name": step.name, "kind": step.kind, "phase": step.phase,
                     "node": step.node, "current": step.current, "code": code,
                     "numbers": numbers, "extra": extra, "note": _note(state, step, dead)})
    return rows


def _dead(state):
    """{node: why} for every node whose activation's slope is 0 (a relu whose sum is <= 0)."""
    found = {}
    for record in plan_of(state.network).forward:
        if record.kind == "activation" and state.trace.slopes[record.slope] == 0:
            total = signed(state.trace.values[record.sum])
            rule = ("the relu's slope is 0 when its sum is ≤ 0" if record.activation == "relu"
                    else f"the {record.activation}'s slope is 0 there")
            found[record.node] = f"{record.sum} = {total}, and {rule}"
    return found


def _note(state, step, dead):
    """Why a backward number is exactly 0 when a dead activation (`dead`) stops the error:
    the dead nodes on its way to the outputs nearest to them are named."""
    if step.kind == "activation" and step.node in dead:
        return (f"{dead[step.node]}: so {step.node} = 0 and its slope "
                f"{slope_name(step.node)} = 0, and no error will pass back through {step.node}.")
    if not dead or step.phase != "backward" or state.value_of(step) != 0:
        return ""
    net = state.network
    reach, todo = set(), [t for _, t in net.outgoing.get(step.node, ())]
    if step.kind in ("sum error", "weight gradient", "bias gradient"):
        todo.append(step.node)                       # its own slope is in its chain too
    while todo:
        node = todo.pop()
        if node not in reach:
            reach.add(node)
            todo += [t for _, t in net.outgoing.get(node, ())]
    layer = {n: l for l, nodes in enumerate(net.layers) for n in nodes}
    blocked = [n for n in dead if n in reach]
    if not blocked:
        return ""
    last = max(layer[n] for n in blocked)
    blocked = [n for n in blocked if layer[n] == last]
    everything = set(blocked) == set(net.outputs)
    why = "; ".join(dead[n] for n in blocked)
    names = " and ".join(blocked)
    slopes = ", ".join(f"{slope_name(n)} = 0" for n in blocked)
    return (f"{slopes}: {why}. So no error passes back through {names}: "
            + ("every gradient is 0." if everything else f"every gradient behind {names} is 0."))


def _cards(state, at, numbers):
    """What hovering or focusing a node or an edge shows: its numbers and its code lines."""
    net, index = state.network, {s.name: k for k, s in enumerate(state.steps)}
    cards = {}
    for node in (n for layer in net.layers for n in layer):
        names = [n for n in ((net.incoming[node].sum,) if node in net.incoming else ())] + [node]
        names += [error_name(node)] + ([slope_name(node)] if node in net.incoming else [])
        rows = [[n, signed(numbers[n]), at[n]] for n in names if n in at]
        cards[node] = {"title": f"node {node}", "rows": rows,
                       "steps": [index[n] for n in names if n in index]}
    for target, incoming in net.incoming.items():
        for w, source in incoming.sources:
            gradient = error_name(w)
            cards[w] = {"title": f"weight {w}: from {source} to {target}",
                        "rows": [[w, signed(numbers[w]), 0],
                                 [gradient, signed(numbers[gradient]), at[gradient]]],
                        "steps": [index[incoming.sum], index[gradient]]}
    return cards


def _chain(state, weight, at, steps):
    """The chain of `weight`: its stops, explain()'s lines, and the fan-outs on its way."""
    chain = state.gradients.explain(weight)
    plan = plan_of(state.network)
    count = plan.path_counts[plan.step(error_name(weight)).node]
    on_path = path_of(state.network, weight)
    fan_outs = []
    for node in (n for layer in state.network.layers for n in layer):
        if node in on_path and len(state.network.outgoing.get(node, ())) > 1:
            c = state.gradients.contributions(node)
            fan_outs.append({"node": node, "count": len(c.parts), "total": error_name(node),
                             "text": signed(c.total), "at": at[error_name(node)],
                             "parts": [[t, code, signed(v)] for t, code, v in c.parts]})
    return {"stops": _stops_lines(stops_of(state.network, weight)), "symbolic": chain.symbolic,
            "numeric": chain.numeric, "reuse": chain.reuse, "text": signed(chain.value),
            "at": at[error_name(weight)], "path": sorted(on_path), "fan_outs": fan_outs,
            "label": "product" if count == 1 else f"sum of the {count:,} paths' products",
            "note": steps[error_name(weight)]["note"]}


def _stops_lines(stops):
    """The chain panel's lines for a Stops: one per path, or how many paths and where."""
    if stops.listed:
        return [" → ".join(path) for path in stops]
    layers = [" | ".join(layer) for layer in stops.layers]
    if len(layers) > 6:
        layers = layers[:3] + ["…"] + layers[-2:]
    return [f"{stops.path_count:,} paths (too many to list): " + " → ".join(layers)]


def _receives(state):
    """For every non-input node: the steps of the errors it receives, then of their sum."""
    index = {s.name: k for k, s in enumerate(state.steps)}
    found = {}
    for record in plan_of(state.network).backward:
        if record.kind in ("node error", "loss slope"):
            parts = [index[p.name] for p in getattr(record, "parts", ()) if p.name in index]
            found[record.node] = {"parts": parts, "total": index[record.name]}
    return found


def _loss(state):
    """L as code and its value (known once the outputs are); the loss after each update."""
    history = list(state.loss_history)
    return {"code": loss_code(state.network), "text": f"{state.gradients.loss:.6g}",
            "at": state.forward_count, "values": history,
            "history": [f"{v:.4g}" for v in history]}
