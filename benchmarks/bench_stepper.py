#!/usr/bin/env python3
"""Kernel-side cost of the stepper: one pass computed and sent, and one step followed.

    python benchmarks/bench_stepper.py                 # in a real ipykernel (default)
    python benchmarks/bench_stepper.py --in-process    # plain Python, widgets without a kernel

The stepper's browser side steps by itself; the kernel works only when a pass changes
(Update weights, Undo or Reset across passes, an edit) and when a step is reported back.
Timed here, exactly as the browser triggers them (no browser needed):

- "pass: ..."  one message from the browser that makes a new pass: the StepperState action,
  the whole pass built as data (course_lib.labs.stepper_panels.pass_data: every step, code
  line and number, the SVG diagram, cards, chains, table), written as JSON and set as the
  `plan` trait, which in a kernel is sent on iopub. Target: median <= 5 ms.
- "follow a step"  the browser's position arriving (set_state), the state following it.
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

    def timed(act, before, n):
        samples = []
        while len(samples) < n:
            before()
            start = time.perf_counter()
            act()
            samples.append((time.perf_counter() - start) * 1e3)
        return samples

    results = {}
    for label, network in (("seed 2-2-2-1", seed_network()),
                           ("two outputs 2-2-2-2", two_output_network())):
        stepper = Stepper(network)
        send = lambda **content: stepper._handle_custom_msg(content, [])
        counter = iter(range(1, 10**9))
        # what the browser does when it steps: the position, numbered by seq (stepper.js sync)
        place = lambda k: stepper.set_state({"position": k, "seq": next(counter)})
        last = lambda: place(len(stepper.state.steps))
        cases = {
            "pass: Update weights": (lambda: send(do="update"), last),
            "pass: edit I1": (lambda: send(do="set", what="input", name="I1",
                                           value=str(1 + next(counter) % 7 / 10)), lambda: None),
            "pass: Reset": (lambda: send(do="reset"), lambda: (last(), send(do="update"))),
            "follow a step": (lambda: place(1 + next(counter) % 30), lambda: None),
        }
        for name, (act, before) in cases.items():
            timed(act, before, 30)                                  # warm up
            samples = sorted(timed(act, before, N))
            assert stepper.state.check() == []
            assert stepper.position == stepper.state.position
            results[f"{label}|{name}"] = [statistics.median(samples),
                                          samples[int(0.9 * len(samples))], samples[-1]]
        results[f"{label}|plan size (KB)"] = [len(stepper.plan.encode()) / 1e3] * 3
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
    parser.add_argument("--samples", type=int, default=300, help="timed samples per case")
    options = parser.parse_args(argv)
    code = f"N = {options.samples}\n" + TIMING_CODE
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

    where = "in process (no kernel)" if options.in_process else "in an ipykernel (sent on iopub)"
    print(f"Stepper, kernel side, {options.samples} samples per case, {where}")
    print(f"{'network':<22}{'case':<24}{'median ms':>10}{'p90 ms':>9}{'max ms':>9}")
    worst = 0.0
    for key, (median, p90, top) in results.items():
        network, case = key.split("|")
        if case.startswith("pass"):
            worst = max(worst, median)
        if case.startswith("plan size"):
            print(f"{network:<22}{case:<24}{median:>10.1f}")
            continue
        print(f"{network:<22}{case:<24}{median:>10.3f}{p90:>9.3f}{top:>9.3f}")
    verdict = "meets" if worst <= TARGET_MS else "MISSES"
    print(f"worst median per pass {worst:.3f} ms: {verdict} the target of {TARGET_MS:g} ms")
    return 0 if worst <= TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
