"""The browser harness works: JupyterLab in real Chromium runs notebooks and widgets respond.

Also measures the trivial baseline that the course's own widget tests compare against:
the click -> HTML-updated round trip of a bare ipywidgets Button.
"""

from __future__ import annotations

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook


def test_course_server_answers_with_news_and_autosave_off(jupyter_lab):
    status = jupyter_lab.api("api/status")
    assert "started" in status
    assert jupyter_lab.notebook_url("a b.ipynb") == (
        f"{jupyter_lab.base_url}lab/tree/a%20b.ipynb?reset&token={jupyter_lab.token}"
    )
    notification = jupyter_lab.api("lab/api/settings/@jupyterlab/apputils-extension:notification")
    assert notification["settings"]["fetchNews"] == "false"
    docmanager = jupyter_lab.api("lab/api/settings/@jupyterlab/docmanager-extension:plugin")
    assert docmanager["settings"]["autosave"] is False
    tracker = jupyter_lab.api("lab/api/settings/@jupyterlab/notebook-extension:tracker")
    assert tracker["settings"]["autoStartDefaultKernel"] is True


def test_run_all_cells_executes_every_cell(lab_server, browser_page, open_notebook, run_all_cells, tmp_path):
    nb = new_notebook(  # no kernelspec metadata: python3 must start without a dialog
        cells=[
            new_markdown_cell("# not code"),
            new_code_cell("import time\ntime.sleep(0.5)\nx = 6 * 7"),
            new_code_cell('print(f"answer={x}")'),
            new_code_cell("x + 1"),
        ]
    )
    nbformat.write(nb, str(tmp_path / "plain.ipynb"))
    server = lab_server(tmp_path)
    open_notebook(browser_page, server, "plain.ipynb")

    state = run_all_cells(browser_page)

    assert state["total"] == 3 and state["done"] == 3
    outputs = browser_page.locator(".jp-OutputArea-output").all_inner_texts()
    assert outputs == ["answer=42\n", "43"] or [o.strip() for o in outputs] == ["answer=42", "43"]
    prompts = [p.strip() for p in browser_page.locator(".jp-InputPrompt").all_inner_texts()]
    assert [p for p in prompts if p] == ["[1]:", "[2]:", "[3]:"]
    # autosave is off and nothing saved: the file on disk is untouched
    assert nbformat.read(str(tmp_path / "plain.ipynb"), as_version=4).cells[1].execution_count is None


def test_button_click_updates_html_widget(click_baseline):
    assert click_baseline.text_before == "clicked 0 times"
    assert click_baseline.text_after == f"clicked {len(click_baseline.samples_ms)} times"
    assert len(click_baseline.samples_ms) == 10
    assert all(0 < ms < 5_000 for ms in click_baseline.samples_ms), click_baseline.samples_ms
    assert click_baseline.screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    print(
        f"\nbaseline click -> HTML round trip: median {click_baseline.median_ms:.1f} ms "
        f"(min {min(click_baseline.samples_ms):.1f}, max {max(click_baseline.samples_ms):.1f}, "
        f"n={len(click_baseline.samples_ms)}): {[round(ms, 1) for ms in click_baseline.samples_ms]}; "
        f"screenshot {click_baseline.screenshot}"
    )
