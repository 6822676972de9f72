"""What check_backprop says about deliberately broken passes (issue 10's measurement).

For each mistake the course knows (course_lib.topics.misconceptions.ALL_MISCONCEPTIONS) a
learner-style pass with that mistake, written here as straight lines: the seed network, or
for the bias gradient a 2-3-1 tanh network with biases. Each is checked twice: returning every
value it computed, and returning the weight (and bias) gradients only. The table prints the
mistaken line, the first wrong name and the mistake check_backprop names. A few more rows: the
stale weights changed in the dict the pass was given, bias gradients left out, typed-in answers.

Run: python benchmarks/own_pass_verdicts.py      (the cases are drawn from a fixed seed)
"""
import math
import time

from course_lib import SEED_WEIGHTS, check_backprop, make_network
from course_lib.topics.misconceptions import ALL_MISCONCEPTIONS

SEED = 2024
TANH_NET = make_network((2, 3, 1), "tanh", biases=True, seed=3)


def sig(s):
    return 1.0 / (1.0 + math.exp(-s))


def seed_pass(w, inputs, c, mistake=None, lr=0.5, mutate=False):
    """The article's network forward and backward, one line per value; `mistake` changes
    the kind of line it names, everywhere that line occurs."""
    I1, I2, correct = inputs["I1"], inputs["I2"], c["correct"]
    v = {"I1": I1, "I2": I2}
    for node, (a, b) in {"A": ("I1", "I2"), "B": ("I1", "I2"), "C": ("A", "B"),
                         "D": ("A", "B"), "f": ("C", "D")}.items():
        s = v[a] * w[f"w_{a}_{node}"] + v[b] * w[f"w_{b}_{node}"]
        v["s" + node.upper()], v[node] = s, sig(s)
    f = v["f"]

    def slope(x):                                       # dX_wrt_sX, from X
        return {"no_activation_slope": 1.0,
                "slope_from_sum": v["s" + x.upper()] * (1 - v["s" + x.upper()])}.get(
                    mistake, v[x] * (1 - v[x]))

    def factor(x, weight):                              # dsY_wrt_w_X_Y
        return {"sum_for_activation": v.get("s" + x, v[x]),
                "weight_for_node_value": w[weight]}.get(mistake, v[x])

    d = {"L": correct - f if mistake == "naive_loss" else (correct - f) ** 2,
         "dL_wrt_f": {"naive_loss": -1.0, "drop_factor_2": f - correct,
                      "flipped_sign": 2 * (correct - f)}.get(mistake, 2 * (f - correct))}
    w = w if mutate else dict(w)
    for layer, back in ((("f",), ("C", "D")), (("C", "D"), ("A", "B")), (("A", "B"), ("I1", "I2"))):
        for node in layer:
            d["dL_wrt_s" + node.upper()] = d["dL_wrt_" + node] * slope(node)
        for node in layer:
            for x in back:
                d[f"dL_wrt_w_{x}_{node}"] = d["dL_wrt_s" + node.upper()] * factor(x, f"w_{x}_{node}")
                if mistake == "stale_weights":
                    w[f"w_{x}_{node}"] -= lr * d[f"dL_wrt_w_{x}_{node}"]
        for x in back if back[0] != "I1" else ():
            parts = [d["dL_wrt_s" + node.upper()] * (v[x] if mistake == "node_value_for_weight"
                                                     else w[f"w_{x}_{node}"]) for node in layer]
            d["dL_wrt_" + x] = sum(parts) / (len(parts) if mistake == "average_fan_out" else 1)
    return {**{k: x for k, x in v.items() if k not in inputs}, **d}


def tanh_pass(w, inputs, c, zero_bias=False, leave_out_biases=False):
    """2-3-1, tanh, biases: straight lines; the bias gradients 0 or left out."""
    v = dict(inputs)
    for node in "ABC":
        v["s" + node] = v["I1"] * w[f"w_I1_{node}"] + v["I2"] * w[f"w_I2_{node}"] + w[f"b_{node}"]
        v[node] = math.tanh(v["s" + node])
    sF = sum(v[x] * w[f"w_{x}_f"] for x in "ABC") + w["b_f"]
    f = math.tanh(sF)
    d = {"dL_wrt_f": 2 * (f - c["correct"])}
    d["dL_wrt_sF"] = d["dL_wrt_f"] * (1 - f * f)
    for x in "ABC":
        d[f"dL_wrt_w_{x}_f"] = d["dL_wrt_sF"] * v[x]
        d["dL_wrt_s" + x] = d["dL_wrt_sF"] * w[f"w_{x}_f"] * (1 - v[x] ** 2)
        for i in ("I1", "I2"):
            d[f"dL_wrt_w_{i}_{x}"] = d["dL_wrt_s" + x] * v[i]
    if not leave_out_biases:
        for x in "ABCF":
            d["dL_wrt_b_" + (x if x != "F" else "f")] = 0.0 if zero_bias else d["dL_wrt_s" + x]
    return d


def gradients_only(out):
    return {k: x for k, x in out.items() if k.startswith(("dL_wrt_w_", "dL_wrt_b_"))}


LINES = {
    "average_fan_out": "dL_wrt_A = (dL_wrt_sC*w_A_C + dL_wrt_sD*w_A_D) / 2",
    "stale_weights": "w_C_f -= lr*dL_wrt_w_C_f, then dL_wrt_C = dL_wrt_sF * w_C_f",
    "no_activation_slope": "dL_wrt_sF = dL_wrt_f * 1",
    "naive_loss": "L = correct - f;  dL_wrt_f = -1",
    "drop_factor_2": "dL_wrt_f = f - correct",
    "flipped_sign": "dL_wrt_f = 2*(correct - f)",
    "slope_from_sum": "dL_wrt_sF = dL_wrt_f * sF*(1 - sF)",
    "sum_for_activation": "dL_wrt_w_C_f = dL_wrt_sF * sC",
    "weight_for_node_value": "dL_wrt_w_C_f = dL_wrt_sF * w_C_f",
    "node_value_for_weight": "dL_wrt_C = dL_wrt_sF * C",
    "missing_bias_gradient": "dL_wrt_b_f = 0   (2-3-1 tanh, biases)",
}


def rows():
    """(mistake, line, verdict with every value, verdict with gradients only)."""
    for mistake, line in LINES.items():
        if mistake == "missing_bias_gradient":
            full = check_backprop(lambda w, i, c: tanh_pass(w, i, c, zero_bias=True), TANH_NET,
                                  seed=SEED)
            only = check_backprop(lambda w, i, c: gradients_only(tanh_pass(w, i, c, True)),
                                  TANH_NET, seed=SEED)
        else:
            full = check_backprop(lambda w, i, c: seed_pass(w, i, c, mistake), seed=SEED)
            only = check_backprop(lambda w, i, c: gradients_only(seed_pass(w, i, c, mistake)),
                                  seed=SEED)
        yield mistake, line, full, only
    typed = seed_pass(dict(SEED_WEIGHTS), {"I1": 1.0, "I2": 0.5}, {"correct": 1.0})
    extra = [
        ("stale_weights", "(in the dict given, lr 0.1)",
         lambda w, i, c: seed_pass(w, i, c, "stale_weights", lr=0.1, mutate=True), None),
        ("missing_bias_gradient", "(dL_wrt_b_* left out)",
         lambda w, i, c: tanh_pass(w, i, c, leave_out_biases=True), TANH_NET),
        ("—", "(typed-in seed answers)", lambda w, i, c: dict(typed), None),
        ("correct", "(no mistake)", lambda w, i, c: seed_pass(w, i, c), None),
    ]
    for mistake, line, my_pass, net in extra:
        full = check_backprop(my_pass, net, seed=SEED)
        only = check_backprop(lambda w, i, c: gradients_only(my_pass(w, i, c)), net, seed=SEED)
        yield mistake, line, full, only


def main():
    head = ("mistake", "the broken line", "first_wrong (every value)",
            "first_wrong (gradients only)", "mistake named", "")
    widths = (22, 58, 26, 28, 22, 3)
    print("  ".join(h.ljust(n) for h, n in zip(head, widths)))
    named = total = 0
    start = time.perf_counter()
    for mistake, line, full, only in rows():
        names = {full.mistake, only.mistake}
        expected = {None} if mistake in ("—", "correct") else {mistake}
        ok = names == expected and full.passed == only.passed == (mistake == "correct")
        found = " / ".join(str(m) for m in dict.fromkeys((full.mistake, only.mistake)))
        cells = (mistake, line, str(full.first_wrong), str(only.first_wrong), found,
                 "ok" if ok else "!!")
        print("  ".join(c.ljust(n) for c, n in zip(cells, widths)))
        if mistake in ALL_MISCONCEPTIONS:
            total += 2
            named += (full.mistake == mistake) + (only.mistake == mistake)
    took = time.perf_counter() - start
    print(f"\nnamed: {named} of {total} broken passes ({len(LINES)} mistakes and 2 variants, each "
          f"returning every value and the gradients only); {took:.2f} s for all the checks.")


if __name__ == "__main__":
    main()
