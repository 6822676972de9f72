// The stepper's front end: an anywidget ES module (no imports, no build step, no network).
//
// Python (course_lib.labs.stepper_widget.Stepper) sends the whole pass once, as the `plan`
// trait: every step with its code line and its numbers, the diagram with every number
// (each <text data-at=k> is known once k steps are done), the cards, chains and the table.
// Stepping, highlighting and the hover cards happen here, with no kernel round trip; the
// position is sent back (`position`), and the Python state follows it. Update weights, Undo,
// Reset and every edit go to Python, which sends the next pass. This file computes no
// number: every number it shows is a string Python wrote.
//
// Keys, anywhere in the stepper but a text box: → next step, ← previous step, Home first,
// End last, u Update weights, z or Backspace Undo (the last action; a step is a place, not an
// action). JupyterLab's own shortcuts are off inside the stepper (data-lm-suppress-shortcuts).

const BUTTONS = [
  ["forward", "Forward", "Compute the next node: its sum sX, then its activation X (key →)"],
  ["backward", "Backward", "Compute the next derivative, from dL_wrt_f back to the first layer (key →)"],
  ["full-step", "Full step", "Forward and backward to the end: every number of this sample (key End)"],
  ["update", "Update weights", "w = w - learning_rate * dL_wrt_w for every weight, then go again (key u)"],
  ["undo", "Undo", "Take back the last action: an update, a reset, an edit, a weight (key z or Backspace; ← takes back a step)"],
  ["reset", "Reset", "Back to the network, sample and settings the stepper started with"],
];
let counter = 0;

function make(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "text") node.textContent = value;
    else if (value !== null && value !== undefined) node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}

// A line of code or numbers whose identifiers and numbers never break: each run of
// characters between spaces is a no-wrap span, and lines may wrap only at the spaces.
function code(line) {
  const out = make("div", { class: "stepper-code" });
  line.split(" ").forEach((word, k) => {
    if (k) out.append(" ");
    out.append(make("span", { text: word }));
  });
  return out;
}

function buildControls(root) {
  const bar = make("div", { class: "stepper-toolbar", role: "toolbar", "aria-label": "Stepper" });
  const buttons = {};
  for (const [key, label, tip] of BUTTONS) {
    buttons[key] = make("button", { type: "button", class: `stepper-button stepper-${key}`, title: tip, text: label });
    bar.append(buttons[key]);
  }
  const status = make("span", { class: "stepper-status" });
  bar.append(status);
  const settings = make("div", { class: "stepper-settings" });
  const message = make("div", { class: "stepper-message", role: "alert" });
  const keys = make("span", { class: "stepper-keys", text:
    "Keys: → next step, ← back, Home / End first / last, u update, z or Backspace undo. " +
    "Click an edge to study its weight, a node to see the errors it receives." });
  root.append(bar, settings, message);
  return { buttons, status, settings, message, keys };
}

function field(cls, id, label, tip, input) {
  input.id = id;
  input.title = tip;
  const box = make("span", { class: `stepper-field ${cls}` }, make("label", { for: id, text: label }), input);
  return box;
}

function select(options, value) {
  const menu = make("select");
  for (const option of options) menu.append(make("option", { value: option, text: option }));
  menu.value = value;
  return menu;
}

function render({ model, el }) {
  const id = `stepper-${++counter}`;
  const root = make("div", { class: "stepper", "data-lm-suppress-shortcuts": "true" });
  const ui = buildControls(root);
  const live = make("div", { class: "stepper-live", "aria-live": "polite", role: "status" });
  const diagram = make("div", { class: "stepper-diagram" });
  const card = make("div", { class: "stepper-card", role: "tooltip", id: `${id}-card`, hidden: "" });
  const figure = make("div", { class: "stepper-figure" }, diagram, card);
  const legend = make("div", { class: "stepper-legend" });
  legend.innerHTML = 'Pink dashed ring: the step just computed. Green solid ring: what the studied weight goes through. ' +
    '<span class="pos">+ blue</span> is positive, <span class="neg">− vermillion</span> is negative. ' +
    'A weight\'s chip: its name, its value, and <span class="nw">∂ = ∂L/∂w</span> (its gradient) once known.';
  const stepPanel = make("div", { class: "stepper-step" });
  const chainPanel = make("div", { class: "stepper-chain", "aria-live": "off" });
  const panels = make("div", { class: "stepper-panels" }, stepPanel, chainPanel);
  const loss = make("div", { class: "stepper-loss" });
  const table = make("details", { class: "stepper-table" });
  const big = make("input", { type: "checkbox", class: "stepper-big-box" });
  big.addEventListener("change", () => { model.set("big", big.checked); model.save_changes(); root.classList.toggle("stepper-large", big.checked); });
  const footer = make("div", { class: "stepper-footer" }, ui.keys,
    field("stepper-big", `${id}-big`, "large text", "Large text and a wider diagram, for a projector", big));
  root.append(live, figure, legend, panels, loss, table, footer);
  el.append(root);

  const view = { plan: null, position: 0, labels: [], rows: [], names: {}, current: null,
                 path: [], focus: null, hovered: null, seq: model.get("seq") || 0 };

  // --- what the diagram shows at a position -------------------------------------------
  function paintDiagram(from, to) {
    const low = Math.min(from, to), high = Math.max(from, to);
    for (const [node, at] of view.labels) {
      if (at > low && at <= high) node.setAttribute("visibility", at <= to ? "visible" : "hidden");
    }
    const step = view.plan.steps[to - 1];
    const current = step ? view.names[step.current] : null;
    if (view.current !== current) {
      if (view.current) view.current.classList.remove("is-current");
      if (current) current.classList.add("is-current");
      view.current = current;
    }
  }

  function paintPath() {
    for (const node of view.path) node.classList.remove("on-path");
    const chain = view.plan.chains[model.get("weight")];
    view.path = chain ? chain.path.map((name) => view.names[name]).filter(Boolean) : [];
    for (const node of view.path) node.classList.add("on-path");
  }

  function stepText(k) {
    const plan = view.plan, n = plan.steps.length;
    if (k === 0) return `Step 0 of ${n}: nothing computed yet`;
    const step = plan.steps[k - 1];
    return `Step ${k} of ${n} (${step.phase}): ${step.name}`;
  }

  function paintStep(k) {
    const plan = view.plan, step = plan.steps[k - 1];
    ui.status.textContent = `step ${k} of ${plan.steps.length}`;
    stepPanel.replaceChildren(make("div", { class: "stepper-title", text: stepText(k) }));
    if (!step) {
      stepPanel.append(make("div", { text: "Press Forward (or →): the first node's sum comes first." }));
      live.textContent = stepText(k);
      return;
    }
    stepPanel.append(code(step.code), code(step.numbers));
    if (step.extra) stepPanel.append(code(step.extra));
    if (step.note) stepPanel.append(make("div", { class: "stepper-note", text: step.note }));
    live.textContent = `${stepText(k)}. ${step.numbers}`;
  }

  function lines(parent, title, stepIndexes, k) {
    parent.append(make("div", { class: "stepper-title", text: title }));
    for (const index of stepIndexes) {
      const step = view.plan.steps[index];
      parent.append(code(index < k ? step.numbers : `${step.code}   (not known yet: step ${index + 1})`));
    }
  }

  function paintChain(k) {
    const plan = view.plan, focus = view.focus;
    chainPanel.replaceChildren();
    if (focus && focus.kind === "node") {
      const got = plan.receives[focus.name];
      if (!got) {
        chainPanel.append(make("div", { class: "stepper-title", text: `${focus.name} is an input: it receives no error.` }));
        return;
      }
      const count = got.parts.length;
      lines(chainPanel, count ? `What does ${focus.name} receive? ${count} errors, summed (not averaged):`
        : `What does ${focus.name} receive?`, [...got.parts, got.total], k);
      return;
    }
    const weight = model.get("weight"), chain = plan.chains[weight];
    if (!chain) {
      chainPanel.append(make("div", { text: `Loading the chain of ${weight}…` }));
      return;
    }
    chainPanel.append(make("div", { class: "stepper-title", text: `What does ${weight} go through?` }));
    for (const stop of chain.stops) chainPanel.append(code(stop));
    chainPanel.append(code(chain.symbolic));
    if (chain.at <= k) {
      chainPanel.append(code(chain.numeric), code(chain.reuse));
      const result = make("div", { class: "stepper-result" }, `${chain.label}: dL_wrt_${weight} = `);
      result.append(make("b", { text: chain.text }));
      chainPanel.append(result);
      if (chain.note) chainPanel.append(make("div", { class: "stepper-note", text: chain.note }));
    } else {
      chainPanel.append(make("div", { class: "stepper-later", text:
        `The numbers appear when Backward reaches dL_wrt_${weight} (step ${chain.at}).` }));
    }
    for (const fan of chain.fan_outs) {
      if (fan.at > k) continue;
      const box = make("div", { class: "stepper-fan-out", text:
        `Fan-out: ${fan.node} feeds ${fan.count} nodes, so it receives ${fan.count} errors:` });
      for (const [from, line, text] of fan.parts) box.append(code(`from ${from}: ${line} = ${text}`));
      const sum = make("div", {}, `summed (not averaged): ${fan.total} = `);
      sum.append(make("b", { text: fan.text }));
      box.append(sum);
      chainPanel.append(box);
    }
  }

  function paintLoss(k) {
    const plan = view.plan, known = k >= plan.loss.at;
    loss.replaceChildren();
    const now = make("span", { class: "stepper-loss-now" }, `L = ${plan.loss.code}`);
    if (known) {
      now.append(" = ");
      now.append(make("b", { text: plan.loss.text }));
    } else now.append(": not known yet (press Forward until the output is known).");
    loss.append(now);
    const history = plan.loss.history;
    if (history.length) {
      loss.append(make("span", { class: "stepper-history", text:
        ` Loss before the first update, then after each of ${history.length - 1} ` +
        `update${history.length === 2 ? "" : "s"}: ${history.slice(-6).join(", ")}` }));
      loss.append(sparkline(plan.loss.values, history));
    }
  }

  function paintTable(from, to) {
    const low = Math.min(from, to), high = Math.max(from, to);
    for (const [row, at] of view.rows) if (at > low && at <= high) row.hidden = at > to;
    view.summary.textContent = `Every number known so far, as a table (${view.rows.filter(([, at]) => at <= to).length})`;
  }

  function paint(from, to) {
    paintDiagram(from, to);
    paintStep(to);
    paintChain(to);
    if ((from < view.plan.loss.at) !== (to < view.plan.loss.at) || from === to) paintLoss(to);
    paintTable(from, to);
    if (view.hovered) showCard(view.hovered);
    paintButtons();
  }

  function paintButtons() {
    const plan = view.plan, k = view.position;
    ui.buttons.forward.setAttribute("aria-disabled", String(k >= plan.forward_count));
    ui.buttons.backward.setAttribute("aria-disabled", String(k < plan.forward_count || k >= plan.steps.length));
    // aria-disabled, not disabled: a button that is pressed and then becomes unavailable
    // keeps the keyboard focus (a disabled one would drop it to the page)
    ui.buttons.undo.setAttribute("aria-disabled", String(!model.get("can_undo")));
  }

  // --- the cards: a node's or an edge's numbers and code lines -------------------------
  function showCard(target) {
    const info = view.plan.cards[target.dataset.name];
    if (!info) return;
    const k = view.position;
    card.replaceChildren(make("div", { class: "stepper-title", text: info.title }));
    for (const [name, text, at] of info.rows) {
      card.append(code(at <= k ? `${name} = ${text}` : `${name}: not known yet (step ${at})`));
    }
    for (const index of info.steps) {
      const step = view.plan.steps[index];
      card.append(code(step.code));
      if (index < k) card.append(code(step.numbers));
    }
    const box = target.getBoundingClientRect(), outer = diagram.getBoundingClientRect();
    card.hidden = false;
    const left = Math.min(box.right - outer.left + 8, outer.width - card.offsetWidth - 4);
    card.style.left = `${Math.max(0, left)}px`;
    card.style.top = `${Math.max(0, box.top - outer.top)}px`;
    view.hovered = target;
  }

  function hideCard() {
    card.hidden = true;
    view.hovered = null;
  }

  // --- building a pass ------------------------------------------------------------------
  function buildDiagram(plan) {
    diagram.innerHTML = plan.svg;
    const svg = diagram.querySelector("svg");
    svg.setAttribute("role", "group");
    svg.setAttribute("aria-label", svg.querySelector("title").textContent +
      ". Tab to a node or an edge for its numbers; Enter chooses it.");
    svg.style.maxWidth = `${Math.round(plan.width * 1.12)}px`;
    view.names = {};
    for (const node of svg.querySelectorAll("g[data-name]")) {
      view.names[node.dataset.name] = node;
      node.setAttribute("tabindex", "0");
      node.setAttribute("role", "button");
      node.setAttribute("aria-describedby", `${id}-card`);
      node.setAttribute("aria-label", node.classList.contains("edge") ? `weight ${node.dataset.name}` : `node ${node.dataset.name}`);
    }
    view.labels = [...svg.querySelectorAll("text[data-at]")].map((node) => [node, Number(node.dataset.at)]);
    for (const [node, at] of view.labels) node.setAttribute("visibility", at <= view.position ? "visible" : "hidden");
    view.current = null;
    view.path = [];
  }

  function buildTable(plan) {
    view.summary = make("summary");
    const body = make("tbody");
    view.rows = plan.known.map(([name, value, text, how, at]) => {
      const row = make("tr", {}, make("th", { scope: "row", text: name }),
        make("td", { class: "num", "data-name": name, "data-value": String(value), text }),
        make("td", {}, make("code", { text: how })));
      row.hidden = at > view.position;
      body.append(row);
      return [row, at];
    });
    const head = make("thead", {}, make("tr", {}, make("th", { scope: "col", text: "name" }),
      make("th", { scope: "col", text: "value" }), make("th", { scope: "col", text: "code" })));
    const caption = make("caption", { text: "The same numbers as on the diagram, by their names in the article" });
    table.replaceChildren(view.summary, make("table", {}, caption, make("colgroup", {},
      make("col", { class: "name" }), make("col", { class: "value" }), make("col", {})), head, body));
  }

  // The boxes and menus: built when their set changes, else only given the state's values
  // (so a refused edit shows the kept value, and the focus stays where it was).
  function buildSettings() {
    const s = model.get("settings");
    if (!s || !s.inputs) return;
    const shape = JSON.stringify([Object.keys(s.inputs), Object.keys(s.correct), s.activations, s.parameters]);
    if (shape !== view.shape) {
      view.shape = shape;
      view.boxes = {};
      // a box hands its text over on Enter or when it loses the focus (once per new text)
      const send = (what, name) => (event) => {
        if (event.type === "keydown" && event.key !== "Enter") return;
        const input = event.target;
        if (input.dataset.sent === input.value && event.type !== "keydown") return;
        input.dataset.sent = input.value;
        tell({ do: "set", what, name, value: input.value });
      };
      const box = (key, cls, label, tip, input, what, name) => {
        input.addEventListener("change", what === "weight" ? (event) => chooseWeight(event.target.value) : send(what, name));
        if (input.tagName === "INPUT") input.addEventListener("keydown", send(what, name));
        view.boxes[key] = input;
        return field(cls, `${id}-${key}`, label, tip, input);
      };
      const text = () => make("input", { type: "text", size: "6" });
      const single = Object.keys(s.correct).length === 1;
      ui.settings.replaceChildren(
        ...Object.keys(s.inputs).map((name) => box(`input-${name}`, `stepper-input-${name}`, name,
          `Input ${name} of the sample: type a number, then Enter`, text(), "input", name)),
        ...Object.keys(s.correct).map((output) => box(`correct-${output}`,
          single ? "stepper-correct" : `stepper-correct-${output}`, single ? "correct" : `correct ${output}`,
          `The right answer for ${output}: type a number, then Enter`, text(), "correct", output)),
        box("learning-rate", "stepper-learning-rate", "learning rate",
          "The step size of Update weights: w = w - learning_rate * dL_wrt_w", text(), "learning_rate", null),
        box("activation", "stepper-activation", "activation",
          "The activation function of every node (the steps start again)", select(s.activations, s.activation), "activation", null),
        box("weight", "stepper-weight", "weight", "The weight whose chain is shown (or click its edge)",
          select(s.parameters, model.get("weight")), "weight", null));
    }
    const fill = (input, value) => { input.value = value; input.dataset.sent = value; };
    for (const [name, value] of Object.entries(s.inputs)) fill(view.boxes[`input-${name}`], value);
    for (const [output, value] of Object.entries(s.correct)) fill(view.boxes[`correct-${output}`], value);
    fill(view.boxes["learning-rate"], s.learning_rate);
    view.boxes.activation.value = s.activation;
    view.boxes.weight.value = model.get("weight");
  }

  function build() {
    const text = model.get("plan");
    if (!text) return;
    const plan = JSON.parse(text);
    view.plan = plan;
    // the model's position, if it is a step of this pass (an echo of a step taken in the
    // pass before may have landed since); else where Python sent the pass from
    view.position = model.get("pass_id") === plan.pass ? model.get("position") : plan.start;
    buildDiagram(plan);
    buildTable(plan);
    paintPath();
    paint(view.position, view.position);
  }

  // --- actions --------------------------------------------------------------------------
  // What the browser changes itself (position, weight) goes back as synced traits, numbered
  // by `seq`, with the pass the position counts steps of (`pass_id`); a message to Python
  // carries the same number and the place it was sent from, so Python never acts on a place
  // older than one it has already acted on (a trait update can wait in ipywidgets' queue
  // while a message overtakes it), nor carries a step of an old pass into a new one. The
  // next number is one more than any this page used (another view of the same widget
  // shares the model, so it counts on from the model's).
  function sync(changes) {
    view.seq = Math.max(view.seq, model.get("seq") || 0) + 1;
    model.set("seq", view.seq);
    model.set("pass_id", view.plan ? view.plan.pass : model.get("pass_id"));
    for (const [name, value] of Object.entries(changes)) model.set(name, value);
    model.save_changes();
  }

  function tell(content) {
    model.send({ ...content, seq: view.seq, position: view.position,
                 pass: view.plan ? view.plan.pass : null, weight: model.get("weight") });
  }

  function go(k) {
    const from = view.position;
    view.position = k;
    paint(from, k);
    ui.message.textContent = "";
    sync({ position: k, message: "" });
  }

  const python = (action) => tell({ do: action });
  function next() {
    const k = view.position;
    if (k < view.plan.steps.length) go(k + 1); else python("backward");
  }

  function press(key) {
    const plan = view.plan, k = view.position, n = plan.steps.length;
    if (key === "forward") { if (k < plan.forward_count) go(k + 1); else python("forward"); }
    else if (key === "backward") { if (k >= plan.forward_count && k < n) go(k + 1); else python("backward"); }
    else if (key === "full-step") { if (k < n) go(n); else python("full_step"); }
    else python(key);
  }

  function chooseWeight(name) {
    view.focus = { kind: "weight", name };
    sync({ weight: name });
    paintPath();
    paintChain(view.position);
    if (view.boxes) view.boxes.weight.value = name;
  }

  function choose(target) {
    if (target.classList.contains("edge")) chooseWeight(target.dataset.name);
    else {
      view.focus = { kind: "node", name: target.dataset.name };
      paintChain(view.position);
    }
  }

  // --- events ---------------------------------------------------------------------------
  for (const [key] of BUTTONS) ui.buttons[key].addEventListener("click", () => press(key));
  const KEYS = {
    ArrowRight: next,
    ArrowLeft: () => { if (view.position > 0) go(view.position - 1); },
    Home: () => go(0),
    End: () => go(view.plan.steps.length),
    u: () => python("update"), U: () => python("update"),
    z: () => python("undo"), Z: () => python("undo"), Backspace: () => python("undo"),
  };
  root.addEventListener("keydown", (event) => {
    const typing = event.target.closest("input[type=text], select, textarea");
    const act = KEYS[event.key];
    if (typing || !act || !view.plan || event.ctrlKey || event.metaKey || event.altKey) return;
    if ((event.key === "Enter" || event.key === " ") && event.target.closest("g[data-name]")) return;
    event.preventDefault();
    event.stopPropagation();
    act();
  });
  diagram.addEventListener("keydown", (event) => {
    const target = event.target.closest("g[data-name]");
    if (target && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      event.stopPropagation();
      choose(target);
    }
  });
  diagram.addEventListener("click", (event) => {
    const target = event.target.closest("g[data-name]");
    if (target) choose(target);
  });
  for (const kind of ["mouseover", "focusin"]) {
    diagram.addEventListener(kind, (event) => {
      const target = event.target.closest("g[data-name]");
      if (target && target !== view.hovered) showCard(target);
    });
  }
  diagram.addEventListener("mouseleave", hideCard);
  diagram.addEventListener("focusout", (event) => { if (!diagram.contains(event.relatedTarget)) hideCard(); });

  let pending = null;
  function later(what) {
    pending = pending || {};
    pending[what] = true;
    queueMicrotask(() => {
      const todo = pending;
      pending = null;
      if (!todo) return;
      if (todo.settings) buildSettings();
      if (todo.plan) build();
      else if (view.plan && (todo.position || todo.pass_id) && model.get("position") !== view.position
               && model.get("pass_id") === view.plan.pass) {
        const from = view.position;
        view.position = model.get("position");
        paint(from, view.position);
      }
      if (view.plan && todo.weight) {
        paintPath();
        paintChain(view.position);
        if (view.boxes) view.boxes.weight.value = model.get("weight");
      }
      big.checked = model.get("big");
      ui.message.textContent = model.get("message");
      root.classList.toggle("stepper-large", model.get("big"));
      if (view.plan) paintButtons();
    });
  }
  const listeners = ["plan", "position", "pass_id", "weight", "message", "can_undo", "big", "settings"]
    .map((name) => { const cb = () => later(name); model.on(`change:${name}`, cb); return [name, cb]; });
  later("settings");
  later("plan");
  return () => { for (const [name, cb] of listeners) model.off(`change:${name}`, cb); };
}

// The loss after each update, as a line on a log scale: x counts updates, not epochs.
function sparkline(values, texts) {
  const width = 180, height = 40, left = 4, right = 4, top = 4, bottom = 4;
  const logs = values.map((v) => Math.log10(Math.max(v, 1e-12)));
  const high = Math.max(...logs), low = Math.min(...logs), span = high - low || 1;
  const steps = Math.max(values.length - 1, 1);
  const points = logs.map((v, k) => `${(left + (k / steps) * (width - left - right)).toFixed(1)},` +
    `${(top + ((high - v) / span) * (height - top - bottom)).toFixed(1)}`).join(" ");
  const label = `Loss after each update (${values.length - 1} updates, log scale): from ${texts[0]} to ${texts[texts.length - 1]}`;
  const box = make("span", { class: "stepper-sparkline" });
  box.innerHTML = `<svg width="${width}" height="${height}" role="img" aria-label="${label}" ` +
    `xmlns="http://www.w3.org/2000/svg"><title>${label}</title><rect x="0.5" y="0.5" width="${width - 1}" ` +
    `height="${height - 1}" fill="none" stroke="#8c8c8c"/><polyline points="${points}" fill="none" ` +
    `stroke="#0072B2" stroke-width="2"/></svg>`;
  box.append(make("span", { class: "stepper-axis", text: `update 0 … ${values.length - 1}` }));
  return box;
}

export default { render };
