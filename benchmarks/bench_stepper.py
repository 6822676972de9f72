#!/usr/bin/env python3
"""Kernel-side cost of one stepper click: the state update plus re-rendering everything shown.

    python benchmarks/bench_stepper.py                 # in a real ipykernel (default)
    python benchmarks/bench_stepper.py --in-process    # plain Python, widgets without a kernel

Each click is `button.click()`, which runs the same handler JupyterLab triggers: one
StepperState action, then the redraw (SVG diagram, step and chain panels, loss, table,
boxes). In a kernel every changed widget value is also serialised and sent on the
kernel's iopub channel, as it is for a real browser. Target: median <= 5 ms per click.
"""
import argparse
import json
import sys
import textwrap

TARGET_MS = 5.0

# Runs inside the kernel (or in this process); prints one JSON line of results.
TIMING_CODE = textwrap.dedent("""
    import json, statistics, time
    from course_lib import Stepper, seed_network, two_output_network

    def clicks(stepper, button, before, n):
        samples = []
        while len(samples) < n:
            before(stepper.state)
            start = time.perf_counter()
            button.click()
            samples.append((time.perf_counter() - start) * 1e3)
        return samples

    def to_forward(state):
        if state.forward_done:
            state.reset()

    def to_backward(state):
        if state.backward_done or not state.forward_done:
            state.reset()
            for _ in range(state.forward_count):
                state.forward()

    def to_start(state):
        if state.backward_done:
            state.reset()

    def to_done(state):
        state.full_step()

    results = {}
    for label, network in (("seed 2-2-2-1", seed_network()), ("two outputs 2-2-2-2", two_output_network())):
        stepper = Stepper(network)
        for name, button, before in (("Forward", stepper.forward_button, to_forward),
                                     ("Backward", stepper.backward_button, to_backward),
                                     ("Full step", stepper.full_step_button, to_start),
                                     ("Update weights", stepper.update_button, to_done)):
            clicks(stepper, button, before, 50)                     # warm up
            samples = sorted(clicks(stepper, button, before, N))
            assert stepper.state.check() == []
            results[f"{label}|{name}"] = [statistics.median(samples),
                                          samples[int(0.9 * len(samples))], samples[-1]]
    print("RESULTS " + json.dumps(results))
""")


def run_in_kernel(code):
    """Execute `code` in a fresh python3 kernel; return its stdout."""
    from jupyter_client.manager import start_new_kernel

    manager, client = start_new_kernel(kernel_name="python3")
    try:
        out = []
        reply = client.execute_interactive(
            code, timeout=600,
            output_hook=lambda msg: out.append(msg["content"].get("text", ""))
            if msg["msg_type"] == "stream" else None)
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"benchmark failed in the kernel: {reply['content']}")
        return "".join(out)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--in-process", action="store_true", help="no kernel: widgets not sent")
    parser.add_argument("--clicks", type=int, default=500, help="timed clicks per action")
    options = parser.parse_args(argv)
    code = f"N = {options.clicks}\n" + TIMING_CODE
    if options.in_process:
        import contextlib
        import io
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            exec(code, {})
        output = buffer.getvalue()
    else:
        output = run_in_kernel(code)
    line = next(l for l in output.splitlines() if l.startswith("RESULTS "))
    results = json.loads(line[len("RESULTS "):])

    where = "in process (no kernel)" if options.in_process else "in an ipykernel (values sent on iopub)"
    print(f"Stepper: kernel-side time per click, {options.clicks} clicks per action, {where}")
    print(f"{'network':<22}{'action':<16}{'median ms':>10}{'p90 ms':>9}{'max ms':>9}")
    worst = 0.0
    for key, (median, p90, top) in results.items():
        network, action = key.split("|")
        worst = max(worst, median)
        print(f"{network:<22}{action:<16}{median:>10.3f}{p90:>9.3f}{top:>9.3f}")
    verdict = "meets" if worst <= TARGET_MS else "MISSES"
    print(f"worst median {worst:.3f} ms: {verdict} the target of {TARGET_MS:g} ms")
    return 0 if worst <= TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
